package web

import (
	"html/template"
	"math"
	"net/http"
	"net/url"
	"strings"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/chart"
	"github.com/localup/localup/internal/snapshot"
)

// areaIndicatorPage is one indicator's time series for one area, beside its
// national benchmark, its region and the mean of its similar areas.
type areaIndicatorPage struct {
	basePage
	Area         localup.Area
	Indicator    localup.Indicator
	Ancestors    []localup.Area
	Line         template.HTML
	Table        chart.Table
	IndicatorURL string
	SimilarCount int
}

func (s *Server) areaIndicator(w http.ResponseWriter, r *http.Request) error {
	snap := s.snap()
	code := strings.ToUpper(strings.TrimSpace(r.PathValue("code")))
	a, ok := snap.Area(code)
	if !ok {
		return localup.Errorf(localup.ENOTFOUND, "There is no area with the code %q.", r.PathValue("code"))
	}
	ind, ok := snap.Indicator(r.PathValue("id"))
	if !ok {
		return localup.Errorf(localup.ENOTFOUND, "There is no indicator with the id %q.", r.PathValue("id"))
	}
	prof, _ := snap.Profile(a.Code)
	p := &areaIndicatorPage{basePage: s.base(r, ind.Title+" in "+a.Name), Area: a, Indicator: ind,
		Ancestors: append(ancestors(snap, a), a), IndicatorURL: "/indicators/" + url.PathEscape(ind.ID)}
	periods := snap.Periods(ind.ID)
	var labels []string
	for _, per := range periods {
		labels = append(labels, per.Label())
	}
	series := []chart.Series{areaSeries(snap, ind, a, periods, true)}
	if prof != nil {
		if prof.National != nil && prof.National.Code != a.Code {
			series = append(series, areaSeries(snap, ind, *prof.National, periods, false))
		}
		if prof.Region != nil && prof.Region.Code != a.Code {
			series = append(series, areaSeries(snap, ind, *prof.Region, periods, false))
		}
		if len(prof.Similar) > 0 {
			mean := chart.Series{Name: "Mean of similar areas"}
			for _, per := range periods {
				mean.Values = append(mean.Values, snap.SimilarMean(prof, ind.ID, per).Value)
			}
			series = append(series, mean)
			p.SimilarCount = len(prof.Similar)
		}
	}
	var kept []chart.Series
	for _, ser := range series {
		for _, v := range ser.Values {
			if !math.IsNaN(v) {
				kept = append(kept, ser)
				break
			}
		}
	}
	if len(kept) > 0 && len(periods) > 0 {
		opt := chart.LineOptions{Meta: chart.Meta{ID: "area-line", Title: ind.Title + " in " + a.Name + " over time",
			Desc: "One line per area, the shaded band is the 95% confidence interval; the table after the chart gives every value."},
			Periods: labels, Format: chart.Format{Prefix: ind.Prefix, Suffix: ind.Suffix, Decimals: ind.DecimalPlaces}, YLabel: ind.Title}
		svg, err := chart.LineChart(kept, opt)
		if err != nil {
			return err
		}
		p.Line = svg
		p.Table = chart.LineTable(kept, opt)
	}
	return s.render(w, http.StatusOK, "area_indicator", p)
}

// areaSeries is an area's values over the periods, with confidence limits
// when withCI is set.
func areaSeries(snap *snapshot.Snapshot, ind localup.Indicator, a localup.Area, periods []localup.Period, withCI bool) chart.Series {
	ser := chart.Series{Name: a.Name}
	for _, per := range periods {
		v, lo, hi := math.NaN(), math.NaN(), math.NaN()
		if o, ok := snap.FollowedValue(ind.ID, a.Code, per); ok && o.HasValue() {
			v = o.Value
			lo, hi, _ = snapshot.Interval(&ind, &o)
		}
		ser.Values = append(ser.Values, v)
		ser.Lower = append(ser.Lower, lo)
		ser.Upper = append(ser.Upper, hi)
	}
	if !withCI {
		ser.Lower, ser.Upper = nil, nil
	}
	return ser
}
