package formula

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Polarity is the caller's statement of which way an indicator is good.
// It supplies a component's direction when the formula leaves it out.
type Polarity string

// Polarities. PolarityUnknown (the zero value) leaves the direction to the
// formula, which must then set it.
const (
	PolarityUnknown = Polarity("")
	HigherIsBetter  = Polarity("higher_is_better") // so lower values mean more need
	LowerIsBetter   = Polarity("lower_is_better")  // so higher values mean more need
)

// Inputs is the data a formula is applied to. Every per-area slice is
// aligned with Codes; the order of rows does not matter (the engine works in
// area-code order internally and reports in input order).
type Inputs struct {
	// Geography, if set, must equal the formula's geography.
	Geography string
	// Codes are the areas' GSS codes: unique and non-empty.
	Codes []string
	// Names are the areas' names, aligned with Codes; optional.
	Names []string
	// Values holds each component's raw values keyed by Component.Key()
	// (the indicator id, or "indicator@period" when the component pins a
	// period). NaN marks a missing value.
	Values map[string][]float64
	// Polarity gives each indicator's polarity, keyed by indicator id. A
	// component without a direction takes it from here.
	Polarity map[string]Polarity
	// Population is the value of the formula's population indicator per
	// area. Required by bases per_head and need_weighted_per_head; optional
	// for need_share, where it is only used to report amounts per head.
	Population []float64
	// Baselines holds baseline allocations in pounds, keyed by name; the
	// formula's damping.baseline picks one. NaN means the area has no
	// baseline and is not damped.
	Baselines map[string][]float64
	// Weights is the community weight set named by the formula's
	// weights_from (see LoadWeightSet); ignored otherwise.
	Weights *WeightSet
	// Missions maps indicator ids to Levelling Up mission numbers, used
	// only with weights_from.
	Missions map[string]int
}

// InputError reports inputs that do not fit the formula.
type InputError struct {
	Message string
}

func (e *InputError) Error() string { return "inputs: " + e.Message }

func inputErrorf(format string, args ...any) error {
	return &InputError{fmt.Sprintf(format, args...)}
}

// maxPot is the largest pot the engine accepts: pounds must stay exact in
// float64.
const maxPot = int64(1) << 53

// bound records which constraint holds a place.
const (
	boundNone uint8 = iota
	boundLower
	boundUpper
)

// Constraint names as they appear in results and errors.
const (
	ConstraintFloor        = "floor"
	ConstraintCeiling      = "ceiling_share"
	ConstraintDampingLower = "damping_lower"
	ConstraintDampingUpper = "damping_upper"
)

// engine is a formula bound to its inputs: components transformed once,
// places in area-code order, constraint bounds in pounds. Runs differ only
// in the weights, which is what sensitivity analysis varies.
type engine struct {
	f        Formula
	n, m     int
	codes    []string // canonical order: sorted by code
	names    []string
	order    []int // order[k] is the input row of canonical place k
	raw      [][]float64
	t        [][]float64 // oriented, transformed, imputed; [component][place]
	tp       []float64   // the same, place-major: tp[place*m+component]
	dirs     []Direction
	missing  []int
	medians  []float64
	shift    []float64 // min(0, min transformed value) per component
	w        []float64 // effective base weights, summing to 1
	missions []int
	pop      []float64 // nil when not supplied
	popTotal float64
	basis    Basis
	uplift   float64
	pot      float64
	potInt   int64
	// Bounds in pounds; nil when the formula has no constraints.
	lo, hi       []float64
	loSrc, hiSrc []string
	baseline     []float64
	tol          float64
}

