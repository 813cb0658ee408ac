package snapshot

import (
	"math"
	"slices"
	"sort"

	"github.com/localup/localup"
)

// Distribution is the spread of one indicator's whole-population values in
// one period across the current areas of one type: what an area is ranked
// among and what its spine chart draws. An abolished code's figure counts
// for the code that replaced it when the place only changed code (see
// FollowedSeries); otherwise abolished areas are left out.
type Distribution struct {
	// Values are the areas' values, lowest first.
	Values []float64
	// Min, P25, Median, P75 and Max summarise Values. The percentiles
	// interpolate linearly between order statistics (Hyndman and Fan 1996,
	// definition 7; R's and Excel's default).
	Min, P25, Median, P75, Max float64
}

// N is the number of areas in the distribution.
func (d *Distribution) N() int { return len(d.Values) }

// Rank returns the place of value v among the distribution's values: 1 is
// the best by polarity, or the highest when the indicator has none. Tied
// values share the better rank ("1, 2, 2, 4").
func (d *Distribution) Rank(v float64, pol localup.Polarity) int {
	if pol == localup.LowerIsBetter {
		// Values strictly below v are better.
		return sort.SearchFloat64s(d.Values, v) + 1
	}
	// Values strictly above v are better (or higher).
	above := len(d.Values) - sort.Search(len(d.Values), func(i int) bool { return d.Values[i] > v })
	return above + 1
}

// Quantile returns the q-quantile (0 ≤ q ≤ 1) of sorted values by linear
// interpolation between order statistics (Hyndman and Fan type 7), or NaN
// for no values.
func Quantile(sorted []float64, q float64) float64 {
	n := len(sorted)
	if n == 0 || math.IsNaN(q) {
		return math.NaN()
	}
	h := q * float64(n-1)
	lo := int(math.Floor(h))
	if lo >= n-1 {
		return sorted[n-1]
	}
	if lo < 0 {
		return sorted[0]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}

func newDistribution(values []float64) *Distribution {
	slices.Sort(values)
	return &Distribution{Values: values, Min: values[0], P25: Quantile(values, 0.25),
		Median: Quantile(values, 0.5), P75: Quantile(values, 0.75), Max: values[len(values)-1]}
}

// distKey names one distribution.
type distKey struct {
	indicator string
	typ       localup.AreaType
	period    periodKey
}

// Distribution returns the spread of the indicator's values in period p
// across current areas of type t.
func (s *Snapshot) Distribution(indicator string, t localup.AreaType, p localup.Period) (*Distribution, bool) {
	d, ok := s.dists[distKey{indicator, t, keyOf(p)}]
	return d, ok
}

// deriveDistributions sorts every indicator's values for every period and
// area type once, so that ranks and spine charts are look-ups.
func (s *Snapshot) deriveDistributions() {
	s.dists = make(map[distKey]*Distribution)
	byType := make(map[localup.AreaType][]float64)
	for ind, byPer := range s.byIndPer {
		for pk, idx := range byPer {
			clear(byType)
			for _, i := range idx {
				o := &s.obs[i]
				if !o.HasValue() {
					continue
				}
				code, ok := s.memberCode(ind, o.AreaCode, o.Period)
				if !ok {
					continue
				}
				a := s.areas[s.areaByCode[code]]
				byType[a.Type] = append(byType[a.Type], o.Value)
			}
			for t, vs := range byType {
				s.dists[distKey{ind, t, pk}] = newDistribution(slices.Clone(vs))
			}
		}
	}
}
