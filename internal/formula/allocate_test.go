package formula

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// oneComponent is a need_share formula with a single component "x".
func oneComponent(tr Transform, dir Direction) Formula {
	return Formula{Name: "t", Version: 1, Geography: "lad",
		Components: []Component{{Indicator: "x", Transform: tr, Direction: dir, Weight: 1}},
		Population: Population{Basis: BasisNeedShare}}
}

// threePlaces (or however many values there are) names places E1, E2, …
// and gives them component "x".
func threePlaces(x []float64) Inputs {
	in := Inputs{Values: map[string][]float64{"x": x}}
	for i := range x {
		in.Codes = append(in.Codes, fmt.Sprintf("E%d", i+1))
	}
	return in
}

func allocations(r Result) []int64 {
	out := make([]int64, len(r.Places))
	for i, p := range r.Places {
		out[i] = p.Allocation
	}
	return out
}

func column(r Result, get func(PlaceResult) float64) []float64 {
	out := make([]float64, len(r.Places))
	for i, p := range r.Places {
		out[i] = get(p)
	}
	return out
}

// twoComponents: "a" minmax weight 3 over 0, 5, 10 → t = 0, 0.5, 1;
// "b" minmax weight 1 over 10, 0, 5 → t = 1, 0, 0.5. Weights normalise to
// 0.75 and 0.25, so need scores are
//
//	E1: 0.75×0   + 0.25×1   = 0.25
//	E2: 0.75×0.5 + 0.25×0   = 0.375
//	E3: 0.75×1   + 0.25×0.5 = 0.875
func twoComponents(basis Basis) (Formula, Inputs) {
	f := Formula{Name: "two", Version: 1, Geography: "lad",
		Components: []Component{
			{Indicator: "a", Transform: TransformMinMax, Direction: HigherIsMoreNeed, Weight: 3},
			{Indicator: "b", Transform: TransformMinMax, Direction: HigherIsMoreNeed, Weight: 1},
		},
		Population: Population{Indicator: "pop", Basis: basis}}
	in := Inputs{Codes: []string{"E1", "E2", "E3"}, Names: []string{"Aby", "Beck", "Cove"},
		Values:     map[string][]float64{"a": {0, 5, 10}, "b": {10, 0, 5}},
		Population: []float64{100, 200, 100}}
	return f, in
}