func prepare(f Formula, in Inputs, pot int64) (*engine, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	if pot < 0 {
		return nil, inputErrorf("pot must be >= 0, got %d", pot)
	}
	if pot > maxPot {
		return nil, inputErrorf("pot of £%d is too large (the most is £%d)", pot, maxPot)
	}
	if in.Geography != "" && in.Geography != f.Geography {
		return nil, inputErrorf("the formula is for geography %q but the inputs are %q", f.Geography, in.Geography)
	}
	n := len(in.Codes)
	if n == 0 {
		return nil, inputErrorf("no areas")
	}
	if in.Names != nil && len(in.Names) != n {
		return nil, inputErrorf("%d names for %d codes", len(in.Names), n)
	}
	e := &engine{f: f, n: n, m: len(f.Components), basis: f.Population.Basis,
		uplift: f.Population.NeedUplift, pot: float64(pot), potInt: pot}
	e.tol = 1e-9 + 1e-12*e.pot
	e.order = make([]int, n)
	for i := range e.order {
		e.order[i] = i
	}
	slices.SortFunc(e.order, func(a, b int) int { return strings.Compare(in.Codes[a], in.Codes[b]) })
	e.codes = make([]string, n)
	e.names = make([]string, n)
	for k, row := range e.order {
		e.codes[k] = in.Codes[row]
		if in.Names != nil {
			e.names[k] = in.Names[row]
		}
		if e.codes[k] == "" {
			return nil, inputErrorf("area code at row %d is empty", row)
		}
		if k > 0 && e.codes[k] == e.codes[k-1] {
			return nil, inputErrorf("area code %s appears more than once", e.codes[k])
		}
	}
	canon := func(v []float64) []float64 {
		out := make([]float64, n)
		for k, row := range e.order {
			out[k] = v[row]
		}
		return out
	}

	var err error
	if e.w, e.missions, err = effectiveWeights(f, in); err != nil {
		return nil, err
	}
	for i, c := range f.Components {
		v, ok := in.Values[c.Key()]
		if !ok {
			return nil, inputErrorf("no values for components[%d] (key %q)", i, c.Key())
		}
		if len(v) != n {
			return nil, inputErrorf("components[%d] (%s) has %d values for %d areas", i, c.Key(), len(v), n)
		}
		dir := c.Direction
		if dir == DirectionFromPolarity {
			switch in.Polarity[c.Indicator] {
			case HigherIsBetter:
				dir = LowerIsMoreNeed
			case LowerIsBetter:
				dir = HigherIsMoreNeed
			default:
				return nil, &ValidationError{[]Problem{{fmt.Sprintf("components[%d].direction", i),
					fmt.Sprintf("not set, and indicator %q has no polarity to take it from; set higher_is_more_need or lower_is_more_need", c.Indicator)}}}
			}
		}
		raw := canon(v)
		t, med, missing, err := transform(c.Transform, dir, raw)
		if err != nil {
			var bad badValue
			if errors.As(err, &bad) {
				return nil, inputErrorf("components[%d] (%s): %s for %s", i, c.Key(), bad.msg, e.codes[bad.k])
			}
			return nil, inputErrorf("components[%d] (%s): %v", i, c.Key(), err)
		}
		e.raw = append(e.raw, raw)
		e.t = append(e.t, t)
		e.dirs = append(e.dirs, dir)
		e.medians = append(e.medians, med)
		e.missing = append(e.missing, missing)
		shift := 0.0
		for _, v := range t {
			shift = min(shift, v)
		}
		e.shift = append(e.shift, shift)
	}

	e.tp = make([]float64, n*e.m)
	for c, tc := range e.t {
		for k, v := range tc {
			e.tp[k*e.m+c] = v
		}
	}

	needPop := e.basis != BasisNeedShare
	if needPop && in.Population == nil {
		return nil, inputErrorf("basis %s needs Population (indicator %s)", e.basis, f.Population.Indicator)
	}
	if in.Population != nil {
		if len(in.Population) != n {
			return nil, inputErrorf("%d population values for %d areas", len(in.Population), n)
		}
		e.pop = canon(in.Population)
		for k, p := range e.pop {
			if !finite(p) || p < 0 {
				return nil, inputErrorf("population of %s is %v; it must be a number >= 0", e.codes[k], p)
			}
			e.popTotal += p
		}
		if needPop && e.popTotal <= 0 {
			return nil, inputErrorf("total population is zero")
		}
	}
	if err := e.bounds(in); err != nil {
		return nil, err
	}
	return e, nil
}

