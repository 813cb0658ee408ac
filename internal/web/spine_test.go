package web

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/stats"
	"github.com/localup/localup/internal/web/webtest"
)

func TestSpineGolden(t *testing.T) {
	one := func(v float64) string { return fmt.Sprintf("%.1f", v) }
	base := spine{Min: 50.1, P25: 56.8, P75: 62.9, Max: 74.1, N: 195, TypeName: "local authorities",
		Benchmark: 61.3, BenchmarkName: "England", Value: 51.2, AreaName: "Hartlepool", Format: one}
	tests := []struct {
		name string
		edit func(*spine)
	}{
		{"worse-higher-is-better", func(s *spine) { s.Comparison, s.Polarity = stats.Worse, localup.HigherIsBetter }},
		{"better-lower-is-better", func(s *spine) { s.Comparison, s.Polarity = stats.Better, localup.LowerIsBetter }},
		{"similar", func(s *spine) { s.Value, s.Comparison, s.Polarity = 60, stats.Similar, localup.HigherIsBetter }},
		{"higher-no-polarity", func(s *spine) { s.Value, s.Comparison = 70, stats.Higher }},
		{"lower-no-polarity", func(s *spine) { s.Comparison = stats.Lower }},
		{"not-compared-no-benchmark", func(s *spine) { s.Benchmark, s.Comparison = math.NaN(), stats.NotCompared }},
		{"outside-range", func(s *spine) { s.Benchmark, s.Value, s.Comparison = 80, 40, stats.Worse }},
		{"no-spread", func(s *spine) { s.Min, s.P25, s.P75, s.Max, s.Value, s.Benchmark = 5, 5, 5, 5, 5, 5 }},
		{"escaped-name", func(s *spine) { s.AreaName, s.Comparison = `<Ynys "Môn">`, stats.Similar }},
	}
	for _, tt := range tests {
		sp := base
		tt.edit(&sp)
		got := string(sp.SVG())
		if again := string(sp.SVG()); again != got {
			t.Errorf("%s: output is not deterministic", tt.name)
		}
		golden(t, "testdata/spine/"+tt.name+".svg", []byte(got+"\n"))
		doc := webtest.Parse(t, []byte("<!DOCTYPE html><p>"+got))
		svg := webtest.Query(doc, "svg")
		if webtest.Attr(svg, "role") != "img" || webtest.Attr(svg, "aria-label") == "" {
			t.Errorf("%s: no role or label", tt.name)
		}
		for _, el := range webtest.QueryAll(doc, "*") {
			for _, a := range el.Attr {
				if a.Key == "style" {
					t.Errorf("%s: style attribute needs unsafe-inline", tt.name)
				}
			}
		}
	}
	// The label says the judgement and the marker's shape in words.
	sp := base
	sp.Comparison, sp.Polarity = stats.Worse, localup.HigherIsBetter
	want := "Hartlepool: 51.2, worse than England (square); England: 61.3 (line); 195 local authorities range from 50.1 (worst, left) to 74.1 (best, right), middle half 56.8 to 62.9"
	if got := sp.label(); got != want {
		t.Errorf("label\n got %q\nwant %q", got, want)
	}
	sp.Polarity = localup.LowerIsBetter
	if got := sp.label(); !strings.Contains(got, "from 74.1 (worst, left) to 50.1 (best, right)") {
		t.Errorf("lower is better label %q", got)
	}
}
