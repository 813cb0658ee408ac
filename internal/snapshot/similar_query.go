package snapshot

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/stats"
)

// maxQueryIndicators bounds a custom similar-areas request.
const maxQueryIndicators = 100

// SimilarQuery asks for an area's k most similar areas over a set of
// indicators; no indicators means the default set.
type SimilarQuery struct {
	K          int
	Indicators []string
}

// ParseSimilarQuery reads the k and indicators parameters of the
// similar-areas page and API. k is a whole number from 1 to MaxK (DefaultK
// when empty); indicators are indicator IDs, each value possibly a
// comma-separated list. Errors are EINVALID and name the parameter.
func (s *Snapshot) ParseSimilarQuery(k string, indicators []string) (SimilarQuery, error) {
	q := SimilarQuery{K: DefaultK}
	if k = strings.TrimSpace(k); k != "" {
		n, err := strconv.Atoi(k)
		if err != nil || n < 1 || n > MaxK {
			return SimilarQuery{}, localup.Errorf(localup.EINVALID, "k must be a whole number from 1 to %d", MaxK)
		}
		q.K = n
	}
	seen := map[string]bool{}
	for _, v := range indicators {
		for _, id := range strings.Split(v, ",") {
			id = strings.TrimSpace(id)
			if id == "" || seen[id] {
				continue
			}
			if _, ok := s.Indicator(id); !ok {
				return SimilarQuery{}, localup.Errorf(localup.EINVALID, "indicators: there is no indicator with the id %q", id)
			}
			seen[id] = true
			q.Indicators = append(q.Indicators, id)
		}
	}
	if len(q.Indicators) > maxQueryIndicators {
		return SimilarQuery{}, localup.Errorf(localup.EINVALID, "indicators: at most %d indicators may be compared", maxQueryIndicators)
	}
	return q, nil
}

// SimilarResult is an area's most similar areas under one model.
type SimilarResult struct {
	Area       localup.Area
	Model      *SimilarModel // nil when the area type has no model
	K          int
	Neighbours []SimilarArea
	// Note says why there are no neighbours; "" when there are.
	Note string
}

// SimilarArea is one similar area, its distance, and each indicator's part
// in that distance, in the model's column order.
type SimilarArea struct {
	Area          localup.Area
	Distance      float64
	Contributions []Contribution
}

// Contribution is one indicator's part in the distance between the area
// and a similar area, as stats.Contributions defines it.
type Contribution struct {
	Column         int
	Indicator      *localup.Indicator
	Period         localup.Period
	Value          float64 // the area's figure; NaN if missing
	NeighbourValue float64 // the similar area's figure; NaN if missing
	ZA, ZB         float64 // z-scores; 0 where a figure is missing
	Missing        bool    // either figure is missing and was imputed
	SquaredDiff    float64 // (ZA − ZB)²: the indicator's term of the squared distance
	Share          float64 // SquaredDiff as a share of the squared distance
}

// Alike returns up to n indicators on which the two areas are closest,
// leaving out imputed ones: what makes them similar.
func (a SimilarArea) Alike(n int) []Contribution {
	return a.ranked(n, func(x, y Contribution) int { return cmp.Compare(x.SquaredDiff, y.SquaredDiff) })
}

// Different returns up to n indicators that separate the two areas most,
// leaving out imputed ones.
func (a SimilarArea) Different(n int) []Contribution {
	return a.ranked(n, func(x, y Contribution) int { return cmp.Compare(y.SquaredDiff, x.SquaredDiff) })
}

func (a SimilarArea) ranked(n int, order func(x, y Contribution) int) []Contribution {
	var cs []Contribution
	for _, c := range a.Contributions {
		if !c.Missing {
			cs = append(cs, c)
		}
	}
	slices.SortStableFunc(cs, order)
	return cs[:min(n, len(cs))]
}

// Similar returns the area's q.K most similar areas of the same type. The
// default indicator set is read from the precomputed model; a custom set
// builds a model for the area's type and scans once for this one area.
// ENOTFOUND for an unknown area; EINVALID (naming "indicators") when a
// requested indicator has too few figures for areas of this type. An area
// that is not compared (abolished, or with too few figures) gets no
// neighbours and a Note saying why.
func (s *Snapshot) Similar(code string, q SimilarQuery) (*SimilarResult, error) {
	a, ok := s.Area(code)
	if !ok {
		return nil, localup.Errorf(localup.ENOTFOUND, "There is no area with the code %q.", code)
	}
	if q.K < 1 || q.K > MaxK {
		return nil, localup.Errorf(localup.EINVALID, "k must be a whole number from 1 to %d", MaxK)
	}
	res := &SimilarResult{Area: a, K: q.K, Neighbours: []SimilarArea{}}
	m, err := s.modelFor(a.Type, q.Indicators)
	if err != nil {
		return nil, err
	}
	res.Model = m
	if m == nil {
		res.Note = fmt.Sprintf("Similar areas are not calculated for %s.", strings.ToLower(a.Type.Label()))
		return res, nil
	}
	i, ok := m.row[a.Code]
	switch {
	case !ok && !a.Current():
		res.Note = fmt.Sprintf("The code %s is no longer in use. Similar areas are found among areas in use today.", a.Code)
		return res, nil
	case !ok:
		res.Note = fmt.Sprintf("%s has figures for fewer than half of the %d indicators compared, too few to find similar areas.", a.Name, len(m.Columns))
		return res, nil
	}
	var nb []stats.Neighbour
	if m.nb != nil {
		nb = m.nb[i][:min(q.K, len(m.nb[i]))]
	} else if nb, err = stats.NeighboursOf(m.x, i, q.K); err != nil {
		return nil, fmt.Errorf("snapshot.Similar(%s): %w", code, err)
	}
	for _, n := range nb {
		res.Neighbours = append(res.Neighbours, SimilarArea{Area: m.Areas[n.Index], Distance: n.Distance,
			Contributions: m.contributions(i, n.Index)})
	}
	return res, nil
}

// modelFor returns the default model of type t, or a new one over ids.
func (s *Snapshot) modelFor(t localup.AreaType, ids []string) (*SimilarModel, error) {
	if len(ids) == 0 {
		return s.similar[t], nil
	}
	if !slices.Contains(SimilarTypes, t) {
		return nil, nil
	}
	inds := make([]*localup.Indicator, len(ids))
	for k, id := range ids {
		i, ok := s.indicatorID[id]
		if !ok {
			return nil, localup.Errorf(localup.EINVALID, "indicators: there is no indicator with the id %q", id)
		}
		inds[k] = &s.indicators[i]
	}
	m, rejected := s.newModel(t, inds)
	if len(rejected) > 0 {
		return nil, localup.Errorf(localup.EINVALID,
			"indicators: %q has figures for too few %s to compare (fewer than %.0f%% in every period)",
			rejected[0], strings.ToLower(t.Label()), MinCoverage*100)
	}
	return m, nil
}

// contributions breaks the distance between rows a and b down by column
// from the stored z-scores (stats.ContributionsZ), with each column's
// indicator, period and the two areas' values.
func (m *SimilarModel) contributions(a, b int) []Contribution {
	cs := stats.ContributionsZ(m.x, m.z, a, b)
	out := make([]Contribution, len(cs))
	for c, s := range cs {
		out[c] = Contribution{Column: c, Indicator: m.Columns[c].Indicator, Period: m.Columns[c].Period,
			Value: m.x.At(a, c), NeighbourValue: m.x.At(b, c), ZA: s.ZA, ZB: s.ZB, Missing: s.Missing,
			SquaredDiff: s.SquaredDiff, Share: s.Share}
	}
	return out
}