// badValue is a transform's complaint about one place's value.
type badValue struct {
	k   int
	msg string
}

func (b badValue) Error() string { return b.msg }

// rankExpScale is 1 - exp(-100/23), from the English Indices of
// Deprivation exponential transform.
var rankExpScale = 1 - math.Exp(-100.0/23.0)

// transform puts one component on its scale, oriented so that larger
// always means more need, and imputes missing values with the median of
// the transformed values present.
func transform(tr Transform, dir Direction, x []float64) (t []float64, median float64, missing int, err error) {
	n := len(x)
	t = make([]float64, n)
	var present []int
	for k, v := range x {
		switch {
		case math.IsNaN(v):
			missing++
		case math.IsInf(v, 0):
			return nil, 0, 0, badValue{k, "value is infinite"}
		default:
			present = append(present, k)
		}
	}
	p := len(present)
	if p == 0 {
		return nil, 0, 0, errors.New("every value is missing")
	}
	sign := 1.0
	if dir == LowerIsMoreNeed {
		sign = -1
	}
	switch tr {
	case TransformZScore:
		// Population standard deviation over the places with values.
		var mean, ss float64
		for _, k := range present {
			mean += x[k]
		}
		mean /= float64(p)
		for _, k := range present {
			d := x[k] - mean
			ss += d * d
		}
		sd := math.Sqrt(ss / float64(p))
		for _, k := range present {
			if sd > 0 {
				t[k] = sign * (x[k] - mean) / sd
			}
		}
	case TransformRank, TransformRankExponential:
		// Rank in need order, 1 = least need, ties sharing the mean rank
		// (midRanks, as Spearman's correlation ranks), scaled to (0, 1]:
		// R = rank / p.
		ys := make([]float64, p)
		for i, k := range present {
			ys[i] = sign * x[k]
		}
		for i, r := range midRanks(ys) {
			r /= float64(p)
			if tr == TransformRankExponential {
				r = -23 * math.Log(1-r*rankExpScale)
			}
			t[present[i]] = r
		}
	case TransformLog:
		for _, k := range present {
			if x[k] <= 0 {
				return nil, 0, 0, badValue{k, "log needs values > 0, got " + strconv.FormatFloat(x[k], 'g', -1, 64)}
			}
			t[k] = sign * math.Log(x[k])
		}
	case TransformMinMax:
		lo, hi := x[present[0]], x[present[0]]
		for _, k := range present {
			lo, hi = min(lo, x[k]), max(hi, x[k])
		}
		for _, k := range present {
			if hi > lo {
				if sign > 0 {
					t[k] = (x[k] - lo) / (hi - lo)
				} else {
					t[k] = (hi - x[k]) / (hi - lo)
				}
			}
		}
	case TransformNone:
		for _, k := range present {
			t[k] = sign * x[k]
		}
	default:
		return nil, 0, 0, fmt.Errorf("unknown transform %q", tr)
	}
	vals := make([]float64, p)
	for i, k := range present {
		vals[i] = t[k]
	}
	median = medianOf(vals)
	if missing > 0 {
		for k, v := range x {
			if math.IsNaN(v) {
				t[k] = median
			}
		}
	}
	return t, median, missing, nil
}

// workspace is the scratch memory of one run.
type workspace struct {
	s, a, x []float64
	bound   []uint8
	free    []int32
	rank    []int32
	rk      ranker[int32]
}

func (e *engine) newWorkspace() *workspace {
	return &workspace{
		s: make([]float64, e.n), a: make([]float64, e.n), x: make([]float64, e.n),
		bound: make([]uint8, e.n), free: make([]int32, 0, e.n), rank: make([]int32, e.n),
	}
}

