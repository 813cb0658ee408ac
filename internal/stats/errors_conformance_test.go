package stats

import (
	"math"
	"slices"
	"testing"
)

// TestConformanceErrors walks every row of errors.csv. Each row is either
// mapped onto the Go API (the same inputs must be rejected with an error;
// messages need not match R's) or listed in errorsNotApplicable with the
// reason it cannot arise in a typed Go API. The two "warning" rows are
// checked as warnings: a result flagged tooFew and no error.
func TestConformanceErrors(t *testing.T) {
	tab := readConformance(t, "errors.csv")
	checks := errorChecks(t)
	seen := map[string]bool{}
	mapped, notApplicable, warnings := 0, 0, 0
	for _, r := range tab.rows {
		id := r["error_id"]
		seen[id] = true
		if r["kind"] == "warning" {
			warnings++
			continue // TestConformanceQuantileWarnings
		}
		if reason, ok := errorsNotApplicable[id]; ok {
			if r["kind"] != "argument_check" && !slices.Contains(valueChecksAsTypes, id) {
				t.Errorf("%s is a %s but is listed as not applicable (%s)", id, r["kind"], reason)
			}
			notApplicable++
			continue
		}
		check, ok := checks[id]
		if !ok {
			t.Errorf("%s (%s: %s) is neither mapped nor marked not applicable", id, r["function"], r["condition"])
			continue
		}
		mapped++
		if err := check(); err == nil {
			t.Errorf("%s (%s: %s, inputs %s): accepted, want an error", id, r["function"], r["condition"], r["inputs"])
		} else {
			t.Logf("%s: %v", id, err)
		}
	}
	for id := range checks {
		if !seen[id] {
			t.Errorf("check %s has no row in errors.csv", id)
		}
	}
	if mapped+notApplicable+warnings != 172 || warnings != 2 {
		t.Errorf("%d mapped + %d not applicable + %d warnings, want 172 rows with 2 warnings", mapped, notApplicable, warnings)
	}
	t.Logf("%d rows asserted as errors, %d not applicable to the Go API, %d warnings", mapped, notApplicable, warnings)
}

// valueChecksAsTypes are value_check rows whose condition the Go types make
// impossible to express.
var valueChecksAsTypes = []string{}

// errorsNotApplicable lists the R interface checks that have no Go
// counterpart: arguments cannot be omitted, columns are not looked up by
// name, types are checked by the compiler, and there is no output "type".
var errorsNotApplicable = map[string]string{
	"err-021": "required argument missing", "err-029": "output type argument",
	"err-032": "required argument missing", "err-039": "output type argument",
	"err-042": "required argument missing", "err-046": "output type argument",
	"err-049": "required argument missing", "err-050": "required argument missing",
	"err-051": "required argument missing", "err-052": "data frame type",
	"err-053": "column name lookup", "err-054": "column name lookup", "err-055": "column name lookup",
	"err-056": "column type", "err-057": "column type", "err-058": "column type",
	"err-065": "argument type", "err-071": "output type argument", "err-072": "argument type",
	"err-074": "argument type (bool)", "err-075": "required argument missing",
	"err-076": "required argument missing", "err-077": "column name lookup",
	"err-078": "column type", "err-079": "column name lookup",
	"err-084": "required argument missing", "err-091": "output type argument",
	"err-094": "stdpoptype option", "err-095": "column name lookup",
	"err-098": "required argument missing", "err-104": "output type argument",
	"err-110": "refpoptype option", "err-111": "column name lookup", "err-112": "column name lookup",
	"err-115": "column name lookup", "err-116": "column name lookup",
	"err-117": "required argument missing", "err-123": "output type argument",
	"err-129": "refpoptype option", "err-130": "column name lookup", "err-131": "column name lookup",
	"err-134": "required argument missing", "err-135": "inverttype option",
	"err-136": "argument type (bool)", "err-137": "column type", "err-139": "column name lookup",
	"err-142": "statistic option (match.arg)", "err-143": "type option (match.arg)",
	"err-147": "required argument missing", "err-148": "required argument missing",
	"err-149": "required argument missing", "err-150": "required argument missing",
	"err-151": "required argument missing", "err-153": "required argument missing",
	"err-154": "required argument missing", "err-155": "required argument missing",
	"err-157": "required argument missing", "err-158": "required argument missing",
	"err-159": "required argument missing",
}

// anyErr runs f over several inputs, as R's vectorised call did, and returns
// the first error.
func anyErr(fs ...func() error) error {
	for _, f := range fs {
		if err := f(); err != nil {
			return err
		}
	}
	return nil
}

