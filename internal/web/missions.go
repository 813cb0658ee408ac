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
	"github.com/localup/localup/internal/snapshot"
	"github.com/localup/localup/internal/tracking"
)

// missionsPage lists the twelve missions: ambition, metrics, England's
// position and whether the spread between places is narrowing.
type missionsPage struct {
	basePage
	Missions []missionCard
	CSVURL   string
}

type missionCard struct {
	Number    int
	Name      string
	Plain     string
	Objective string
	Headline  string
	Trend     string // "narrowing", "widening", "little change" or ""
	NoMetric  string
	Metrics   []metricLine
	URL       string
}

// metricLine is one metric in a summary: England's latest figure and the
// spread's move.
type metricLine struct {
	ID, Title, URL string
	Headline       bool
	InData         bool
	England        string // "61.3 years (2022-24)" or ""
	Spread         string // the spread sentence, or why there is none
	Trend          string
	Source         string
	Licence        string
}

func missionURL(n int) string { return "/missions/" + strconv.Itoa(n) }

// spreadSentence says how the gap between the tails moved.
func spreadSentence(m *tracking.Metric) string {
	s, ok := m.HeadlineSpread()
	if !ok {
		return m.Note
	}
	verb := map[missions.Trend]string{missions.Narrowing: "narrowed", missions.Widening: "widened", missions.LittleChange: "changed little"}[s.Trend]
	return fmt.Sprintf("The gap between the best and worst %s of %s %s, from %s in %s to %s in %s.", missions.TailName(m.TailShare), m.Level.Plural,
		verb, m.Format.Change(s.Baseline.Value), s.Baseline.Period.Label(), m.Format.Change(s.Latest.Value), s.Latest.Period.Label())
}

func newMetricLine(m *tracking.Metric) metricLine {
	l := metricLine{ID: m.ID, Title: m.ID, Headline: m.Headline, InData: m.InData, Spread: spreadSentence(m)}
	if !m.InData {
		return l
	}
	l.Title, l.URL, l.Source, l.Licence = m.Indicator.Title, "/indicators/"+url.PathEscape(m.ID), m.Indicator.Source, m.Indicator.Licence
	if e := m.EnglandLatest(); !math.IsNaN(e.Value) {
		l.England = m.Format.Value(e.Value) + " (" + e.Period.Label() + ")"
	}
	if s, ok := m.HeadlineSpread(); ok {
		l.Trend = string(s.Trend)
	}
	return l
}

func (s *Server) missionsIndex(w http.ResponseWriter, r *http.Request) error {
	snap := s.snap()
	if r.URL.Path == "/missions.csv" {
		return writeCSV(w, "missions.csv", missionsCSV(tracking.Overview(snap)))
	}
	return s.renderOnce(w, snap, "page/missions", "missions", func() (any, error) {
		p := &missionsPage{basePage: s.base(r, "Levelling-up missions"), CSVURL: "/missions.csv"}
		for _, m := range tracking.Overview(snap) {
			c := missionCard{Number: m.Number, Name: m.Name, Plain: m.Plain, Objective: string(m.Objective),
				Headline: m.Headline, Trend: string(m.Trend), NoMetric: m.NoMetric, URL: missionURL(m.Number)}
			for i := range m.Metrics {
				if m.Metrics[i].Headline {
					c.Metrics = append(c.Metrics, newMetricLine(&m.Metrics[i]))
				}
			}
			p.Missions = append(p.Missions, c)
		}
		return p, nil
	})
}

// missionsCSV is every metric of every mission with England's figure and
// the spread's move.
func missionsCSV(all []tracking.Mission) [][]string {
	rows := [][]string{{"mission", "mission_name", "indicator", "indicator_title", "headline_metric", "places_compared",
		"england_value", "england_period", "tail_share", "spread_baseline_period", "spread_baseline", "spread_latest_period",
		"spread_latest", "spread_trend", "note", "source", "licence"}}
	for _, m := range all {
		if len(m.Metrics) == 0 {
			rows = append(rows, []string{strconv.Itoa(m.Number), m.Name, "", "", "", "", "", "", "", "", "", "", "", "", m.NoMetric, "", ""})
		}
		for i := range m.Metrics {
			x := &m.Metrics[i]
			e := x.EnglandLatest()
			row := []string{strconv.Itoa(m.Number), m.Name, x.ID, x.Indicator.Title, strconv.FormatBool(x.Headline), x.Level.Plural,
				number(e.Value), periodCell(e.Period), number(x.TailShare)}
			if sp, ok := x.HeadlineSpread(); ok {
				row = append(row, sp.Baseline.Period.String(), number(sp.Baseline.Value), sp.Latest.Period.String(), number(sp.Latest.Value), string(sp.Trend), "")
			} else {
				row = append(row, "", "", "", "", "", x.Note)
			}
			rows = append(rows, append(row, x.Indicator.Source, x.Indicator.Licence))
		}
	}
	return rows
}

func periodCell(p localup.Period) string {
	if p.IsZero() {
		return ""
	}
	return p.String()
}

// parseMission finds the mission a path segment names, with an optional
// .csv extension.
func parseMission(snap *snapshot.Snapshot, raw string) (tracking.Mission, string, error) {
	num, csv := strings.CutSuffix(raw, ".csv")
	n, _ := strconv.Atoi(num)
	m, ok := tracking.Get(snap, n)
	if !ok {
		return m, "", localup.Errorf(localup.ENOTFOUND, "There is no mission %q: the missions are numbered 1 to 12.", num)
	}
	if csv {
		return m, "csv", nil
	}
	return m, "", nil
}
