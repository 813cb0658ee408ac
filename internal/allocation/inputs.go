package allocation

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/formula"
	"github.com/localup/localup/internal/snapshot"
)

// DefaultPopulation is the population indicator used to report pounds per
// head when a need_share formula names none.
const DefaultPopulation = "population-count"

// Data is a formula bound to one snapshot: the places it applies to, the
// engine's inputs and every choice made on the way. It does not depend on
// the pot, so one Data serves any number of runs. It is shared and must
// not be modified.
type Data struct {
	Formula     formula.Formula
	DataVersion string
	Geography   localup.AreaType
	// Places are aligned with Inputs.Codes, in area-code order.
	Places []Place
	// Inputs are what the engine reads; Baselines are left for the run,
	// since they are scaled to the pot.
	Inputs     formula.Inputs
	Components []Component
	// Population is nil when a need_share formula has no population
	// figures at all.
	Population *Series
	// EnglandOnly is set when some component covers England only.
	EnglandOnly bool
	Dropped     []Dropped
	// Carried lists, by area code, the predecessor codes whose values
	// stood in for the area's own (see "Boundary changes").
	Carried map[string][]string

	index       map[string]int
	baselineRaw []float64 // the damping baseline before scaling to the pot
}

// Place is one area a formula applies to.
type Place struct {
	localup.Area
	// Parent names the area's region (England) or nation.
	Parent string
}

// Component is a formula component as applied to the data.
type Component struct {
	formula.Component
	Indicator localup.Indicator
	// Period is the one period every place is compared on.
	Period localup.Period
	// Pinned is set when the formula named the period.
	Pinned bool
	// WithValue counts places with a value, Carried those whose value
	// came from predecessor areas.
	WithValue, Carried int
	EnglandOnly        bool
}

// Series is the population indicator as used.
type Series struct {
	Indicator localup.Indicator
	Period    localup.Period
	WithValue int
	Carried   int
}

// Dropped is an area of the formula's geography left out, and why.
type Dropped struct {
	Code, Name, Reason string
}

// Index returns the position of an area in Places.
func (d *Data) Index(code string) (int, bool) {
	i, ok := d.index[code]
	return i, ok
}

// DroppedReason says why code was left out, if it was.
func (d *Data) DroppedReason(code string) (Dropped, bool) {
	for _, x := range d.Dropped {
		if x.Code == code {
			return x, true
		}
	}
	return Dropped{}, false
}

// coverageShare is how close to the best-covered period a period must come
// to count as "latest": see the package documentation, "Periods".
const coverageShare = 0.9

