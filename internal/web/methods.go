package web

import (
	"net/http"
	"strings"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/snapshot"
	"github.com/localup/localup/internal/stats"
)

// methodsPage explains how profiles are built: intervals, comparisons,
// ranks, trends, spine charts and similar areas, with the default
// similar-areas indicators as this snapshot has them.
type methodsPage struct {
	basePage
	DefaultK, MaxK int
	MinCoverage    string
	MinRowShare    string
	TrendPoints    int
	TrendThreshold string
	Models         []methodsModel
	SpineMinN      int
}

// methodsModel is one area type's default similar-areas indicators.
type methodsModel struct {
	ID, Heading       string
	Compared, LeftOut int
	Columns           []similarColumn
}

func (s *Server) methods(w http.ResponseWriter, r *http.Request) error {
	snap := s.snap()
	p := methodsPage{basePage: s.base(r, "How figures are compared"), DefaultK: snapshot.DefaultK, MaxK: snapshot.MaxK,
		MinCoverage: formatNumber(snapshot.MinCoverage*100, 0) + "%", MinRowShare: formatNumber(snapshot.MinRowShare*100, 0) + "%",
		TrendPoints: stats.TrendPoints, TrendThreshold: formatNumber(stats.TrendChiSquaredThreshold, 2), SpineMinN: spineMinN}
	// Local authorities first: the comparison most people want.
	for _, t := range []localup.AreaType{localup.AreaLAD, localup.AreaCounty, localup.AreaCombinedAuthority,
		localup.AreaRegion, localup.AreaCountry} {
		m, ok := snap.SimilarModel(t)
		if !ok {
			continue
		}
		mm := methodsModel{ID: "model-" + string(t), Heading: strings.ToLower(t.Label()), Compared: len(m.Areas), LeftOut: len(m.LeftOut)}
		for _, c := range m.Columns {
			mm.Columns = append(mm.Columns, similarColumn{Title: c.Indicator.Title, Period: c.Period.Label(), Areas: c.Areas})
		}
		p.Models = append(p.Models, mm)
	}
	return s.render(w, http.StatusOK, "methods", p)
}
