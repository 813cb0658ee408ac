package missions

import (
	"fmt"
	"math"
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

// SpreadChange is how a spread measure moved from the baseline period to
// the latest.
type SpreadChange struct {
	Baseline       Point   // the measure in the baseline period
	Latest         Point   // the measure in the latest period
	Change         float64 // Latest.Value − Baseline.Value
	RelativeChange float64 // Change / |Baseline.Value|; ±Inf from a zero baseline
	Trend          Trend   // narrowing when the spread fell by at least LittleChangeThreshold of its baseline, widening when it rose as much
}

// TrendOf compares a series of spread values (one per period) at the
// baseline period for baselineYear (see BaselineIndex; e.g. 2022, or the
// nearest period to it) and at the latest period. It is an error wrapping
// ErrTooFew when fewer than two periods have a value or the baseline is
// the latest period.
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
