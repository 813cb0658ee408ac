package snapshot

import (
	"math"
	"slices"
	"strings"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/stats"
)

// Similar-areas settings, documented on the /methods page.
const (
	// DefaultK is how many similar areas a profile averages and a page lists.
	DefaultK = 15
	// MaxK is the most similar areas a request may ask for.
	MaxK = 50
	// MinCoverage is the share of an area type's current areas that must
	// have a figure in a period for an indicator to be compared in it.
	MinCoverage = 0.75
	// MinRowShare is the share of the compared indicators an area needs
	// figures for to take part in the comparison.
	MinRowShare = 0.5
)

// DefaultSimilarityIndicator reports whether an indicator is in the default
// similar-areas set: the indicators of ONS Explore Local Statistics, that
// is those described by an ELS release (dataset IDs starting "els_") or by
// an ONS subnational indicators dataset ("ids-"). Deprivation ranks,
// population counts and council finances are left out: they describe size
// and deprivation rather than the outcomes ELS compares areas on.
func DefaultSimilarityIndicator(ind localup.Indicator) bool {
	return strings.HasPrefix(ind.DatasetID, "els_") || strings.HasPrefix(ind.DatasetID, "ids-")
}

// SimilarColumn is one indicator of a similar-areas model and the period
// whose figures are compared.
type SimilarColumn struct {
	Indicator *localup.Indicator
	Period    localup.Period
	Areas     int // how many of the model's areas have a figure
}

// SimilarModel is a set of indicators over which the current areas of one
// type are compared, with every area's values and z-scores. Neighbours are
// found by stats: Euclidean distance over z-scored indicators, a missing
// value counting as the indicator's mean.
type SimilarModel struct {
	Type    localup.AreaType
	Columns []SimilarColumn
	Areas   []localup.Area // compared areas, the matrix rows, by name
	LeftOut []localup.Area // current areas with figures for too few columns
	Default bool           // the default indicator set, precomputed

	x, z stats.Matrix
	row  map[string]int
	nb   [][]stats.Neighbour // the MaxK nearest of every row; default model only
}

// Value returns an area's figure for column c (NaN if missing).
func (m *SimilarModel) Value(area string, c int) float64 {
	i, ok := m.row[area]
	if !ok {
		return math.NaN()
	}
	return m.x.At(i, c)
}

// Includes reports whether the area is compared.
func (m *SimilarModel) Includes(area string) bool {
	_, ok := m.row[area]
	return ok
}

// SimilarModel returns the default similar-areas model for an area type.
func (s *Snapshot) SimilarModel(t localup.AreaType) (*SimilarModel, bool) {
	m, ok := s.similar[t]
	return m, ok
}

// CurrentAreas lists the current areas of type t, by name.
func (s *Snapshot) CurrentAreas(t localup.AreaType) []localup.Area {
	var out []localup.Area
	for _, a := range s.areasByTyp[t] {
		if a.Current() {
			out = append(out, a)
		}
	}
	return out
}

// modelPeriod returns the latest period in which at least MinCoverage of
// the n current areas of type t have a figure for the indicator.
func (s *Snapshot) modelPeriod(ind string, t localup.AreaType, n int) (localup.Period, int, bool) {
	need := int(math.Ceil(MinCoverage * float64(n)))
	ps := s.periods[ind]
	for i := len(ps) - 1; i >= 0; i-- {
		if d, ok := s.Distribution(ind, t, ps[i]); ok && d.N() >= need && d.N() >= 2 {
			return ps[i], d.N(), true
		}
	}
	return localup.Period{}, 0, false
}

