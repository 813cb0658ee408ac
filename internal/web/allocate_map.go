package web

import (
	"html/template"
	"math"

	"github.com/localup/localup/internal/allocation"
	"github.com/localup/localup/internal/chart"
	"github.com/localup/localup/internal/geo"
	"github.com/localup/localup/internal/stats"
)

// allocationMap shades each place by its allocation per head, in fifths
// of places, on the newest local-authority boundaries. Places the formula
// dropped show as "no data". It returns "" when no boundaries are loaded.
func (s *Server) allocationMap(run *allocation.Run) (template.HTML, error) {
	if s.atlas == nil {
		return "", nil
	}
	layer := s.atlas.Layer(geo.KindLAD, 9999)
	if layer == nil {
		return "", nil
	}
	places := run.Result.Places
	values := make(map[string]chart.MapValue, len(places))
	var per []float64
	var idx []int
	for i, p := range places {
		values[p.Code] = chart.MapValue{Band: chart.NoData, Text: "not in this allocation"}
		if !math.IsNaN(p.PerHead) && !math.IsInf(p.PerHead, 0) {
			per = append(per, p.PerHead)
			idx = append(idx, i)
		}
	}
	// No polarity: the bands run from the lowest to the highest pounds per
	// head, not from worse to better.
	bands, _, err := stats.Quintiles(per, stats.NoPolarity)
	if err == nil {
		for k, i := range idx {
			p := places[i]
			values[p.Code] = chart.MapValue{Band: bands[k] - 1,
				Text: pounds(p.Allocation) + " (" + pounds(int64(math.Round(p.PerHead))) + " per head)"}
		}
	}
	labels := [5]string{"Lowest 20%", "Lower 20%", "Middle 20%", "Higher 20%", "Highest 20%"}
	return chart.Choropleth(layer, values, chart.MapOptions{
		Meta: chart.Meta{ID: "allocation-map", Title: "Map of the allocation per head",
			Desc: "Each place is shaded by its fifth of allocation per head; the table after the map gives every figure."},
		Bands: chart.QuintileBands(labels), LegendTitle: "Allocation per head, fifths of places"})
}
