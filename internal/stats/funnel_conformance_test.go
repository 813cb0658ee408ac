package stats

import (
	"testing"
)

// perValueRelFunnel is the README's per-value check for the funnel files,
// whose expected values are stored to about 7-10 significant digits.
const perValueRelFunnel = 1e-6

type propInputs struct{ x, n []float64 }

func readFunnelProportionInputs(t *testing.T) (propInputs, []string) {
	var in propInputs
	var sig []string
	for _, r := range readConformance(t, "funnel_proportion_inputs.csv").rows {
		in.x = append(in.x, num(t, r, "numerator"))
		in.n = append(in.n, num(t, r, "denominator"))
		sig = append(sig, r["significance"])
	}
	if len(in.x) != 303 {
		t.Fatalf("funnel_proportion_inputs.csv: %d rows, want 303", len(in.x))
	}
	return in, sig
}

func TestConformanceFunnelProportionSignificance(t *testing.T) {
	in, want := readFunnelProportionInputs(t)
	got, err := ProportionFunnelSignificance(in.x, in.n)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("row %d (x=%v n=%v): %q, want %q", i+2, in.x[i], in.n[i], got[i], want[i])
		}
	}
}

func TestConformanceFunnelProportionLimits(t *testing.T) {
	in, _ := readFunnelProportionInputs(t)
	var small propInputs
	for i := range in.n {
		if in.n[i] < 31000 {
			small.x = append(small.x, in.x[i])
			small.n = append(small.n, in.n[i])
		}
	}
	sets := map[string]propInputs{"all_inputs": in, "denominator_below_31000": small}
	tab := readConformance(t, "funnel_proportion_limits.csv")
	cols := newColumns(tab.name)
	rowOf := map[string]int{}
	tables := map[string][]FunnelLimit{}
	for _, r := range tab.rows {
		set := r["case_set"]
		lims, ok := tables[set]
		if !ok {
			src, known := sets[set]
			if !known {
				t.Fatalf("unknown case_set %q", set)
			}
			var err error
			lims, err = ProportionFunnelLimits(src.x, src.n, num(t, r, "multiplier"))
			if err != nil {
				t.Fatal(err)
			}
			tables[set] = lims
		}
		i := rowOf[set]
		rowOf[set]++
		id := r["source"]
		if i >= len(lims) {
			t.Fatalf("%s: more rows than the %d limits", id, len(lims))
		}
		l := lims[i]
		cols.add("population", id, l.Population, num(t, r, "population"))
		cols.add("lower_2s_limit", id, l.Lower95, num(t, r, "lower_2s_limit"))
		cols.add("upper_2s_limit", id, l.Upper95, num(t, r, "upper_2s_limit"))
		cols.add("lower_3s_limit", id, l.Lower998, num(t, r, "lower_3s_limit"))
		cols.add("upper_3s_limit", id, l.Upper998, num(t, r, "upper_3s_limit"))
		cols.add("baseline", id, l.Baseline, num(t, r, "baseline"))
		if l.Population != num(t, r, "population") {
			t.Errorf("%s: axis point %v, want %v exactly", id, l.Population, num(t, r, "population"))
		}
	}
	if n := cols.check(t, perValueRelFunnel); n != 6*200 {
		t.Errorf("checked %d values, want %d", n, 6*200)
	}
}

func readFunnelRatioInputs(t *testing.T) (obs, exp []float64, sig []string) {
	for _, r := range readConformance(t, "funnel_ratio_inputs.csv").rows {
		obs = append(obs, num(t, r, "observed"))
		exp = append(exp, num(t, r, "expected"))
		sig = append(sig, r["significance"])
	}
	if len(obs) != 300 {
		t.Fatalf("funnel_ratio_inputs.csv: %d rows, want 300", len(obs))
	}
	return obs, exp, sig
}

func TestConformanceFunnelRatioSignificance(t *testing.T) {
	obs, exp, want := readFunnelRatioInputs(t)
	got, err := RatioFunnelSignificance(obs, exp)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("row %d (O=%v E=%v): %q, want %q", i+2, obs[i], exp[i], got[i], want[i])
		}
	}
}

func TestConformanceFunnelRatioLimits(t *testing.T) {
	obs, exp, _ := readFunnelRatioInputs(t)
	count, err := RatioFunnelLimits(obs, exp, RatioCount)
	if err != nil {
		t.Fatal(err)
	}
	isr, err := RatioFunnelLimits(obs, exp, RatioISR)
	if err != nil {
		t.Fatal(err)
	}
	tab := readConformance(t, "funnel_ratio_limits.csv")
	if len(tab.rows) != len(count) {
		t.Fatalf("%d rows, %d limits", len(tab.rows), len(count))
	}
	cols := newColumns(tab.name)
	for i, r := range tab.rows {
		id := r["source"]
		c, s := count[i], isr[i]
		if c.ObservedEvents != num(t, r, "observed_events") {
			t.Errorf("%s: axis point %v, want %v exactly", id, c.ObservedEvents, num(t, r, "observed_events"))
		}
		cols.add("observed_events", id, c.ObservedEvents, num(t, r, "observed_events"))
		for _, f := range []struct {
			name     string
			exp      float64
			cnt, rat float64
		}{
			{"lower_2s", c.ExpectedLower95, c.Lower95, s.Lower95},
			{"upper_2s", c.ExpectedUpper95, c.Upper95, s.Upper95},
			{"lower_3s", c.ExpectedLower998, c.Lower998, s.Lower998},
			{"upper_3s", c.ExpectedUpper998, c.Upper998, s.Upper998},
		} {
			cols.add(f.name+"_exp_events", id, f.exp, num(t, r, f.name+"_exp_events"))
			cols.add(f.name+"_count", id, f.cnt, num(t, r, f.name+"_count"))
			cols.add(f.name+"_isr", id, f.rat, num(t, r, f.name+"_isr"))
		}
	}
	if n := cols.check(t, perValueRelFunnel); n != 13*100 {
		t.Errorf("checked %d values, want %d", n, 13*100)
	}
}

