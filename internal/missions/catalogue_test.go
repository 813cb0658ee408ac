package missions

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// withoutMetrics lists the missions documented as having no metric in the
// data (NoMetric says why).
var withoutMetrics = []int{9}

func TestCatalogueHasTwelveMissions(t *testing.T) {
	all := All()
	if len(all) != 12 {
		t.Fatalf("len(All()) = %d, want 12", len(all))
	}
	objective := func(n int) Objective {
		switch {
		case n <= 4:
			return ObjectiveProductivity
		case n <= 8:
			return ObjectiveOpportunity
		case n <= 11:
			return ObjectivePride
		}
		return ObjectiveLeadership
	}
	seen := map[string]int{}
	for i, m := range all {
		if m.Number != i+1 {
			t.Errorf("mission %d has Number %d", i+1, m.Number)
		}
		if m.Name == "" || m.Plain == "" {
			t.Errorf("mission %d: empty Name or Plain", m.Number)
		}
		if !strings.HasPrefix(m.Ambition, "By 2030, ") || !strings.HasSuffix(m.Ambition, ".") {
			t.Errorf("mission %d: ambition %q does not read as the White Paper's \"By 2030, ...\"", m.Number, m.Ambition)
		}
		if m.Objective != objective(m.Number) {
			t.Errorf("mission %d: objective %q, want %q", m.Number, m.Objective, objective(m.Number))
		}
		none := slices.Contains(withoutMetrics, m.Number)
		switch {
		case none && (len(m.Metrics) > 0 || m.NoMetric == ""):
			t.Errorf("mission %d is documented as having no metric: Metrics %v, NoMetric %q", m.Number, m.Metrics, m.NoMetric)
		case !none && (len(m.Metrics) == 0 || m.NoMetric != ""):
			t.Errorf("mission %d: %d metrics, NoMetric %q; want at least one metric and no NoMetric", m.Number, len(m.Metrics), m.NoMetric)
		}
		for _, x := range m.Metrics {
			if prev, dup := seen[x.ID]; dup {
				t.Errorf("metric %q is in missions %d and %d", x.ID, prev, m.Number)
			}
			seen[x.ID] = m.Number
		}
		// Headline metrics come first.
		if i := slices.IndexFunc(m.Metrics, func(x Metric) bool { return !x.Headline }); i >= 0 &&
			slices.ContainsFunc(m.Metrics[i:], func(x Metric) bool { return x.Headline }) {
			t.Errorf("mission %d: a headline metric follows a supporting one: %v", m.Number, m.Metrics)
		}
		for _, tg := range m.Targets {
			checkTarget(t, m, tg)
		}
	}
}

func checkTarget(t *testing.T, m Mission, tg Target) {
	t.Helper()
	switch {
	case tg.IndicatorID == "" && tg.Note == "":
		t.Errorf("mission %d: a target with no indicator must say why in Note: %+v", m.Number, tg)
	case tg.IndicatorID != "" && !m.HasMetric(tg.IndicatorID):
		t.Errorf("mission %d: target on %q, which is not one of its metrics", m.Number, tg.IndicatorID)
	case tg.Year != 2030 && tg.Year != 2035:
		t.Errorf("mission %d: target year %d", m.Number, tg.Year)
	case tg.Numeric() && tg.Value == 0:
		t.Errorf("mission %d: numeric target %s with no value", m.Number, tg.Kind)
	case !tg.Numeric() && tg.Kind != TargetImprove && tg.Kind != TargetGapNarrowed:
		t.Errorf("mission %d: unknown target kind %q", m.Number, tg.Kind)
	case tg.Kind == TargetGapNarrowed && !(tg.TailShare > 0 && tg.TailShare <= 0.5) && tg.AreaCode == "":
		t.Errorf("mission %d: gap target on %s says neither the tails nor the comparator", m.Number, tg.IndicatorID)
	case tg.Scope == "":
		t.Errorf("mission %d: target on %s has no scope", m.Number, tg.IndicatorID)
	}
}

func TestMissionWording(t *testing.T) {
	m, ok := Get(5)
	if !ok {
		t.Fatal("Get(5) not found")
	}
	want := "By 2030, the number of primary school children achieving the expected standard in reading, writing and maths will have significantly increased. In England, this will mean 90% of children will achieve the expected standard, and the percentage of children meeting the expected standard in the worst performing areas will have increased by over a third."
	if m.Ambition != want {
		t.Errorf("mission 5 ambition:\n got %q\nwant %q", m.Ambition, want)
	}
	got := m.TargetsFor(idKS2)[0]
	if got.Kind != TargetAtLeast || got.Value != 90 || got.Year != 2030 || got.AreaCode != "E92000001" || got.Comparison() != ">= 90" {
		t.Errorf("mission 5 England target = %+v (%s)", got, got.Comparison())
	}
	if _, ok := Get(0); ok {
		t.Error("Get(0) found a mission")
	}
	if _, ok := Get(13); ok {
		t.Error("Get(13) found a mission")
	}
}

func TestCatalogueIsCopied(t *testing.T) {
	all := All()
	all[0].Metrics[0].ID = "changed"
	all[0].Targets[0].Value = 99
	m, _ := Get(1)
	if m.Metrics[0].ID != idPay || m.Targets[0].Value != 0 {
		t.Errorf("changing All()'s result changed the catalogue: %+v", m.Metrics[0])
	}
}

func TestTargetComparisonAndLevel(t *testing.T) {
	tests := []struct {
		target     Target
		comparison string
		baseline   float64
		level      float64
		rising     bool
	}{
		{Target{Kind: TargetAtLeast, Value: 90}, ">= 90", 65, 90, true},
		{Target{Kind: TargetAtMost, Value: 10}, "<= 10", 12, 10, false},
		// HLE: 61.2 + 5 = 66.2.
		{Target{Kind: TargetChangeBy, Value: 5}, ">= baseline + 5", 61.2, 66.2, true},
		{Target{Kind: TargetChangeBy, Value: -3}, "<= baseline - 3", 10, 7, false},
		// R&D: 5000 × 1.4 = 7000.
		{Target{Kind: TargetChangeByFraction, Value: 0.4}, ">= baseline + 40%", 5000, 7000, true},
		// Worst areas at 45%: 45 × 4/3 = 60.
		{Target{Kind: TargetChangeByFraction, Value: 1.0 / 3}, ">= baseline + 33.333%", 45, 60, true},
		// Non-decent homes halved: 10 × 0.5 = 5.
		{Target{Kind: TargetChangeByFraction, Value: -0.5}, "<= baseline - 50%", 10, 5, false},
		{Target{Kind: TargetImprove}, "improve", 10, math.NaN(), true},
		{Target{Kind: TargetGapNarrowed}, "gap narrowed", 10, math.NaN(), true},
	}
	for _, tt := range tests {
		if got := tt.target.Comparison(); got != tt.comparison {
			t.Errorf("%+v Comparison() = %q, want %q", tt.target, got, tt.comparison)
		}
		if got := tt.target.Level(tt.baseline); !near(got, tt.level) {
			t.Errorf("%+v Level(%v) = %v, want %v", tt.target, tt.baseline, got, tt.level)
		}
		if got := tt.target.Rising(); got != tt.rising {
			t.Errorf("%+v Rising() = %v", tt.target, got)
		}
	}
}

// near compares floats to 1e-9, with NaN equal to NaN.
func near(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b))
}
