package stats

import (
	"testing"
)

// perValueRel is the README's suggested per-value check for the interval,
// DSR, ISR and mean families (worst independent recomputation: 5.6e-12).
const perValueRel = 1e-9

func TestConformanceWilson(t *testing.T) {
	tab := readConformance(t, "wilson.csv")
	cols := newColumns(tab.name)
	for _, r := range tab.rows {
		id := r["case_id"]
		lo, hi, err := WilsonInterval(num(t, r, "x"), num(t, r, "n"), num(t, r, "confidence"))
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		cols.add("lowercl", id, lo, num(t, r, "lowercl"))
		cols.add("uppercl", id, hi, num(t, r, "uppercl"))
	}
	if n := cols.check(t, perValueRel); n != 2*12 {
		t.Errorf("checked %d values, want 24", n)
	}
}

func TestConformanceByars(t *testing.T) {
	tab := readConformance(t, "byars.csv")
	cols := newColumns(tab.name)
	for _, r := range tab.rows {
		id := r["case_id"]
		lo, hi, err := ByarsInterval(num(t, r, "x"), num(t, r, "confidence"))
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		cols.add("lowercl", id, lo, num(t, r, "lowercl"))
		cols.add("uppercl", id, hi, num(t, r, "uppercl"))
	}
	if n := cols.check(t, perValueRel); n != 2*10 {
		t.Errorf("checked %d values, want 20", n)
	}
}

func TestConformanceProportion(t *testing.T) {
	tab := readConformance(t, "proportion.csv")
	cols := newColumns(tab.name)
	for _, r := range tab.rows {
		id := r["case_id"]
		est, err := Proportion(num(t, r, "numerator"), num(t, r, "denominator"), num(t, r, "multiplier"), num(t, r, "confidence"))
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		cols.add("value", id, est.Value, num(t, r, "value"))
		cols.add("lowercl", id, est.Lower, num(t, r, "lowercl"))
		cols.add("uppercl", id, est.Upper, num(t, r, "uppercl"))
		if string(est.Method) != r["method"] {
			t.Errorf("%s: method %q, want %q", id, est.Method, r["method"])
		}
	}
	if n := cols.check(t, perValueRel); n != 3*46 {
		t.Errorf("checked %d values, want %d", n, 3*46)
	}
}

func TestConformanceRate(t *testing.T) {
	tab := readConformance(t, "rate.csv")
	cols := newColumns(tab.name)
	for _, r := range tab.rows {
		id := r["case_id"]
		est, err := RateCI(num(t, r, "numerator"), num(t, r, "denominator"), num(t, r, "multiplier"), num(t, r, "confidence"))
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		cols.add("value", id, est.Value, num(t, r, "value"))
		cols.add("lowercl", id, est.Lower, num(t, r, "lowercl"))
		cols.add("uppercl", id, est.Upper, num(t, r, "uppercl"))
		if string(est.Method) != r["method"] {
			t.Errorf("%s: method %q, want %q", id, est.Method, r["method"])
		}
	}
	if n := cols.check(t, perValueRel); n != 3*49 {
		t.Errorf("checked %d values, want %d", n, 3*49)
	}
}

// TestPoissonCIChoosesMethod checks the switch from exact to Byar at 10.
func TestPoissonCIChoosesMethod(t *testing.T) {
	for _, tc := range []struct {
		o    float64
		want Method
	}{{0, MethodExact}, {9, MethodExact}, {9.99, MethodExact}, {10, MethodByars}, {1e6, MethodByars}} {
		lo, hi, m, err := PoissonCI(tc.o, 95)
		if err != nil {
			t.Fatal(err)
		}
		if m != tc.want {
			t.Errorf("PoissonCI(%v): method %q, want %q", tc.o, m, tc.want)
		}
		if !(lo <= tc.o && tc.o <= hi) {
			t.Errorf("PoissonCI(%v) = [%v, %v] does not contain the count", tc.o, lo, hi)
		}
	}
	lo, _, _, _ := PoissonCI(0, 0.95)
	if lo != 0 {
		t.Errorf("exact lower limit for 0 events = %v, want 0", lo)
	}
}
