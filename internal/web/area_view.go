package web

import (
	"cmp"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/missions"
	"github.com/localup/localup/internal/numfmt"
	"github.com/localup/localup/internal/snapshot"
	"github.com/localup/localup/internal/stats"
)

// profileGroup is one table of the profile: a mission or a topic.
type profileGroup struct {
	ID      string
	Heading string
	Rows    []profileRow
}

// profileRow is one indicator's row, formatted.
type profileRow struct {
	Indicator      *localup.Indicator
	URL            string
	Polarity       string
	Value          string
	Status         string
	Interval       string
	IntervalNote   string
	Period         string
	PeriodISO      string
	PublishedUnder string // the previous code that published the figure, if any
	National       judgementView
	Region         judgementView
	Similar        judgementView
	Compare        *judgementView
	Rank           string
	RankNote       string
	Trend          trendView
	Spine          template.HTML
	Source         string
	SourceURL      string
	Licence        string
	DatasetID      string
	DatasetTitle   string
}

// judgementView is one benchmark's figure and judgement.
type judgementView struct {
	Value      string
	Judgement  string // "worse than England"
	Comparison string // stats word: "worse", "similar", "not compared"...
	Tag        string // GOV.UK tag modifier class
	Note       string
}

// trendView is a row's recent trend.
type trendView struct {
	Text   string // "decreasing, getting worse"
	Marker string // stats word: "decreasing"
	Tag    string
	Symbol string // an arrow, beside the words
	Detail string // periods and method, or why it cannot be calculated
}

// keyItem explains one spine chart marker.
type keyItem struct {
	Marker template.HTML
	Text   string
}

// tagClass is the GOV.UK tag colour of each judgement; the words are in
// the tag, so colour is never the only carrier.
var tagClass = map[stats.Comparison]string{
	stats.Better:      "govuk-tag--green",
	stats.Similar:     "govuk-tag--yellow",
	stats.Worse:       "govuk-tag--red",
	stats.Higher:      "govuk-tag--blue",
	stats.Lower:       "govuk-tag--light-blue",
	stats.NotCompared: "govuk-tag--grey",
}

// missionName names mission n, or "" for none.
func missionName(n int) string {
	m, ok := missions.Get(n)
	if !ok {
		return ""
	}
	return fmt.Sprintf("Mission %d: %s", n, strings.ToLower(m.Name))
}

// groupKey says which table a row goes in and where that table sorts.
func groupKey(ind *localup.Indicator, by string) (rank int, key, heading string) {
	if by == "mission" && missionName(ind.Mission) != "" {
		return ind.Mission, "mission-" + strconv.Itoa(ind.Mission), missionName(ind.Mission)
	}
	topic := strings.TrimSpace(ind.Topic)
	if topic == "" {
		return 100, "other", "Other indicators"
	}
	return 50, "topic-" + strings.ToLower(topic), capitalise(topic)
}

// profileGroups formats a profile's rows into tables: by mission (then by
// topic for indicators that are no mission's metric) or by topic alone,
// missions in number order, topics alphabetically, others last; rows
// keep the profile's order (topic, then title) within each.
func profileGroups(snap *snapshot.Snapshot, p *snapshot.Profile, compare *localup.Area, by string) []profileGroup {
	var cmps []snapshot.Benchmark
	if compare != nil {
		cmps = snap.Compare(p, *compare)
	}
	idx := map[string]int{}
	var out []profileGroup
	var ranks []int
	for i := range p.Rows {
		r := &p.Rows[i]
		rank, key, heading := groupKey(r.Indicator, by)
		g, ok := idx[key]
		if !ok {
			g = len(out)
			idx[key] = g
			out = append(out, profileGroup{ID: slug(heading), Heading: heading})
			ranks = append(ranks, rank)
		}
		row := newProfileRow(p, r)
		if cmps != nil {
			v := newJudgementView(r.Indicator, cmps[i])
			row.Compare = &v
		}
		out[g].Rows = append(out[g].Rows, row)
	}
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(ranks[a], ranks[b]), cmp.Compare(strings.ToLower(out[a].Heading), strings.ToLower(out[b].Heading)))
	})
	sorted := make([]profileGroup, len(out))
	for i, k := range order {
		sorted[i] = out[k]
	}
	return sorted
}

