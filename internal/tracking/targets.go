package tracking

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/missions"
	"github.com/localup/localup/internal/snapshot"
)

// TargetView is one of a mission's targets measured against the data.
type TargetView struct {
	Target  missions.Target
	Metric  *Metric // nil when no metric in the data measures it
	Subject string  // what was checked: "England", "the worst fifth of local authorities in 2018-19 (26 places)"
	// Check is the target checked on Subject's series, when Checked.
	Check   missions.TargetCheck
	Checked bool
	// For targets that apply to every place: how many places meet the
	// target, are on track, or (for improve) improved, of Places.
	Met, OnTrack, Places int
	Status               string // the outcome in words
}

// targetsOf measures a mission's targets.
func targetsOf(snap *snapshot.Snapshot, m *Mission) []TargetView {
	var out []TargetView
	for _, t := range m.Targets {
		tv := TargetView{Target: t}
		for i := range m.Metrics {
			if m.Metrics[i].ID == t.IndicatorID && m.Metrics[i].InData {
				tv.Metric = &m.Metrics[i]
			}
		}
		if tv.Metric == nil {
			tv.Status = "Not measured: no indicator in the data measures this target."
			out = append(out, tv)
			continue
		}
		switch {
		case t.Kind == missions.TargetGapNarrowed:
			spreadTarget(&tv)
		case t.Kind == missions.TargetImprove:
			mv := tv.Metric.Movers
			tv.Subject, tv.Met, tv.Places = "each place", mv.Improved, mv.Compared
			if t.AreaCode != "" {
				areaTarget(snap, &tv)
				break
			}
			if tv.Metric.Level.Type == "" {
				tv.Status = "Not measured across places. " + tv.Metric.Note
			} else if mv.Compared == 0 {
				tv.Status = "Not measured yet: there is no earlier figure to compare with."
			} else {
				tv.Status = fmt.Sprintf("%d of %d %s improved since their baseline.", mv.Improved, mv.Compared, tv.Metric.Level.Plural)
			}
		case !t.Numeric():
			tv.Status = "Not measured."
		case t.AreaCode != "":
			areaTarget(snap, &tv)
		case t.TailShare > 0:
			tailTarget(snap, &tv)
		case len(t.Outside) > 0:
			aggregateTarget(snap, &tv, t.Outside)
		default:
			everyPlaceTarget(&tv)
		}
		out = append(out, tv)
	}
	return out
}

// describe writes a check's outcome in words.
func describe(c missions.TargetCheck, f missions.Format) string {
	switch c.Status {
	case missions.TargetMet:
		return fmt.Sprintf("Met: %s in %s against a target of %s.", f.Value(c.Latest.Value), c.Latest.Period.Label(), f.Value(c.Level))
	case missions.TargetMissed:
		return fmt.Sprintf("Missed: %s in %s against a target of %s.", f.Value(c.Latest.Value), c.Latest.Period.Label(), f.Value(c.Level))
	case missions.TargetTooLittle:
		return fmt.Sprintf("%s in %s; the target is %s. One figure since the baseline is not enough for a trend.", f.Value(c.Latest.Value), c.Latest.Period.Label(), f.Value(c.Level))
	}
	return fmt.Sprintf("%s: %s in %s, %s from the target of %s by %d. It needs %s a year; so far it has moved %s a year.",
		strings.ToUpper(string(c.Status[:1]))+string(c.Status[1:]), f.Value(c.Latest.Value), c.Latest.Period.Label(),
		f.Change(math.Abs(c.Distance)), f.Value(c.Level), c.Target.Year, f.Signed(c.NeededPerYear), f.Signed(c.PerYearSoFar))
}

// areaTarget checks the target on one area's series.
func areaTarget(snap *snapshot.Snapshot, tv *TargetView) {
	a, ok := snap.Area(tv.Target.AreaCode)
	if !ok {
		tv.Status = "Not measured: the area " + tv.Target.AreaCode + " is not in the data."
		return
	}
	tv.Subject = a.Name
	pts := seriesOf(snap.FollowedSeries(tv.Metric.ID, a.Code))
	checkOn(tv, pts)
}

// checkOn checks a numeric target on a series, or says why it cannot.
func checkOn(tv *TargetView, pts []missions.Point) {
	if tv.Target.Kind == missions.TargetImprove {
		if len(pts) < 2 {
			tv.Status = tv.Subject + " has no earlier figure to compare with."
			return
		}
		p, err := missions.ProgressOf(missions.Series{Title: tv.Metric.Indicator.Title, Polarity: tv.Metric.Indicator.Polarity, Format: tv.Metric.Format, Place: pts})
		if err != nil {
			tv.Status = "Not measured: " + err.Error()
			return
		}
		tv.Status = fmt.Sprintf("%s: %s in %s, %s since %s.", tv.Subject, tv.Metric.Format.Value(p.Latest.Value), p.Latest.Period.Label(), p.Direction, p.Baseline.Period.Label())
		if p.SinglePeriod() {
			tv.Status = tv.Subject + " has no earlier figure to compare with."
		}
		return
	}
	c, err := missions.CheckTarget(tv.Target, pts)
	if err != nil {
		tv.Status = "Not measured: " + tv.Subject + " has no figure."
		return
	}
	tv.Check, tv.Checked = c, true
	tv.Status = describe(c, tv.Metric.Format)
}

