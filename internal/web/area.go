package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/chart"
	"github.com/localup/localup/internal/snapshot"
)

// areaPage is an area's profile: every indicator's latest figure with its
// benchmarks, judgements, rank, trend and spine chart, grouped by
// levelling-up mission or topic.
type areaPage struct {
	basePage
	Area       localup.Area
	TypeName   string
	TypePlural string // "local authorities"
	Parent     *localup.Area
	Country    *localup.Area
	Ancestors  []localup.Area
	Notices    []notice
	// National names the national benchmark column; NationalNote says
	// why it is not England.
	National     string
	NationalNote string
	HasRegion    bool
	Compare      *localup.Area
	CompareCode  string // the form's value
	GroupBy      string // "mission" or "topic"
	Groups       []profileGroup
	Similar      []localup.Area
	Key          []keyItem
	CSVURL       string
	XLSXURL      string
	SimilarURL   string
	RowCount     int
	Children     []areaSection
	// Locator is a small map of where the area lies; empty when there
	// are no boundaries for its type.
	Locator template.HTML
}

func (s *Server) area(w http.ResponseWriter, r *http.Request) error {
	raw := r.PathValue("code")
	// GET /areas/{code}.csv: the mux matches whole segments only, so the
	// profile's CSV arrives here.
	if c, ok := strings.CutSuffix(raw, ".csv"); ok {
		return s.areaCSV(w, r, c)
	}
	if c, ok := strings.CutSuffix(raw, ".xlsx"); ok {
		return s.areaXLSX(w, r, c)
	}
	snap := s.snap()
	code := strings.ToUpper(strings.TrimSpace(raw))
	a, ok := snap.Area(code)
	if !ok {
		return localup.Errorf(localup.ENOTFOUND, "There is no area with the code %q.", raw)
	}
	if code != raw {
		target := "/areas/" + code
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
		return nil
	}
	if r.URL.RawQuery == "" {
		return s.renderOnce(w, snap, "page/areas/"+a.Code, "area", func() (any, error) { return s.newAreaPage(r, snap, a) })
	}
	p, err := s.newAreaPage(r, snap, a)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "area", p)
}

// newAreaPage reads the page's parameters (compare, group) and builds it.
func (s *Server) newAreaPage(r *http.Request, snap *snapshot.Snapshot, a localup.Area) (areaPage, error) {
	q := r.URL.Query()
	compare, err := snap.ParseCompare(q.Get("compare"))
	if err != nil {
		return areaPage{}, err
	}
	groupBy := q.Get("group")
	switch groupBy {
	case "":
		groupBy = "mission"
	case "mission", "topic":
	default:
		return areaPage{}, localup.Errorf(localup.EINVALID, "group must be mission or topic")
	}
	prof, _ := snap.Profile(a.Code)
	p := areaPage{basePage: s.base(r, a.Name), Area: a, TypeName: typeName(a.Type), GroupBy: groupBy,
		TypePlural: strings.ToLower(a.Type.Label()),
		Compare:    compare, CompareCode: q.Get("compare"), Similar: prof.Similar, HasRegion: prof.Region != nil,
		CSVURL: "/areas/" + url.PathEscape(a.Code) + ".csv", XLSXURL: "/areas/" + url.PathEscape(a.Code) + ".xlsx", SimilarURL: "/areas/" + url.PathEscape(a.Code) + "/similar",
		RowCount: len(prof.Rows)}
	if compare != nil {
		p.CSVURL += "?compare=" + url.QueryEscape(compare.Code)
		p.XLSXURL += "?compare=" + url.QueryEscape(compare.Code)
	}
	if parent, ok := snap.Parent(a); ok {
		p.Parent = &parent
	}
	if c, ok := snap.Area(a.Country); ok {
		p.Country = &c
	}
	p.National, p.NationalNote = nationalNames(prof)
	p.Ancestors = ancestors(snap, a)
	p.Notices = lineageNotices(snap, a)
	p.Groups = profileGroups(snap, prof, compare, groupBy)
	p.Key = spineKey()
	p.Children = childSections(snap.Children(a.Code))
	p.Locator = s.locator(a)
	return p, nil
}

// nationalNames names the national benchmark column and, when it is not
// England, says so.
func nationalNames(p *snapshot.Profile) (name, note string) {
	if p.National == nil {
		return "National", ""
	}
	switch p.National.Code {
	case localup.CodeEngland:
		return p.National.Name, ""
	case localup.CodeUK:
		return p.National.Name, "Nations are compared with the United Kingdom."
	}
	return p.National.Name, "Areas in " + p.National.Name + " are compared with " + p.National.Name +
		", not England. Where " + p.National.Name + " has no figure for the period, the United Kingdom is used, and the row says so."
}

// ancestors lists the area's parents, widest first, for the breadcrumbs.
func ancestors(snap *snapshot.Snapshot, a localup.Area) []localup.Area {
	var out []localup.Area
	seen := map[string]bool{a.Code: true}
	for p, ok := snap.Parent(a); ok && !seen[p.Code]; p, ok = snap.Parent(p) {
		seen[p.Code] = true
		out = append([]localup.Area{p}, out...)
	}
	return out
}

// childSections lists an area's children under one heading per type.
func childSections(children []localup.Area) []areaSection {
	var out []areaSection
	for _, c := range children {
		if len(out) == 0 || out[len(out)-1].Areas[0].Type != c.Type {
			out = append(out, areaSection{Heading: c.Type.Label()})
		}
		out[len(out)-1].Areas = append(out[len(out)-1].Areas, c)
	}
	return out
}

// slug turns text into lower-case letters and digits joined by dashes,
// for HTML ids and file names.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

// locator draws where the area lies, on the latest boundaries that hold it;
// areas without boundaries (counties, neighbourhoods) get no map.
func (s *Server) locator(a localup.Area) template.HTML {
	if s.atlas == nil {
		return ""
	}
	layers := s.atlas.Layers()
	for i := len(layers) - 1; i >= 0; i-- {
		l := layers[i]
		if l.Area(a.Code) == nil {
			continue
		}
		svg, err := chart.Locator(s.atlas, l.Year, a.Code, chart.LocatorOptions{Meta: chart.Meta{ID: "locator"}})
		if err != nil {
			s.log.Debug("no locator map", "area", a.Code, "err", err)
			return ""
		}
		return svg
	}
	return ""
}