func TestCombinationNeedShare(t *testing.T) {
	f, in := twoComponents(BasisNeedShare)
	// Sum of scores 1.5; pot 1000 → 1000/1.5 = 666.67 per unit of need:
	// E1 166.67, E2 250, E3 583.33. Floors 166+250+583 = 999; the spare
	// pound goes to the largest remainder, E1's 0.67.
	r, err := Allocate(f, in, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]int64{167, 250, 583}, allocations(r)); d != "" {
		t.Errorf("allocations (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]float64{0.25, 0.375, 0.875}, column(r, func(p PlaceResult) float64 { return p.NeedScore }), approx); d != "" {
		t.Errorf("need scores (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]float64{3, 2, 1}, column(r, func(p PlaceResult) float64 { return float64(p.NeedRank) })); d != "" {
		t.Errorf("need ranks (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]float64{0.75, 0.25}, []float64{r.Components[0].EffectiveWeight, r.Components[1].EffectiveWeight}, approx); d != "" {
		t.Errorf("weights (-want +got):\n%s", d)
	}
	// Contributions: weight × t × 666.67.
	want := [][]float64{
		{0, 0.25 * 1 * 1000 / 1.5},
		{0.75 * 0.5 * 1000 / 1.5, 0},
		{0.75 * 1 * 1000 / 1.5, 0.25 * 0.5 * 1000 / 1.5},
	}
	for i, p := range r.Places {
		if d := cmp.Diff(want[i], p.Contributions, approx); d != "" {
			t.Errorf("%s contributions (-want +got):\n%s", p.Code, d)
		}
	}
	if r.Places[0].Name != "Aby" || r.Places[0].Share != 0.167 || r.Places[0].PerHead != 1.67 {
		t.Errorf("E1: %+v", r.Places[0])
	}
}

func TestCombinationNeedWeightedPerHead(t *testing.T) {
	f, in := twoComponents(BasisNeedWeightedPerHead)
	// Population × need: 100×0.25 = 25, 200×0.375 = 75, 100×0.875 = 87.5;
	// total 187.5, pot 1500 → £8 per unit: 200, 600, 700.
	r, err := Allocate(f, in, 1500)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]int64{200, 600, 700}, allocations(r)); d != "" {
		t.Errorf("allocations (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]float64{2, 3, 7}, column(r, func(p PlaceResult) float64 { return p.PerHead })); d != "" {
		t.Errorf("per head (-want +got):\n%s", d)
	}
	// E3: a 100×0.75×1×8 = 600, b 100×0.25×0.5×8 = 100.
	if d := cmp.Diff([]float64{600, 100}, r.Places[2].Contributions, approx); d != "" {
		t.Errorf("E3 contributions (-want +got):\n%s", d)
	}
}

func TestPerHead(t *testing.T) {
	// Pure per head: population 100, 200, 100 of 400, pot 1000.
	f, in := twoComponents(BasisPerHead)
	r, err := Allocate(f, in, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]int64{250, 500, 250}, allocations(r)); d != "" {
		t.Errorf("allocations (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]float64{250, 500, 250}, column(r, func(p PlaceResult) float64 { return p.Base }), approx); d != "" {
		t.Errorf("base (-want +got):\n%s", d)
	}
	// The same without any components.
	f.Components = nil
	if r, err = Allocate(f, in, 1000); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]int64{250, 500, 250}, allocations(r)); d != "" {
		t.Errorf("no components (-want +got):\n%s", d)
	}
}

func TestPerHeadNeedUplift(t *testing.T) {
	// Need index = need score 0.25, 0.375, 0.875 (minmax never negative).
	// Population 100, 200, 100 (P = 400); Σ p·N = 25 + 75 + 87.5 = 187.5,
	// so the average need index is 187.5/400 = 0.46875. With uplift 1 half
	// the pot goes per head and half need-weighted per head; pot 1200:
	//   per head:   600 × 100/400 = 150, 300, 150
	//   need part:  600/187.5 = £3.20 a unit: 25×3.2 = 80, 240, 280
	//   total:      230, 540, 430.
	f, in := twoComponents(BasisPerHead)
	f.Population.NeedUplift = 1
	r, err := Allocate(f, in, 1200)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]int64{230, 540, 430}, allocations(r)); d != "" {
		t.Errorf("allocations (-want +got):\n%s", d)
	}
	// Multipliers 1 + N/0.46875: 1.5333, 1.8, 2.8667.
	if d := cmp.Diff([]float64{1 + 0.25/0.46875, 1.8, 1 + 0.875/0.46875}, column(r, func(p PlaceResult) float64 { return p.NeedIndex }), approx); d != "" {
		t.Errorf("need index (-want +got):\n%s", d)
	}
	// E2: base 300; a: 200 × 0.75×0.5 × 3.2 = 240; b: 200 × 0.25×0 = 0.
	p := r.Places[1]
	if d := cmp.Diff(300.0, p.Base, approx); d != "" {
		t.Errorf("E2 base (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]float64{240, 0}, p.Contributions, approx); d != "" {
		t.Errorf("E2 contributions (-want +got):\n%s", d)
	}
}

