package api

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/localup/localup"
)

// maxQuery bounds the q parameter; no place name is longer.
const maxQuery = 100

// Areas answers GET /api/v1/areas: every area, or those matching the
// filters type (an area type), parent (a parent's code) and q (part of
// the name, or a code; best matches first).
func (a *API) Areas(w http.ResponseWriter, r *http.Request) error {
	snap := a.snap()
	qs := r.URL.Query()
	typ := localup.AreaType(qs.Get("type"))
	if typ != "" && !typ.Valid() {
		return localup.Errorf(localup.EINVALID, "type %q is not an area type; use one of %s", typ, typeList())
	}
	parent := strings.ToUpper(strings.TrimSpace(qs.Get("parent")))
	if parent != "" && !localup.ValidCode(parent) {
		return localup.Errorf(localup.EINVALID, "parent %q is not an area code", qs.Get("parent"))
	}
	q := strings.TrimSpace(qs.Get("q"))
	if utf8.RuneCountInString(q) > maxQuery || !utf8.ValidString(q) {
		return localup.Errorf(localup.EINVALID, "q must be at most %d characters", maxQuery)
	}
	var areas []localup.Area
	switch {
	case q != "":
		areas = snap.Search(q)
	case parent != "":
		areas = snap.Children(parent)
	case typ != "":
		areas = snap.Areas(typ)
	default:
		areas = snap.AllAreas()
	}
	out := AreaList{Areas: []Area{}}
	for _, ar := range areas {
		if (typ != "" && ar.Type != typ) || (parent != "" && ar.ParentCode != parent) {
			continue
		}
		out.Areas = append(out.Areas, newArea(ar))
	}
	out.Count = len(out.Areas)
	return writeJSON(w, out)
}

func typeList() string {
	var s []string
	for _, t := range localup.AreaTypes {
		s = append(s, string(t))
	}
	return strings.Join(s, ", ")
}

// Area answers GET /api/v1/areas/{code}: the area, its parent and
// children, and the latest figure of every indicator it has.
func (a *API) Area(w http.ResponseWriter, r *http.Request) error {
	snap := a.snap()
	code := r.PathValue("code")
	ar, ok := snap.Area(code)
	if !ok {
		return localup.Errorf(localup.ENOTFOUND, "no area has the code %q", code)
	}
	out := AreaDetail{Area: newArea(ar), Children: []AreaRef{}, Latest: []LatestValue{}}
	if p, ok := snap.Parent(ar); ok {
		ref := newAreaRef(p)
		out.Parent = &ref
	}
	for _, c := range snap.Children(ar.Code) {
		out.Children = append(out.Children, newAreaRef(c))
	}
	for _, l := range snap.Latest(ar.Code) {
		ind, o := l.Indicator, l.Observation
		v := LatestValue{Indicator: ind.ID, Title: ind.Title, Topic: ind.Topic, Unit: ind.Unit,
			Period: o.Period.String(), PeriodLabel: o.Period.Label(),
			Value: Number(o.Value), Lower: Number(o.Lower), Upper: Number(o.Upper), Status: o.Status,
			Dataset: o.DatasetID, Source: ind.Source, Licence: ind.Licence}
		out.Latest = append(out.Latest, v)
	}
	return writeJSON(w, out)
}
