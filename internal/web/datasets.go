package web

import (
	"net/http"

	"github.com/localup/localup"
)

type datasetsPage struct {
	basePage
	Datasets []localup.Dataset
}

func (s *Server) datasets(w http.ResponseWriter, r *http.Request) error {
	p := datasetsPage{basePage: s.base(r, "Datasets"), Datasets: s.snap().Datasets()}
	return s.render(w, http.StatusOK, "datasets", p)
}
