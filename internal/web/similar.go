package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/snapshot"
)

// similarPage lists an area's most similar areas of the same type, with
// what makes each similar or different, beside ONS's own groupings.
type similarPage struct {
	basePage
	Area       localup.Area
	TypePlural string
	Ancestors  []localup.Area
	K          int
	MaxK       int
	Custom     bool
	Note       string
	Options    []indicatorOption
	Columns    []similarColumn
	Compared   int
	LeftOut    int
	Neighbours []similarRow
	Clusters   []clusterView
	Published  []localup.Area
	APIURL     string
}

// indicatorOption is one checkbox of the indicator chooser.
type indicatorOption struct {
	ID, Title, Period string
	Checked           bool
}

// similarColumn is one compared indicator.
type similarColumn struct {
	Title, Period string
	Areas         int
}

// similarRow is one similar area.
type similarRow struct {
	Rank          int
	Area          localup.Area
	Distance      string
	Alike         []string
	Different     []string
	Contributions []contributionRow
}

// contributionRow is one indicator's part in a distance.
type contributionRow struct {
	Title, Value, Other, Share string
	Missing                    bool
}

// clusterView is the area's group in one ONS classification.
type clusterView struct {
	Scheme, Group, Description string
	Members                    []localup.Area
}

// schemeNames names the ONS classification schemes the page shows.
var schemeNames = []struct{ id, name string }{
	{snapshot.SchemeONSGlobal, "ONS local authority clusters (all indicators)"},
	{snapshot.SchemeONSEconomic, "ONS local authority clusters (economic indicators)"},
	{snapshot.SchemeONSDemographic, "ONS local authority clusters (demographic indicators)"},
}

func (s *Server) similar(w http.ResponseWriter, r *http.Request) error {
	snap := s.snap()
	raw := r.PathValue("code")
	a, ok := snap.Area(raw)
	if !ok {
		return localup.Errorf(localup.ENOTFOUND, "There is no area with the code %q.", raw)
	}
	q := r.URL.Query()
	query, err := snap.ParseSimilarQuery(q.Get("k"), q["indicators"])
	if err != nil {
		return err
	}
	res, err := snap.Similar(a.Code, query)
	if err != nil {
		return err
	}
	p := similarPage{basePage: s.base(r, "Areas similar to "+a.Name), Area: a, TypePlural: strings.ToLower(a.Type.Label()),
		Ancestors: append(ancestors(snap, a), a), K: query.K, MaxK: snapshot.MaxK, Custom: len(query.Indicators) > 0,
		Note: res.Note, APIURL: "/api/v1/areas/" + url.PathEscape(a.Code) + "/similar?" + q.Encode()}
	chosen := map[string]bool{}
	if m := res.Model; m != nil {
		p.Compared, p.LeftOut = len(m.Areas), len(m.LeftOut)
		for _, c := range m.Columns {
			chosen[c.Indicator.ID] = true
			p.Columns = append(p.Columns, similarColumn{Title: c.Indicator.Title, Period: c.Period.Label(), Areas: c.Areas})
		}
	}
	for _, c := range snap.SimilarCandidates(a.Type) {
		p.Options = append(p.Options, indicatorOption{ID: c.Indicator.ID, Title: c.Indicator.Title,
			Period: c.Period.Label(), Checked: chosen[c.Indicator.ID]})
	}
	for i, n := range res.Neighbours {
		p.Neighbours = append(p.Neighbours, newSimilarRow(i+1, a, n))
	}
	for _, sc := range schemeNames {
		g, ok := snap.Group(sc.id, a.Code)
		if !ok {
			continue
		}
		cv := clusterView{Scheme: sc.name, Group: g.Group, Description: snap.GroupDescription(sc.id, g.Group)}
		for _, code := range snap.GroupMembers(sc.id, g.Group) {
			if m, ok := snap.Area(code); ok && code != a.Code {
				cv.Members = append(cv.Members, m)
			}
		}
		p.Clusters = append(p.Clusters, cv)
	}
	for _, n := range snap.PublishedNeighbours(snapshot.SchemeONSGlobal, a.Code) {
		if m, ok := snap.Area(n.Neighbour); ok {
			p.Published = append(p.Published, m)
		}
	}
	return s.render(w, http.StatusOK, "similar", p)
}

func newSimilarRow(rank int, a localup.Area, n snapshot.SimilarArea) similarRow {
	row := similarRow{Rank: rank, Area: n.Area, Distance: strconv.FormatFloat(n.Distance, 'f', 2, 64)}
	describe := func(c snapshot.Contribution) string {
		return fmt.Sprintf("%s (%s and %s)", c.Indicator.Title, formatValue(*c.Indicator, c.Value), formatValue(*c.Indicator, c.NeighbourValue))
	}
	// At most three each, and never the same indicator in both lists.
	show := max(1, min(3, len(n.Alike(len(n.Contributions)))/2))
	for _, c := range n.Alike(show) {
		row.Alike = append(row.Alike, describe(c))
	}
	for _, c := range n.Different(show) {
		row.Different = append(row.Different, describe(c))
	}
	for _, c := range n.Contributions {
		cr := contributionRow{Title: c.Indicator.Title, Value: formatValue(*c.Indicator, c.Value),
			Other: formatValue(*c.Indicator, c.NeighbourValue), Share: formatNumber(100*c.Share, 1) + "%", Missing: c.Missing}
		row.Contributions = append(row.Contributions, cr)
	}
	return row
}
