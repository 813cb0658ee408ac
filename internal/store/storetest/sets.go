package storetest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/localup/localup"
)

// A store may keep an indicator's figures for one period and breakdown
// together, as one cross-section of every area; the tests below hold it to
// the same rules as one row per observation, at the edges such a layout
// has: a cross-section of one area, of thousands, area codes of unequal
// length, every kind of absent or unusual number, and strings.

// crossSections is a batch with a cross-section of 2,500 small areas, one
// of a single area, and one breakdown beside its total.
func crossSections() *localup.Batch {
	b := &localup.Batch{
		Dataset:    localup.Dataset{ID: "sets", Released: jun2024, Version: "v1"},
		Indicators: []localup.Indicator{{ID: "imd-score", Title: "IMD score"}, {ID: "one-area", Title: "One area"}},
	}
	for i := range 2500 {
		code := fmt.Sprintf("E01%06d", (i*7)%2500) // not in code order
		b.Areas = append(b.Areas, localup.Area{Code: code, Name: "LSOA " + code, Type: localup.AreaLSOA})
		o := obs("imd-score", code, "2019", float64(i)/4, nan, nan)
		if i%10 == 0 {
			o.Lower, o.Upper = o.Value-1, o.Value+1
		}
		b.Observations = append(b.Observations, o)
	}
	b.Observations = append(b.Observations, obs("one-area", "E06000001", "2023", 42, nan, nan))
	for _, bd := range []string{"", "sex=female"} {
		o := obs("one-area", "E06000002", "2022", 7, nan, nan)
		o.Breakdown = bd
		b.Observations = append(b.Observations, o)
	}
	return b
}

func testCrossSections(t *testing.T, s localup.Store) {
	mustImport(t, s, lookups())
	b := crossSections()
	mustImport(t, s, b)
	all := withDataset(b)
	diff(t, "Observations", all, observations(t, s, localup.ObservationFilter{}))

	tests := []struct {
		name string
		f    localup.ObservationFilter
		keep func(o localup.Observation) bool
	}{
		{"first area of a large set", localup.ObservationFilter{AreaCode: "E01000000"},
			func(o localup.Observation) bool { return o.AreaCode == "E01000000" }},
		{"middle area", localup.ObservationFilter{AreaCode: "E01001234"},
			func(o localup.Observation) bool { return o.AreaCode == "E01001234" }},
		{"last area", localup.ObservationFilter{AreaCode: "E01002499"},
			func(o localup.Observation) bool { return o.AreaCode == "E01002499" }},
		{"unknown area", localup.ObservationFilter{AreaCode: "E01999999"},
			func(localup.Observation) bool { return false }},
		{"areas across sets", localup.ObservationFilter{AreaCodes: []string{"E06000002", "E01002000", "E06000001", "E01000001", "E99999999"}},
			func(o localup.Observation) bool {
				return o.AreaCode == "E06000002" || o.AreaCode == "E01002000" || o.AreaCode == "E06000001" || o.AreaCode == "E01000001"
			}},
		{"set of one", localup.ObservationFilter{IndicatorID: "one-area", Breakdown: str("")},
			func(o localup.Observation) bool { return o.IndicatorID == "one-area" && o.Breakdown == "" }},
		{"breakdown and area", localup.ObservationFilter{AreaCode: "E06000002", Breakdown: str("sex=female")},
			func(o localup.Observation) bool { return o.AreaCode == "E06000002" && o.Breakdown == "sex=female" }},
		{"area and areas agree", localup.ObservationFilter{AreaCode: "E01000001", AreaCodes: []string{"E01000002", "E01000001"}},
			func(o localup.Observation) bool { return o.AreaCode == "E01000001" }},
		{"empty area list filters nothing", localup.ObservationFilter{IndicatorID: "one-area", AreaCodes: []string{}},
			func(o localup.Observation) bool { return o.IndicatorID == "one-area" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []localup.Observation
			for _, o := range all {
				if tt.keep(o) {
					want = append(want, o)
				}
			}
			diff(t, "Observations", want, observations(t, s, tt.f))
			if got := count(t, s, tt.f); got != len(want) {
				t.Errorf("CountObservations = %d, want %d", got, len(want))
			}
		})
	}

	// A callback's error stops the scan in the middle of a cross-section.
	stop := errors.New("enough")
	calls := 0
	err := s.Observations(context.Background(), localup.ObservationFilter{IndicatorID: "imd-score"}, func(localup.Observation) error {
		calls++
		if calls == 1000 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls != 1000 {
		t.Errorf("Observations = %v after %d calls, want the callback's error after 1000", err, calls)
	}
}

// testUnusualValues checks that every number comes back bit for bit
// where the domain can tell the difference (the sign of zero,
// infinities, the smallest and largest floats), that absent numbers stay
// absent, and that strings of any content and length survive.
func testUnusualValues(t *testing.T, s localup.Store) {
	mustImport(t, s, lookups())
	long := strings.Repeat("£–¬ ", 300)
	values := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.SmallestNonzeroFloat64,
		math.MaxFloat64, -1e-300, 123456789.123456789, nan}
	areas := []string{"E06000001", "E06000002", "E08000001", "E07000026", "E06000063", "W06000001", "E12000001", "E12000002", "E92000001"}
	b := &localup.Batch{
		Dataset:    localup.Dataset{ID: "odd", Released: jun2024, Version: "v1"},
		Indicators: []localup.Indicator{{ID: "odd", Title: "Odd values"}},
		// Codes of unequal length, one a prefix of another.
		Areas: []localup.Area{{Code: "X1", Name: "X1", Type: localup.AreaOther}, {Code: "X10", Name: "X10", Type: localup.AreaOther}},
	}
	for i, v := range values {
		o := obs("odd", areas[i], "2023", v, values[(i+1)%len(values)], values[(i+2)%len(values)])
		o.Numerator, o.Denominator = values[(i+3)%len(values)], values[(i+4)%len(values)]
		switch i % 3 {
		case 0:
			o.Status = "u"
		case 1:
			o.Missing = long
		case 2:
			o.Status, o.Missing = "[x]", "x"
		}
		b.Observations = append(b.Observations, o)
	}
	b.Observations = append(b.Observations,
		obs("odd", "X10", "2023", 1, nan, nan), obs("odd", "X1", "2023", 2, nan, nan),
		localup.NewObservation("odd", "W92000004", localup.MustPeriod("2023")))
	mustImport(t, s, b)
	want := withDataset(b)
	got := observations(t, s, localup.ObservationFilter{DatasetID: "odd"})
	diff(t, "Observations", want, got)
	if len(got) != len(want) {
		return
	}
	for i := range want {
		w, g := want[i], got[i]
		for k, pair := range [][2]float64{{w.Value, g.Value}, {w.Lower, g.Lower}, {w.Upper, g.Upper}, {w.Numerator, g.Numerator}, {w.Denominator, g.Denominator}} {
			if math.Signbit(pair[0]) != math.Signbit(pair[1]) || math.IsNaN(pair[0]) != math.IsNaN(pair[1]) {
				t.Errorf("%s number %d: got %v, want %v", w.AreaCode, k, pair[1], pair[0])
			}
		}
	}
	if got := count(t, s, localup.ObservationFilter{AreaCode: "X1"}); got != 1 {
		t.Errorf("CountObservations(X1) = %d, want 1: a code that prefixes another is its own", got)
	}
}