func errorChecks(t *testing.T) map[string]func() error {
	nan := math.NaN()
	checks := map[string]func() error{}

	// Wilson and Byar helpers, called element by element.
	wilson := func(xs, ns []float64, conf float64) func() error {
		return func() error {
			var fs []func() error
			for i := range xs {
				fs = append(fs, func() error { _, _, err := WilsonInterval(xs[i], ns[i], conf); return err })
			}
			return anyErr(fs...)
		}
	}
	byars := func(xs []float64, conf float64) func() error {
		return func() error {
			var fs []func() error
			for _, x := range xs {
				fs = append(fs, func() error { _, _, err := ByarsInterval(x, conf); return err })
			}
			return anyErr(fs...)
		}
	}
	x3, n3 := []float64{65, 80, 1000}, []float64{100, 100, 5000}
	for _, base := range []int{1, 7} { // wilson_lower 001-006, wilson_upper 007-012
		id := func(k int) string { return errID(base + k) }
		checks[id(0)] = wilson([]float64{65, 0, -4}, []float64{100, 5000, 1}, 0.95)
		checks[id(1)] = wilson(x3, []float64{100, 5000, -6}, 0.95)
		checks[id(2)] = wilson(x3, []float64{100, 50, 5000}, 0.95)
		checks[id(3)] = wilson(x3, n3, 0.7)
		checks[id(4)] = wilson(x3, n3, 14)
		checks[id(5)] = wilson(x3, n3, 125)
	}
	for _, base := range []int{13, 17} { // byars_lower 013-016, byars_upper 017-020
		checks[errID(base)] = byars([]float64{65, 0, -4}, 0.95)
		checks[errID(base+1)] = byars(x3, 0.7)
		checks[errID(base+2)] = byars(x3, 14)
		checks[errID(base+3)] = byars(x3, 125)
	}

	// phe_proportion 022-031.
	prop := func(xs, ns []float64, conf float64) func() error {
		return func() error {
			var fs []func() error
			for i := range xs {
				fs = append(fs, func() error { _, err := Proportion(xs[i], ns[i], 1, conf); return err })
			}
			return anyErr(fs...)
		}
	}
	h := []float64{100, 100, 100}
	checks["err-022"] = prop([]float64{65, -80, 30}, h, 0.95)
	checks["err-023"] = prop([]float64{65, 80, 30}, []float64{100, 0, 100}, 0.95)
	checks["err-024"] = prop([]float64{65, 80, 30}, []float64{100, 100, -100}, 0.95)
	checks["err-025"] = prop([]float64{101, 80, 30}, h, 0.95)
	checks["err-026"] = prop([]float64{65, 80, 30}, h, 0.8)
	checks["err-027"] = prop([]float64{65, 80, 30}, h, 50)
	checks["err-028"] = prop([]float64{65, 80, 30}, h, 130)
	levels := func(c ...float64) func() error { return func() error { _, err := ConfidenceLevels(c...); return err } }
	checks["err-030"] = levels(0.95, 0.998, 0.8)
	checks["err-031"] = levels(0.95, 0.98)

	// phe_rate 033-041.
	rate := func(xs, ns []float64, conf float64) func() error {
		return func() error {
			var fs []func() error
			for i := range xs {
				fs = append(fs, func() error { _, err := RateCI(xs[i], ns[i], 100000, conf); return err })
			}
			return anyErr(fs...)
		}
	}
	checks["err-033"] = rate([]float64{-65, 80, 30}, h, 0.95)
	checks["err-034"] = rate([]float64{65, 80, 30}, []float64{100, 100, 0}, 0.95)
	checks["err-035"] = rate([]float64{65, 80, 30}, []float64{100, -100, 100}, 0.95)
	checks["err-036"] = rate([]float64{65, 80, 30}, h, 0.5)
	checks["err-037"] = rate([]float64{65, 80, 30}, h, 40)
	checks["err-038"] = rate([]float64{65, 80, 30}, h, 9998)
	checks["err-040"] = levels(0.95, 0.998, 1)
	checks["err-041"] = levels(0.95, 0.98)

	// phe_mean 043-048.
	var meanVals []float64
	for _, r := range readConformance(t, "mean_inputs.csv").rows {
		meanVals = append(meanVals, num(t, r, "value"))
	}
	mean := func(conf float64) func() error { return func() error { _, err := MeanCI(meanVals, conf); return err } }
	checks["err-043"] = mean(0.2)
	checks["err-044"] = mean(202)
	checks["err-045"] = mean(200)
	checks["err-047"] = levels(0.95, 0.98, 0.98)
	checks["err-048"] = levels(0.95, 1)

	// calculate_dsr and phe_dsr, on the testdata_big area of the multi-area
	// data (the R error sheets are that area with one value changed).
	var cnt, pop, std []float64
	for _, r := range readConformance(t, "dsr_inputs.csv").rows {
		if r["dataset"] == "multiarea_esp2013" && r["group"] == "testdata_big" {
			cnt = append(cnt, num(t, r, "count"))
			pop = append(pop, num(t, r, "pop"))
			std = append(std, num(t, r, "stdpop"))
		}
	}
	with := func(s []float64, i int, v float64) []float64 { c := slices.Clone(s); c[i] = v; return c }
	all := func(s []float64, v float64) []float64 {
		c := slices.Clone(s)
		for i := range c {
			c[i] = v
		}
		return c
	}
	dsr := func(c, p, w []float64, m, conf float64) func() error {
		return func() error { _, err := DSR(c, p, w, m, conf); return err }
	}
	var zeroPop []float64 // zero_pop Area1: pop 0 in band 5-9
	var isrCnt, isrPop, refCnt, refPop []float64
	for _, r := range readConformance(t, "isr_inputs.csv").rows {
		if r["dataset"] == "zero_pop" && r["group"] == "Area1" {
			zeroPop = append(zeroPop, num(t, r, "pop"))
		}
		if r["dataset"] == "multiarea" && r["group"] == "testdata_big" {
			isrCnt = append(isrCnt, num(t, r, "count"))
			isrPop = append(isrPop, num(t, r, "pop"))
			refCnt = append(refCnt, num(t, r, "refcount"))
			refPop = append(refPop, num(t, r, "refpop"))
		}
	}
	checks["err-059"] = dsr(cnt, all(pop, nan), std, 100000, 0.95)
	checks["err-060"] = dsr(cnt, pop, all(std, nan), 100000, 0.95)
	checks["err-061"] = dsr(with(cnt, 4, -26), pop, std, 100000, 0.95)
	checks["err-062"] = dsr(cnt, zeroPop, std, 100000, 0.95)
	checks["err-063"] = dsr(cnt, with(pop, 1, -558), std, 100000, 0.95)
	checks["err-064"] = dsr(cnt, pop, with(std, 4, -6000), 100000, 0.95)
	checks["err-066"] = dsr(cnt, pop, std, 100000, 0.74)
	checks["err-067"] = dsr(cnt, pop, std, 100000, 3)
	checks["err-068"] = dsr(cnt, pop, std, 100000, 1000)
	checks["err-069"] = levels(90.95, 0.998, 1)
	checks["err-070"] = levels(0.95, 1)
	checks["err-073"] = dsr(cnt, pop, std, -1, 0.95)

	var nonInd []EventFrequencyRow
	for _, r := range readConformance(t, "dsr_nonindependent_inputs.csv").rows {
		if r["group"] == "testdata_nonind_big" {
			nonInd = append(nonInd, EventFrequencyRow{r["ageband"], num(t, r, "eventfreq"), num(t, r, "persons"), num(t, r, "pop"), num(t, r, "stdpop")})
		}
	}
	nonIndWith := func(f func(rows []EventFrequencyRow)) func() error {
		return func() error {
			rows := slices.Clone(nonInd)
			f(rows)
			_, err := DSRNonIndependent(rows, 100000, 0.95)
			return err
		}
	}
	checks["err-080"] = nonIndWith(func(rs []EventFrequencyRow) {
		for i := range rs {
			rs[i].Frequency = nan
		}
	})
	checks["err-081"] = nonIndWith(func(rs []EventFrequencyRow) {
		for i := range rs {
			rs[i].Band = ""
		}
	})
	checks["err-082"] = nonIndWith(func(rs []EventFrequencyRow) { rs[0].Pop = 1 })
	checks["err-083"] = nonIndWith(func(rs []EventFrequencyRow) { rs[0].StdPop = 1 })

	// phe_dsr (deprecated) 085-097.
	checks["err-085"] = dsr(with(cnt, 4, -26), pop, std, 100000, 0.95)
	checks["err-086"] = dsr(cnt, zeroPop, std, 100000, 0.95)
	checks["err-087"] = dsr(cnt, with(pop, 1, -558), std, 100000, 0.95)
	checks["err-088"] = dsr(cnt, pop, std, 100000, 0.74)
	checks["err-089"] = dsr(cnt, pop, std, 100000, 3)
	checks["err-090"] = dsr(cnt, pop, std, 100000, 1000)
	var under100c, under100p []float64 // rows with count below 100 kept
	for i := range cnt {
		if cnt[i] < 100 {
			under100c = append(under100c, cnt[i])
			under100p = append(under100p, pop[i])
		}
	}
	checks["err-092"] = dsr(under100c, under100p, ESP2013(), 100000, 0.95)
	esp1976 := []float64{8000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 6000, 5000, 4000, 3000, 2000, 1000, 1000}
	checks["err-093"] = dsr(cnt, pop, esp1976, 100000, 0.95)
	checks["err-096"] = levels(90.95, 0.998, 1)
	checks["err-097"] = levels(0.95, 1)

	// calculate_ISRatio 099-114 and calculate_ISRate 118-133.
	var u100c, u100p []float64
	for i := range isrCnt {
		if isrCnt[i] < 100 {
			u100c = append(u100c, isrCnt[i])
			u100p = append(u100p, isrPop[i])
		}
	}
	stack := func(s []float64) []float64 { return slices.Concat(s, s, s) }
	for _, kind := range []struct {
		base int
		run  func(c, p, rc, rp []float64, conf float64) error
	}{
		{99, func(c, p, rc, rp []float64, conf float64) error { _, err := ISRatio(c, p, rc, rp, 1, conf); return err }},
		{118, func(c, p, rc, rp []float64, conf float64) error {
			_, err := ISRate(c, p, rc, rp, 100000, conf)
			return err
		}},
	} {
		isr := func(c, p, rc, rp []float64, conf float64) func() error {
			return func() error { return kind.run(c, p, rc, rp, conf) }
		}
		b := kind.base
		checks[errID(b)] = isr(with(isrCnt, 4, -26), isrPop, refCnt, refPop, 0.95)
		checks[errID(b+1)] = isr(isrCnt, with(isrPop, 1, -558), refCnt, refPop, 0.95)
		checks[errID(b+2)] = isr(isrCnt, isrPop, refCnt, refPop, 0.74)
		checks[errID(b+3)] = isr(isrCnt, isrPop, refCnt, refPop, 3)
		checks[errID(b+4)] = isr(isrCnt, isrPop, refCnt, refPop, 1000)
		checks[errID(b+6)] = isr(u100c, u100p, refCnt, refPop, 0.95)
		checks[errID(b+7)] = isr(isrCnt, isrPop, refCnt[:18], refPop, 0.95)
		checks[errID(b+8)] = isr(isrCnt, isrPop, refCnt, refPop[1:], 0.95)
		checks[errID(b+9)] = isr(isrCnt, isrPop, stack(refCnt), refPop, 0.95)
		checks[errID(b+10)] = isr(isrCnt, isrPop, refCnt, stack(refPop), 0.95)
	}
	checks["err-113"] = levels(0.95, 0.998, 0.98)
	checks["err-114"] = levels(0.95, 0.98)
	checks["err-132"] = levels(0.95, 0.998, 0.98)
	checks["err-133"] = levels(0.95, 0.98)

	// phe_quantile 138: 35 areas of one group, 13 with invert TRUE and 22
	// with FALSE.
	checks["err-138"] = func() error {
		vals := make([]float64, 35)
		groups := make([]string, 35)
		inv := make([]bool, 35)
		for i := range vals {
			vals[i], groups[i], inv[i] = float64(i), "11111Female", i < 13
		}
		_, _, err := AssignQuantilesGrouped(vals, groups, inv, 10)
		return err
	}

	// Funnels 144-172.
	propSig := func(xs, ns []float64) func() error {
		return func() error { _, err := ProportionFunnelSignificance(xs, ns); return err }
	}
	checks["err-144"] = propSig([]float64{65, 80, 30}, []float64{100, 100, 0})
	checks["err-145"] = propSig([]float64{65, -80, 30}, []float64{100, 100, 200})
	checks["err-146"] = propSig([]float64{65, 80, 30}, []float64{100, 100, 20})
	checks["err-152"] = func() error {
		_, err := RateFunnelLimits(RateFunnelInput{Events: []float64{100, 100, 0}, Rates: []float64{50, 25, 0}, Type: RateDSR, Multiplier: 100000, YearsOfData: 1})
		return err
	}
	checks["err-156"] = func() error {
		_, err := RateFunnelSignificance(RateFunnelInput{Events: []float64{0, 100, 20}, Rates: []float64{0, 142, 111}, Type: RateCrude, Multiplier: 100000})
		return err
	}

	// 160-172 start from the funnel input file (ev, rate, pop) and change the
	// row whose pop is 5714.
	var ev, rt, pp []float64
	row := -1
	for _, r := range readConformance(t, "funnel_rate_points.csv").rows {
		if r["case_set"] != "crude_with_denominator" {
			continue
		}
		if num(t, r, "denominator") == 5714 {
			row = len(ev)
		}
		ev = append(ev, num(t, r, "events"))
		rt = append(rt, num(t, r, "rate"))
		pp = append(pp, num(t, r, "denominator"))
	}
	if row < 0 {
		t.Fatal("no row with pop 5714")
	}
	zeroRow := func() (e, r, p []float64) { return with(ev, row, 0), with(rt, row, nan), with(pp, row, nan) }
	allMissing := func() (e, r, p []float64) { return with(ev, row, nan), with(rt, row, nan), with(pp, row, nan) }
	in := func(e, r, p []float64, typ RateType, withDen bool) RateFunnelInput {
		x := RateFunnelInput{Events: e, Rates: r, Type: typ, Multiplier: 100000, YearsOfData: 5}
		if withDen {
			x.Denominators = p
		}
		return x
	}
	limits := func(x RateFunnelInput) func() error {
		return func() error { _, err := RateFunnelLimits(x); return err }
	}
	sig := func(x RateFunnelInput) func() error {
		return func() error { _, err := RateFunnelSignificance(x); return err }
	}
	points := func(x RateFunnelInput) func() error {
		return func() error { _, err := RateFunnelPoints(x); return err }
	}
	e0, r0, p0 := zeroRow()
	em, rm, pm := allMissing()
	// pop set to 0 where events are 0, and to the events elsewhere.
	p164 := slices.Clone(e0)
	checks["err-160"] = points(in(e0, r0, p0, RateCrude, false))
	checks["err-161"] = points(in(e0, r0, p0, RateCrude, true))
	checks["err-162"] = limits(in(em, rm, pm, RateCrude, false))
	checks["err-163"] = limits(in(e0, r0, p0, RateDSR, false))
	checks["err-164"] = limits(in(e0, r0, p164, RateDSR, true))
	checks["err-165"] = limits(in(e0, r0, p0, RateDSR, true))
	checks["err-166"] = func() error { _, err := ProportionFunnelLimits(em, pm, 100); return err }
	checks["err-167"] = sig(in(e0, r0, p0, RateCrude, false))
	checks["err-168"] = sig(in(e0, r0, p164, RateCrude, true))
	checks["err-169"] = sig(in(e0, r0, p0, RateCrude, true))
	checks["err-170"] = sig(in(em, rm, pm, RateCrude, false))
	checks["err-171"] = sig(in(em, rm, pm, RateDSR, false))
	checks["err-172"] = propSig(em, pm)
	return checks
}

