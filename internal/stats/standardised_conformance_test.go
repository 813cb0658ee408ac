package stats

import (
	"math"
	"testing"
)

func TestConformanceESP2013(t *testing.T) {
	tab := readConformance(t, "esp2013.csv")
	w := ESP2013()
	bands := ESP2013Bands()
	if len(tab.rows) != len(w) || len(w) != 19 {
		t.Fatalf("esp2013.csv has %d rows, ESP2013 has %d", len(tab.rows), len(w))
	}
	var sum float64
	for i, r := range tab.rows {
		if got, want := w[i], num(t, r, "esp2013"); got != want {
			t.Errorf("band %d: weight %v, want %v", i+1, got, want)
		}
		if bands[i].Label != r["ageband"] || float64(bands[i].Start) != num(t, r, "start_age") {
			t.Errorf("band %d: %+v, want %s from %s", i+1, bands[i], r["ageband"], r["start_age"])
		}
		end := num(t, r, "end_age")
		if (math.IsNaN(end) && bands[i].End != -1) || (!math.IsNaN(end) && float64(bands[i].End) != end) {
			t.Errorf("band %d: end %d, want %v", i+1, bands[i].End, end)
		}
		sum += w[i]
	}
	if sum != 100000 {
		t.Errorf("ESP2013 sums to %v, want 100000", sum)
	}
}

type dsrGroup struct{ counts, pops, std []float64 }

func TestConformanceDSR(t *testing.T) {
	in := readConformance(t, "dsr_inputs.csv")
	groups := map[string]*dsrGroup{}
	for _, r := range in.rows {
		key := r["dataset"] + "/" + r["group"]
		g := groups[key]
		if g == nil {
			g = &dsrGroup{}
			groups[key] = g
		}
		g.counts = append(g.counts, num(t, r, "count"))
		g.pops = append(g.pops, num(t, r, "pop"))
		g.std = append(g.std, num(t, r, "stdpop"))
	}
	// The multi-area data use the ESP2013 weights; use the package constant
	// for them so that the constant is exercised too.
	esp := ESP2013()
	for key, g := range groups {
		if len(g.std) == 19 {
			for i := range esp {
				if g.std[i] != esp[i] {
					t.Fatalf("%s band %d: stdpop %v differs from ESP2013 %v", key, i+1, g.std[i], esp[i])
				}
			}
			g.std = esp
		}
	}

	nonInd := map[string][]EventFrequencyRow{}
	for _, r := range readConformance(t, "dsr_nonindependent_inputs.csv").rows {
		nonInd[r["group"]] = append(nonInd[r["group"]], EventFrequencyRow{
			Band:      r["ageband"],
			Frequency: num(t, r, "eventfreq"),
			Persons:   num(t, r, "persons"),
			Pop:       num(t, r, "pop"),
			StdPop:    num(t, r, "stdpop"),
		})
	}

	tab := readConformance(t, "dsr.csv")
	cols := newColumns(tab.name)
	for _, r := range tab.rows {
		id := r["case_id"]
		m, conf := num(t, r, "multiplier"), num(t, r, "confidence")
		var res DSRResult
		var err error
		if r["independent_events"] == "true" {
			g := groups[r["dataset"]+"/"+r["group"]]
			if g == nil {
				t.Fatalf("%s: no inputs for %s/%s", id, r["dataset"], r["group"])
			}
			res, err = DSR(g.counts, g.pops, g.std, m, conf)
		} else {
			rows := nonInd[r["group"]]
			if rows == nil {
				t.Fatalf("%s: no non-independent inputs for %s", id, r["group"])
			}
			res, err = DSRNonIndependent(rows, m, conf)
		}
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		cols.add("total_count", id, res.TotalCount, num(t, r, "total_count"))
		cols.add("total_pop", id, res.TotalPop, num(t, r, "total_pop"))
		cols.add("value", id, res.Value, num(t, r, "value"))
		cols.add("lowercl", id, res.Lower, num(t, r, "lowercl"))
		cols.add("uppercl", id, res.Upper, num(t, r, "uppercl"))
		if string(res.Method) != r["method"] {
			t.Errorf("%s: method %q, want %q", id, res.Method, r["method"])
		}
		if wantSupp := r["statistic"] == "dsr NA for total count < 10"; res.Suppressed != wantSupp {
			t.Errorf("%s: Suppressed %v, statistic %q", id, res.Suppressed, r["statistic"])
		}
	}
	if n := cols.check(t, perValueRel); n != 5*22 {
		t.Errorf("checked %d values, want %d", n, 5*22)
	}
}

