package formula

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/localup/localup/internal/numfmt"
)

// ConstraintError reports constraints that no allocation of the pot can
// meet. Constraint names the formula field(s) at fault ("floor",
// "ceiling_share", "damping", or several joined by " and ").
type ConstraintError struct {
	Constraint string
	Message    string
}

func (e *ConstraintError) Error() string {
	return e.Constraint + ": infeasible: " + e.Message
}

// bounds turns floor, ceiling_share and damping into per-place lower and
// upper bounds in pounds and checks that some allocation can meet them.
//
// Lower bound: max(floor, baseline × (1 − max_change)).
// Upper bound: min(ceiling_share × pot, baseline × (1 + max_change)).
// Damping is in cash terms against the named baseline as given; callers
// who want it relative to a differently sized pot should scale the
// baseline first. Places with a NaN baseline are not damped.
func (e *engine) bounds(in Inputs) error {
	f := e.f
	if f.Floor == 0 && f.CeilingShare == 0 && f.Damping == nil {
		return nil
	}
	n := e.n
	e.lo, e.hi = make([]float64, n), make([]float64, n)
	e.loSrc, e.hiSrc = make([]string, n), make([]string, n)
	ceiling := math.Inf(1)
	if f.CeilingShare > 0 {
		ceiling = f.CeilingShare * e.pot
	}
	for k := range n {
		e.lo[k], e.hi[k] = f.Floor, ceiling
		if f.Floor > 0 {
			e.loSrc[k] = ConstraintFloor
		}
		if f.CeilingShare > 0 {
			e.hiSrc[k] = ConstraintCeiling
		}
	}
	if dm := f.Damping; dm != nil {
		b, ok := in.Baselines[dm.Baseline]
		if !ok {
			return inputErrorf("damping.baseline %q is not among the baselines supplied", dm.Baseline)
		}
		if len(b) != n {
			return inputErrorf("baseline %q has %d values for %d areas", dm.Baseline, len(b), n)
		}
		e.baseline = make([]float64, n)
		for k, row := range e.order {
			v := b[row]
			e.baseline[k] = v
			if math.IsNaN(v) {
				continue
			}
			if math.IsInf(v, 0) || v < 0 {
				return inputErrorf("baseline %q for %s is %v; it must be >= 0", dm.Baseline, e.codes[k], v)
			}
			if l := max(0, v*(1-dm.MaxChange)); l > e.lo[k] {
				e.lo[k], e.loSrc[k] = l, ConstraintDampingLower
			}
			if h := v * (1 + dm.MaxChange); h < e.hi[k] {
				e.hi[k], e.hiSrc[k] = h, ConstraintDampingUpper
			}
		}
	}
	var sumLo, sumHi float64
	loNames, hiNames := map[string]bool{}, map[string]bool{}
	for k := range n {
		if e.lo[k] > e.hi[k]+e.tol {
			return &ConstraintError{joinConstraints(map[string]bool{e.loSrc[k]: true, e.hiSrc[k]: true}),
				fmt.Sprintf("for %s the lowest amount allowed, %s (%s), is more than the highest, %s (%s)",
					e.label(k), pounds(e.lo[k]), e.describeBound(k, e.loSrc[k]), pounds(e.hi[k]), e.describeBound(k, e.hiSrc[k]))}
		}
		sumLo += e.lo[k]
		sumHi += e.hi[k]
		loNames[e.loSrc[k]] = true
		hiNames[e.hiSrc[k]] = true
	}
	if sumLo > e.pot+e.tol {
		c := joinConstraints(loNames)
		msg := fmt.Sprintf("the lowest amounts allowed sum to %s, more than the pot of %s", pounds(sumLo), pounds(e.pot))
		if c == ConstraintFloor {
			msg = fmt.Sprintf("a floor of %s for each of %d places needs %s, more than the pot of %s",
				pounds(f.Floor), n, pounds(sumLo), pounds(e.pot))
		} else if c == "damping" {
			msg = fmt.Sprintf("damping allows no place to fall more than %s below its baseline, and those amounts sum to %s, more than the pot of %s",
				percent(f.Damping.MaxChange), pounds(sumLo), pounds(e.pot))
		}
		return &ConstraintError{c, msg}
	}
	if sumHi < e.pot-e.tol {
		c := joinConstraints(hiNames)
		msg := fmt.Sprintf("the highest amounts allowed sum to %s, less than the pot of %s", pounds(sumHi), pounds(e.pot))
		if c == ConstraintCeiling {
			msg = fmt.Sprintf("a ceiling of %s of the pot for each of %d places covers only %s of the pot (%s of %s)",
				strconv.FormatFloat(f.CeilingShare, 'g', -1, 64), n, strconv.FormatFloat(f.CeilingShare*float64(n), 'g', 6, 64), pounds(sumHi), pounds(e.pot))
		} else if c == "damping" {
			msg = fmt.Sprintf("damping allows no place to rise more than %s above its baseline, and those amounts sum to %s, less than the pot of %s",
				percent(f.Damping.MaxChange), pounds(sumHi), pounds(e.pot))
		}
		return &ConstraintError{c, msg}
	}
	return nil
}

func (e *engine) label(k int) string {
	if e.names[k] != "" {
		return e.codes[k] + " (" + e.names[k] + ")"
	}
	return e.codes[k]
}

