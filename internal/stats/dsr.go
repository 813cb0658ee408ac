package stats

import (
	"fmt"
	"math"
	"slices"
)

// AgeBand is one band of a standard population. End is -1 for the open
// top band (90+).
type AgeBand struct {
	Label      string
	Start, End int
	Weight     float64
}

// esp2013 holds the 2013 European Standard Population (Eurostat 2013,
// "Revision of the European Standard Population", table 1), in the 19 bands
// PHEindicatormethods' esp2013 data uses. The weights sum to 100,000.
var esp2013 = [...]AgeBand{
	{"0-4", 0, 4, 5000}, {"5-9", 5, 9, 5500}, {"10-14", 10, 14, 5500},
	{"15-19", 15, 19, 5500}, {"20-24", 20, 24, 6000}, {"25-29", 25, 29, 6000},
	{"30-34", 30, 34, 6500}, {"35-39", 35, 39, 7000}, {"40-44", 40, 44, 7000},
	{"45-49", 45, 49, 7000}, {"50-54", 50, 54, 7000}, {"55-59", 55, 59, 6500},
	{"60-64", 60, 64, 6000}, {"65-69", 65, 69, 5500}, {"70-74", 70, 74, 5000},
	{"75-79", 75, 79, 4000}, {"80-84", 80, 84, 2500}, {"85-89", 85, 89, 1500},
	{"90+", 90, -1, 1000},
}

// ESP2013 returns the 19 weights of the 2013 European Standard Population,
// youngest band first (0-4, 5-9, …, 85-89, 90+). The slice is a fresh copy.
func ESP2013() []float64 {
	w := make([]float64, len(esp2013))
	for i, b := range esp2013 {
		w[i] = b.Weight
	}
	return w
}

// ESP2013Bands returns the 2013 European Standard Population bands with
// their labels, age ranges and weights. The slice is a fresh copy.
func ESP2013Bands() []AgeBand { return slices.Clone(esp2013[:]) }

// dsrMinCount is the total count below which Fingertips does not publish a
// DSR, because the Dobson interval is unreliable for so few events.
const dsrMinCount = 10

// DSRResult is a directly standardised rate with its Dobson interval.
type DSRResult struct {
	Estimate
	TotalCount float64 // O, the total number of events
	TotalPop   float64 // Σ populations
	// Suppressed is true when TotalCount < 10; Value, Lower and Upper are then
	// NaN, matching PHEindicatormethods' "dsr NA for total count < 10".
	Suppressed bool
}

// DSR returns the directly standardised rate of events per multiplier of
// standard population, with a confidence interval by Dobson's method, as
// PHEindicatormethods' calculate_dsr does with independent events.
//
// Method (Dobson et al. 1991; Fingertips technical guidance "Directly
// standardised rates"), with counts xᵢ, populations nᵢ and standard weights
// wᵢ per age band:
//
//	DSR = m · Σ wᵢxᵢ/nᵢ / Σ wᵢ
//	var = Σ xᵢ(wᵢ/nᵢ)² / (Σ wᵢ)²
//	limit = DSR + m · √(var/O) · (B(O) − O)
//
// where O = Σxᵢ and B(O) is the Byar lower or upper limit of O. Dobson's
// method scales the Poisson interval of the total count to the weighted sum,
// which keeps the interval asymmetric for small counts where a normal
// approximation would not.
//
// The three slices are matched by position. A NaN count is taken as 0 (no
// events recorded); a population must be present and > 0; a standard weight
// must be present and ≥ 0 (a zero weight drops the band). When O < 10 the
// result is Suppressed.
func DSR(counts, pops, stdPops []float64, multiplier, conf float64) (DSRResult, error) {
	c, err := checkConfidence("DSR", conf)
	if err != nil {
		return DSRResult{}, err
	}
	if err := checkMultiplier("DSR", multiplier); err != nil {
		return DSRResult{}, err
	}
	if len(counts) == 0 || len(counts) != len(pops) || len(counts) != len(stdPops) {
		return DSRResult{}, fmt.Errorf("stats: DSR: %d counts, %d populations, %d standard weights: %w",
			len(counts), len(pops), len(stdPops), ErrLength)
	}
	for i := range counts {
		if err := checkDSRBand("DSR", i, counts[i], pops[i], stdPops[i]); err != nil {
			return DSRResult{}, err
		}
	}
	var sumW, sumRate, sumSq, total, totalPop float64
	for i := range counts {
		x := naZero(counts[i])
		w, n := stdPops[i], pops[i]
		sumW += w
		sumRate += x * w / n
		sumSq += x * (w / n) * (w / n)
		total += x
		totalPop += n
	}
	if sumW <= 0 {
		return DSRResult{}, fmt.Errorf("stats: DSR: standard weights sum to %v: %w", sumW, ErrNonPositive)
	}
	variance := 1 / (sumW * sumW) * sumSq
	res := dobson(sumRate/sumW*multiplier, variance, total, multiplier, c)
	res.TotalPop = totalPop
	res.Method = MethodDobson
	return res, nil
}

