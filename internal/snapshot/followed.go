package snapshot

import (
	"math"
	"slices"

	"github.com/localup/localup"
)

// FollowedSeries is Series continued across a change of code: for an area
// whose code replaced another's for the same place (Lineage.FollowsFrom),
// the figures published under the old code fill the periods for which the
// new code has none. Each observation's AreaCode says which code published
// it. Barnsley's 2025 code E08000038, say, carries on the series published
// under E08000016.
func (s *Snapshot) FollowedSeries(indicator, area string) []localup.Observation {
	own := s.Series(indicator, area)
	old, ok := s.lineage.follow[area]
	if !ok {
		return own
	}
	prev := s.Series(indicator, old)
	if len(prev) == 0 {
		return own
	}
	if len(own) == 0 {
		return prev
	}
	have := make(map[periodKey]bool, len(own))
	for _, o := range own {
		if o.HasValue() {
			have[keyOf(o.Period)] = true
		}
	}
	out := make([]localup.Observation, 0, len(own)+len(prev))
	for _, o := range own {
		if o.HasValue() {
			out = append(out, o)
		}
	}
	for _, o := range prev {
		if !have[keyOf(o.Period)] {
			out = append(out, o)
			have[keyOf(o.Period)] = true
		}
	}
	// A period the new code published as missing is kept only when the
	// old code has nothing for it either.
	for _, o := range own {
		if !o.HasValue() && !have[keyOf(o.Period)] {
			out = append(out, o)
		}
	}
	slices.SortFunc(out, func(a, b localup.Observation) int { return a.Period.Compare(b.Period) })
	return out
}

// followedValue is Value continued across a change of code, as
// FollowedSeries does: the area's own figure with a value, or else the one
// published under the code it replaced.
func (s *Snapshot) followedValue(indicator, area string, p localup.Period) (*localup.Observation, bool) {
	return s.followedIn(s.cell(indicator, p), area)
}

// FollowedValue is the indicator's whole-population figure for an area
// and period, continued across a change of code as FollowedSeries does,
// found by binary search rather than a scan of the series.
func (s *Snapshot) FollowedValue(indicator, area string, p localup.Period) (localup.Observation, bool) {
	o, ok := s.followedValue(indicator, area, p)
	if !ok {
		return localup.Observation{}, false
	}
	return *o, true
}

// periodCell is one indicator's whole-population figures in one period,
// ordered by area index (the area's place in Snapshot.areas): the
// observations' indexes into Snapshot.obs and their values (NaN if
// missing). Searching small integers in contiguous memory is several
// times faster than comparing codes, and a profile row searches a cell
// for every benchmark and similar area.
type periodCell struct {
	areas  []int32
	obs    []int32
	values []float64
}

func (s *Snapshot) cell(indicator string, p localup.Period) periodCell {
	return s.cells[indicator][keyOf(p)]
}

// followedIn is followedValue within one cell, which callers comparing
// many areas on one row look up once.
func (s *Snapshot) followedIn(c periodCell, area string) (*localup.Observation, bool) {
	ai, ok := s.areaByCode[area]
	if !ok {
		return nil, false
	}
	if k := s.followedAt(c, int32(ai)); k >= 0 {
		return &s.obs[c.obs[k]], true
	}
	return nil, false
}

// followedAt returns the position in the cell of area ai's figure, or of
// the figure of the code it replaced, or -1.
func (s *Snapshot) followedAt(c periodCell, ai int32) int {
	if k := c.find(ai); k >= 0 {
		return k
	}
	if old := s.followIdx[ai]; old >= 0 {
		return c.find(old)
	}
	return -1
}

// find returns the position of area ai's figure with a value, or -1.
func (c periodCell) find(ai int32) int {
	k, ok := slices.BinarySearch(c.areas, ai)
	if ok && !math.IsNaN(c.values[k]) {
		return k
	}
	return -1
}

// indexCells lays out every indicator's and period's cell.
func (s *Snapshot) indexCells() {
	s.cells = make(map[string]map[periodKey]periodCell, len(s.byIndPer))
	type entry struct {
		area, obs int32
	}
	var tmp []entry
	for ind, byPer := range s.byIndPer {
		m := make(map[periodKey]periodCell, len(byPer))
		for pk, idx := range byPer {
			tmp = tmp[:0]
			for _, i := range idx {
				if ai, ok := s.areaByCode[s.obs[i].AreaCode]; ok {
					tmp = append(tmp, entry{int32(ai), i})
				}
			}
			slices.SortFunc(tmp, func(a, b entry) int { return int(a.area - b.area) })
			c := periodCell{areas: make([]int32, len(tmp)), obs: make([]int32, len(tmp)), values: make([]float64, len(tmp))}
			for k, e := range tmp {
				c.areas[k], c.obs[k], c.values[k] = e.area, e.obs, s.obs[e.obs].Value
			}
			m[pk] = c
		}
		s.cells[ind] = m
	}
}
