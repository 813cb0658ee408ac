package missions

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/localup/localup"
)

// p parses a period as the importer does (split years are financial years).
func p(s string) localup.Period { return localup.MustPeriod(s) }

// school parses a split year as an academic year starting in August.
func school(s string) localup.Period {
	q, err := localup.ParsePeriodFrom(s, time.August)
	if err != nil {
		panic(err)
	}
	return q
}

func TestDecimalYear(t *testing.T) {
	for _, tt := range []struct {
		date string
		want float64
	}{
		{"2019-01-01", 2019},
		{"2019-07-02", 2019 + 182.0/365}, // day 183 of 365
		{"2020-07-02", 2020 + 183.0/366}, // a leap year
		{"2022-09-01", 2022 + 243.0/365},
	} {
		d, _ := time.Parse(time.DateOnly, tt.date)
		if got := DecimalYear(d); !near(got, tt.want) {
			t.Errorf("DecimalYear(%s) = %v, want %v", tt.date, got, tt.want)
		}
	}
}

func TestBaselineIndex(t *testing.T) {
	tests := []struct {
		name    string
		periods []localup.Period
		year    int
		want    int
	}{
		{"calendar years", []localup.Period{p("2017"), p("2018"), p("2019"), p("2020")}, 2019, 2},
		// The first period that includes part of 2019 is 2018-19 (April 2018 to March 2019).
		{"financial years", []localup.Period{p("2017-18"), p("2018-19"), p("2019-20")}, 2019, 1},
		// The school year 2018/19 (August 2018 to July 2019) is the White Paper's "2019".
		{"school years", []localup.Period{school("2017-18"), school("2018-19"), school("2019-20")}, 2019, 1},
		// Three-year periods: 2017-19 is the first to include 2019.
		{"three-year periods", []localup.Period{p("2015-17"), p("2016-18"), p("2017-19"), p("2018-20")}, 2019, 2},
		// None includes 2019: the series starts after, so the first.
		{"starts later", []localup.Period{p("2021"), p("2022")}, 2019, 0},
		// None includes 2022: 2021 ends where 2022 starts (0 days) and 2023
		// starts where it ends (0 days): the earlier wins the tie.
		{"nearest, tie to earlier", []localup.Period{p("2019"), p("2021"), p("2023")}, 2022, 1},
		// Overlap beats an adjacent period listed before it.
		{"overlap beats adjacency", []localup.Period{p("2021"), p("2022")}, 2022, 1},
		// Ends before: the latest.
		{"ends earlier", []localup.Period{p("2014"), p("2016")}, 2019, 1},
		// An instant in the year counts as in it.
		{"instant", []localup.Period{p("As of 13 January 2023")}, 2023, 0},
		{"empty", nil, 2019, -1},
	}
	for _, tt := range tests {
		if got := BaselineIndex(tt.periods, tt.year); got != tt.want {
			t.Errorf("%s: BaselineIndex = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestSlope(t *testing.T) {
	// x = 2019, 2021, 2023; y = 65, 59, 60. x̄ = 2021, ȳ = 61.333…
	// Σ(x−x̄)(y−ȳ) = (−2)(3.667) + 0 + (2)(−1.333) = −10; Σ(x−x̄)² = 8; slope −1.25.
	got, err := Slope([]Point{{p("2023"), 60}, {p("2019"), 65}, {p("2021"), 59}, {p("2020"), math.NaN()}})
	if err != nil || !near(got, -1.25) {
		t.Errorf("Slope = %v, %v; want -1.25", got, err)
	}
	if _, err := Slope([]Point{{p("2019"), 1}}); !errors.Is(err, ErrTooFew) {
		t.Errorf("Slope of one point: err = %v, want ErrTooFew", err)
	}
	// Two lengths of period starting on one date: no spread of x.
	if _, err := Slope([]Point{{p("2019"), 1}, {p("2019-21"), 2}}); !errors.Is(err, ErrTooFew) {
		t.Errorf("Slope with one start date: err = %v, want ErrTooFew", err)
	}
	if _, err := Slope([]Point{{p("2019"), 1}, {p("2019"), 2}}); !errors.Is(err, ErrInvalid) {
		t.Errorf("Slope with a duplicated period: err = %v, want ErrInvalid", err)
	}
}

func TestTrendOf(t *testing.T) {
	tests := []struct {
		name   string
		points []Point
		year   int
		want   SpreadChange
		err    error
	}{
		// 10 → 9.5: −0.5, −0.5/10 = −5% → narrowing.
		{"narrowing", []Point{{p("2021"), 11}, {p("2022"), 10}, {p("2024"), 9.5}}, 2022,
			SpreadChange{Point{p("2022"), 10}, Point{p("2024"), 9.5}, -0.5, -0.05, Narrowing}, nil},
		// 10 → 10.5: +5% → widening.
		{"widening", []Point{{p("2022"), 10}, {p("2023"), 10.5}}, 2022,
			SpreadChange{Point{p("2022"), 10}, Point{p("2023"), 10.5}, 0.5, 0.05, Widening}, nil},
		// 10 → 10.1: +1% < 2% → little change.
		{"little change", []Point{{p("2022"), 10}, {p("2023"), 10.1}}, 2022,
			SpreadChange{Point{p("2022"), 10}, Point{p("2023"), 10.1}, 0.1, 0.01, LittleChange}, nil},
		// −4 → −3.5: the relative change is on |baseline|: 0.5/4 = 12.5% → widening (the measure rose).
		{"negative baseline", []Point{{p("2022"), -4}, {p("2023"), -3.5}}, 2022,
			SpreadChange{Point{p("2022"), -4}, Point{p("2023"), -3.5}, 0.5, 0.125, Widening}, nil},
		{"zero to zero", []Point{{p("2022"), 0}, {p("2023"), 0}}, 2022,
			SpreadChange{Point{p("2022"), 0}, Point{p("2023"), 0}, 0, 0, LittleChange}, nil},
		{"from zero", []Point{{p("2022"), 0}, {p("2023"), 1}}, 2022,
			SpreadChange{Point{p("2022"), 0}, Point{p("2023"), 1}, 1, math.Inf(1), Widening}, nil},
		// No 2022: nearest is 2021 (tie with 2023 goes to the earlier).
		{"nearest baseline", []Point{{p("2019"), 8}, {p("2021"), 10}, {p("2023"), 9}}, 2022,
			SpreadChange{Point{p("2021"), 10}, Point{p("2023"), 9}, -1, -0.1, Narrowing}, nil},
		{"single period", []Point{{p("2022"), 10}, {p("2023"), math.NaN()}}, 2022, SpreadChange{}, ErrTooFew},
		// Both periods end before 2022, so the baseline is the latest.
		{"baseline is latest", []Point{{p("2015"), 10}, {p("2016"), 11}}, 2022, SpreadChange{}, ErrTooFew},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := TrendOf(tt.points, tt.year)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if diff := cmp.Diff(tt.want, got, nanOK); diff != "" {
				t.Errorf("TrendOf (-want +got):\n%s", diff)
			}
		})
	}
}
