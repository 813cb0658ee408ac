package formula

import "fmt"

// Result is a formula applied to a pot.
type Result struct {
	Formula    string          `json:"formula"`
	Version    int             `json:"version"`
	Basis      Basis           `json:"basis"`
	Pot        int64           `json:"pot"`
	Components []ComponentInfo `json:"components"`
	// Places are in the order of Inputs.Codes.
	Places []PlaceResult `json:"places"`
	// Iterations is the number of rounds the constraint fixed point took
	// (0 when the formula has no constraints).
	Iterations int `json:"iterations"`
	// Bound lists, per constraint, the places held at it.
	Bound []Binding `json:"bound,omitempty"`
	// Notes explain anything unusual: imputed values, fallbacks.
	Notes []string `json:"notes,omitempty"`
}

// ComponentInfo describes one component as applied.
type ComponentInfo struct {
	Indicator string    `json:"indicator"`
	Period    string    `json:"period,omitempty"`
	Key       string    `json:"key"`
	Transform Transform `json:"transform"`
	// Direction is the direction used: the formula's, or the one derived
	// from the indicator's polarity.
	Direction Direction `json:"direction"`
	// Weight is the formula's weight; EffectiveWeight the normalised
	// weight actually used (after any community weights), summing to 1.
	Weight          float64 `json:"weight"`
	EffectiveWeight float64 `json:"effective_weight"`
	Mission         int     `json:"mission,omitempty"`
	// Missing counts places without a value; each was given ImputedValue,
	// the median of the transformed values present.
	Missing      int     `json:"missing"`
	ImputedValue float64 `json:"imputed_value"`
}

// PlaceResult is one place's allocation and how it arose.
//
// The pounds add up in two steps:
//
//	Base + Σ Contributions = Unconstrained
//	Unconstrained + ConstraintAdjustment + RoundingAdjustment = Allocation
type PlaceResult struct {
	Code       string  `json:"code"`
	Name       string  `json:"name,omitempty"`
	Population float64 `json:"population"`
	// NeedScore is Σ effective weight × transformed value; larger means
	// more need. NeedRank ranks it, 1 = most need, ties by area code.
	NeedScore float64 `json:"need_score"`
	NeedRank  int     `json:"need_rank"`
	// NeedIndex is what money is proportional to: for need_share the need
	// score with each component measured up from its least needy place
	// (so >= 0; see the package documentation), for need_weighted_per_head
	// the same times population, for per_head the per-head multiplier
	// 1 + need_uplift × need index ÷ average need index.
	NeedIndex float64 `json:"need_index"`
	// Unconstrained is the amount before floor, ceiling and damping.
	Unconstrained float64 `json:"unconstrained"`
	// Base is the part of Unconstrained not owed to any component: the
	// per-head part under per_head, or the whole amount when every place
	// has the same need. Contributions are aligned with Result.Components.
	Base          float64   `json:"base"`
	Contributions []float64 `json:"contributions"`
	// ConstraintAdjustment is the change made by floor, ceiling and
	// damping together (including money moved to or from this place to
	// pay for other places' bounds). It is not split among components.
	ConstraintAdjustment float64 `json:"constraint_adjustment"`
	// RoundingAdjustment is the change made by rounding to whole pounds,
	// always in (-1, 1).
	RoundingAdjustment float64 `json:"rounding_adjustment"`
	Allocation         int64   `json:"allocation"`
	// PerHead is Allocation / Population (0 without population).
	PerHead float64 `json:"per_head"`
	// Share is Allocation / pot (0 when the pot is 0).
	Share float64 `json:"share"`
	// Bound names the constraint holding the place, if any: floor,
	// ceiling_share, damping_lower or damping_upper.
	Bound string `json:"bound,omitempty"`
}

// Binding lists the places held at one constraint, in area-code order.
type Binding struct {
	Constraint string   `json:"constraint"`
	Codes      []string `json:"codes"`
}

