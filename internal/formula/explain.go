package formula

import (
	"fmt"
	"math"
)

// WhatIfPoints is the change in a component's effective weight that the
// "what if" lines of an Explanation try: +10 percentage points.
const WhatIfPoints = 0.10

// Explanation sets out how one place's allocation arose.
type Explanation struct {
	Code       string  `json:"code"`
	Name       string  `json:"name,omitempty"`
	Formula    string  `json:"formula"`
	Version    int     `json:"version"`
	Basis      Basis   `json:"basis"`
	Pot        int64   `json:"pot"`
	Places     int     `json:"places"`
	Population float64 `json:"population"`
	NeedScore  float64 `json:"need_score"`
	NeedIndex  float64 `json:"need_index"`
	NeedRank   int     `json:"need_rank"`
	// The pounds, as in PlaceResult: Base + Σ component Pounds =
	// Unconstrained; Unconstrained + ConstraintAdjustment +
	// RoundingAdjustment = Allocation.
	Base                 float64                `json:"base"`
	Unconstrained        float64                `json:"unconstrained"`
	ConstraintAdjustment float64                `json:"constraint_adjustment"`
	Bound                string                 `json:"bound,omitempty"`
	RoundingAdjustment   float64                `json:"rounding_adjustment"`
	Allocation           int64                  `json:"allocation"`
	PerHead              float64                `json:"per_head"`
	Share                float64                `json:"share"`
	Components           []ComponentExplanation `json:"components"`
}

// ComponentExplanation is one component's part in a place's allocation.
type ComponentExplanation struct {
	Indicator string `json:"indicator"`
	Period    string `json:"period,omitempty"`
	// Raw is the place's value, nil when missing (then Imputed is true and
	// Transformed is the component's median transformed value).
	Raw         *float64  `json:"raw"`
	Imputed     bool      `json:"imputed"`
	Transform   Transform `json:"transform"`
	Direction   Direction `json:"direction"`
	Transformed float64   `json:"transformed"`
	// Weight is the effective (normalised) weight.
	Weight float64 `json:"weight"`
	// NeedContribution is Weight × Transformed; they sum to the need score.
	NeedContribution float64 `json:"need_contribution"`
	// Pounds is the component's share of the unconstrained amount.
	Pounds float64 `json:"pounds"`
	WhatIf WhatIf  `json:"what_if"`
}

// WhatIf is the place's allocation had this component's effective weight
// been WhatIfPoints higher (capped at 1), the other weights scaled down in
// proportion so that they still sum to 1, everything else recomputed
// (constraints and rounding included).
type WhatIf struct {
	Weight     float64 `json:"weight"`
	Allocation int64   `json:"allocation"`
	Change     int64   `json:"change"`
	NeedRank   int     `json:"need_rank"`
}

// Explain applies the formula as Allocate does and explains the place with
// the given area code.
func Explain(f Formula, in Inputs, pot int64, code string) (Explanation, error) {
	e, err := prepare(f, in, pot)
	if err != nil {
		return Explanation{}, err
	}
	k := e.canonicalIndex(code)
	if k < 0 {
		return Explanation{}, inputErrorf("area %s is not among the inputs", code)
	}
	res, err := e.allocate(e.w)
	if err != nil {
		return Explanation{}, err
	}
	p := res.Places[e.order[k]]
	x := Explanation{Code: p.Code, Name: p.Name, Formula: res.Formula, Version: res.Version, Basis: res.Basis,
		Pot: res.Pot, Places: e.n, Population: p.Population, NeedScore: p.NeedScore, NeedIndex: p.NeedIndex,
		NeedRank: p.NeedRank, Base: p.Base, Unconstrained: p.Unconstrained, ConstraintAdjustment: p.ConstraintAdjustment,
		Bound: p.Bound, RoundingAdjustment: p.RoundingAdjustment, Allocation: p.Allocation, PerHead: p.PerHead, Share: p.Share}
	ws := e.newWorkspace()
	w := make([]float64, e.m)
	for c, comp := range e.f.Components {
		ce := ComponentExplanation{Indicator: comp.Indicator, Period: comp.Period, Transform: comp.Transform,
			Direction: e.dirs[c], Transformed: e.t[c][k], Weight: e.w[c], NeedContribution: e.w[c] * e.t[c][k],
			Pounds: p.Contributions[c]}
		if v := e.raw[c][k]; math.IsNaN(v) {
			ce.Imputed = true
		} else {
			ce.Raw = &v
		}
		target := min(1, e.w[c]+WhatIfPoints)
		rest := 1 - e.w[c]
		for j := range w {
			switch {
			case j == c:
				w[j] = target
			case rest > 0:
				w[j] = e.w[j] * (1 - target) / rest
			default:
				w[j] = 0
			}
		}
		alloc, rank, err := e.allocationOnly(w, ws)
		if err != nil {
			return Explanation{}, fmt.Errorf("explain: what if components[%d] weighed %.2f: %w", c, target, err)
		}
		ce.WhatIf = WhatIf{Weight: target, Allocation: alloc[k], Change: alloc[k] - p.Allocation, NeedRank: int(rank[k])}
		x.Components = append(x.Components, ce)
	}
	return x, nil
}
