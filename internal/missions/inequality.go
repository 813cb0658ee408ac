package missions

import (
	"errors"
	"fmt"
	"math"

	"github.com/localup/localup"
)

// Group is one breakdown of a place's population and its value, e.g.
// {"sex=female", 63.1} or {"imd-decile=1", 52.0}.
type Group struct {
	Name  string
	Value float64 // NaN when the group has no figure; it is then left out
}

// GroupGap is the largest gap between groups within a place.
type GroupGap struct {
	Highest    Group   // the group with the highest value (the first listed on a tie)
	Lowest     Group   // the group with the lowest value (the first listed on a tie)
	Best       Group   // Highest, or Lowest when lower is better
	Worst      Group   // the other one
	Difference float64 // Highest.Value − Lowest.Value
}

// LargestGroupGap finds the largest gap between any two groups: max − min
// over the groups with a value. Polarity says which end is better. At
// least two groups need a value (ErrTooFew).
func LargestGroupGap(groups []Group, pol localup.Polarity) (GroupGap, error) {
	hi, lo, n := -1, -1, 0
	for i, g := range groups {
		if math.IsInf(g.Value, 0) {
			return GroupGap{}, fmt.Errorf("missions: LargestGroupGap: group %q is %v: %w", g.Name, g.Value, ErrInvalid)
		}
		if math.IsNaN(g.Value) {
			continue
		}
		n++
		if hi < 0 || g.Value > groups[hi].Value {
			hi = i
		}
		if lo < 0 || g.Value < groups[lo].Value {
			lo = i
		}
	}
	if n < 2 {
		return GroupGap{}, fmt.Errorf("missions: LargestGroupGap: %d groups with a value: %w", n, ErrTooFew)
	}
	g := GroupGap{Highest: groups[hi], Lowest: groups[lo], Best: groups[hi], Worst: groups[lo],
		Difference: groups[hi].Value - groups[lo].Value}
	if pol == localup.LowerIsBetter {
		g.Best, g.Worst = g.Worst, g.Best
	}
	return g, nil
}

// GroupSection is a place's groups in one period.
type GroupSection struct {
	Period localup.Period
	Groups []Group
}

// GroupGapChange is how the largest gap between groups moved from the
// baseline period to the latest.
type GroupGapChange struct {
	BaselineGap GroupGap // the largest gap in the baseline period
	LatestGap   GroupGap // the largest gap in the latest period; its groups may differ from the baseline's
	SpreadChange
}

// GroupGapTrend compares the largest gap between groups in the baseline
// period for baselineYear (see BaselineIndex) with that in the latest
// period, with the narrowing rule of TrendOf (LittleChangeThreshold).
// Periods with fewer than two groups with a value are left out; fewer than
// two periods left, or a baseline that is the latest period, is an error
// wrapping ErrTooFew.
func GroupGapTrend(sections []GroupSection, baselineYear int, pol localup.Polarity) (GroupGapChange, error) {
	gaps := map[string]GroupGap{} // by Period.String: equal periods may hold different time.Locations
	pts := make([]Point, 0, len(sections))
	for _, s := range sections {
		g, err := LargestGroupGap(s.Groups, pol)
		if err != nil {
			if errors.Is(err, ErrTooFew) {
				continue
			}
			return GroupGapChange{}, fmt.Errorf("missions: GroupGapTrend: %s: %w", s.Period, err)
		}
		if _, dup := gaps[s.Period.String()]; dup {
			return GroupGapChange{}, fmt.Errorf("missions: GroupGapTrend: two sections for %s: %w", s.Period, ErrInvalid)
		}
		gaps[s.Period.String()] = g
		pts = append(pts, Point{s.Period, g.Difference})
	}
	c, err := TrendOf(pts, baselineYear)
	if err != nil {
		return GroupGapChange{}, err
	}
	return GroupGapChange{BaselineGap: gaps[c.Baseline.Period.String()], LatestGap: gaps[c.Latest.Period.String()], SpreadChange: c}, nil
}
