package snapshot

import (
	"cmp"
	"slices"

	"github.com/localup/localup"
)

// Indicator returns the indicator with the given ID.
func (s *Snapshot) Indicator(id string) (localup.Indicator, bool) {
	i, ok := s.indicatorID[id]
	if !ok {
		return localup.Indicator{}, false
	}
	return s.indicators[i], true
}

// Indicators lists every indicator, by topic, then title.
func (s *Snapshot) Indicators() []localup.Indicator { return clip(s.indicators) }

// Series returns the indicator's values for the area's whole population
// (no breakdown), oldest period first. Missing values are included, with
// NaN and the publisher's reason.
func (s *Snapshot) Series(indicator, area string) []localup.Observation {
	return s.SeriesBreakdown(indicator, area, "")
}

// SeriesBreakdown is Series for one breakdown, such as "sex=female".
func (s *Snapshot) SeriesBreakdown(indicator, area, breakdown string) []localup.Observation {
	sp, ok := s.byArea[area][indicator]
	if !ok {
		return nil
	}
	all := s.obs[sp.lo:sp.hi]
	lo, _ := slices.BinarySearchFunc(all, breakdown, func(o localup.Observation, b string) int { return cmp.Compare(o.Breakdown, b) })
	hi := lo
	for hi < len(all) && all[hi].Breakdown == breakdown {
		hi++
	}
	if lo == hi {
		return nil
	}
	return clip(all[lo:hi])
}

// Breakdowns lists the breakdowns the area has for the indicator, "" (the
// whole population) first when present.
func (s *Snapshot) Breakdowns(indicator, area string) []string {
	sp, ok := s.byArea[area][indicator]
	if !ok {
		return nil
	}
	var out []string
	for _, o := range s.obs[sp.lo:sp.hi] {
		if len(out) == 0 || out[len(out)-1] != o.Breakdown {
			out = append(out, o.Breakdown)
		}
	}
	return out
}

// Periods lists the periods for which the indicator has whole-population
// figures for any area, oldest first.
func (s *Snapshot) Periods(indicator string) []localup.Period { return clip(s.periods[indicator]) }

// Values returns the indicator's whole-population figures for one period,
// one per area, ordered by area code.
func (s *Snapshot) Values(indicator string, p localup.Period) []localup.Observation {
	idx := s.byIndPer[indicator][keyOf(p)]
	if len(idx) == 0 {
		return nil
	}
	out := make([]localup.Observation, len(idx))
	for k, i := range idx {
		out[k] = s.obs[i]
	}
	return out
}

// Value returns the indicator's whole-population figure for an area and
// period.
func (s *Snapshot) Value(indicator, area string, p localup.Period) (localup.Observation, bool) {
	idx := s.byIndPer[indicator][keyOf(p)]
	k, ok := slices.BinarySearchFunc(idx, area, func(i int32, code string) int { return cmp.Compare(s.obs[i].AreaCode, code) })
	if !ok {
		return localup.Observation{}, false
	}
	return s.obs[idx[k]], true
}

// AreaCount reports how many areas have at least one whole-population
// figure for the indicator.
func (s *Snapshot) AreaCount(indicator string) int { return s.areaCount[indicator] }

// countAreas works out AreaCount for every indicator once, at load.
func (s *Snapshot) countAreas() {
	s.areaCount = make(map[string]int, len(s.byIndPer))
	seen := make(map[string]bool)
	for ind, byPer := range s.byIndPer {
		clear(seen)
		for _, idx := range byPer {
			for _, i := range idx {
				seen[s.obs[i].AreaCode] = true
			}
		}
		s.areaCount[ind] = len(seen)
	}
}

// ObservationCount is the number of resolved observations in the snapshot.
func (s *Snapshot) ObservationCount() int { return len(s.obs) }