// bind binds formula f to the snapshot. User errors (an unknown indicator,
// a period without data, an unknown geography) are EINVALID and name the
// formula field at fault.
func bind(snap *snapshot.Snapshot, lin *lineage, f formula.Formula) (*Data, error) {
	geo := localup.AreaType(f.Geography)
	if !geo.Valid() {
		return nil, invalidf("geography: %q is not an area type (use one of %s)", f.Geography, areaTypeList())
	}
	var candidates []localup.Area
	for _, a := range snap.Areas(geo) {
		if a.Current() {
			candidates = append(candidates, a)
		}
	}
	if len(candidates) == 0 {
		return nil, invalidf("geography: the data has no current areas of type %q", f.Geography)
	}
	slices.SortFunc(candidates, func(a, b localup.Area) int { return strings.Compare(a.Code, b.Code) })
	codes := make([]string, len(candidates))
	for i, a := range candidates {
		codes[i] = a.Code
	}

	d := &Data{Formula: f, DataVersion: snap.Version(), Geography: geo, Carried: map[string][]string{}}
	popID := f.Population.Indicator
	if popID == "" {
		popID = DefaultPopulation
	}
	weight := func(code string) float64 { return latestValue(snap, popID, code) }

	// Values per component, aligned with candidates.
	values := make([][]float64, len(f.Components))
	for i, c := range f.Components {
		ind, ok := snap.Indicator(c.Indicator)
		if !ok {
			return nil, invalidf("components[%d].indicator: the data has no indicator %q", i, c.Indicator)
		}
		comp := Component{Component: c, Indicator: ind}
		var err error
		if comp.Period, comp.Pinned, err = componentPeriod(snap, ind, c.Period, codes); err != nil {
			return nil, invalidf("components[%d].%s", i, err)
		}
		values[i], comp.WithValue, comp.Carried = d.column(snap, lin, ind, comp.Period, codes, weight)
		if comp.WithValue == 0 {
			return nil, invalidf("components[%d].indicator: %q has no values for current %s in %s",
				i, c.Indicator, strings.ToLower(geo.Label()), comp.Period.Label())
		}
		comp.EnglandOnly = englandOnly(candidates, values[i])
		d.EnglandOnly = d.EnglandOnly || comp.EnglandOnly
		d.Components = append(d.Components, comp)
	}

	// Population: required by the per-head bases, only reported under
	// need_share.
	var pop []float64
	needPop := f.Population.Basis != formula.BasisNeedShare
	if ind, ok := snap.Indicator(popID); ok {
		p, _, err := componentPeriod(snap, ind, "", codes)
		if err == nil {
			s := &Series{Indicator: ind, Period: p}
			pop, s.WithValue, s.Carried = d.column(snap, lin, ind, p, codes, weight)
			d.Population = s
		} else if needPop {
			return nil, invalidf("population.indicator: %s", err)
		}
	} else if needPop || f.Population.Indicator != "" {
		return nil, invalidf("population.indicator: the data has no indicator %q", popID)
	}

	keep := d.choosePlaces(snap, candidates, values, pop, needPop)
	if len(keep) == 0 {
		return nil, invalidf("geography: every %s was left out (%s)", strings.ToLower(geo.Label()), d.Dropped[0].Reason)
	}
	d.fill(snap, candidates, keep, values, pop)
	if f.Damping != nil {
		if err := d.bindBaseline(snap, lin, f.Damping.Baseline); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// column reads one indicator in one period for every candidate, carrying
// values over from predecessor areas where needed.
func (d *Data) column(snap *snapshot.Snapshot, lin *lineage, ind localup.Indicator, p localup.Period,
	codes []string, weight func(string) float64) (vals []float64, withValue, carriedN int) {
	vals = make([]float64, len(codes))
	for k, code := range codes {
		c, ok := lin.value(snap, ind, p, code, weight, 0)
		if !ok {
			vals[k] = math.NaN()
			continue
		}
		vals[k] = c.value
		withValue++
		if len(c.from) > 0 {
			carriedN++
			d.Carried[code] = c.from
		}
	}
	return vals, withValue, carriedN
}

// componentPeriod picks the period a component is compared on: the pinned
// one, or the latest well-covered one (see coverageShare).
func componentPeriod(snap *snapshot.Snapshot, ind localup.Indicator, pinned string, codes []string) (localup.Period, bool, error) {
	periods := snap.Periods(ind.ID)
	want := make(map[string]bool, len(codes))
	for _, c := range codes {
		want[c] = true
	}
	coverage := func(p localup.Period) int {
		n := 0
		for _, o := range snap.Values(ind.ID, p) {
			if want[o.AreaCode] && o.HasValue() {
				n++
			}
		}
		return n
	}
	if pinned != "" {
		var p localup.Period
		found := false
		if q, err := localup.ParsePeriod(pinned); err == nil {
			p, found = q, slices.ContainsFunc(periods, func(x localup.Period) bool { return x.String() == q.String() })
		}
		if !found {
			return localup.Period{}, false, fmt.Errorf("period: indicator %q has no period %q (it has %s)", ind.ID, pinned, periodList(periods))
		}
		return p, true, nil
	}
	best := 0
	cov := make([]int, len(periods))
	for i, p := range periods {
		cov[i] = coverage(p)
		best = max(best, cov[i])
	}
	if best == 0 {
		// No direct values: the newest period is as good as any, and a
		// value may still be carried from predecessor areas.
		if len(periods) == 0 {
			return localup.Period{}, false, fmt.Errorf("indicator: %q has no values", ind.ID)
		}
		return periods[len(periods)-1], false, nil
	}
	for i := len(periods) - 1; i >= 0; i-- {
		if float64(cov[i]) >= coverageShare*float64(best) {
			return periods[i], false, nil
		}
	}
	return periods[len(periods)-1], false, nil
}

// englandOnly reports whether every value present is for an English area
// while some candidates are outside England.
func englandOnly(candidates []localup.Area, vals []float64) bool {
	outside, valueOutside := false, false
	for k, a := range candidates {
		if a.Country != localup.CodeEngland {
			outside = true
			if !math.IsNaN(vals[k]) {
				valueOutside = true
			}
		}
	}
	return outside && !valueOutside
}

// choosePlaces returns the candidate positions to keep and records every
// other candidate in d.Dropped with the first reason that applies.
func (d *Data) choosePlaces(snap *snapshot.Snapshot, candidates []localup.Area, values [][]float64, pop []float64, needPop bool) []int {
	var englandReason string
	for _, c := range d.Components {
		if c.EnglandOnly {
			englandReason = fmt.Sprintf("outside England: %s (%s) covers England only", c.Indicator.Title, c.Indicator.ID)
			break
		}
	}
	var keep []int
	for k, a := range candidates {
		reason := ""
		switch {
		case englandReason != "" && a.Country != localup.CodeEngland:
			reason = englandReason
		case needPop && (pop == nil || math.IsNaN(pop[k])):
			reason = fmt.Sprintf("no population figure (%s, %s)", d.Population.Indicator.ID, d.Population.Period.Label())
		case len(values) > 0 && allMissing(values, k):
			reason = "no value for any of the formula's indicators"
		}
		if reason != "" {
			d.Dropped = append(d.Dropped, Dropped{Code: a.Code, Name: a.Name, Reason: reason})
			delete(d.Carried, a.Code)
			continue
		}
		keep = append(keep, k)
	}
	return keep
}

func allMissing(values [][]float64, k int) bool {
	for _, v := range values {
		if !math.IsNaN(v[k]) {
			return false
		}
	}
	return true
}

// fill builds Places and Inputs from the kept candidates, recounting the
// values each component has among them.
func (d *Data) fill(snap *snapshot.Snapshot, candidates []localup.Area, keep []int, values [][]float64, pop []float64) {
	f := d.Formula
	n := len(keep)
	in := formula.Inputs{Geography: f.Geography, Codes: make([]string, n), Names: make([]string, n),
		Values: map[string][]float64{}, Polarity: map[string]formula.Polarity{}, Missions: map[string]int{}}
	d.index = make(map[string]int, n)
	d.Places = make([]Place, n)
	for j, k := range keep {
		a := candidates[k]
		in.Codes[j], in.Names[j] = a.Code, a.Name
		d.index[a.Code] = j
		d.Places[j] = Place{Area: a}
		if p, ok := snap.Parent(a); ok {
			d.Places[j].Parent = p.Name
		}
	}
	for i, c := range f.Components {
		col := make([]float64, n)
		comp := &d.Components[i]
		comp.WithValue, comp.Carried = 0, 0
		for j, k := range keep {
			col[j] = values[i][k]
			if !math.IsNaN(col[j]) {
				comp.WithValue++
				if _, ok := d.Carried[in.Codes[j]]; ok {
					comp.Carried++
				}
			}
		}
		in.Values[c.Key()] = col
		switch comp.Indicator.Polarity {
		case localup.HigherIsBetter:
			in.Polarity[c.Indicator] = formula.HigherIsBetter
		case localup.LowerIsBetter:
			in.Polarity[c.Indicator] = formula.LowerIsBetter
		}
		if comp.Indicator.Mission > 0 {
			in.Missions[c.Indicator] = comp.Indicator.Mission
		}
	}
	if pop != nil {
		in.Population = make([]float64, n)
		d.Population.WithValue = 0
		for j, k := range keep {
			// Under need_share population only reports pounds per head,
			// so a place without one counts as 0 rather than being left out.
			if v := pop[k]; !math.IsNaN(v) && v >= 0 {
				in.Population[j] = v
				d.Population.WithValue++
			}
		}
	}
	d.Inputs = in
}

func areaTypeList() string {
	var s []string
	for _, t := range localup.AreaTypes {
		s = append(s, string(t))
	}
	return strings.Join(s, ", ")
}

// periodList names up to the last five periods, newest last.
func periodList(ps []localup.Period) string {
	if len(ps) == 0 {
		return "no periods"
	}
	var s []string
	start := max(0, len(ps)-5)
	if start > 0 {
		s = append(s, "…")
	}
	for _, p := range ps[start:] {
		s = append(s, p.String())
	}
	return strings.Join(s, ", ")
}