// Allocate applies formula f to the inputs and divides pot (whole pounds,
// >= 0) among the areas. The allocations sum to pot exactly. Errors are a
// *ValidationError (the formula), *InputError (the inputs) or
// *ConstraintError (no allocation meets floor, ceiling and damping).
func Allocate(f Formula, in Inputs, pot int64) (Result, error) {
	e, err := prepare(f, in, pot)
	if err != nil {
		return Result{}, err
	}
	return e.allocate(e.w)
}

// allocate runs the engine with weights w and builds the full result.
func (e *engine) allocate(w []float64) (Result, error) {
	ws := e.newWorkspace()
	info, iters, err := e.run(w, ws)
	if err != nil {
		return Result{}, err
	}
	alloc := roundHamilton(ws.x, e.potInt)
	ws.rk.rank(ws.s, ws.rank)

	r := Result{Formula: e.f.Name, Version: e.f.Version, Basis: e.basis, Pot: e.potInt, Iterations: iters}
	for c, comp := range e.f.Components {
		ci := ComponentInfo{Indicator: comp.Indicator, Period: comp.Period, Key: comp.Key(),
			Transform: comp.Transform, Direction: e.dirs[c], Weight: comp.Weight, EffectiveWeight: w[c],
			Missing: e.missing[c], ImputedValue: e.medians[c]}
		if e.missions != nil {
			ci.Mission = e.missions[c]
		}
		r.Components = append(r.Components, ci)
		if e.missing[c] > 0 {
			r.Notes = append(r.Notes, fmt.Sprintf("components[%d] %s: %d of %d places have no value and were given the median transformed value, %.4g",
				c, comp.Key(), e.missing[c], e.n, e.medians[c]))
		}
	}
	if info.fallback != "" {
		r.Notes = append(r.Notes, info.fallback)
	}
	r.Places = make([]PlaceResult, e.n)
	bound := map[string][]string{}
	for k, row := range e.order {
		p := PlaceResult{Code: e.codes[k], Name: e.names[k], NeedScore: ws.s[k], NeedRank: int(ws.rank[k]),
			NeedIndex: e.needIndex(info, ws.s[k]), Unconstrained: ws.a[k], Contributions: make([]float64, e.m),
			Allocation: alloc[k]}
		p.Base = e.attribute(info, w, k, p.Contributions)
		p.ConstraintAdjustment = ws.x[k] - ws.a[k]
		p.RoundingAdjustment = float64(alloc[k]) - ws.x[k]
		if e.pop != nil {
			p.Population = e.pop[k]
			if p.Population > 0 {
				p.PerHead = float64(alloc[k]) / p.Population
			}
		}
		if e.potInt > 0 {
			p.Share = float64(alloc[k]) / float64(e.potInt)
		}
		switch ws.bound[k] {
		case boundLower:
			p.Bound = e.loSrc[k]
		case boundUpper:
			p.Bound = e.hiSrc[k]
		}
		if p.Bound != "" {
			bound[p.Bound] = append(bound[p.Bound], p.Code)
		}
		r.Places[row] = p
	}
	for _, c := range []string{ConstraintFloor, ConstraintCeiling, ConstraintDampingLower, ConstraintDampingUpper} {
		if len(bound[c]) > 0 {
			r.Bound = append(r.Bound, Binding{c, bound[c]})
		}
	}
	return r, nil
}

// canonicalIndex returns the canonical index of an area code, or -1.
func (e *engine) canonicalIndex(code string) int {
	lo, hi := 0, e.n
	for lo < hi {
		mid := (lo + hi) / 2
		if e.codes[mid] < code {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < e.n && e.codes[lo] == code {
		return lo
	}
	return -1
}

// allocationOnly runs the engine with weights w and returns rounded
// pounds and need ranks, in canonical order, without building a Result.
func (e *engine) allocationOnly(w []float64, ws *workspace) ([]int64, []int32, error) {
	if _, _, err := e.run(w, ws); err != nil {
		return nil, nil, err
	}
	ws.rk.rank(ws.s, ws.rank)
	return roundHamilton(ws.x, e.potInt), ws.rank, nil
}