func TestMixedSignsShiftPerComponent(t *testing.T) {
	// Component "a": z-scores of 2, 4, 6 = −1.2247, 0, 1.2247 (negative,
	// so measured up from its minimum: 0, 1.2247, 2.4495). Component "b":
	// minmax of 0, 0, 10 = 0, 0, 1 (never negative: as is). Equal weights.
	// Need index: E1 0.5×0 + 0.5×0 = 0; E2 0.5×1.2247 = 0.6124;
	// E3 0.5×2.4495 + 0.5×1 = 1.7247. Need scores keep the unshifted
	// z-scores: −0.6124, 0, 1.1124.
	f := Formula{Name: "m", Version: 1, Geography: "lad", Population: Population{Basis: BasisNeedShare},
		Components: []Component{
			{Indicator: "a", Transform: TransformZScore, Direction: HigherIsMoreNeed, Weight: 1},
			{Indicator: "b", Transform: TransformMinMax, Direction: HigherIsMoreNeed, Weight: 1},
		}}
	in := Inputs{Codes: []string{"E1", "E2", "E3"}, Values: map[string][]float64{"a": {2, 4, 6}, "b": {0, 0, 10}}}
	r, err := Allocate(f, in, 1_000_000)
	if err != nil {
		t.Fatal(err)
	}
	z := 1.224744871391589
	if d := cmp.Diff([]float64{-z / 2, 0, z/2 + 0.5}, column(r, func(p PlaceResult) float64 { return p.NeedScore }), approx); d != "" {
		t.Errorf("need scores (-want +got):\n%s", d)
	}
	idx := []float64{0, z / 2, z + 0.5}
	if d := cmp.Diff(idx, column(r, func(p PlaceResult) float64 { return p.NeedIndex }), approx); d != "" {
		t.Errorf("need index (-want +got):\n%s", d)
	}
	total := idx[1] + idx[2]
	want := []float64{0, 1e6 * idx[1] / total, 1e6 * idx[2] / total}
	if d := cmp.Diff(want, column(r, func(p PlaceResult) float64 { return p.Unconstrained }), approx); d != "" {
		t.Errorf("amounts (-want +got):\n%s", d)
	}
	// E3's contributions: a 0.5 × 2.4495, b 0.5 × 1, in pounds.
	if d := cmp.Diff([]float64{1e6 * z / total, 1e6 * 0.5 / total}, r.Places[2].Contributions, approx); d != "" {
		t.Errorf("E3 contributions (-want +got):\n%s", d)
	}
}

