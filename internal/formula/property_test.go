package formula

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type genOptions struct {
	transforms  []Transform
	bases       []Basis
	constraints bool
	missing     bool
	maxN        int
	maxM        int
}

var allOptions = genOptions{transforms: Transforms, bases: Bases, constraints: true, missing: true, maxN: 40, maxM: 4}

// randomCase draws a formula, inputs and pot.
func randomCase(rng *rand.Rand, o genOptions) (Formula, Inputs, int64) {
	n := 1 + rng.IntN(o.maxN)
	m := 1 + rng.IntN(o.maxM)
	f := Formula{Name: "random", Version: 1, Geography: "lad",
		Population: Population{Indicator: "pop", Basis: o.bases[rng.IntN(len(o.bases))]}}
	if f.Population.Basis == BasisPerHead && rng.IntN(4) > 0 {
		f.Population.NeedUplift = rng.Float64() * 2
	}
	in := Inputs{Values: map[string][]float64{}, Polarity: map[string]Polarity{}, Population: make([]float64, n)}
	perm := rng.Perm(10 * n)
	for i := range n {
		in.Codes = append(in.Codes, fmt.Sprintf("E%08d", perm[i]))
		in.Names = append(in.Names, fmt.Sprintf("Place %d", perm[i]))
		in.Population[i] = float64(rng.IntN(5000))
	}
	in.Population[rng.IntN(n)] += 1 // total > 0
	anyWeight := false
	for c := range m {
		id := fmt.Sprintf("ind-%d", c)
		comp := Component{Indicator: id, Transform: o.transforms[rng.IntN(len(o.transforms))]}
		switch rng.IntN(4) {
		case 0:
			comp.Direction = HigherIsMoreNeed
		case 1:
			comp.Direction = LowerIsMoreNeed
		default:
			in.Polarity[id] = []Polarity{HigherIsBetter, LowerIsBetter}[rng.IntN(2)]
		}
		if rng.IntN(5) > 0 {
			comp.Weight = rng.Float64() * 5
			anyWeight = true
		}
		v := make([]float64, n)
		ties := rng.IntN(3) == 0
		for i := range v {
			switch {
			case comp.Transform == TransformLog:
				v[i] = math.Exp(rng.NormFloat64())
			case ties:
				v[i] = float64(rng.IntN(4))
			default:
				v[i] = 50 + 20*rng.NormFloat64()
			}
			if o.missing && rng.IntN(10) == 0 {
				v[i] = math.NaN()
			}
		}
		v[rng.IntN(n)] = 1 // at least one present
		in.Values[comp.Key()] = v
		f.Components = append(f.Components, comp)
	}
	if !anyWeight {
		f.Components[0].Weight = 1
	}
	var pot int64
	switch rng.IntN(6) {
	case 0:
		pot = int64(rng.IntN(3))
	case 1:
		pot = int64(rng.IntN(n + 1))
	case 2:
		pot = int64(rng.IntN(10_000))
	case 3:
		pot = rng.Int64N(1_000_000_000_000)
	default:
		pot = rng.Int64N(100_000_000)
	}
	if o.constraints {
		avg := float64(pot) / float64(n)
		if rng.IntN(3) == 0 {
			f.Floor = math.Round(avg * rng.Float64() * 1.2)
		}
		if rng.IntN(3) == 0 {
			f.CeilingShare = min(1, (0.8+rng.Float64())/float64(n)*2)
		}
		if rng.IntN(3) == 0 {
			f.Damping = &Damping{Baseline: "last", MaxChange: rng.Float64() * 0.5}
			b := make([]float64, n)
			for i := range b {
				b[i] = avg * (0.5 + rng.Float64())
				if rng.IntN(8) == 0 {
					b[i] = math.NaN()
				}
			}
			in.Baselines = map[string][]float64{"last": b}
		}
	}
	return f, in, pot
}

// TestPropertySumsToPot: for any formula and pot >= 0, allocations are
// whole pounds >= 0 summing to the pot exactly, within £1 of every
// constraint, and the per-place lines add up.
func TestPropertySumsToPot(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	feasible, infeasible := 0, 0
	for iter := range 3000 {
		f, in, pot := randomCase(rng, allOptions)
		r, err := Allocate(f, in, pot)
		var ce *ConstraintError
		if errors.As(err, &ce) {
			infeasible++
			continue
		}
		if err != nil {
			t.Fatalf("case %d: %v", iter, err)
		}
		feasible++
		var sum int64
		for i, p := range r.Places {
			sum += p.Allocation
			if p.Allocation < 0 {
				t.Fatalf("case %d: %s gets %d", iter, p.Code, p.Allocation)
			}
			lo, hi := f.Floor, math.Inf(1)
			if f.CeilingShare > 0 {
				hi = f.CeilingShare * float64(pot)
			}
			if f.Damping != nil {
				if b := in.Baselines["last"][i]; !math.IsNaN(b) {
					lo = max(lo, b*(1-f.Damping.MaxChange))
					hi = min(hi, b*(1+f.Damping.MaxChange))
				}
			}
			if a := float64(p.Allocation); a < lo-1 || a > hi+1 {
				t.Fatalf("case %d: %s gets %v outside [%v, %v] by £1 or more", iter, p.Code, a, lo, hi)
			}
			tol := 1e-9 * max(1, float64(pot))
			lines := p.Base
			for _, c := range p.Contributions {
				lines += c
			}
			if math.Abs(lines-p.Unconstrained) > tol {
				t.Fatalf("case %d: %s contributions %v, unconstrained %v", iter, p.Code, lines, p.Unconstrained)
			}
			if got := p.Unconstrained + p.ConstraintAdjustment + p.RoundingAdjustment; math.Abs(got-float64(p.Allocation)) > tol {
				t.Fatalf("case %d: %s lines %v, allocation %d", iter, p.Code, got, p.Allocation)
			}
			if math.Abs(p.RoundingAdjustment) >= 1 {
				t.Fatalf("case %d: %s rounding %v", iter, p.Code, p.RoundingAdjustment)
			}
		}
		if sum != pot {
			t.Fatalf("case %d: allocations sum to %d, pot %d", iter, sum, pot)
		}
	}
	t.Logf("%d feasible, %d infeasible", feasible, infeasible)
	if feasible < 1500 {
		t.Errorf("only %d feasible cases", feasible)
	}
}

