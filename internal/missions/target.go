package missions

import (
	"fmt"
	"math"
	"time"
)

// TargetStatus says where a series stands against a numeric target.
type TargetStatus string

// Target statuses.
const (
	TargetMet       = TargetStatus("met")             // the latest value already meets the level
	TargetOnTrack   = TargetStatus("on track")        // the trend so far, carried on, meets it by the deadline
	TargetOffTrack  = TargetStatus("off track")       // the trend so far falls short
	TargetMissed    = TargetStatus("missed")          // the deadline has passed without meeting it
	TargetTooLittle = TargetStatus("not enough data") // one value since the baseline, so no trend
)

// TargetCheck measures a series against a numeric target.
type TargetCheck struct {
	Target   Target
	Baseline Point   // the baseline value (see BaselineIndex), from Target.BaselineYear or DefaultBaselineYear
	Latest   Point   // the latest value
	Level    float64 // the value that meets the target; see Target.Level
	// Distance is Level − Latest.Value: how far the value still has to
	// move, positive upwards. Once the target is met it is zero or has the
	// sign opposite to the target's direction.
	Distance float64
	// YearsLeft runs from the latest period's start to the deadline, 1
	// January of Target.Year on the same period-start axis, so that a
	// target for 2030 is judged on the last period starting in 2030 or
	// before (the calendar year 2030, the school year 2029/30). Negative
	// once the deadline has passed.
	YearsLeft float64
	// NeededPerYear is Distance / YearsLeft: the steady yearly change that
	// would just meet the target. NaN once the deadline has passed.
	NeededPerYear float64
	// PerYearSoFar is the least-squares slope of the values from the
	// baseline period to the latest, in units per year (see Slope). NaN
	// with one value.
	PerYearSoFar float64
	Status       TargetStatus
}

// OnTrack reports whether the target is met or the trend so far meets it.
func (c TargetCheck) OnTrack() bool { return c.Status == TargetMet || c.Status == TargetOnTrack }

// CheckTarget measures series (one area's values of t.IndicatorID; NaN
// values are skipped) against numeric target t. The status is met when the
// latest value meets the level; otherwise missed once the deadline has
// passed; otherwise on track when the trend so far, carried on to the
// deadline (Latest + PerYearSoFar × YearsLeft), meets the level, and off
// track when it does not; not enough data when there is only one value
// from the baseline on. It is an error wrapping ErrNotNumeric for a target
// with no number and ErrNoData for a series with no value.
func CheckTarget(t Target, series []Point) (TargetCheck, error) {
	if !t.Numeric() || math.IsNaN(t.Value) || math.IsInf(t.Value, 0) {
		return TargetCheck{}, fmt.Errorf("missions: CheckTarget: %s %v: %w", t.Kind, t.Value, ErrNotNumeric)
	}
	if t.Year < 1 {
		return TargetCheck{}, fmt.Errorf("missions: CheckTarget: target year %d: %w", t.Year, ErrInvalid)
	}
	pts, err := clean("CheckTarget", series)
	if err != nil {
		return TargetCheck{}, err
	}
	if len(pts) == 0 {
		return TargetCheck{}, fmt.Errorf("missions: CheckTarget: %s: %w", t.IndicatorID, ErrNoData)
	}
	year := t.BaselineYear
	if year == 0 {
		year = DefaultBaselineYear
	}
	base, bi, latest := baselineAndLatest(pts, year)
	c := TargetCheck{Target: t, Baseline: base, Latest: latest, Level: t.Level(base.Value)}
	c.Distance = c.Level - latest.Value
	deadline := DecimalYear(time.Date(t.Year, time.January, 1, 0, 0, 0, 0, time.UTC))
	c.YearsLeft = deadline - DecimalYear(latest.Period.Start)
	c.NeededPerYear = nan
	if c.YearsLeft > 0 {
		c.NeededPerYear = c.Distance / c.YearsLeft
	}
	c.PerYearSoFar = nan
	if s, err := slope(pts[bi:]); err == nil {
		c.PerYearSoFar = s
	}
	switch {
	case t.Met(latest.Value, c.Level):
		c.Status = TargetMet
	case c.YearsLeft <= 0:
		c.Status = TargetMissed
	case math.IsNaN(c.PerYearSoFar):
		c.Status = TargetTooLittle
	case t.Met(latest.Value+c.PerYearSoFar*c.YearsLeft, c.Level):
		c.Status = TargetOnTrack
	default:
		c.Status = TargetOffTrack
	}
	return c, nil
}