func TestNeedShareShiftsNegativeScores(t *testing.T) {
	// z-scores of 2, 4, 6 are −1.2247, 0, 1.2247. Shifted by the minimum:
	// 0, 1.2247, 2.4495, so shares 0, 1/3, 2/3 of 900.
	r, err := Allocate(oneComponent(TransformZScore, HigherIsMoreNeed), threePlaces([]float64{2, 4, 6}), 900)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]int64{0, 300, 600}, allocations(r)); d != "" {
		t.Errorf("allocations (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]float64{0, 1.224744871391589, 2.449489742783178},
		column(r, func(p PlaceResult) float64 { return p.NeedIndex }), approx); d != "" {
		t.Errorf("need index (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]float64{0, 300, 600}, column(r, func(p PlaceResult) float64 { return p.Contributions[0] }), approx); d != "" {
		t.Errorf("contributions (-want +got):\n%s", d)
	}
}

func TestRoundHamilton(t *testing.T) {
	tests := []struct {
		name string
		x    []float64
		pot  int64
		want []int64
	}{
		{"exact", []float64{1, 2, 3}, 6, []int64{1, 2, 3}},
		// Floors 2+3+4 = 9; one pound to the largest remainder (0.6).
		{"largest remainder", []float64{2.6, 3.3, 4.1}, 10, []int64{3, 3, 4}},
		// Floors 1+1+1+2 = 5; remainders 0.5, 0.5 tie: the earlier place
		// (lower area code) wins.
		{"tie goes to the first", []float64{1.5, 1.5, 1.0, 2.0}, 6, []int64{2, 1, 1, 2}},
		{"three-way tie", []float64{1.0 / 3, 1.0 / 3, 1.0 / 3}, 1, []int64{1, 0, 0}},
		{"two of three", []float64{2.0 / 3, 2.0 / 3, 2.0 / 3}, 2, []int64{1, 1, 0}},
		// Alabama-paradox-free within one call: 0.4 beats 0.3 twice.
		{"remainders ordered", []float64{0.4, 0.3, 0.3}, 1, []int64{1, 0, 0}},
		{"float error below", []float64{2.9999999999, 2, 5}, 10, []int64{3, 2, 5}},
		{"float error above", []float64{3.0000001, 2.0000001, 5.0000001}, 10, []int64{3, 2, 5}},
		{"zero pot", []float64{0, 0}, 0, []int64{0, 0}},
		// Inconsistent input (sums to 3.6 for a pot of 2): still exact,
		// taking from the smallest remainders, last first.
		{"too much", []float64{1.2, 1.2, 1.2}, 2, []int64{1, 1, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if d := cmp.Diff(tt.want, roundHamilton(tt.x, tt.pot)); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

func TestRoundingTieByAreaCode(t *testing.T) {
	// Every place has the same value, so minmax gives 0 everywhere and
	// need_share splits equally: 33.33 each, one pound left, remainders
	// tied, so it goes to the lowest code, E1, wherever E1 is in the input.
	in := Inputs{Codes: []string{"E3", "E1", "E2"}, Values: map[string][]float64{"x": {5, 5, 5}}}
	r, err := Allocate(oneComponent(TransformMinMax, HigherIsMoreNeed), in, 100)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]int64{33, 34, 33}, allocations(r)); d != "" {
		t.Errorf("allocations (-want +got):\n%s", d)
	}
	if len(r.Notes) != 1 || !strings.Contains(r.Notes[0], "no place has any need, so the pot is split equally") {
		t.Errorf("notes %q", r.Notes)
	}
	// Need ranks tie too: by code.
	if d := cmp.Diff([]float64{3, 1, 2}, column(r, func(p PlaceResult) float64 { return float64(p.NeedRank) })); d != "" {
		t.Errorf("ranks (-want +got):\n%s", d)
	}
}

func TestConstraints(t *testing.T) {
	z := func() (Formula, Inputs) { // unconstrained 0, 300, 600 of 900 (above)
		return oneComponent(TransformZScore, HigherIsMoreNeed), threePlaces([]float64{2, 4, 6})
	}
	tests := []struct {
		name      string
		setup     func() (Formula, Inputs)
		pot       int64
		want      []int64
		wantBound []Binding
		wantIter  int
	}{
		{
			// E1 is below £100: hold it there; the other 800 goes 300:600,
			// 266.67 and 533.33; the spare pound to E2 (0.67).
			name: "floor",
			setup: func() (Formula, Inputs) {
				f, in := z()
				f.Floor = 100
				return f, in
			},
			pot: 900, want: []int64{100, 267, 533},
			wantBound: []Binding{{ConstraintFloor, []string{"E1"}}}, wantIter: 2,
		},
		{
			// 166.67, 250, 583.33 of 1000 with a ceiling of 0.5 (£500):
			// E3 held at 500, the other 500 split 166.67:250 → 200, 300.
			name: "ceiling",
			setup: func() (Formula, Inputs) {
				f, in := twoComponents(BasisNeedShare)
				f.CeilingShare = 0.5
				return f, in
			},
			pot: 1000, want: []int64{200, 300, 500},
			wantBound: []Binding{{ConstraintCeiling, []string{"E3"}}}, wantIter: 2,
		},
		{
			// Baseline 300 each, ±10%: bounds 270..330. E1 is 270 under,
			// E3 270 over: equal, so both are held; E2 keeps 300.
			name: "damping",
			setup: func() (Formula, Inputs) {
				f, in := z()
				f.Damping = &Damping{Baseline: "last", MaxChange: 0.1}
				in.Baselines = map[string][]float64{"last": {300, 300, 300}}
				return f, in
			},
			pot: 900, want: []int64{270, 300, 330},
			wantBound: []Binding{{ConstraintDampingLower, []string{"E1"}}, {ConstraintDampingUpper, []string{"E3"}}}, wantIter: 2,
		},
		{
			// E1 has no baseline (NaN) so is not damped. Iteration 1: E3 is
			// 270 over 330, held. 2: 570 left goes 0:300, so E2 gets 570,
			// over 330, held. 3: 240 left, and the only free place has a
			// zero unconstrained amount, so it is split equally: E1 240.
			name: "damping with a missing baseline",
			setup: func() (Formula, Inputs) {
				f, in := z()
				f.Damping = &Damping{Baseline: "last", MaxChange: 0.1}
				in.Baselines = map[string][]float64{"last": {nan, 300, 300}}
				return f, in
			},
			pot: 900, want: []int64{240, 330, 330},
			wantBound: []Binding{{ConstraintDampingUpper, []string{"E2", "E3"}}}, wantIter: 3,
		},
		{
			// minmax of 0, 1, 2, 7 → 0, 1/7, 2/7, 1; need_share of 1000 →
			// 0, 100, 200, 700. Floor 50, ceiling 0.4 (£400).
			// 1: E1 50 under, E4 300 over: over wins, hold E4 at 400.
			// 2: 600 over 0:100:200 → 0, 200, 400: E1 under, hold at 50.
			// 3: 550 over 100:200 → 183.33, 366.67: done. The spare pound
			// goes to E3 (0.67).
			name: "floor and ceiling",
			setup: func() (Formula, Inputs) {
				f, in := oneComponent(TransformMinMax, HigherIsMoreNeed), threePlaces([]float64{0, 1, 2, 7})
				f.Floor, f.CeilingShare = 50, 0.4
				return f, in
			},
			pot: 1000, want: []int64{50, 183, 367, 400},
			wantBound: []Binding{{ConstraintFloor, []string{"E1"}}, {ConstraintCeiling, []string{"E4"}}}, wantIter: 3,
		},
		{
			// Unconstrained 40, 60, 900. E1 is under the £50 floor at
			// first, but once E3 is held at its £500 ceiling the 500 left
			// goes 40:60 → 200, 300, and E1 is well above the floor.
			// Holding E1 at the floor in the first round as well would have
			// been wrong (it would give 50, 450, 500).
			name: "a floor that stops binding",
			setup: func() (Formula, Inputs) {
				f, in := oneComponent(TransformNone, HigherIsMoreNeed), threePlaces([]float64{40, 60, 900})
				f.Floor, f.CeilingShare = 50, 0.5
				return f, in
			},
			pot: 1000, want: []int64{200, 300, 500},
			wantBound: []Binding{{ConstraintCeiling, []string{"E3"}}}, wantIter: 2,
		},
		{
			// Floor, ceiling and damping together. Unconstrained 0, 300, 600
			// of 900; floor 150; ceiling 0.45 (£405); E2's baseline 400
			// ±10% (360..440, so 360..405 with the ceiling), others
			// undamped.
			// 1: E1 150 under, E2 60 under, E3 195 over: under (210) wins,
			//    hold E1 at 150 and E2 at 360.
			// 2: 390 to E3 alone, within its ceiling. Done.
			name: "floor, ceiling and damping",
			setup: func() (Formula, Inputs) {
				f, in := z()
				f.Floor, f.CeilingShare = 150, 0.45
				f.Damping = &Damping{Baseline: "b", MaxChange: 0.1}
				in.Baselines = map[string][]float64{"b": {nan, 400, nan}}
				return f, in
			},
			pot: 900, want: []int64{150, 360, 390},
			wantBound: []Binding{{ConstraintFloor, []string{"E1"}}, {ConstraintDampingLower, []string{"E2"}}}, wantIter: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, in := tt.setup()
			r, err := Allocate(f, in, tt.pot)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, allocations(r)); d != "" {
				t.Errorf("allocations (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tt.wantBound, r.Bound); d != "" {
				t.Errorf("bound (-want +got):\n%s", d)
			}
			if r.Iterations != tt.wantIter {
				t.Errorf("iterations %d, want %d", r.Iterations, tt.wantIter)
			}
			for _, p := range r.Places {
				sum := p.Base
				for _, c := range p.Contributions {
					sum += c
				}
				if math.Abs(sum-p.Unconstrained) > 1e-9 {
					t.Errorf("%s: contributions sum to %v, unconstrained %v", p.Code, sum, p.Unconstrained)
				}
				if got := p.Unconstrained + p.ConstraintAdjustment + p.RoundingAdjustment; math.Abs(got-float64(p.Allocation)) > 1e-9 {
					t.Errorf("%s: lines sum to %v, allocation %d", p.Code, got, p.Allocation)
				}
			}
		})
	}
}

func TestInfeasibleConstraints(t *testing.T) {
	base := func() (Formula, Inputs) {
		return oneComponent(TransformZScore, HigherIsMoreNeed), threePlaces([]float64{2, 4, 6})
	}
	damp := func(f *Formula, in *Inputs, b []float64, m float64) {
		f.Damping = &Damping{Baseline: "b", MaxChange: m}
		in.Baselines = map[string][]float64{"b": b}
	}
	tests := []struct {
		name       string
		change     func(*Formula, *Inputs)
		pot        int64
		constraint string
		want       string
	}{
		{"floors exceed the pot", func(f *Formula, in *Inputs) { f.Floor = 400 }, 1000, "floor",
			"floor: infeasible: a floor of £400 for each of 3 places needs £1,200, more than the pot of £1,000"},
		{"floor with no pot", func(f *Formula, in *Inputs) { f.Floor = 1 }, 0, "floor",
			"floor: infeasible: a floor of £1 for each of 3 places needs £3, more than the pot of £0"},
		{"ceilings short of the pot", func(f *Formula, in *Inputs) { f.CeilingShare = 0.3 }, 1000, "ceiling_share",
			"ceiling_share: infeasible: a ceiling of 0.3 of the pot for each of 3 places covers only 0.9 of the pot (£900 of £1,000)"},
		{"damping cannot reach the pot", func(f *Formula, in *Inputs) { damp(f, in, []float64{100, 100, 100}, 0.1) }, 1000, "damping",
			"damping: infeasible: damping allows no place to rise more than 10% above its baseline, and those amounts sum to £330, less than the pot of £1,000"},
		{"damping exceeds the pot", func(f *Formula, in *Inputs) { damp(f, in, []float64{1000, 1000, 1000}, 0.1) }, 1000, "damping",
			"damping: infeasible: damping allows no place to fall more than 10% below its baseline, and those amounts sum to £2,700, more than the pot of £1,000"},
		{"floor above a damping ceiling", func(f *Formula, in *Inputs) {
			f.Floor = 200
			damp(f, in, []float64{100, 400, 400}, 0.1)
		}, 1000, "floor and damping",
			"floor and damping: infeasible: for E1 the lowest amount allowed, £200 (floor), is more than the highest, £110 (damping: baseline £100 plus 10%)"},
		{"damping floor above the ceiling", func(f *Formula, in *Inputs) {
			f.CeilingShare = 0.5
			damp(f, in, []float64{600, 200, 200}, 0.1)
		}, 1000, "ceiling_share and damping",
			"ceiling_share and damping: infeasible: for E1 the lowest amount allowed, £540 (damping: baseline £600 less 10%), is more than the highest, £500 (ceiling_share 0.5 of the pot)"},
		{"floor and damping together", func(f *Formula, in *Inputs) {
			f.Floor = 300
			damp(f, in, []float64{nan, 500, 500}, 0)
		}, 1000, "floor and damping",
			"floor and damping: infeasible: the lowest amounts allowed sum to £1,300, more than the pot of £1,000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, in := base()
			tt.change(&f, &in)
			_, err := Allocate(f, in, tt.pot)
			var ce *ConstraintError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v, want a *ConstraintError", err)
			}
			if ce.Constraint != tt.constraint {
				t.Errorf("constraint %q, want %q", ce.Constraint, tt.constraint)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n%s\nwant\n%s", err, tt.want)
			}
		})
	}
}