// needInfo records how need scores became unconstrained amounts, so that
// amounts can be attributed to components.
type needInfo struct {
	minS, maxS float64 // least and greatest need score
	off        float64 // Σ w_c·shift_c: need index = need score − off
	scale      float64 // pounds per unit of need index (× population for the per-head bases)
	perHead    float64 // pounds per head of the per-head base (per_head only)
	uplift     float64 // per_head: multiplier = 1 + uplift·need index
	fallback   string  // non-empty when need could not be used
}

// run computes need scores (ws.s), unconstrained amounts (ws.a) and
// constrained amounts (ws.x) for weights w, which must sum to 1.
func (e *engine) run(w []float64, ws *workspace) (needInfo, int, error) {
	s := ws.s
	info := e.amounts(s, e.scores(w, s), ws.a)
	iters, err := e.constrain(ws.a, ws.x, ws.bound, &ws.free)
	return info, iters, err
}

// scoreSums summarises a run's need scores.
type scoreSums struct {
	lo, hi float64 // least and greatest need score
	off    float64 // Σ_c w_c·shift_c: need index N_i = max(0, S_i − off)
	denom  float64 // Σ_i N_i, times population except for need_share
}

// scores writes each place's need score S_i = Σ_c w_c t_ci into s, adding
// in component order, and returns their least, greatest and the
// denominator of the need bases (see amounts).
//
// Four places are summed at a time: each sum is a chain of dependent
// additions, and interleaving four chains lets the processor overlap them
// (Monte Carlo computes 33,000 scores a thousand times). The denominator
// is a chain of additions too, one per place, and must be added in place
// order to give the same pounds as always; computing it here, beside the
// scores, rather than in a pass of its own hides its latency. Each sum is
// still formed in the same order, so the results are bit-for-bit those of
// place-at-a-time loops.
func (e *engine) scores(w, s []float64) scoreSums {
	m, n := e.m, e.n
	w = w[:m]
	s = s[:n]
	tp := e.tp[:n*m]
	var off float64
	for c, wc := range w {
		off += wc * e.shift[c]
	}
	// The denominator's weights: population, or none for need_share.
	pw := e.pop
	if e.basis == BasisNeedShare {
		pw = nil
	} else {
		pw = pw[:n]
	}
	idx := func(v float64) float64 {
		if v -= off; v > 0 {
			return v
		}
		return 0
	}
	lo, hi, denom := math.Inf(1), math.Inf(-1), 0.0
	i := 0
	for ; i+4 <= n; i += 4 {
		r0 := tp[i*m : (i+1)*m]
		r1 := tp[(i+1)*m : (i+2)*m]
		r2 := tp[(i+2)*m : (i+3)*m]
		r3 := tp[(i+3)*m : (i+4)*m]
		var v0, v1, v2, v3 float64
		for c, wc := range w {
			v0 += wc * r0[c]
			v1 += wc * r1[c]
			v2 += wc * r2[c]
			v3 += wc * r3[c]
		}
		s[i], s[i+1], s[i+2], s[i+3] = v0, v1, v2, v3
		// Comparisons rather than the min and max builtins, which also
		// handle NaN and signed zeros (scores have neither) and so are
		// several times slower here.
		if v0 < lo {
			lo = v0
		}
		if v1 < lo {
			lo = v1
		}
		if v2 < lo {
			lo = v2
		}
		if v3 < lo {
			lo = v3
		}
		if v0 > hi {
			hi = v0
		}
		if v1 > hi {
			hi = v1
		}
		if v2 > hi {
			hi = v2
		}
		if v3 > hi {
			hi = v3
		}
		if pw == nil {
			denom += idx(v0)
			denom += idx(v1)
			denom += idx(v2)
			denom += idx(v3)
		} else {
			p := pw[i : i+4]
			denom += p[0] * idx(v0)
			denom += p[1] * idx(v1)
			denom += p[2] * idx(v2)
			denom += p[3] * idx(v3)
		}
	}
	for ; i < n; i++ {
		row := tp[i*m : (i+1)*m]
		v := 0.0
		for c, x := range row {
			v += w[c] * x
		}
		s[i] = v
		if v < lo {
			lo = v
		}
		if v > hi {
			hi = v
		}
		if pw == nil {
			denom += idx(v)
		} else {
			denom += pw[i] * idx(v)
		}
	}
	return scoreSums{lo: lo, hi: hi, off: off, denom: denom}
}

