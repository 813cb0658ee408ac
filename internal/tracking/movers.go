package tracking

import (
	"cmp"
	"math"
	"slices"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/missions"
	"github.com/localup/localup/internal/snapshot"
)

// Mover is one place's progress on a metric.
type Mover struct {
	Area     localup.Area
	Progress missions.Progress
	// Rank orders the places that share the common baseline and latest
	// periods by how much they improved, 1 for the most; 0 for places
	// whose periods differ, whose changes would not be comparable.
	Rank int
}

// Movers is every place's progress on one metric.
type Movers struct {
	Baseline localup.Period // the baseline period most places share
	Latest   localup.Period // the latest period most places share
	Places   []Mover        // ranked places first, most improved first; then the others by name
	Ranked   int            // how many places are ranked
	Improved int            // places whose figure improved since their baseline
	Compared int            // places with a baseline and a later figure
	polarity localup.Polarity
}

// baselineYear is the year a metric's progress is measured from: its
// targets' stated baseline, else missions.DefaultBaselineYear.
func baselineYear(ms missions.Mission, id string) int {
	for _, t := range ms.TargetsFor(id) {
		if t.BaselineYear != 0 {
			return t.BaselineYear
		}
	}
	return missions.DefaultBaselineYear
}

// moversOf measures every current place of the metric's level.
func moversOf(snap *snapshot.Snapshot, ms missions.Mission, m *Metric) Movers {
	out := Movers{polarity: m.Indicator.Polarity}
	if !m.InData || m.Level.Type == "" {
		return out
	}
	year := baselineYear(ms, m.ID)
	type pair struct{ b, l string }
	common := map[pair]int{}
	for _, a := range snap.CurrentAreas(m.Level.Type) {
		pts := seriesOf(snap.FollowedSeries(m.ID, a.Code))
		if len(pts) == 0 {
			continue
		}
		p, err := missions.ProgressOf(missions.Series{Title: m.Indicator.Title, Polarity: m.Indicator.Polarity,
			Format: m.Format, Place: pts, England: m.England, BaselineYear: year})
		if err != nil {
			continue
		}
		out.Places = append(out.Places, Mover{Area: a, Progress: p})
		if !p.SinglePeriod() {
			common[pair{p.Baseline.Period.String(), p.Latest.Period.String()}]++
			out.Compared++
			if p.Direction == missions.Improved {
				out.Improved++
			}
		}
	}
	var best pair
	for k, n := range common {
		if n > common[best] || (n == common[best] && (k.l > best.l || (k.l == best.l && k.b < best.b))) {
			best = k
		}
	}
	sign := 1.0
	if m.Indicator.Polarity == localup.LowerIsBetter {
		sign = -1
	}
	// Flag the ranked places once: period strings are costly to build in
	// a comparison.
	isRanked := make([]bool, len(out.Places))
	for i, mv := range out.Places {
		p := mv.Progress
		isRanked[i] = common[best] > 0 && !p.SinglePeriod() && p.Baseline.Period.String() == best.b && p.Latest.Period.String() == best.l
	}
	order := make([]int, len(out.Places))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		ri, rj := isRanked[i], isRanked[j]
		switch {
		case ri && !rj:
			return -1
		case rj && !ri:
			return 1
		case ri && rj:
			if c := cmp.Compare(sign*out.Places[j].Progress.Change, sign*out.Places[i].Progress.Change); c != 0 {
				return c
			}
		}
		return cmp.Compare(out.Places[i].Area.Name, out.Places[j].Area.Name)
	})
	sorted := make([]Mover, len(order))
	for k, i := range order {
		sorted[k] = out.Places[i]
		if isRanked[i] {
			sorted[k].Rank = k + 1
			out.Ranked++
			out.Baseline, out.Latest = sorted[k].Progress.Baseline.Period, sorted[k].Progress.Latest.Period
		}
	}
	out.Places = sorted
	return out
}

// Most returns up to n places that improved most, the most first; only
// places that improved (or, without polarity, rose) at all.
func (m Movers) Most(n int) []Mover {
	var out []Mover
	for _, mv := range m.Places[:m.Ranked] {
		if len(out) == n || !(m.Change(mv) > 0) || mv.Progress.Direction == missions.NoChange {
			break
		}
		out = append(out, mv)
	}
	return out
}

// Least returns up to n places that improved least, the least first.
func (m Movers) Least(n int) []Mover {
	k := min(n, m.Ranked)
	out := slices.Clone(m.Places[m.Ranked-k : m.Ranked])
	slices.Reverse(out)
	return out
}

// Change is a place's change oriented by polarity: positive is better.
// NaN when it has one period.
func (m Movers) Change(mv Mover) float64 {
	if mv.Progress.SinglePeriod() {
		return math.NaN()
	}
	if m.polarity == localup.LowerIsBetter {
		return -mv.Progress.Change
	}
	return mv.Progress.Change
}