// TestDSRNonIndependentRowOrder checks that the result does not depend on
// the order of the frequency rows (R gives the same answer grouped or not).
func TestDSRNonIndependentRowOrder(t *testing.T) {
	var rows []EventFrequencyRow
	for _, r := range readConformance(t, "dsr_nonindependent_inputs.csv").rows {
		if r["group"] != "testdata_nonind_big" {
			continue
		}
		rows = append(rows, EventFrequencyRow{r["ageband"], num(t, r, "eventfreq"), num(t, r, "persons"), num(t, r, "pop"), num(t, r, "stdpop")})
	}
	a, err := DSRNonIndependent(rows, 100000, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	rev := make([]EventFrequencyRow, len(rows))
	for i := range rows {
		rev[len(rows)-1-i] = rows[i]
	}
	b, err := DSRNonIndependent(rev, 100000, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range [][2]float64{{a.Value, b.Value}, {a.Lower, b.Lower}, {a.Upper, b.Upper}} {
		if math.Abs(p[0]-p[1]) > 1e-9*math.Abs(p[0]) {
			t.Errorf("row order changes result: %v vs %v", p[0], p[1])
		}
	}
}

type isrGroup struct{ counts, pops, refCounts, refPops []float64 }

func TestConformanceISR(t *testing.T) {
	in := readConformance(t, "isr_inputs.csv")
	groups := map[string]*isrGroup{}
	for _, r := range in.rows {
		key := r["dataset"] + "/" + r["group"]
		g := groups[key]
		if g == nil {
			g = &isrGroup{}
			groups[key] = g
		}
		g.counts = append(g.counts, num(t, r, "count"))
		g.pops = append(g.pops, num(t, r, "pop"))
		g.refCounts = append(g.refCounts, num(t, r, "refcount"))
		g.refPops = append(g.refPops, num(t, r, "refpop"))
	}
	tab := readConformance(t, "isr.csv")

	// The R tests assert the same numbers for several ways of supplying the
	// inputs; each variant is run over every row.
	variants := []struct {
		name string
		run  func(g *isrGroup, kind string, m, conf float64) (ISRResult, error)
	}{
		{"bands", func(g *isrGroup, kind string, m, conf float64) (ISRResult, error) {
			if kind == "rate" {
				return ISRate(g.counts, g.pops, g.refCounts, g.refPops, m, conf)
			}
			return ISRatio(g.counts, g.pops, g.refCounts, g.refPops, m, conf)
		}},
		{"missing refcount in band 10-14", func(g *isrGroup, kind string, m, conf float64) (ISRResult, error) {
			rc := append([]float64(nil), g.refCounts...)
			if rc[2] != 0 {
				t.Fatalf("band 10-14 reference count is %v, expected 0", rc[2])
			}
			rc[2] = math.NaN()
			if kind == "rate" {
				return ISRate(g.counts, g.pops, rc, g.refPops, m, conf)
			}
			return ISRatio(g.counts, g.pops, rc, g.refPops, m, conf)
		}},
		{"observed totals", func(g *isrGroup, kind string, m, conf float64) (ISRResult, error) {
			var o float64
			for _, x := range g.counts {
				o += naZero(x)
			}
			e, err := ExpectedCount(g.pops, g.refCounts, g.refPops)
			if err != nil {
				return ISRResult{}, err
			}
			if kind == "rate" {
				r, err := ReferenceRate(g.refCounts, g.refPops, m)
				if err != nil {
					return ISRResult{}, err
				}
				return ISRateFromTotals(o, e, r, conf)
			}
			return ISRatioFromTotals(o, e, m, conf)
		}},
	}
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			cols := newColumns(tab.name)
			for _, r := range tab.rows {
				id := r["case_id"]
				g := groups[r["dataset"]+"/"+r["group"]]
				if g == nil {
					t.Fatalf("%s: no inputs", id)
				}
				res, err := v.run(g, r["kind"], num(t, r, "multiplier"), num(t, r, "confidence"))
				if err != nil {
					t.Fatalf("%s: %v", id, err)
				}
				cols.add("observed", id, res.Observed, num(t, r, "observed"))
				cols.add("expected", id, res.Expected, num(t, r, "expected"))
				cols.add("ref_rate", id, res.RefRate, num(t, r, "ref_rate"))
				cols.add("value", id, res.Value, num(t, r, "value"))
				cols.add("lowercl", id, res.Lower, num(t, r, "lowercl"))
				cols.add("uppercl", id, res.Upper, num(t, r, "uppercl"))
				if string(res.Method) != r["method"] {
					t.Errorf("%s: method %q, want %q", id, res.Method, r["method"])
				}
			}
			if n := cols.check(t, perValueRel); n != 6*28 {
				t.Errorf("checked %d values, want %d", n, 6*28)
			}
		})
	}
}