func rateType(t *testing.T, s string) RateType {
	switch s {
	case "dsr":
		return RateDSR
	case "crude":
		return RateCrude
	}
	t.Fatalf("unknown rate type %q", s)
	return 0
}

// readRateInputs groups rate rows by case_set into RateFunnelInputs. A
// denominator column that is empty throughout a set means "not supplied".
func readRateInputs(t *testing.T, file, countCol string) (map[string]*RateFunnelInput, map[string][]map[string]string) {
	tab := readConformance(t, file)
	ins := map[string]*RateFunnelInput{}
	rows := map[string][]map[string]string{}
	for _, r := range tab.rows {
		set := r["case_set"]
		in := ins[set]
		if in == nil {
			years := 1.0
			if _, ok := r["years_of_data"]; ok {
				years = num(t, r, "years_of_data")
			}
			in = &RateFunnelInput{Type: rateType(t, r["rate_type"]), Multiplier: num(t, r, "multiplier"), YearsOfData: years}
			ins[set] = in
		}
		in.Events = append(in.Events, num(t, r, countCol))
		in.Rates = append(in.Rates, num(t, r, "rate"))
		in.Denominators = append(in.Denominators, num(t, r, "denominator"))
		rows[set] = append(rows[set], r)
	}
	for _, in := range ins {
		supplied := false
		for _, d := range in.Denominators {
			if !isMissing(d) {
				supplied = true
			}
		}
		if !supplied {
			in.Denominators = nil
		}
	}
	return ins, rows
}

func TestConformanceFunnelRateLimits(t *testing.T) {
	ins, _ := readRateInputs(t, "funnel_rate_limit_inputs.csv", "events")
	tab := readConformance(t, "funnel_rate_limits.csv")
	cols := newColumns(tab.name)
	tables := map[string][]RateFunnelLimit{}
	rowOf := map[string]int{}
	for _, r := range tab.rows {
		set := r["case_set"]
		lims, ok := tables[set]
		if !ok {
			in := ins[set]
			if in == nil {
				t.Fatalf("no inputs for case_set %q", set)
			}
			var err error
			if lims, err = RateFunnelLimits(*in); err != nil {
				t.Fatalf("%s: %v", set, err)
			}
			tables[set] = lims
		}
		i := rowOf[set]
		rowOf[set]++
		id := r["source"]
		l := lims[i]
		if l.Events != num(t, r, "events") {
			t.Errorf("%s: axis point %v, want %v exactly", id, l.Events, num(t, r, "events"))
		}
		cols.add("events", id, l.Events, num(t, r, "events"))
		cols.add("lower_2s_population_1_year", id, l.PopulationLower95, num(t, r, "lower_2s_population_1_year"))
		cols.add("lower_2s_limit", id, l.Lower95, num(t, r, "lower_2s_limit"))
		cols.add("upper_2s_population_1_year", id, l.PopulationUpper95, num(t, r, "upper_2s_population_1_year"))
		cols.add("upper_2s_limit", id, l.Upper95, num(t, r, "upper_2s_limit"))
		cols.add("lower_3s_population_1_year", id, l.PopulationLower998, num(t, r, "lower_3s_population_1_year"))
		cols.add("lower_3s_limit", id, l.Lower998, num(t, r, "lower_3s_limit"))
		cols.add("upper_3s_population_1_year", id, l.PopulationUpper998, num(t, r, "upper_3s_population_1_year"))
		cols.add("upper_3s_limit", id, l.Upper998, num(t, r, "upper_3s_limit"))
		cols.add("baseline", id, l.Baseline, num(t, r, "baseline"))
	}
	if n := cols.check(t, perValueRelFunnel); n != 10*300 {
		t.Errorf("checked %d values, want %d", n, 10*300)
	}
}

func TestConformanceFunnelRatePoints(t *testing.T) {
	ins, rows := readRateInputs(t, "funnel_rate_points.csv", "events")
	cols := newColumns("funnel_rate_points.csv")
	total := 0
	for _, set := range []string{"dsr", "crude", "crude_with_denominator"} {
		in := ins[set]
		if in == nil {
			t.Fatalf("no case_set %q", set)
		}
		pts, err := RateFunnelPoints(*in)
		if err != nil {
			t.Fatalf("%s: %v", set, err)
		}
		for i, r := range rows[set] {
			id := set + ":" + r["source"]
			cols.add("rate_chart", id, pts[i].Rate, num(t, r, "rate_chart"))
			cols.add("denominator_derived", id, pts[i].Population, num(t, r, "denominator_derived"))
			total++
		}
	}
	if total != 150 {
		t.Errorf("checked %d rows, want 150", total)
	}
	cols.check(t, perValueRelFunnel)
}

func TestConformanceFunnelRateSignificance(t *testing.T) {
	ins, rows := readRateInputs(t, "funnel_rate_significance.csv", "count")
	total := 0
	for set, in := range ins {
		got, err := RateFunnelSignificance(*in)
		if err != nil {
			t.Fatalf("%s: %v", set, err)
		}
		for i, r := range rows[set] {
			total++
			if got[i].String() != r["significance"] {
				t.Errorf("%s %s (events %v rate %v): %q, want %q", set, r["source"], in.Events[i], in.Rates[i], got[i], r["significance"])
			}
		}
	}
	if total != 316 {
		t.Errorf("checked %d rows, want 316", total)
	}
}
