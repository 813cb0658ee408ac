package tracking

import (
	"fmt"
	"strings"

	"github.com/localup/localup/internal/missions"
	"github.com/localup/localup/internal/snapshot"
)

// Mission is one mission with its metrics measured.
type Mission struct {
	missions.Mission
	Metrics []Metric // in the catalogue's order, headline metrics first
	// Headline says in one sentence whether the spread between places is
	// narrowing on the mission's headline metrics.
	Headline string
	Trend    missions.Trend // the headline metrics' common trend; "" when they disagree or none could be measured
	Measured []TargetView   // the mission's targets, measured; in the order of Targets
}

// Overview measures every mission, once per snapshot: the pages, the
// downloads and the API all read the one result, which callers must not
// modify.
func Overview(snap *snapshot.Snapshot) []Mission {
	return snap.Derived("tracking/overview", func() any { return buildAll(snap) }).([]Mission)
}

// buildAll measures every mission.
func buildAll(snap *snapshot.Snapshot) []Mission {
	all := missions.All()
	out := make([]Mission, len(all))
	for i, ms := range all {
		out[i] = build(snap, ms)
	}
	return out
}

// Get returns mission n from the Overview, and reports false when there
// is no mission n.
func Get(snap *snapshot.Snapshot, n int) (Mission, bool) {
	all := Overview(snap)
	if n < 1 || n > len(all) {
		return Mission{}, false
	}
	return all[n-1], true
}

func build(snap *snapshot.Snapshot, ms missions.Mission) Mission {
	m := Mission{Mission: ms}
	for _, mm := range ms.Metrics {
		m.Metrics = append(m.Metrics, buildMetric(snap, ms, mm))
	}
	m.Headline, m.Trend = headline(m)
	m.Measured = targetsOf(snap, &m)
	return m
}

// headline sums up the spread on the headline metrics, for example
// "Since 2022 the gap between the best and worst fifths of places has
// narrowed on 2 of 3 headline measures." It names the baseline each count
// was measured from.
func headline(m Mission) (string, missions.Trend) {
	if len(m.Metrics) == 0 {
		return "No indicator in the data measures this mission yet.", ""
	}
	counts := map[missions.Trend]int{}
	years := map[int]bool{}
	measured, total := 0, 0
	for _, x := range m.Metrics {
		if !x.Headline {
			continue
		}
		total++
		s, ok := x.HeadlineSpread()
		if !ok {
			continue
		}
		measured++
		counts[s.Trend]++
		years[s.BaselineYear] = true
	}
	if measured == 0 {
		return "No change in the spread between places can be measured yet: the headline figures have only one period, or none after the baseline.", ""
	}
	var parts []string
	for _, t := range []missions.Trend{missions.Narrowing, missions.Widening, missions.LittleChange} {
		if c := counts[t]; c > 0 {
			verb := map[missions.Trend]string{missions.Narrowing: "narrowed", missions.Widening: "widened", missions.LittleChange: "changed little"}[t]
			parts = append(parts, fmt.Sprintf("%s on %d of %d", verb, c, total))
		}
	}
	var trend missions.Trend
	for t, c := range counts {
		if c == measured {
			trend = t
		}
	}
	body := fmt.Sprintf("the gap between the best and worst places has %s headline measures", joinAnd(parts))
	var s string
	switch {
	case years[WhitePaperYear] && years[missions.DefaultBaselineYear]:
		s = "Measured from 2022 where there are later figures and from 2019 otherwise, " + body
	case years[WhitePaperYear]:
		s = "Since 2022, " + body
	default:
		s = "Since 2019 (there are no figures after 2022 yet), " + body
	}
	if measured < total {
		s += fmt.Sprintf("; %d cannot be measured yet", total-measured)
	}
	return s + ".", trend
}

// joinAnd joins words as English does: "a", "a and b", "a, b and c".
func joinAnd(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