// TestPropertyMoreNeedNeverLess: raising one place's value in the need
// direction never lowers its unconstrained share. Z-scores are left out of
// multi-component formulas, and missing values left out altogether: a
// change to one place can move a standard deviation (reweighting that
// component for everyone) or the median imputed for places without data
// (see the package documentation).
func TestPropertyMoreNeedNeverLess(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    genOptions
	}{
		{"rank transforms", genOptions{transforms: []Transform{TransformRank, TransformRankExponential}, bases: Bases, maxN: 30, maxM: 4}},
		{"value transforms", genOptions{transforms: []Transform{TransformMinMax, TransformLog, TransformNone}, bases: Bases, maxN: 30, maxM: 4}},
		{"mixed", genOptions{transforms: []Transform{TransformRank, TransformRankExponential, TransformMinMax}, bases: Bases, maxN: 30, maxM: 4}},
		{"single zscore", genOptions{transforms: []Transform{TransformZScore}, bases: Bases, maxN: 30, maxM: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(3, 4))
			for iter := range 1500 {
				f, in, _ := randomCase(rng, tc.o)
				pot := int64(1_000_000)
				before, err := Allocate(f, in, pot)
				if err != nil {
					t.Fatalf("case %d: %v", iter, err)
				}
				c := rng.IntN(len(f.Components))
				comp := f.Components[c]
				v := in.Values[comp.Key()]
				i := rng.IntN(len(v))
				if math.IsNaN(v[i]) {
					continue
				}
				up := before.Components[c].Direction == HigherIsMoreNeed
				nv := slices.Clone(v)
				step := rng.Float64() * 30
				switch {
				case comp.Transform == TransformLog && up:
					nv[i] *= 1 + step
				case comp.Transform == TransformLog:
					nv[i] /= 1 + step
				case up:
					nv[i] += step
				default:
					nv[i] -= step
				}
				in2 := in
				in2.Values = map[string][]float64{}
				for k, x := range in.Values {
					in2.Values[k] = x
				}
				in2.Values[comp.Key()] = nv
				after, err := Allocate(f, in2, pot)
				if err != nil {
					t.Fatalf("case %d: %v", iter, err)
				}
				b, a := before.Places[i].Unconstrained, after.Places[i].Unconstrained
				if a < b-1e-6 {
					t.Fatalf("case %d: %s %s raised %v→%v in the need direction (%s, %s, basis %s uplift %v): amount fell %v→%v",
						iter, before.Places[i].Code, comp.Indicator, v[i], nv[i], comp.Transform, before.Components[c].Direction,
						f.Population.Basis, f.Population.NeedUplift, b, a)
				}
			}
		})
	}
}

// TestPropertyPermutation: the order of input rows changes nothing.
func TestPropertyPermutation(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for iter := range 500 {
		f, in, pot := randomCase(rng, allOptions)
		want, werr := Allocate(f, in, pot)
		p := rng.Perm(len(in.Codes))
		in2 := permuteInputs(in, p)
		got, gerr := Allocate(f, in2, pot)
		if (werr == nil) != (gerr == nil) || (werr != nil && werr.Error() != gerr.Error()) {
			t.Fatalf("case %d: errors %v and %v", iter, werr, gerr)
		}
		if werr != nil {
			continue
		}
		// Put got back into the original order.
		places := make([]PlaceResult, len(p))
		for newRow, oldRow := range p {
			places[oldRow] = got.Places[newRow]
		}
		got.Places = places
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("case %d: permuted rows differ (-original +permuted):\n%s", iter, d)
		}
	}
}

// permuteInputs returns in with row p[k] of the original at row k.
func permuteInputs(in Inputs, p []int) Inputs {
	perm := func(v []float64) []float64 {
		if v == nil {
			return nil
		}
		out := make([]float64, len(p))
		for k, row := range p {
			out[k] = v[row]
		}
		return out
	}
	out := in
	out.Codes, out.Names = make([]string, len(p)), make([]string, len(p))
	for k, row := range p {
		out.Codes[k], out.Names[k] = in.Codes[row], in.Names[row]
	}
	out.Values = map[string][]float64{}
	for key, v := range in.Values {
		out.Values[key] = perm(v)
	}
	out.Population = perm(in.Population)
	if in.Baselines != nil {
		out.Baselines = map[string][]float64{}
		for key, v := range in.Baselines {
			out.Baselines[key] = perm(v)
		}
	}
	return out
}

// TestPropertyDeterministic: the same call gives the same result.
func TestPropertyDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for iter := range 300 {
		f, in, pot := randomCase(rng, allOptions)
		a, aerr := Allocate(f, in, pot)
		b, berr := Allocate(f, in, pot)
		if fmt.Sprint(aerr) != fmt.Sprint(berr) {
			t.Fatalf("case %d: errors %v, %v", iter, aerr, berr)
		}
		if d := cmp.Diff(a, b); d != "" {
			t.Fatalf("case %d: (-first +second):\n%s", iter, d)
		}
	}
}
