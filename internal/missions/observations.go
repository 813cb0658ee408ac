package missions

import (
	"slices"

	"github.com/localup/localup"
)

// The functions below turn observations, as the store returns them, into
// the inputs of the measures. Each keeps observations in the order given
// within a period and sorts periods oldest first.

// SeriesOf returns the values of observations as a series. Pass one
// area's observations of one indicator and one breakdown.
func SeriesOf(obs []localup.Observation) []Point {
	pts := make([]Point, len(obs))
	for i, o := range obs {
		pts[i] = Point{o.Period, o.Value}
	}
	slices.SortStableFunc(pts, func(a, b Point) int { return a.Period.Compare(b.Period) })
	return pts
}

// GroupSections groups one area's observations of one indicator by period,
// one group per breakdown (the whole population, Breakdown "", is left
// out, since it is not a group).
func GroupSections(obs []localup.Observation) []GroupSection {
	var out []GroupSection
	at := map[string]int{} // by Period.String: equal periods may hold different time.Locations
	for _, o := range obs {
		if o.Breakdown == "" {
			continue
		}
		k := o.Period.String()
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, GroupSection{Period: o.Period})
		}
		out[i].Groups = append(out[i].Groups, Group{o.Breakdown, o.Value})
	}
	slices.SortStableFunc(out, func(a, b GroupSection) int { return a.Period.Compare(b.Period) })
	return out
}
