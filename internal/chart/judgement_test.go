package chart

import (
	"testing"

	"github.com/localup/localup/internal/stats"
)

// Judgement promises that chart.Judgement(c) converts a stats.Comparison.
func TestJudgementMatchesStats(t *testing.T) {
	for _, c := range []stats.Comparison{stats.NotCompared, stats.Better, stats.Similar, stats.Worse, stats.Higher, stats.Lower} {
		if got, want := Judgement(c).String(), c.String(); got != want {
			t.Errorf("Judgement(%d) = %q, stats says %q", int(c), got, want)
		}
	}
}

// Every judgement a map can show differs from the others by pattern or,
// for the one plain judgement, by being the only plain one: colour is
// never the only difference.
func TestJudgementPatternsDiffer(t *testing.T) {
	seen := map[Pattern]Judgement{}
	for _, j := range []Judgement{NotCompared, Better, Similar, Worse, Higher, Lower} {
		p := j.Style().Pattern
		if other, dup := seen[p]; dup {
			t.Errorf("%s and %s share a pattern", other, j)
		}
		seen[p] = j
	}
	if NoDataStyle.Pattern == Plain || NoDataStyle.Ink == Worse.Style().Ink {
		t.Errorf("no data must be hatched in grey, distinct from worse")
	}
	shapes := map[Marker]Judgement{}
	for _, j := range []Judgement{Better, Similar, Worse, Higher, Lower} {
		m := judgementMarker(j)
		if other, dup := shapes[m]; dup {
			t.Errorf("%s and %s share a marker", other, j)
		}
		shapes[m] = j
	}
}
