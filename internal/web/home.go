package web

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/snapshot"
)

// searchForm is the state of the place search form.
type searchForm struct {
	Query string
	Error string
}

// Errors is the form's problem for the error summary, linked to its input.
func (f searchForm) Errors() fieldErrors {
	if f.Error == "" {
		return nil
	}
	return fieldErrors{{Field: "q", Message: f.Error}}
}

// areaSection is a list of areas under one heading, optionally an area.
type areaSection struct {
	Heading string
	Parent  localup.Area
	Areas   []localup.Area
}

// areaGroup is one type of area on the home page, such as the regions,
// or the local authorities split into sections by region.
type areaGroup struct {
	ID       string
	Heading  string
	Areas    []localup.Area
	Sections []areaSection
}

type homePage struct {
	basePage
	Search searchForm
	Groups []areaGroup
}

// homeTypes are the area types the home page lists, in order.
var homeTypes = []localup.AreaType{localup.AreaCountry, localup.AreaRegion, localup.AreaLAD,
	localup.AreaCombinedAuthority, localup.AreaCounty}

func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	snap := s.snap()
	p := homePage{basePage: s.base(r, "Explore statistics about your area")}
	for _, t := range homeTypes {
		areas := snap.CurrentAreas(t)
		if len(areas) == 0 {
			continue
		}
		g := areaGroup{ID: string(t), Heading: t.Label(), Areas: areas}
		if t == localup.AreaLAD {
			g.Heading = "Local authorities by region"
			g.Sections = byParent(snap, areas)
		}
		p.Groups = append(p.Groups, g)
	}
	return s.render(w, http.StatusOK, "home", p)
}

// byParent splits areas into sections by parent: English regions first by
// name, then the other nations, then areas whose parent is unknown.
func byParent(snap *snapshot.Snapshot, areas []localup.Area) []areaSection {
	idx := make(map[string]int)
	var out []areaSection
	for _, a := range areas {
		i, ok := idx[a.ParentCode]
		if !ok {
			sec := areaSection{Heading: "Other local authorities"}
			if p, found := snap.Area(a.ParentCode); found {
				sec.Parent = p
				sec.Heading = p.Name
			}
			i = len(out)
			idx[a.ParentCode] = i
			out = append(out, sec)
		}
		out[i].Areas = append(out[i].Areas, a)
	}
	rank := func(s areaSection) int {
		switch {
		case s.Parent.Code == "":
			return 3
		case s.Parent.Type == localup.AreaRegion:
			return 0
		case s.Parent.Code == localup.CodeWales:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(out, func(a, b areaSection) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a.Heading, b.Heading))
	})
	return out
}

// maxQuery bounds a search query; no place name is longer.
const maxQuery = 100

// maxResults bounds the search results shown.
const maxResults = 50

type searchResult struct {
	Area       localup.Area
	TypeName   string
	ParentName string
}

type searchPage struct {
	basePage
	Search   searchForm
	Searched bool
	Results  []searchResult
	Total    int
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) error {
	snap := s.snap()
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	p := searchPage{basePage: s.base(r, "Search for a place"), Search: searchForm{Query: q}}
	status := http.StatusOK
	switch {
	case !r.URL.Query().Has("q"):
	case q == "":
		p.Search.Error = "Enter a place name or area code"
	case utf8.RuneCountInString(q) > maxQuery || !utf8.ValidString(q):
		p.Search.Error = "Place name must be 100 characters or fewer"
	default:
		p.Searched = true
		found := snap.Search(q)
		p.Total = len(found)
		for _, a := range found[:min(len(found), maxResults)] {
			res := searchResult{Area: a, TypeName: typeName(a.Type)}
			if parent, ok := snap.Parent(a); ok {
				res.ParentName = parent.Name
			}
			p.Results = append(p.Results, res)
		}
		p.Title = "Places matching ‘" + q + "’"
	}
	if p.Search.Error != "" {
		p.Title = "Error: " + p.Title
		status = http.StatusBadRequest
	}
	return s.render(w, status, "search", p)
}

// typeName is the singular name of an area type.
func typeName(t localup.AreaType) string {
	switch t {
	case localup.AreaUK:
		return "UK or Great Britain"
	case localup.AreaCountry:
		return "Country"
	case localup.AreaRegion:
		return "Region of England"
	case localup.AreaITL1:
		return "ITL1 region"
	case localup.AreaCombinedAuthority:
		return "Combined authority"
	case localup.AreaCounty:
		return "County"
	case localup.AreaLAD:
		return "Local authority"
	case localup.AreaPoliceForce:
		return "Police force area"
	case localup.AreaLSOA:
		return "Neighbourhood (LSOA)"
	}
	return "Area"
}
