package api

import (
	"net/http"
	"strings"

	"github.com/localup/localup"
)

// Indicators answers GET /api/v1/indicators: every indicator, by topic
// then title, or those of one topic (case-insensitive).
func (a *API) Indicators(w http.ResponseWriter, r *http.Request) error {
	topic := strings.TrimSpace(r.URL.Query().Get("topic"))
	out := IndicatorList{Indicators: []Indicator{}}
	for _, ind := range a.snap().Indicators() {
		if topic != "" && !strings.EqualFold(ind.Topic, topic) {
			continue
		}
		out.Indicators = append(out.Indicators, newIndicator(ind))
	}
	out.Count = len(out.Indicators)
	return writeJSON(w, out)
}

// Indicator answers GET /api/v1/indicators/{id}: the indicator's
// metadata, source and licence, the dataset that described it, the
// periods it has figures for and how many areas have any.
func (a *API) Indicator(w http.ResponseWriter, r *http.Request) error {
	snap := a.snap()
	id := r.PathValue("id")
	ind, ok := snap.Indicator(id)
	if !ok {
		return localup.Errorf(localup.ENOTFOUND, "no indicator has the id %q", id)
	}
	out := IndicatorDetail{Indicator: newIndicator(ind), Periods: []Period{}, AreaCount: snap.AreaCount(ind.ID)}
	if d, ok := snap.Dataset(ind.DatasetID); ok {
		out.DatasetInfo = newDataset(d)
	}
	for _, p := range snap.Periods(ind.ID) {
		out.Periods = append(out.Periods, Period{Period: p.String(), Label: p.Label()})
	}
	return writeJSON(w, out)
}