func (e *engine) describeBound(k int, src string) string {
	switch src {
	case ConstraintFloor:
		return "floor"
	case ConstraintCeiling:
		return "ceiling_share " + strconv.FormatFloat(e.f.CeilingShare, 'g', -1, 64) + " of the pot"
	case ConstraintDampingLower:
		return "damping: baseline " + pounds(e.baseline[k]) + " less " + percent(e.f.Damping.MaxChange)
	case ConstraintDampingUpper:
		return "damping: baseline " + pounds(e.baseline[k]) + " plus " + percent(e.f.Damping.MaxChange)
	}
	return "no constraint"
}

// joinConstraints names the formula fields behind a set of bound sources.
func joinConstraints(srcs map[string]bool) string {
	var names []string
	add := func(s string) {
		if !slices.Contains(names, s) {
			names = append(names, s)
		}
	}
	for _, s := range []string{ConstraintFloor, ConstraintCeiling, ConstraintDampingLower, ConstraintDampingUpper} {
		if srcs[s] {
			if strings.HasPrefix(s, "damping") {
				s = "damping"
			}
			add(s)
		}
	}
	if len(names) == 0 {
		return "constraints"
	}
	return strings.Join(names, " and ")
}

// constrain applies the bounds to the unconstrained amounts a, writing x.
//
// It finds the fixed point x_i = clamp(λ·a_i, lo_i, hi_i) with Σx = pot.
// Each iteration shares what is left of the pot among the free places in
// proportion to a (equally if every free a is zero), then pins violators
// at their bound. Only the side with the larger total violation is
// pinned (both when equal): if upper violations dominate, λ must rise, so
// places above their upper bound stay there, and vice versa. This is what
// makes the result exact rather than order-dependent; each iteration pins
// at least one place, so at most n+1 iterations are needed.
func (e *engine) constrain(a, x []float64, bound []uint8, freep *[]int32) (int, error) {
	clear(bound)
	if e.lo == nil {
		copy(x, a)
		return 0, nil
	}
	free := (*freep)[:0]
	var p float64 // Σ a over the free places
	for i, v := range a {
		free = append(free, int32(i))
		p += v
	}
	defer func() { *freep = free }()
	fixed := 0.0
	for iter := 1; ; iter++ {
		rest := e.pot - fixed
		if len(free) == 0 {
			if math.Abs(rest) > e.tol*float64(e.n) {
				return iter, fmt.Errorf("constraints: could not place %s of the pot", pounds(rest))
			}
			return iter - 1, nil
		}
		// Share what is left among the free places and measure the
		// violations in one pass.
		var over, under float64
		k, each := 0.0, 0.0
		if p > 0 {
			k = rest / p
		} else {
			each = rest / float64(len(free))
		}
		for _, i := range free {
			v := a[i]*k + each
			x[i] = v
			if d := v - e.hi[i]; d > e.tol {
				over += d
			} else if d := e.lo[i] - v; d > e.tol {
				under += d
			}
		}
		if over == 0 && under == 0 {
			return iter, nil
		}
		// Pin the dominant side and total a over the places left free.
		keep := free[:0]
		p = 0
		for _, i := range free {
			switch {
			case over >= under && x[i]-e.hi[i] > e.tol:
				x[i], bound[i] = e.hi[i], boundUpper
				fixed += e.hi[i]
			case under >= over && e.lo[i]-x[i] > e.tol:
				x[i], bound[i] = e.lo[i], boundLower
				fixed += e.lo[i]
			default:
				keep = append(keep, i)
				p += a[i]
			}
		}
		free = keep
	}
}

// roundHamilton rounds amounts to whole pounds so that they sum to pot
// exactly, by the largest-remainder (Hamilton) method: every place gets
// the floor of its amount, then the pounds left over go one each to the
// places with the largest fractional parts, ties going to the earlier
// place (places are in area-code order, so ties go by code). Every place
// ends within £1 of its unrounded amount.
func roundHamilton(x []float64, pot int64) []int64 {
	n := len(x)
	out := make([]int64, n)
	frac := make([]float64, n)
	var sum int64
	for i, v := range x {
		v = max(v, 0)
		fl := math.Floor(v)
		out[i] = int64(fl)
		frac[i] = v - fl
		sum += out[i]
	}
	left := pot - sum
	if left == 0 || n == 0 {
		return out
	}
	// Largest fraction first, ties by place: exactly a ranking of the
	// fractions, which the bucket sort does in linear time.
	var rk ranker[int32]
	rank := make([]int32, n)
	rk.rank(frac, rank)
	idx := make([]int32, n)
	for i, r := range rank {
		idx[r-1] = int32(i)
	}
	// Floating-point error can leave |left| a little outside [0, n]; cycle
	// so that the total is exact whatever happens.
	for left > 0 {
		for _, i := range idx {
			if left == 0 {
				break
			}
			out[i]++
			left--
		}
	}
	for left < 0 {
		progress := false
		for j := n - 1; j >= 0 && left < 0; j-- {
			if i := idx[j]; out[i] > 0 {
				out[i]--
				left++
				progress = true
			}
		}
		if !progress {
			break
		}
	}
	return out
}

// pounds formats an amount as £1,234,567 (pence shown only if present).
func pounds(v float64) string {
	s := numfmt.Affix(v, 2, "£", "")
	return strings.TrimSuffix(s, ".00")
}

func percent(f float64) string {
	return strconv.FormatFloat(f*100, 'g', 6, 64) + "%"
}
