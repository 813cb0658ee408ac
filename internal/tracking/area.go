package tracking

import (
	"fmt"
	"strings"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/missions"
	"github.com/localup/localup/internal/snapshot"
)

// AreaMission is one mission's metrics for one place.
type AreaMission struct {
	missions.Mission
	Metrics []AreaMetric
}

// AreaMetric is one place's progress on one metric.
type AreaMetric struct {
	missions.Metric
	Indicator   localup.Indicator
	InData      bool
	Progress    missions.Progress
	HasProgress bool
	Summary     string // the plain-language sentence; or why there is none
	// From is the area whose figures are shown: the place itself, or the
	// nearest area containing it when the place has no figure (homicide
	// is published for police force areas and regions).
	From       localup.Area
	Targets    []TargetView // the numeric targets applied to this place
	Inequality *Inequality  // the gap between groups within the place; nil when the data has no groups
}

// Inequality is the largest gap between groups within a place and how it
// moved.
type Inequality struct {
	Between string // what the groups are: "women and men", or the breakdown's name
	Latest  missions.GroupGap
	Period  localup.Period
	Trend   *missions.GroupGapChange // nil when there is one period
	Format  missions.Format
	Summary string
}

// groupPairs are metrics published as separate indicators for groups of
// the same population, so that their gap is the inequality within a
// place: healthy life expectancy for women and for men.
var groupPairs = []struct {
	Between string
	IDs     [2]string
	Names   [2]string
}{
	{"women and men", [2]string{"female-healthy-life-expectancy", "male-healthy-life-expectancy"}, [2]string{"Women", "Men"}},
}

// ForArea measures one place against every mission. It reports false
// when there is no such area.
func ForArea(snap *snapshot.Snapshot, code string) ([]AreaMission, localup.Area, bool) {
	a, ok := snap.Area(code)
	if !ok {
		return nil, localup.Area{}, false
	}
	var out []AreaMission
	for _, ms := range missions.All() {
		am := AreaMission{Mission: ms}
		for _, mm := range ms.Metrics {
			am.Metrics = append(am.Metrics, areaMetric(snap, ms, mm, a))
		}
		out = append(out, am)
	}
	return out, a, true
}

func areaMetric(snap *snapshot.Snapshot, ms missions.Mission, mm missions.Metric, a localup.Area) AreaMetric {
	am := AreaMetric{Metric: mm}
	ind, ok := snap.Indicator(mm.ID)
	if !ok {
		am.Summary = "This indicator is not in the imported data."
		return am
	}
	am.Indicator, am.InData = ind, true
	f := missions.FormatOf(ind)
	pts := seriesOf(snap.FollowedSeries(ind.ID, a.Code))
	var eng []missions.Point
	if a.Code != localup.CodeEngland && Comparable(ind) {
		eng = seriesOf(snap.FollowedSeries(ind.ID, localup.CodeEngland))
	}
	am.From = a
	for from := a; len(pts) == 0; {
		parent, ok := snap.Parent(from)
		if !ok || parent.Code == localup.CodeEngland || parent.Type == localup.AreaCountry || parent.Type == localup.AreaUK {
			break
		}
		if p := seriesOf(snap.FollowedSeries(ind.ID, parent.Code)); len(p) > 0 {
			pts, am.From = p, parent
		}
		from = parent
	}
	p, err := missions.ProgressOf(missions.Series{Title: ind.Title, Polarity: ind.Polarity, Format: f,
		Place: pts, England: eng, BaselineYear: baselineYear(ms, mm.ID)})
	switch {
	case err != nil:
		am.Summary = fmt.Sprintf("%s: no figure for %s or an area containing it.", ind.Title, a.Name)
	case am.From.Code != a.Code:
		am.Progress, am.HasProgress = p, true
		am.Summary = fmt.Sprintf("No figure for %s; for %s, which contains it, %s", a.Name, am.From.Name, lowerFirst(p.Summary()))
	default:
		am.Progress, am.HasProgress, am.Summary = p, true, p.Summary()
	}
	for _, t := range ms.TargetsFor(mm.ID) {
		if am.From.Code != a.Code || !appliesToPlace(t, ind, a) {
			continue
		}
		tv := TargetView{Target: t, Metric: &Metric{Metric: mm, Indicator: ind, InData: true, Format: f}, Subject: a.Name}
		checkOn(&tv, pts)
		am.Targets = append(am.Targets, tv)
	}
	am.Inequality = inequality(snap, ind, f, a)
	return am
}