func TestFeasibleAtTheEdge(t *testing.T) {
	// Floors of exactly pot/n and ceilings of exactly 1/n are feasible.
	f, in := oneComponent(TransformZScore, HigherIsMoreNeed), threePlaces([]float64{2, 4, 6, 8, 10})
	f.Floor = 200
	r, err := Allocate(f, in, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]int64{200, 200, 200, 200, 200}, allocations(r)); d != "" {
		t.Errorf("floors (-want +got):\n%s", d)
	}
	f.Floor, f.CeilingShare = 0, 0.2
	if r, err = Allocate(f, in, 1000); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]int64{200, 200, 200, 200, 200}, allocations(r)); d != "" {
		t.Errorf("ceilings (-want +got):\n%s", d)
	}
}

func TestInputErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Formula, *Inputs)
		pot    int64
		want   string
	}{
		{"negative pot", func(*Formula, *Inputs) {}, -1, "pot must be >= 0"},
		{"huge pot", func(*Formula, *Inputs) {}, 1 << 60, "too large"},
		{"no areas", func(f *Formula, in *Inputs) { in.Codes = nil }, 10, "no areas"},
		{"duplicate code", func(f *Formula, in *Inputs) { in.Codes[2] = "E1" }, 10, "E1 appears more than once"},
		{"empty code", func(f *Formula, in *Inputs) { in.Codes[1] = "" }, 10, "empty"},
		{"names misaligned", func(f *Formula, in *Inputs) { in.Names = []string{"a"} }, 10, "1 names for 3 codes"},
		{"missing values", func(f *Formula, in *Inputs) { in.Values = nil }, 10, `no values for components[0] (key "x")`},
		{"short values", func(f *Formula, in *Inputs) { in.Values["x"] = []float64{1} }, 10, "has 1 values for 3 areas"},
		{"log of zero", func(f *Formula, in *Inputs) { f.Components[0].Transform = TransformLog; in.Values["x"][1] = 0 }, 10,
			"components[0] (x): log needs values > 0, got 0 for E2"},
		{"geography", func(f *Formula, in *Inputs) { in.Geography = "lsoa" }, 10, `the formula is for geography "lad" but the inputs are "lsoa"`},
		{"population needed", func(f *Formula, in *Inputs) { f.Population = Population{Indicator: "p", Basis: BasisPerHead} }, 10,
			"basis per_head needs Population"},
		{"negative population", func(f *Formula, in *Inputs) { in.Population = []float64{1, -1, 1} }, 10, "population of E2 is -1"},
		{"zero population", func(f *Formula, in *Inputs) {
			f.Population = Population{Indicator: "p", Basis: BasisNeedWeightedPerHead}
			in.Population = []float64{0, 0, 0}
		}, 10, "total population is zero"},
		{"baseline missing", func(f *Formula, in *Inputs) { f.Damping = &Damping{Baseline: "last", MaxChange: 0.1} }, 10,
			`damping.baseline "last" is not among the baselines supplied`},
		{"negative baseline", func(f *Formula, in *Inputs) {
			f.Damping = &Damping{Baseline: "last", MaxChange: 0.1}
			in.Baselines = map[string][]float64{"last": {1, -2, 3}}
		}, 10, `baseline "last" for E2 is -2`},
		{"invalid formula", func(f *Formula, in *Inputs) { f.Components[0].Weight = -1 }, 10, "components[0].weight: must be >= 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, in := oneComponent(TransformZScore, HigherIsMoreNeed), threePlaces([]float64{2, 4, 6})
			tt.change(&f, &in)
			_, err := Allocate(f, in, tt.pot)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestImputationNote(t *testing.T) {
	// minmax of 1, NaN, 3, 5: 0, (median 0.5), 0.5, 1; need_share of 200:
	// total 2 → 0, 50, 50, 100.
	r, err := Allocate(oneComponent(TransformMinMax, HigherIsMoreNeed), threePlaces([]float64{1, nan, 3, 5}), 200)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]int64{0, 50, 50, 100}, allocations(r)); d != "" {
		t.Errorf("allocations (-want +got):\n%s", d)
	}
	if r.Components[0].Missing != 1 || r.Components[0].ImputedValue != 0.5 {
		t.Errorf("component %+v", r.Components[0])
	}
	if len(r.Notes) != 1 || !strings.Contains(r.Notes[0], "1 of 4 places have no value") {
		t.Errorf("notes %q", r.Notes)
	}
}