// amounts turns need scores into unconstrained pounds per place, given
// the sums that scores returned for them.
//
// The need index is N_i = Σ_c w_c (t_ci − shift_c) = S_i − Σ_c w_c shift_c,
// where shift_c = min(0, min_i t_ci): a component with negative values
// (zscore, log, none) is measured up from its least needy place, so every
// component adds >= 0 to the index. It depends on the weights only through
// that constant, so need ranks are the same for S and N.
func (e *engine) amounts(s []float64, sums scoreSums, a []float64) needInfo {
	info := needInfo{minS: sums.lo, maxS: sums.hi, off: sums.off}
	idx := func(v float64) float64 {
		if v -= info.off; v > 0 {
			return v
		}
		return 0
	}
	denom := sums.denom
	switch e.basis {
	case BasisNeedShare:
		if denom > 0 {
			info.scale = e.pot / denom
			for i, v := range s {
				a[i] = idx(v) * info.scale
			}
			return info
		}
		info.fallback = "no place has any need, so the pot is split equally"
		for i := range a {
			a[i] = e.pot / float64(e.n)
		}
		return info
	case BasisNeedWeightedPerHead:
		if denom > 0 {
			info.scale = e.pot / denom
			for i, v := range s {
				a[i] = e.pop[i] * idx(v) * info.scale
			}
			return info
		}
		info.fallback = "no place has any need, so the pot is split per head"
		info.perHead = e.pot / e.popTotal
		for i := range a {
			a[i] = e.pop[i] * info.perHead
		}
		return info
	default: // BasisPerHead
		// Multiplier 1 + u·N_i/N̄, N̄ the population-weighted mean need
		// index: the pot splits (1/(1+u)) per head and (u/(1+u)) as
		// need_weighted_per_head.
		if e.uplift <= 0 || denom <= 0 {
			info.perHead = e.pot / e.popTotal
			for i := range a {
				a[i] = e.pop[i] * info.perHead
			}
			return info
		}
		info.uplift = e.uplift * e.popTotal / denom
		info.perHead = e.pot / (e.popTotal * (1 + e.uplift))
		info.scale = e.pot * e.uplift / ((1 + e.uplift) * denom)
		for i, v := range s {
			a[i] = e.pop[i] * (info.perHead + idx(v)*info.scale)
		}
		return info
	}
}

// needIndex is what money is proportional to: the need index N for
// need_share and need_weighted_per_head (times population), the per-head
// multiplier 1 + u·N/N̄ for per_head.
func (e *engine) needIndex(info needInfo, s float64) float64 {
	n := max(0, s-info.off)
	if e.basis == BasisPerHead {
		return 1 + info.uplift*n
	}
	return n
}

// attribute splits place k's unconstrained amount into a base part and one
// part per component; base + Σ contrib = ws.a[k]. Component c's part is
// w_c (t_ck − shift_c) times the basis scale.
func (e *engine) attribute(info needInfo, w []float64, k int, contrib []float64) (base float64) {
	clear(contrib)
	switch {
	case info.fallback != "" && e.basis == BasisNeedShare:
		return e.pot / float64(e.n)
	case e.basis == BasisNeedShare:
		for c := range w {
			contrib[c] = w[c] * (e.t[c][k] - e.shift[c]) * info.scale
		}
		return 0
	}
	for c := range w {
		contrib[c] = e.pop[k] * w[c] * (e.t[c][k] - e.shift[c]) * info.scale
	}
	return e.pop[k] * info.perHead
}
