package web

import (
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"

	"github.com/localup/localup/internal/numfmt"
)

//go:embed templates
var templateFS embed.FS

// pageNames are the page templates; each is parsed with the base layout
// and the shared partials.
var pageNames = []string{"home", "search", "area", "datasets", "error", "similar", "methods",
	"allocate", "allocate_place", "allocate_sensitivity", "allocate_compare", "indicator", "area_indicator", "compare",
	"missions", "mission", "area_missions"}

// parseTemplates parses every page once, at start-up, so that a broken
// template stops the server from starting rather than failing a request.
func parseTemplates(fsys fs.FS, funcs template.FuncMap) (map[string]*template.Template, error) {
	out := make(map[string]*template.Template, len(pageNames))
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(fsys,
			"templates/base.tmpl", "templates/partials.tmpl", "templates/"+name+".tmpl")
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

// navItem is one link of the service navigation.
type navItem struct {
	Href, Text string
	Current    bool
}

// basePage is what the layout needs from every page.
type basePage struct {
	Title    string // page title, before " – localup"
	Nav      []navItem
	HasGovUK bool // GOV.UK Frontend's files were built in
}

// base returns the layout data for a page titled title.
func (s *Server) base(r *http.Request, title string) basePage {
	nav := []navItem{{Href: "/", Text: "Places"}, {Href: "/missions", Text: "Missions"}, {Href: "/allocate", Text: "Allocate"}, {Href: "/datasets", Text: "Datasets"}, {Href: "/api/v1/openapi.yaml", Text: "API"}}
	for i := range nav {
		p := r.URL.Path
		nav[i].Current = p == nav[i].Href || (nav[i].Href == "/" && (strings.HasPrefix(p, "/areas/") || p == "/search")) ||
			(nav[i].Href == "/allocate" && strings.HasPrefix(p, "/allocate/")) ||
			(nav[i].Href == "/missions" && strings.HasPrefix(p, "/missions/"))
	}
	return basePage{Title: title, Nav: nav, HasGovUK: s.assets.Has("govuk/govuk-frontend.min.css")}
}

// render executes a page into a buffer first, so that a template error
// becomes an error page rather than half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, data any) error {
	b, err := s.execute(name, data)
	if err != nil {
		return err
	}
	return writeHTML(w, status, b)
}

// funcs are the helpers templates may call.
func (s *Server) funcs() template.FuncMap {
	return template.FuncMap{
		"asset":    s.assets.URL,
		"areaURL":  func(code string) string { return "/areas/" + url.PathEscape(code) },
		"value":    formatValue,
		"interval": formatInterval,
		"number":   formatNumber,
		"date":     formatDate,
		"datetime": formatDateTime,
		"bytes":    formatBytes,
		"plural":   numfmt.Plural,
		"float":    func(n int) float64 { return float64(n) },
	}
}
