package web

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/snapshot"
)

// latestRow is one indicator's latest figure, formatted, with its source.
type latestRow struct {
	Indicator    localup.Indicator
	Value        string
	Status       string
	Unit         string
	Interval     string
	Period       string
	PeriodISO    string
	Source       string
	SourceURL    string
	Licence      string
	DatasetID    string
	DatasetTitle string
}

type topicTable struct {
	ID    string
	Topic string
	Rows  []latestRow
}

type areaPage struct {
	basePage
	Area      localup.Area
	TypeName  string
	Parent    *localup.Area
	Country   *localup.Area
	Ancestors []localup.Area
	Topics    []topicTable
	Children  []areaSection
}

func (s *Server) area(w http.ResponseWriter, r *http.Request) error {
	snap := s.snap()
	code := strings.ToUpper(strings.TrimSpace(r.PathValue("code")))
	a, ok := snap.Area(code)
	if !ok {
		return localup.Errorf(localup.ENOTFOUND, "There is no area with the code %q.", r.PathValue("code"))
	}
	if code != r.PathValue("code") {
		http.Redirect(w, r, "/areas/"+code, http.StatusMovedPermanently)
		return nil
	}
	p := areaPage{basePage: s.base(r, a.Name), Area: a, TypeName: typeName(a.Type)}
	if parent, ok := snap.Parent(a); ok {
		p.Parent = &parent
	}
	if c, ok := snap.Area(a.Country); ok {
		p.Country = &c
	}
	p.Ancestors = ancestors(snap, a)
	p.Topics = topicTables(snap.Latest(a.Code))
	p.Children = childSections(snap.Children(a.Code))
	return s.render(w, http.StatusOK, "area", p)
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

// topicTables groups latest values by topic, whatever the case the
// publisher wrote it in: topics in alphabetical order, indicators without
// one last, and indicators in Latest's order (by title) within each.
func topicTables(latest []snapshot.Latest) []topicTable {
	idx := make(map[string]int)
	var out []topicTable
	for _, l := range latest {
		key := strings.ToLower(strings.TrimSpace(l.Indicator.Topic))
		i, ok := idx[key]
		if !ok {
			label := "Other indicators"
			if key != "" {
				label = capitalise(strings.TrimSpace(l.Indicator.Topic))
			}
			i = len(out)
			idx[key] = i
			out = append(out, topicTable{ID: slug(label), Topic: label})
		}
		out[i].Rows = append(out[i].Rows, newLatestRow(l))
	}
	slices.SortStableFunc(out, func(a, b topicTable) int {
		other := func(t topicTable) bool { return t.Topic == "Other indicators" }
		return cmp.Or(compareBool(other(a), other(b)), cmp.Compare(strings.ToLower(a.Topic), strings.ToLower(b.Topic)))
	})
	return out
}

// capitalise upper-cases the first letter of s: publishers write topics
// as "economy" or "Economy".
func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

func newLatestRow(l snapshot.Latest) latestRow {
	ind, o, d := l.Indicator, l.Observation, l.Dataset
	row := latestRow{
		Indicator: ind, Value: formatValue(ind, o.Value), Status: statusText(o.Status), Unit: ind.Unit,
		Interval: formatInterval(ind, o), Period: o.Period.Label(), PeriodISO: o.Period.String(),
		Source: ind.Source, SourceURL: ind.SourceURL, Licence: ind.Licence,
		DatasetID: o.DatasetID, DatasetTitle: d.Title,
	}
	if row.Unit == "" {
		row.Unit = ind.Measure
	}
	if row.Source == "" {
		row.Source = d.Publisher
	}
	if row.SourceURL == "" {
		row.SourceURL = d.SourceURL
	}
	if row.Licence == "" {
		row.Licence = d.Licence
	}
	if row.DatasetTitle == "" {
		row.DatasetTitle = o.DatasetID
	}
	return row
}

// statusText explains an observation status flag in words.
func statusText(flag string) string {
	switch flag {
	case "":
		return ""
	case "u":
		return "low reliability"
	case "x":
		return "not available"
	case "z":
		return "not applicable"
	case "c":
		return "confidential"
	}
	return flag
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

// slug turns a heading into an HTML id.
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
