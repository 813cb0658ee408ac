package snapshot

import (
	"fmt"
	"math"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/stats"
)

// Benchmark is what an area's figure is compared with, and the judgement.
// The comparison is the Fingertips default, "benchmark inside the area's
// 95% interval" (stats.CompareToBenchmark): the area is significantly
// higher when the benchmark value lies below its interval, lower when above,
// and similar otherwise, then read through the indicator's polarity as
// better or worse. An indicator without polarity is "not compared", with
// the higher, lower or similar finding kept in the Note.
type Benchmark struct {
	Area  *localup.Area // nil for the similar-areas mean
	Label string        // "England", "North East", "similar areas"
	// Value is the benchmark's figure for the same period; Lower and Upper
	// its 95% interval. NaN when absent.
	Value, Lower, Upper float64
	// N and Of are, for the similar-areas mean, how many of the similar
	// areas had a figure and how many there are.
	N, Of      int
	Comparison stats.Comparison
	// Note explains an absent value or judgement, or a substituted
	// benchmark; "" otherwise.
	Note string
}

// NoteNoInterval is the Note of a benchmark not compared because the
// area's figure has no interval.
const NoteNoInterval = "no confidence interval for this figure"

// Judgement phrases the comparison: "worse than England", "similar to
// North East", "higher than similar areas", or "not compared".
func (b Benchmark) Judgement() string { return Judgement(b.Comparison, b.Label) }

// Judgement phrases a comparison with a benchmark named label.
func Judgement(c stats.Comparison, label string) string {
	switch c {
	case stats.Better, stats.Worse, stats.Higher, stats.Lower:
		return c.String() + " than " + label
	case stats.Similar:
		return "similar to " + label
	}
	return "not compared"
}

// HasValue reports whether the benchmark has a figure.
func (b Benchmark) HasValue() bool { return !math.IsNaN(b.Value) }

func noBenchmark(label string) Benchmark {
	nan := math.NaN()
	return Benchmark{Label: label, Value: nan, Lower: nan, Upper: nan}
}

// compareArea compares the row's interval with area b's figure for the
// same period (followed across a change of b's code).
func (s *Snapshot) compareArea(b *localup.Area, ind *localup.Indicator, p localup.Period, lower, upper float64) Benchmark {
	return s.compareIn(s.cell(ind.ID, p), b, ind, p, lower, upper)
}

// compareIn is compareArea within the row's cell.
func (s *Snapshot) compareIn(c periodCell, b *localup.Area, ind *localup.Indicator, p localup.Period, lower, upper float64) Benchmark {
	bm := noBenchmark(b.Name)
	bm.Area = b
	o, ok := s.followedIn(c, b.Code)
	if !ok {
		bm.Note = fmt.Sprintf("%s has no figure for %s", b.Name, p.Label())
		return bm
	}
	bm.Value = o.Value
	bm.Lower, bm.Upper, _ = Interval(ind, o)
	bm.judge(ind, lower, upper)
	return bm
}

// judge compares the area's interval with the benchmark value.
func (bm *Benchmark) judge(ind *localup.Indicator, lower, upper float64) {
	bm.Comparison = stats.CompareToBenchmark(lower, upper, bm.Value, stats.Polarity(ind.Polarity))
	if bm.Comparison == stats.NotCompared && (math.IsNaN(lower) || math.IsNaN(upper)) {
		bm.Note = NoteNoInterval
	}
	// An indicator with no better or worse direction is not judged, as
	// the profile promises; the significance is kept in words so nothing
	// is hidden ("higher than England, a difference with no direction").
	if ind.Polarity == localup.NoPolarity && bm.Comparison != stats.NotCompared {
		bm.Note = Judgement(bm.Comparison, bm.Label) + "; this indicator has no better or worse direction"
		bm.Comparison = stats.NotCompared
	}
}

// similarMean compares the row with the mean of the similar areas'
// figures for the same period. The mean is given only when at least half
// of the similar areas have a figure.
func (s *Snapshot) similarMean(c periodCell, nbs []int32, ind *localup.Indicator, p localup.Period, lower, upper float64) Benchmark {
	bm := noBenchmark("similar areas")
	bm.Of = len(nbs)
	if len(nbs) == 0 {
		bm.Note = "no similar areas"
		return bm
	}
	var sum float64
	for _, ai := range nbs {
		if k := s.followedAt(c, ai); k >= 0 {
			sum += c.values[k]
			bm.N++
		}
	}
	if 2*bm.N < len(nbs) {
		bm.Note = fmt.Sprintf("only %d of the %d similar areas have a figure for %s", bm.N, len(nbs), p.Label())
		return bm
	}
	bm.Value = sum / float64(bm.N)
	bm.judge(ind, lower, upper)
	return bm
}

// SimilarMean is the mean of the figures of a profile's similar areas for
// the indicator in period p, by the profile's rule (given only when at
// least half of them have a figure; Value is NaN otherwise), for charts
// that draw it over time.
func (s *Snapshot) SimilarMean(p *Profile, indicator string, period localup.Period) Benchmark {
	ind, ok := s.Indicator(indicator)
	if !ok {
		return noBenchmark("similar areas")
	}
	nbs := make([]int32, len(p.Similar))
	for i, a := range p.Similar {
		nbs[i] = int32(s.areaByCode[a.Code])
	}
	return s.similarMean(s.cell(indicator, period), nbs, &ind, period, math.NaN(), math.NaN())
}

// Compare compares every row of a profile with another area's figure for
// the same period, as the profile's benchmarks are compared. It reads only
// the two areas' figures, so a request may call it.
func (s *Snapshot) Compare(p *Profile, other localup.Area) []Benchmark {
	out := make([]Benchmark, len(p.Rows))
	for i, r := range p.Rows {
		out[i] = s.compareArea(&other, r.Indicator, r.Observation.Period, r.Lower, r.Upper)
	}
	return out
}

// ParseCompare reads the compare parameter: "" for none, or the code of
// any known area (case-insensitive). Unknown codes are EINVALID, naming
// the parameter.
func (s *Snapshot) ParseCompare(code string) (*localup.Area, error) {
	if code == "" {
		return nil, nil
	}
	a, ok := s.Area(code)
	if !ok {
		return nil, localup.Errorf(localup.EINVALID, "compare: there is no area with the code %q", code)
	}
	return &a, nil
}
