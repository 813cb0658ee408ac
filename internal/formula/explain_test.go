package formula

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func ptr(v float64) *float64 { return &v }

func TestExplain(t *testing.T) {
	// twoComponents, need_share, pot 1000: E2 gets 250 (see
	// TestCombinationNeedShare). E2: a = 5 → 0.5, b = 0 → 0.
	f, in := twoComponents(BasisNeedShare)
	got, err := Explain(f, in, 1000, "E2")
	if err != nil {
		t.Fatal(err)
	}
	want := Explanation{Code: "E2", Name: "Beck", Formula: "two", Version: 1, Basis: BasisNeedShare, Pot: 1000, Places: 3,
		Population: 200, NeedScore: 0.375, NeedIndex: 0.375, NeedRank: 2, Unconstrained: 250, Allocation: 250,
		PerHead: 1.25, Share: 0.25,
		Components: []ComponentExplanation{
			{
				Indicator: "a", Raw: ptr(5), Transform: TransformMinMax, Direction: HigherIsMoreNeed, Transformed: 0.5,
				Weight: 0.75, NeedContribution: 0.375, Pounds: 250,
				// Weight 0.85, b scaled to 0.25×0.15/0.25 = 0.15. Scores:
				// E1 0.15, E2 0.425, E3 0.925; total 1.5. E2 = 283.33;
				// E1 100, E3 616.67; the spare pound goes to E3. 283 − 250.
				WhatIf: WhatIf{Weight: 0.85, Allocation: 283, Change: 33, NeedRank: 2},
			},
			{
				Indicator: "b", Raw: ptr(0), Transform: TransformMinMax, Direction: HigherIsMoreNeed, Transformed: 0,
				Weight: 0.25, NeedContribution: 0, Pounds: 0,
				// Weight 0.35, a scaled to 0.75×0.65/0.75 = 0.65. Scores:
				// E1 0.35, E2 0.325, E3 0.825; E2 = 216.67, E1 233.33,
				// E3 550; the spare pound goes to E2 (0.67). E2 falls to
				// third place.
				WhatIf: WhatIf{Weight: 0.35, Allocation: 217, Change: -33, NeedRank: 3},
			},
		}}
	if d := cmp.Diff(want, got, approx); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}

	// The what-if is Allocate with those weights.
	f2 := f
	f2.Components = []Component{f.Components[0], f.Components[1]}
	f2.Components[0].Weight, f2.Components[1].Weight = 0.85, 0.15
	r, err := Allocate(f2, in, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if r.Places[1].Allocation != 283 {
		t.Errorf("Allocate with the what-if weights gives %d", r.Places[1].Allocation)
	}

	if _, err := Explain(f, in, 1000, "W06000001"); err == nil || !strings.Contains(err.Error(), "W06000001 is not among the inputs") {
		t.Errorf("unknown area: %v", err)
	}
}

func TestExplainImputedAndConstrained(t *testing.T) {
	// minmax of 1, NaN, 3, 5 → 0, 0.5 (imputed), 0.5, 1; need_share of 200
	// → 0, 50, 50, 100; a floor of 30 lifts E1 and takes 30 from the
	// others in proportion: E2 and E3 42.5, E4 85. The spare pound goes
	// to E2, which ties with E3 and has the lower code.
	f := oneComponent(TransformMinMax, HigherIsMoreNeed)
	f.Floor = 30
	x, err := Explain(f, threePlaces([]float64{1, nan, 3, 5}), 200, "E2")
	if err != nil {
		t.Fatal(err)
	}
	c := x.Components[0]
	if c.Raw != nil || !c.Imputed || c.Transformed != 0.5 || c.Pounds != 50 {
		t.Errorf("component %+v", c)
	}
	if x.Unconstrained != 50 || x.ConstraintAdjustment != -7.5 || x.RoundingAdjustment != 0.5 || x.Allocation != 43 {
		t.Errorf("explanation %+v", x)
	}
	if got := x.Unconstrained + x.ConstraintAdjustment + x.RoundingAdjustment; got != float64(x.Allocation) {
		t.Errorf("lines sum to %v, allocation %d", got, x.Allocation)
	}
	x1, _ := Explain(f, threePlaces([]float64{1, nan, 3, 5}), 200, "E1")
	if x1.Bound != ConstraintFloor || x1.Allocation != 30 {
		t.Errorf("E1 %+v", x1)
	}
}
