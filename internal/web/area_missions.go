package web

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/missions"
	"github.com/localup/localup/internal/tracking"
)

// areaMissionsPage is one place against every mission.
type areaMissionsPage struct {
	basePage
	Area      localup.Area
	Ancestors []localup.Area // the breadcrumbs: its parents and itself
	Missions  []areaMissionBlock
	CSVURL    string
}

type areaMissionBlock struct {
	Number   int
	Name     string
	Plain    string
	NoMetric string
	URL      string
	Rows     []areaMissionRow
}

type areaMissionRow struct {
	Title, URL               string
	Headline                 bool
	From                     string // the containing area whose figure is shown, "" for the place itself
	Baseline, BaselinePeriod string
	Latest, LatestPeriod     string
	Change                   string
	Direction                string
	GapBefore, GapNow        string // the place's gap to England, oriented: "+2.1 better", "−3.0 worse"
	Gap                      string
	Summary                  string
	Targets                  []string
	Inequality               string
	Source, Licence          string
}

func (s *Server) areaMissions(w http.ResponseWriter, r *http.Request) error {
	raw := r.PathValue("code")
	snap := s.snap()
	ams, a, ok := tracking.ForArea(snap, raw)
	if !ok {
		return localup.Errorf(localup.ENOTFOUND, "There is no area with the code %q.", raw)
	}
	if strings.HasSuffix(r.URL.Path, ".csv") {
		return writeCSV(w, a.Code+"-missions.csv", areaMissionsCSV(a, ams))
	}
	p := &areaMissionsPage{basePage: s.base(r, a.Name+": levelling-up missions"), Area: a,
		Ancestors: append(ancestors(snap, a), a), CSVURL: "/areas/" + url.PathEscape(a.Code) + "/missions.csv"}
	for _, am := range ams {
		b := areaMissionBlock{Number: am.Number, Name: am.Name, Plain: am.Plain, NoMetric: am.NoMetric, URL: missionURL(am.Number)}
		for _, x := range am.Metrics {
			b.Rows = append(b.Rows, newAreaMissionRow(a, x))
		}
		p.Missions = append(p.Missions, b)
	}
	return s.render(w, http.StatusOK, "area_missions", p)
}

// gapWords writes a gap to England, oriented so that positive is better.
func gapWords(f missions.Format, pol localup.Polarity, g float64) string {
	if math.IsNaN(g) {
		return ""
	}
	if f.Negligible(g) {
		return "level"
	}
	if pol == localup.NoPolarity {
		if g > 0 {
			return f.Change(g) + " higher"
		}
		return f.Change(-g) + " lower"
	}
	if g > 0 {
		return f.Change(g) + " better"
	}
	return f.Change(-g) + " worse"
}

func newAreaMissionRow(a localup.Area, x tracking.AreaMetric) areaMissionRow {
	r := areaMissionRow{Title: x.ID, Headline: x.Headline, Summary: x.Summary}
	if !x.InData {
		return r
	}
	r.Title, r.Source, r.Licence = x.Indicator.Title, x.Indicator.Source, x.Indicator.Licence
	r.URL = "/areas/" + url.PathEscape(a.Code) + "/indicators/" + url.PathEscape(x.ID)
	if x.From.Code != "" && x.From.Code != a.Code {
		r.From = x.From.Name
		r.URL = "/areas/" + url.PathEscape(x.From.Code) + "/indicators/" + url.PathEscape(x.ID)
	}
	if !x.HasProgress {
		return r
	}
	p, f := x.Progress, x.Progress.Format
	r.Latest, r.LatestPeriod = f.Value(p.Latest.Value), p.Latest.Period.Label()
	r.GapNow = gapWords(f, p.Polarity, p.GapLatest)
	if !p.SinglePeriod() {
		r.Baseline, r.BaselinePeriod = f.Value(p.Baseline.Value), p.Baseline.Period.Label()
		r.Change, r.Direction = f.Signed(p.Change), string(p.Direction)
		r.GapBefore, r.Gap = gapWords(f, p.Polarity, p.GapBaseline), string(p.Gap)
	}
	for _, tv := range x.Targets {
		r.Targets = append(r.Targets, fmt.Sprintf("%s by %d: %s", newTargetRow(tv).Comparison, tv.Target.Year, tv.Status))
	}
	if x.Inequality != nil {
		r.Inequality = "Between " + x.Inequality.Between + ": " + x.Inequality.Summary
	}
	return r
}

// areaMissionsCSV is the place's progress on every metric.
func areaMissionsCSV(a localup.Area, ams []tracking.AreaMission) [][]string {
	rows := [][]string{{"area_code", "area_name", "mission", "mission_name", "indicator", "indicator_title", "figures_for",
		"baseline_period", "baseline", "latest_period", "latest", "change", "direction", "england_baseline", "england_latest",
		"gap_to_england_baseline", "gap_to_england_latest", "gap_to_england", "summary", "source", "licence"}}
	for _, am := range ams {
		if len(am.Metrics) == 0 {
			rows = append(rows, []string{a.Code, a.Name, strconv.Itoa(am.Number), am.Name, "", "", "", "", "", "", "", "", "", "", "", "", "", "", am.NoMetric, "", ""})
		}
		for _, x := range am.Metrics {
			row := []string{a.Code, a.Name, strconv.Itoa(am.Number), am.Name, x.ID, x.Indicator.Title, x.From.Code}
			if !x.HasProgress {
				rows = append(rows, append(row, "", "", "", "", "", "", "", "", "", "", "", x.Summary, x.Indicator.Source, x.Indicator.Licence))
				continue
			}
			p := x.Progress
			base, basePer := "", ""
			if !p.SinglePeriod() {
				base, basePer = number(p.Baseline.Value), p.Baseline.Period.String()
			}
			rows = append(rows, append(row, basePer, base, p.Latest.Period.String(), number(p.Latest.Value), number(p.Change),
				string(p.Direction), number(p.EnglandBaseline), number(p.EnglandLatest), number(p.GapBaseline), number(p.GapLatest),
				string(p.Gap), x.Summary, x.Indicator.Source, x.Indicator.Licence))
		}
	}
	return rows
}