// dobson finishes a DSR from its value, variance and total count.
func dobson(value, variance, total, multiplier, c float64) DSRResult {
	res := DSRResult{TotalCount: total}
	res.Confidence = c
	if total < dsrMinCount {
		res.Value, res.Lower, res.Upper = math.NaN(), math.NaN(), math.NaN()
		res.Suppressed = true
		return res
	}
	lo, hi := byarsLimits(total, zFromFraction(c))
	scale := math.Sqrt(variance / total)
	res.Value = value
	res.Lower = value + scale*(lo-total)*multiplier
	res.Upper = value + scale*(hi-total)*multiplier
	return res
}

// checkDSRBand applies calculate_dsr's per-band rules.
func checkDSRBand(fn string, i int, x, n, w float64) error {
	switch {
	case math.IsInf(x, 0) || math.IsInf(n, 0) || math.IsInf(w, 0):
		return fmt.Errorf("stats: %s: band %d: count %v, population %v, weight %v: %w", fn, i, x, n, w, ErrInvalid)
	case x < 0:
		return fmt.Errorf("stats: %s: band %d: count %v: %w", fn, i, x, ErrNegative)
	case isMissing(n):
		return fmt.Errorf("stats: %s: band %d: population: %w", fn, i, ErrMissing)
	case n <= 0:
		return fmt.Errorf("stats: %s: band %d: population %v: %w", fn, i, n, ErrNonPositive)
	case isMissing(w):
		return fmt.Errorf("stats: %s: band %d: standard population: %w", fn, i, ErrMissing)
	case w < 0:
		return fmt.Errorf("stats: %s: band %d: standard population %v: %w", fn, i, w, ErrNegative)
	}
	return nil
}

// naZero maps a missing value to 0, as the R package's na.zero does.
func naZero(v float64) float64 {
	if isMissing(v) {
		return 0
	}
	return v
}

// EventFrequencyRow is one row of input for DSRNonIndependent: within one age
// band, the number of people who had exactly Frequency events.
type EventFrequencyRow struct {
	Band      string  // age band label; required
	Frequency float64 // events per person (1, 2, 3, …); required, ≥ 0
	Persons   float64 // people in the band with exactly Frequency events; NaN counts as 0
	Pop       float64 // band population; the same on every row of the band
	StdPop    float64 // band standard weight; the same on every row of the band
}