func newProfileRow(p *snapshot.Profile, r *snapshot.ProfileRow) profileRow {
	ind, o := r.Indicator, r.Observation
	row := profileRow{
		Indicator: ind, URL: "/indicators/" + url.PathEscape(ind.ID), Polarity: capitalise(ind.Polarity.String()),
		Value: formatValue(*ind, o.Value), Status: localup.StatusText(o.Status),
		Period: o.Period.Label(), PeriodISO: o.Period.String(),
		National: newJudgementView(ind, r.National), Region: newJudgementView(ind, r.Region),
		Similar: newJudgementView(ind, r.Similar), Trend: newTrendView(r.Trend),
		Source: ind.Source, SourceURL: ind.SourceURL, Licence: ind.Licence, DatasetID: o.DatasetID,
	}
	if ind.Unit != "" && ind.Prefix == "" && ind.Suffix == "" {
		row.Value += " " + ind.Unit
	}
	if o.AreaCode != p.Area.Code {
		row.PublishedUnder = o.AreaCode
	}
	if r.HasInterval() {
		row.Interval = formatValue(*ind, r.Lower) + " to " + formatValue(*ind, r.Upper)
		if r.IntervalSource != snapshot.IntervalPublished {
			row.IntervalNote = r.IntervalSource.Describe()
		}
	} else {
		row.IntervalNote = "No interval published"
	}
	if r.Similar.HasValue() && r.Similar.N < r.Similar.Of {
		row.Similar.Note = fmt.Sprintf("mean of %d of %d similar areas", r.Similar.N, r.Similar.Of)
	}
	if r.Rank > 0 {
		row.Rank = numfmt.Ordinal(r.Rank) + " of " + strconv.Itoa(r.RankOf)
	} else {
		row.RankNote = capitalise(r.RankNote)
	}
	if d := r.Distribution; d != nil && d.N() >= spineMinN {
		row.Spine = spine{Min: d.Min, P25: d.P25, P75: d.P75, Max: d.Max, N: d.N(),
			TypeName: strings.ToLower(p.Area.Type.Label()), Benchmark: r.National.Value, BenchmarkName: r.National.Label,
			Value: o.Value, AreaName: p.Area.Name, Comparison: r.National.Comparison, Polarity: ind.Polarity,
			Format: func(v float64) string { return formatValue(*ind, v) }}.SVG()
	}
	if d := r.Dataset; d != nil {
		row.DatasetTitle = d.Title
	}
	if row.DatasetTitle == "" {
		row.DatasetTitle = o.DatasetID
	}
	return row
}

func newJudgementView(ind *localup.Indicator, b snapshot.Benchmark) judgementView {
	v := judgementView{Value: formatValue(*ind, b.Value), Judgement: capitalise(b.Judgement()),
		Comparison: b.Comparison.String(), Tag: tagClass[b.Comparison], Note: b.Note}
	if v.Note == snapshot.NoteNoInterval {
		v.Note = "" // the figure's own cell says so, once
	}
	return v
}

func newTrendView(t snapshot.Trend) trendView {
	v := trendView{Text: capitalise(t.Text()), Marker: t.Result.Trend.String(), Tag: "govuk-tag--grey"}
	switch t.Result.Trend {
	case stats.TrendIncreasing:
		v.Symbol = "↑"
	case stats.TrendDecreasing:
		v.Symbol = "↓"
	case stats.TrendNoSignificantChange:
		v.Symbol = "→"
	}
	switch t.Assessment {
	case stats.TrendGettingBetter:
		v.Tag = "govuk-tag--green"
	case stats.TrendGettingWorse:
		v.Tag = "govuk-tag--red"
	case stats.TrendUp:
		v.Tag = "govuk-tag--blue"
	case stats.TrendDown:
		v.Tag = "govuk-tag--light-blue"
	}
	if t.Calculated() {
		v.Detail = fmt.Sprintf("%s to %s", t.From.Label(), t.To.Label())
	} else {
		v.Detail = capitalise(t.Reason)
	}
	return v
}

// spineKey explains the spine chart's markers.
func spineKey() []keyItem {
	var out []keyItem
	for _, c := range []stats.Comparison{stats.Better, stats.Similar, stats.Worse, stats.Higher, stats.Lower, stats.NotCompared} {
		out = append(out, keyItem{Marker: legendMarker(c), Text: capitalise(markerShape[c]) + ": " + c.String()})
	}
	return out
}

// notice is a notification about an area's code.
type notice struct {
	Heading string
	Text    string
	Links   []localup.Area
}

// lineageNotices says when an area's code replaced or was replaced by
// others, naming and linking the areas.
func lineageNotices(snap *snapshot.Snapshot, a localup.Area) []notice {
	l := snap.Lineage(a.Code)
	var out []notice
	area := func(code, name string) localup.Area {
		if x, ok := snap.Area(code); ok {
			return x
		}
		return localup.Area{Code: code, Name: name}
	}
	if len(l.Successors) > 0 {
		n := notice{Heading: "This code is no longer in use"}
		var ended int
		for _, c := range l.Successors {
			ended = c.Year
			if c.NewCode != "" && !slices.ContainsFunc(n.Links, func(x localup.Area) bool { return x.Code == c.NewCode }) {
				n.Links = append(n.Links, area(c.NewCode, c.NewName))
			}
		}
		switch {
		case l.ContinuesAs != "":
			n.Text = fmt.Sprintf("%s has had a new code since %d. Its figures continue under the new code, with those published under %s.", a.Name, ended, a.Code)
		case len(n.Links) > 0:
			n.Text = fmt.Sprintf("%s was replaced in %d. It became part of:", a.Name, ended)
		default:
			n.Text = fmt.Sprintf("%s was abolished in %d.", a.Name, ended)
		}
		out = append(out, n)
	}
	if len(l.Predecessors) > 0 {
		n := notice{Heading: "This area replaced others"}
		var year int
		for _, c := range l.Predecessors {
			year = c.Year
			n.Links = append(n.Links, area(c.OldCode, c.OldName))
		}
		if l.FollowsFrom != "" {
			n.Text = fmt.Sprintf("%s has used the code %s since %d. Figures published under its previous code are shown where there is none under this one, and the row says so.", a.Name, a.Code, year)
		} else {
			n.Text = fmt.Sprintf("%s was formed in %d from the areas below. Their figures are not added to this area's, because the boundaries differ; see each area's own page.", a.Name, year)
		}
		out = append(out, n)
	}
	return out
}

// capitalise upper-cases the first letter of s: publishers write topics
// as "economy" or "Economy".
func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
