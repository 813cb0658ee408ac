package stats

import "testing"

func TestConformanceMean(t *testing.T) {
	inputs := readConformance(t, "mean_inputs.csv")
	byGroup := map[string][]float64{}
	var all []float64
	for _, r := range inputs.rows {
		v := num(t, r, "value")
		byGroup[r["group"]] = append(byGroup[r["group"]], v)
		all = append(all, v)
	}
	byGroup["ALL"] = all
	if len(all) != 26 {
		t.Fatalf("mean_inputs.csv: %d values, want 26", len(all))
	}

	tab := readConformance(t, "mean.csv")
	cols := newColumns(tab.name)
	for _, r := range tab.rows {
		id := r["case_id"]
		vals, ok := byGroup[r["group"]]
		if !ok {
			t.Fatalf("%s: unknown group %q", id, r["group"])
		}
		res, err := MeanCI(vals, num(t, r, "confidence"))
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		cols.add("value_sum", id, res.Sum, num(t, r, "value_sum"))
		cols.add("value_count", id, float64(res.Count), num(t, r, "value_count"))
		cols.add("stdev", id, res.SD, num(t, r, "stdev"))
		cols.add("value", id, res.Value, num(t, r, "value"))
		cols.add("lowercl", id, res.Lower, num(t, r, "lowercl"))
		cols.add("uppercl", id, res.Upper, num(t, r, "uppercl"))
		if string(res.Method) != r["method"] {
			t.Errorf("%s: method %q, want %q", id, res.Method, r["method"])
		}
	}
	if n := cols.check(t, perValueRel); n != 6*6 {
		t.Errorf("checked %d values, want 36", n)
	}
}