// appliesToPlace reports whether a numeric target can be read for one
// place: a level (at least, at most) applies anywhere, as the distance to
// the national ambition; a change applies to the area it names and, as
// the place's own ambition, to any place when the indicator is not a
// total (five more years of healthy life, not 200,000 more achievements).
// Targets for the worst places or for groups of regions do not.
func appliesToPlace(t missions.Target, ind localup.Indicator, a localup.Area) bool {
	switch {
	case !t.Numeric() || t.TailShare > 0 || len(t.Outside) > 0:
		return false
	case t.Kind == missions.TargetAtLeast || t.Kind == missions.TargetAtMost || t.AreaCode == a.Code:
		return true
	}
	return Comparable(ind)
}

// inequality finds the groups the place has figures for: the indicator's
// breakdowns, or its partner in groupPairs.
func inequality(snap *snapshot.Snapshot, ind localup.Indicator, f missions.Format, a localup.Area) *Inequality {
	var obs []localup.Observation
	between := ""
	for _, b := range snap.Breakdowns(ind.ID, a.Code) {
		if b == "" {
			continue
		}
		for _, o := range snap.SeriesBreakdown(ind.ID, a.Code, b) {
			o.Breakdown = groupName(b)
			obs = append(obs, o)
		}
		if k, _, ok := strings.Cut(b, "="); ok && between == "" {
			between = "groups by " + k
		}
	}
	if between == "" && len(obs) > 0 {
		between = "groups"
	}
	if len(obs) == 0 {
		for _, gp := range groupPairs {
			if gp.IDs[0] != ind.ID && gp.IDs[1] != ind.ID {
				continue
			}
			between = gp.Between
			for i, id := range gp.IDs {
				for _, o := range snap.FollowedSeries(id, a.Code) {
					if o.HasValue() {
						o.Breakdown = gp.Names[i]
						obs = append(obs, o)
					}
				}
			}
		}
	}
	if len(obs) == 0 {
		return nil
	}
	sections := missions.GroupSections(obs)
	in := &Inequality{Between: between, Format: f}
	for i := len(sections) - 1; i >= 0; i-- {
		if g, err := missions.LargestGroupGap(sections[i].Groups, ind.Polarity); err == nil {
			in.Latest, in.Period = g, sections[i].Period
			break
		}
	}
	if in.Period.IsZero() {
		return nil
	}
	if tr, err := missions.GroupGapTrend(sections, missions.DefaultBaselineYear, ind.Polarity); err == nil {
		in.Trend = &tr
	}
	in.Summary = in.summary()
	return in
}

// summary says the gap in one sentence: "Women 63.1 years, Men 60.2
// years in 2020-22: a gap of 2.9; since 2017-19 the gap has narrowed."
func (in *Inequality) summary() string {
	g, f := in.Latest, in.Format
	s := fmt.Sprintf("%s %s, %s %s in %s: a gap of %s", g.Highest.Name, f.Value(g.Highest.Value), g.Lowest.Name,
		f.Value(g.Lowest.Value), in.Period.Label(), f.Change(g.Difference))
	if in.Trend != nil {
		s += fmt.Sprintf("; since %s (a gap of %s) it has %s", in.Trend.Baseline.Period.Label(),
			f.Change(in.Trend.Baseline.Value), map[missions.Trend]string{missions.Narrowing: "narrowed",
				missions.Widening: "widened", missions.LittleChange: "changed little"}[in.Trend.Trend])
	}
	return s + "."
}

// lowerFirst lowers the first letter of a sentence unless it begins an
// acronym ("GCSEs").
func lowerFirst(s string) string {
	if len(s) > 1 && s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z') {
		return string(s[0]+'a'-'A') + s[1:]
	}
	return s
}

// groupName writes a breakdown for people: "sex=female" is "Female",
// "age=16-64;sex=male" is "Age 16-64, male", "imd_decile=1" is "Imd
// decile 1".
func groupName(breakdown string) string {
	parts := strings.Split(breakdown, ";")
	for i, p := range parts {
		if k, v, ok := strings.Cut(p, "="); ok {
			parts[i] = strings.ReplaceAll(k, "_", " ") + " " + v
			if k == "sex" {
				parts[i] = v
			}
		}
	}
	s := strings.Join(parts, ", ")
	if s != "" && s[0] >= 'a' && s[0] <= 'z' {
		s = string(s[0]-'a'+'A') + s[1:]
	}
	return s
}
