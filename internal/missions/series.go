package missions

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/localup/localup"
)

// DefaultBaselineYear is the baseline year used when a target states
// none: 2019, the last full year before the pandemic, and the White
// Paper's baseline for its education mission.
const DefaultBaselineYear = 2019

// Point is one value of a series: the period it describes and its value,
// NaN when absent.
type Point struct {
	Period localup.Period
	Value  float64
}

// nan is used where a number is absent.
var nan = math.NaN()

// DecimalYear places a time on a continuous year axis: 2019-01-01 is
// 2019.0 and 2019-07-02 is 2019 + 182/365. Periods are placed at their
// start dates.
func DecimalYear(t time.Time) float64 {
	y := t.Year()
	start := time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC)
	next := time.Date(y+1, time.January, 1, 0, 0, 0, 0, time.UTC)
	return float64(y) + t.Sub(start).Hours()/next.Sub(start).Hours()
}

// clean returns the points with a value, sorted by period. Duplicated
// periods are an error: a series has one value per period.
func clean(fn string, pts []Point) ([]Point, error) {
	out := make([]Point, 0, len(pts))
	for _, p := range pts {
		if math.IsInf(p.Value, 0) {
			return nil, fmt.Errorf("missions: %s: value for %s is %v: %w", fn, p.Period, p.Value, ErrInvalid)
		}
		if !math.IsNaN(p.Value) {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b Point) int { return a.Period.Compare(b.Period) })
	for i := 1; i < len(out); i++ {
		if out[i].Period.Equal(out[i-1].Period) {
			return nil, fmt.Errorf("missions: %s: two values for %s: %w", fn, out[i].Period, ErrInvalid)
		}
	}
	return out, nil
}

// BaselineIndex returns the index, in periods sorted oldest first, of the
// baseline period for year: the earliest period that includes any part of
// the year (an instant counts when it falls in the year); failing that, the
// period nearest to the year, measured between the period's span and the
// year, the earlier one on a tie. It returns -1 for no periods.
//
// So for 2019 the baseline of a calendar series is 2019, of a financial
// series 2018-19, of an academic series 2018/19 and of a three-year series
// 2017-19; a series that starts in 2021 has its baseline in 2021, and one
// that ends in 2016 has its baseline in 2016.
func BaselineIndex(periods []localup.Period, year int) int {
	from := time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(1, 0, 0)
	best, bestDist := -1, math.Inf(1)
	for i, p := range periods {
		end := p.End()
		if p.Instant() {
			end = p.Start.Add(time.Nanosecond)
		}
		dist := -1.0 // in days between the period and the year; -1 when they overlap, so overlap beats adjacency
		switch {
		case !end.After(from):
			dist = from.Sub(end).Hours() / 24
		case !p.Start.Before(to):
			dist = p.Start.Sub(to).Hours()/24 + 1e-9 // after the year: an equal gap before wins
		}
		if dist < bestDist {
			best, bestDist = i, dist
		}
	}
	return best
}

// Slope is the ordinary least-squares slope of the values on the periods'
// start dates in decimal years, in units per year:
//
//	slope = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)²
//
// Points without a value are skipped. It is an error wrapping ErrTooFew
// when fewer than two points remain or they all start on the same date.
func Slope(points []Point) (float64, error) {
	pts, err := clean("Slope", points)
	if err != nil {
		return nan, err
	}
	return slope(pts)
}

func slope(pts []Point) (float64, error) {
	if len(pts) < 2 {
		return nan, fmt.Errorf("missions: Slope: %d points: %w", len(pts), ErrTooFew)
	}
	var mx, my float64
	for _, p := range pts {
		mx += DecimalYear(p.Period.Start)
		my += p.Value
	}
	n := float64(len(pts))
	mx, my = mx/n, my/n
	var sxy, sxx float64
	for _, p := range pts {
		dx := DecimalYear(p.Period.Start) - mx
		sxy += dx * (p.Value - my)
		sxx += dx * dx
	}
	if sxx == 0 {
		return nan, fmt.Errorf("missions: Slope: every point starts on %s: %w", pts[0].Period.Start.Format(time.DateOnly), ErrTooFew)
	}
	return sxy / sxx, nil
}

// baseline returns the baseline and latest points of a cleaned series and
// the index of the baseline.
func baselineAndLatest(pts []Point, year int) (base Point, bi int, latest Point) {
	periods := make([]localup.Period, len(pts))
	for i, p := range pts {
		periods[i] = p.Period
	}
	bi = BaselineIndex(periods, year)
	return pts[bi], bi, pts[len(pts)-1]
}
