package missions

import (
	"errors"
	"fmt"
	"math"

	"github.com/localup/localup"
)

// Trend says how a spread moved between the baseline and the latest period.
type Trend string

// Trends.
const (
	Narrowing    = Trend("narrowing")
	Widening     = Trend("widening")
	LittleChange = Trend("little change")
)

// LittleChangeThreshold is the relative change below which a spread is
// said to show little change: 2% of its baseline value. Spreads move
// with sampling noise and boundary changes from year to year; calling a
// 1% move "narrowing" would claim more than the data can show.
const LittleChangeThreshold = 0.02

// Measure computes one spread measure over a cross-section's values.
// CoefficientOfVariation is one; TailDifference and TailRatio make others.
type Measure func(values []float64) (float64, error)

// TailDifference measures the spread as TailGap's Difference.
func TailDifference(pol localup.Polarity, share float64) Measure {
	return func(values []float64) (float64, error) {
		t, err := TailGap(values, pol, share)
		return t.Difference, err
	}
}

// TailRatio measures the spread as TailGap's Ratio.
func TailRatio(pol localup.Polarity, share float64) Measure {
	return func(values []float64) (float64, error) {
		t, err := TailGap(values, pol, share)
		if err == nil && math.IsNaN(t.Ratio) {
			err = fmt.Errorf("missions: TailRatio: lower tail mean %v: %w", t.WorstMean, ErrZeroMean)
		}
		return t.Ratio, err
	}
}

// CrossSection is every place's value of one indicator in one period.
type CrossSection struct {
	Period localup.Period
	Values []float64 // NaN for places with no figure
}

// SpreadChange is how a spread measure moved from the baseline period to
// the latest.
type SpreadChange struct {
	Baseline       Point   // the measure in the baseline period
	Latest         Point   // the measure in the latest period
	Change         float64 // Latest.Value − Baseline.Value
	RelativeChange float64 // Change / |Baseline.Value|; ±Inf from a zero baseline
	Trend          Trend   // narrowing when the spread fell by at least LittleChangeThreshold of its baseline, widening when it rose as much
}

// SpreadTrend computes the measure for each period and compares the
// baseline period's value (see BaselineIndex; e.g. 2022, or the nearest
// period to it) with the latest period's. Periods where the measure cannot
// be computed (too few places, a zero mean) are left out. It is an error
// wrapping ErrTooFew when fewer than two periods remain or the baseline is
// the latest period.
func SpreadTrend(sections []CrossSection, baselineYear int, m Measure) (SpreadChange, error) {
	pts := make([]Point, 0, len(sections))
	for _, s := range sections {
		v, err := m(s.Values)
		switch {
		case errors.Is(err, ErrTooFew), errors.Is(err, ErrNoData), errors.Is(err, ErrZeroMean):
			continue
		case err != nil:
			return SpreadChange{}, fmt.Errorf("missions: SpreadTrend: %s: %w", s.Period, err)
		}
		pts = append(pts, Point{s.Period, v})
	}
	return TrendOf(pts, baselineYear)
}

// TrendOf compares a series of spread values (one per period) at the
// baseline period for baselineYear and at the latest period, as
// SpreadTrend does.
func TrendOf(points []Point, baselineYear int) (SpreadChange, error) {
	pts, err := clean("TrendOf", points)
	if err != nil {
		return SpreadChange{}, err
	}
	if len(pts) < 2 {
		return SpreadChange{}, fmt.Errorf("missions: TrendOf: %d periods with a value: %w", len(pts), ErrTooFew)
	}
	base, bi, latest := baselineAndLatest(pts, baselineYear)
	if bi == len(pts)-1 {
		return SpreadChange{}, fmt.Errorf("missions: TrendOf: the baseline for %d is the latest period, %s: %w", baselineYear, latest.Period, ErrTooFew)
	}
	return spreadChange(base, latest), nil
}

func spreadChange(base, latest Point) SpreadChange {
	c := SpreadChange{Baseline: base, Latest: latest, Change: latest.Value - base.Value}
	switch {
	case c.Change == 0:
		c.RelativeChange = 0
	case base.Value == 0:
		c.RelativeChange = math.Inf(int(math.Copysign(1, c.Change)))
	default:
		c.RelativeChange = c.Change / math.Abs(base.Value)
	}
	switch {
	case math.Abs(c.RelativeChange) < LittleChangeThreshold:
		c.Trend = LittleChange
	case c.Change < 0:
		c.Trend = Narrowing
	default:
		c.Trend = Widening
	}
	return c
}