func errID(n int) string {
	s := "00" + itoa(n)
	return "err-" + s[len(s)-3:]
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// TestConformanceQuantileWarnings covers the two "warning" rows: groups with
// fewer values than quantiles get no quantiles and are reported, without an
// error.
func TestConformanceQuantileWarnings(t *testing.T) {
	var values []float64
	var groups []string
	var areas []string
	for _, r := range readConformance(t, "quantiles.csv").rows {
		if r["scenario"] == "indicator_region" && r["indicator_sex"] == "90366Female" {
			values = append(values, num(t, r, "value"))
			groups = append(groups, r["group"])
			areas = append(areas, r["area_code"])
		}
	}
	inv := make([]bool, len(values)) // invert FALSE
	// err-140: as given, region E12000004 has 9 areas for 10 quantiles.
	q, tooFew, err := AssignQuantilesGrouped(values, groups, inv, 10)
	if err != nil {
		t.Fatalf("err-140: %v", err)
	}
	if len(tooFew) == 0 {
		t.Error("err-140: no group reported as too small")
	}
	for i, g := range groups {
		if slices.Contains(tooFew, g) && q[i] != 0 {
			t.Errorf("err-140: area %s in small group %s has quantile %d", areas[i], g, q[i])
		}
	}
	// err-141: drop two areas and blank region E12000006 entirely.
	var v2 []float64
	var g2 []string
	for i := range values {
		if areas[i] == "E06000053" || areas[i] == "E09000001" {
			continue
		}
		v := values[i]
		if groups[i] == "90366Female|E12000006" {
			v = math.NaN()
		}
		v2 = append(v2, v)
		g2 = append(g2, groups[i])
	}
	_, tooFew, err = AssignQuantilesGrouped(v2, g2, make([]bool, len(v2)), 10)
	if err != nil {
		t.Fatalf("err-141: %v", err)
	}
	if !slices.Contains(tooFew, "90366Female|E12000006") {
		t.Errorf("err-141: empty region not reported; tooFew = %v", tooFew)
	}
}