// DSRNonIndependent returns a directly standardised rate whose events are
// not independent (one person can have several admissions, say), with the
// confidence interval widened as PHEindicatormethods' calculate_dsr does
// with independent_events = FALSE (Fingertips technical guidance, "DSRs for
// non-independent events").
//
// The rate itself uses the event totals: events per band are Σ f·persons_f.
// The variance is Σ_f f²·var_f, where var_f is the Dobson variance computed
// with persons_f (people with exactly f events) as the counts; because a
// person with f events contributes f² to the variance of the event count,
// this is larger than the independent-events variance whenever anyone has
// more than one event. O is the total number of events; below 10 the result
// is Suppressed.
//
// Rows may come in any order. Bands are taken in order of first appearance;
// every row of a band must carry the same Pop and StdPop, otherwise the
// function returns an error wrapping ErrInconsistent.
func DSRNonIndependent(rows []EventFrequencyRow, multiplier, conf float64) (DSRResult, error) {
	c, err := checkConfidence("DSRNonIndependent", conf)
	if err != nil {
		return DSRResult{}, err
	}
	if err := checkMultiplier("DSRNonIndependent", multiplier); err != nil {
		return DSRResult{}, err
	}
	if len(rows) == 0 {
		return DSRResult{}, fmt.Errorf("stats: DSRNonIndependent: no rows: %w", ErrLength)
	}
	type band struct {
		pop, w, events float64
		sqByFreq       map[float64]float64 // Σ persons per frequency, for var_f
	}
	var order []string
	bands := map[string]*band{}
	var freqs []float64
	seenFreq := map[float64]bool{}
	for i, r := range rows {
		switch {
		case r.Band == "":
			return DSRResult{}, fmt.Errorf("stats: DSRNonIndependent: row %d: age band: %w", i, ErrMissing)
		case isMissing(r.Frequency):
			return DSRResult{}, fmt.Errorf("stats: DSRNonIndependent: row %d: event frequency: %w", i, ErrMissing)
		case math.IsInf(r.Frequency, 0):
			return DSRResult{}, fmt.Errorf("stats: DSRNonIndependent: row %d: event frequency %v: %w", i, r.Frequency, ErrInvalid)
		case r.Frequency < 0:
			return DSRResult{}, fmt.Errorf("stats: DSRNonIndependent: row %d: event frequency %v: %w", i, r.Frequency, ErrNegative)
		}
		if err := checkDSRBand("DSRNonIndependent", i, r.Persons, r.Pop, r.StdPop); err != nil {
			return DSRResult{}, err
		}
		b, ok := bands[r.Band]
		if !ok {
			b = &band{pop: r.Pop, w: r.StdPop, sqByFreq: map[float64]float64{}}
			bands[r.Band] = b
			order = append(order, r.Band)
		} else if b.pop != r.Pop || b.w != r.StdPop {
			return DSRResult{}, fmt.Errorf("stats: DSRNonIndependent: band %q has populations %v and %v, standard populations %v and %v: %w",
				r.Band, b.pop, r.Pop, b.w, r.StdPop, ErrInconsistent)
		}
		p := naZero(r.Persons)
		b.events += r.Frequency * p
		b.sqByFreq[r.Frequency] += p
		if !seenFreq[r.Frequency] {
			seenFreq[r.Frequency] = true
			freqs = append(freqs, r.Frequency)
		}
	}
	slices.Sort(freqs)

	var sumW, sumRate, total, totalPop float64
	for _, name := range order {
		b := bands[name]
		sumW += b.w
		sumRate += b.events * b.w / b.pop
		total += b.events
		totalPop += b.pop
	}
	if sumW <= 0 {
		return DSRResult{}, fmt.Errorf("stats: DSRNonIndependent: standard weights sum to %v: %w", sumW, ErrNonPositive)
	}
	// Σ_f f² · var_f, accumulated per frequency as the R package does.
	var variance float64
	for _, f := range freqs {
		var sumSq float64
		for _, name := range order {
			b := bands[name]
			sumSq += b.sqByFreq[f] * (b.w / b.pop) * (b.w / b.pop)
		}
		variance += 1 / (sumW * sumW) * sumSq * f * f
	}
	res := dobson(sumRate/sumW*multiplier, variance, total, multiplier, c)
	res.TotalPop = totalPop
	res.Method = MethodDobsonNonIndep
	return res, nil
}