// newModel builds a model of the current areas of type t over the given
// indicators. Indicators with no well-covered period are returned in
// rejected and left out. The model is nil when no indicator remains or
// fewer than two areas can be compared.
func (s *Snapshot) newModel(t localup.AreaType, inds []*localup.Indicator) (m *SimilarModel, rejected []string) {
	members := s.CurrentAreas(t)
	if len(members) < 2 {
		for _, ind := range inds {
			rejected = append(rejected, ind.ID)
		}
		return nil, rejected
	}
	m = &SimilarModel{Type: t, row: map[string]int{}}
	for _, ind := range inds {
		p, _, ok := s.modelPeriod(ind.ID, t, len(members))
		if !ok {
			rejected = append(rejected, ind.ID)
			continue
		}
		m.Columns = append(m.Columns, SimilarColumn{Indicator: ind, Period: p})
	}
	cols := len(m.Columns)
	if cols == 0 {
		return nil, rejected
	}
	need := int(math.Ceil(MinRowShare * float64(cols)))
	data := make([]float64, 0, len(members)*cols)
	vals := make([]float64, cols)
	for _, a := range members {
		have := 0
		for c, col := range m.Columns {
			vals[c] = math.NaN()
			if o, ok := s.followedValue(col.Indicator.ID, a.Code, col.Period); ok {
				vals[c] = o.Value
				have++
			}
		}
		if have < need || have == 0 {
			m.LeftOut = append(m.LeftOut, a)
			continue
		}
		for c := range vals {
			if !math.IsNaN(vals[c]) {
				m.Columns[c].Areas++
			}
		}
		m.row[a.Code] = len(m.Areas)
		m.Areas = append(m.Areas, a)
		data = append(data, vals...)
	}
	if len(m.Areas) < 2 {
		return nil, rejected
	}
	m.x = stats.Matrix{Rows: len(m.Areas), Cols: cols, Data: data}
	z, err := stats.Standardise(m.x)
	if err != nil {
		return nil, rejected
	}
	m.z = z
	return m, rejected
}

// SimilarTypes are the area types whose areas are compared to find similar
// areas: the tiers councils and their partners work at.
var SimilarTypes = []localup.AreaType{localup.AreaCountry, localup.AreaRegion, localup.AreaCombinedAuthority,
	localup.AreaCounty, localup.AreaLAD}

// deriveSimilar builds the default model of every type in SimilarTypes,
// with every area's MaxK nearest neighbours.
func (s *Snapshot) deriveSimilar() {
	s.similar = make(map[localup.AreaType]*SimilarModel)
	var inds []*localup.Indicator
	for i := range s.indicators {
		if DefaultSimilarityIndicator(s.indicators[i]) {
			inds = append(inds, &s.indicators[i])
		}
	}
	if len(inds) == 0 {
		return
	}
	for _, t := range SimilarTypes {
		m, _ := s.newModel(t, inds)
		if m == nil {
			continue
		}
		nb, err := stats.Neighbours(m.x, MaxK)
		if err != nil {
			continue
		}
		m.nb = nb
		m.Default = true
		s.similar[t] = m
	}
}

// defaultNeighbours returns the area's k nearest areas in its type's
// default model, nearest first; nil when it is not compared.
func (s *Snapshot) defaultNeighbours(a localup.Area, k int) []localup.Area {
	m, ok := s.similar[a.Type]
	if !ok {
		return nil
	}
	i, ok := m.row[a.Code]
	if !ok {
		return nil
	}
	nb := m.nb[i][:min(k, len(m.nb[i]))]
	out := make([]localup.Area, len(nb))
	for j, n := range nb {
		out[j] = m.Areas[n.Index]
	}
	return out
}

// SimilarCandidates lists every indicator that can be compared across the
// current areas of type t (one with a period in which at least
// MinCoverage of them have a figure), with that period, in Indicators
// order. Areas is the number of areas with a figure in the period.
func (s *Snapshot) SimilarCandidates(t localup.AreaType) []SimilarColumn {
	if !slices.Contains(SimilarTypes, t) {
		return nil
	}
	n := len(s.CurrentAreas(t))
	var out []SimilarColumn
	for i := range s.indicators {
		ind := &s.indicators[i]
		if p, have, ok := s.modelPeriod(ind.ID, t, n); ok {
			out = append(out, SimilarColumn{Indicator: ind, Period: p, Areas: have})
		}
	}
	return out
}
