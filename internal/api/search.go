package api

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/localup/localup"
)

// maxSuggestions is how many places a search suggests.
const maxSuggestions = 10

// Search answers GET /api/v1/search?q=: up to ten places whose name
// contains the query or whose code it is, best matches first, for the home
// page's search suggestions. An empty query finds nothing.
func (a *API) Search(w http.ResponseWriter, r *http.Request) error {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if utf8.RuneCountInString(q) > maxQuery || !utf8.ValidString(q) {
		return localup.Errorf(localup.EINVALID, "q must be at most %d characters", maxQuery)
	}
	out := AreaList{Areas: []Area{}}
	if q != "" {
		for _, ar := range a.snap().Search(q) {
			if len(out.Areas) == maxSuggestions {
				break
			}
			out.Areas = append(out.Areas, newArea(ar))
		}
	}
	out.Count = len(out.Areas)
	return writeJSON(w, out)
}
