package snapshot

import (
	"fmt"
	"math"
	"strings"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/numfmt"
	"github.com/localup/localup/internal/stats"
)

// TrendMethod names the form of the Fingertips recent-trend test used.
type TrendMethod string

// Trend methods (see stats.RecentTrendProportion and stats.RecentTrendCI).
const (
	TrendNotTested   TrendMethod = ""
	TrendProportions TrendMethod = "chi-squared test for trend in proportions"
	TrendIntervals   TrendMethod = "weighted regression, weights from the confidence intervals"
)

// Trend is the Fingertips recent-trend marker for one area's indicator,
// tested on the five most recent periods up to the latest figure.
type Trend struct {
	Result     stats.TrendResult
	Assessment stats.TrendAssessment // the marker read through the polarity
	Method     TrendMethod
	From, To   localup.Period // the first and last of the five periods, when tested
	// Reason says why the trend cannot be calculated; "" when it was.
	Reason string
}

// Calculated reports whether the test ran.
func (t Trend) Calculated() bool { return t.Result.Trend != stats.TrendCannotBeCalculated }

// Text describes the trend: "decreasing, getting worse", "increasing" (no
// polarity), "no significant change" or "cannot be calculated".
func (t Trend) Text() string {
	switch t.Result.Trend {
	case stats.TrendIncreasing, stats.TrendDecreasing:
		switch t.Assessment {
		case stats.TrendGettingBetter, stats.TrendGettingWorse:
			return t.Result.Trend.String() + ", " + t.Assessment.String()
		}
		return t.Result.Trend.String()
	case stats.TrendNoSignificantChange:
		return "no significant change"
	}
	return "cannot be calculated"
}

// recentTrend runs the recent-trend test on the five periods of series
// ending at index last (the latest figure). The periods must be evenly
// spaced and of one length, as the test assumes. Proportions with
// numerators and denominators for all five use the chi-squared test for
// trend; otherwise, when all five have a 95% interval (published or
// calculated by Interval), the interval-weighted regression is used.
func recentTrend(ind *localup.Indicator, series []localup.Observation, last int) Trend {
	nope := func(reason string) Trend {
		return Trend{Result: stats.TrendResult{Trend: stats.TrendCannotBeCalculated, ChiSquared: math.NaN(), Slope: math.NaN(), Reason: reason},
			Reason: reason}
	}
	n := stats.TrendPoints
	if last+1 < n {
		return nope(fmt.Sprintf("only %d %s published; the test needs %d", last+1, numfmt.Plural(last+1, "period is", "periods are"), n))
	}
	pts := series[last+1-n : last+1]
	if !evenlySpaced(pts) {
		return nope("the five most recent periods are not evenly spaced")
	}
	t := Trend{From: pts[0].Period, To: pts[n-1].Period}
	for i := range pts {
		if !pts[i].HasValue() {
			return nope(fmt.Sprintf("there is no figure for %s", pts[i].Period.Label()))
		}
	}
	var res stats.TrendResult
	var err error
	if num, den, ok := counts(ind, pts); ok {
		t.Method = TrendProportions
		res, err = stats.RecentTrendProportion(num, den)
	} else {
		vals, lo, hi := make([]float64, n), make([]float64, n), make([]float64, n)
		var without []string
		for i := range pts {
			var src IntervalSource
			lo[i], hi[i], src = Interval(ind, &pts[i])
			if src == IntervalNone {
				without = append(without, pts[i].Period.Label())
			}
			vals[i] = pts[i].Value
		}
		switch {
		case len(without) == n:
			return nope("no confidence intervals, or numerators and denominators, are published")
		case len(without) > 0:
			return nope("no confidence interval, or numerator and denominator, is published for " + strings.Join(without, ", "))
		}
		t.Method = TrendIntervals
		res, err = stats.RecentTrendCI(vals, lo, hi)
	}
	if err != nil {
		return nope("the published figures could not be tested (inconsistent values or intervals)")
	}
	t.Result = res
	t.Assessment = res.Trend.Assess(stats.Polarity(ind.Polarity))
	if res.Trend == stats.TrendCannotBeCalculated {
		t.Reason = res.Reason
		t.Method = TrendNotTested
	}
	return t
}

// counts returns the numerators and denominators of a proportion's points
// when every point has both.
func counts(ind *localup.Indicator, pts []localup.Observation) (num, den []float64, ok bool) {
	if ind.ValueType != localup.ValueProportion {
		return nil, nil, false
	}
	num, den = make([]float64, len(pts)), make([]float64, len(pts))
	for i, o := range pts {
		if math.IsNaN(o.Numerator) || math.IsNaN(o.Denominator) {
			return nil, nil, false
		}
		num[i], den[i] = o.Numerator, o.Denominator
	}
	return num, den, true
}

// evenlySpaced reports whether the periods have one length and start at
// equal steps of whole months on the same day of the month. A single date
// counts as its calendar year, as localup.Observation.SeriesKey has it: ONS
// now publishes annual survey figures by reference date ("2024-04-17",
// "2025-04-30"), and those are one year apart.
func evenlySpaced(pts []localup.Observation) bool {
	type span struct{ start, day, length int } // start in months since year 0
	norm := func(p localup.Period) span {
		if p.Instant() {
			return span{p.Start.Year() * 12, 1, 12}
		}
		return span{p.Start.Year()*12 + int(p.Start.Month()) - 1, p.Start.Day(), p.Years*12 + p.Months}
	}
	first := norm(pts[0].Period)
	step := 0
	prev := first
	for i := 1; i < len(pts); i++ {
		cur := norm(pts[i].Period)
		d := cur.start - prev.start
		if i == 1 {
			step = d
		}
		if cur.length != first.length || cur.day != first.day || d <= 0 || d != step {
			return false
		}
		prev = cur
	}
	return true
}