// spreadTarget reads a gap-narrowed target from the metric's spread.
func spreadTarget(tv *TargetView) {
	m := tv.Metric
	tv.Subject = "the spread between " + m.Level.Plural
	if tv.Target.AreaCode != "" {
		tv.Status = "Each place's page follows its own gap to " + strings.TrimPrefix(tv.Target.Scope, "compared with ") + "."
	}
	s, ok := m.HeadlineSpread()
	if !ok {
		tv.Status = strings.TrimSpace(tv.Status + " " + m.Note)
		return
	}
	tv.Status = strings.TrimSpace(tv.Status + " " + fmt.Sprintf("The gap between the best and worst %s of %s was %s in %s and %s in %s: %s.",
		missions.TailName(m.TailShare), m.Level.Plural, m.Format.Change(s.Baseline.Value), s.Baseline.Period.Label(),
		m.Format.Change(s.Latest.Value), s.Latest.Period.Label(), s.Trend))
}

// tailTarget checks a target for the worst places at the baseline, on the
// mean of their figures in each period.
func tailTarget(snap *snapshot.Snapshot, tv *TargetView) {
	m := tv.Metric
	year := tv.Target.BaselineYear
	if year == 0 {
		year = missions.DefaultBaselineYear
	}
	periods := make([]localup.Period, len(m.Sections))
	for i, s := range m.Sections {
		periods[i] = s.Period
	}
	bi := missions.BaselineIndex(periods, year)
	if bi < 0 {
		tv.Status = "Not measured: no figures for enough places."
		return
	}
	base := periods[bi]
	type val struct {
		code string
		v    float64
	}
	var at []val
	series := map[string][]missions.Point{}
	for _, a := range snap.CurrentAreas(m.Level.Type) {
		pts := seriesOf(snap.FollowedSeries(m.ID, a.Code))
		series[a.Code] = pts
		for _, p := range pts {
			if p.Period.Equal(base) {
				at = append(at, val{a.Code, p.Value})
			}
		}
	}
	worstFirst := 1.0
	if m.Indicator.Polarity == localup.LowerIsBetter {
		worstFirst = -1
	}
	slices.SortFunc(at, func(a, b val) int {
		return cmp.Or(cmp.Compare(worstFirst*a.v, worstFirst*b.v), cmp.Compare(a.code, b.code))
	})
	k := int(math.Round(float64(len(at)) * tv.Target.TailShare))
	if k < 1 {
		tv.Status = "Not measured: too few places at the baseline."
		return
	}
	worst := at[:k]
	tv.Subject = fmt.Sprintf("the worst %s of %s in %s (%d places), on average", missions.TailName(tv.Target.TailShare), m.Level.Plural, base.Label(), k)
	var pts []missions.Point
	for _, per := range periods[bi:] {
		sum, n := 0.0, 0
		for _, w := range worst {
			for _, p := range series[w.code] {
				if p.Period.Equal(per) {
					sum += p.Value
					n++
				}
			}
		}
		// A mean over fewer than all of them would compare different places.
		if n == k {
			pts = append(pts, missions.Point{Period: per, Value: sum / float64(n)})
		}
	}
	checkOn(tv, pts)
}

// aggregateTarget checks a target on the sum of the regions outside
// those listed, in the periods where every one of them has a figure.
func aggregateTarget(snap *snapshot.Snapshot, tv *TargetView, excluded []string) {
	m := tv.Metric
	var codes []string
	for _, a := range snap.CurrentAreas(localup.AreaRegion) {
		if !slices.Contains(excluded, a.Code) {
			codes = append(codes, a.Code)
		}
	}
	tv.Subject = fmt.Sprintf("the %d English regions outside the Greater South East, together", len(codes))
	var pts []missions.Point
	for _, per := range snap.Periods(m.ID) {
		sum, n := 0.0, 0
		for _, c := range codes {
			if o, ok := snap.Value(m.ID, c, per); ok && o.HasValue() {
				sum += o.Value
				n++
			}
		}
		if n == len(codes) && n > 0 {
			pts = append(pts, missions.Point{Period: per, Value: sum})
		}
	}
	checkOn(tv, pts)
}

// everyPlaceTarget checks a numeric target in every place of the level.
func everyPlaceTarget(tv *TargetView) {
	m := tv.Metric
	tv.Subject = "each of the " + m.Level.Plural
	for _, mv := range m.Movers.Places {
		pts := []missions.Point{mv.Progress.Baseline}
		if !mv.Progress.SinglePeriod() {
			pts = append(pts, mv.Progress.Latest)
		}
		c, err := missions.CheckTarget(tv.Target, pts)
		if err != nil {
			continue
		}
		tv.Places++
		if c.Status == missions.TargetMet {
			tv.Met++
		}
		if c.OnTrack() {
			tv.OnTrack++
		}
	}
	if tv.Places == 0 {
		tv.Status = "Not measured: no place has a figure."
		return
	}
	tv.Status = fmt.Sprintf("%d of %d %s already have %s %s; %d have or are on track to by %d, carrying on their change since their baseline.",
		tv.Met, tv.Places, m.Level.Plural, map[bool]string{true: "at least", false: "at most"}[tv.Target.Rising()],
		m.Format.Value(tv.Target.Value), tv.OnTrack, tv.Target.Year)
}
