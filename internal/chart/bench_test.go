package chart

import (
	"testing"

	"github.com/localup/localup/internal/geo"
)

// BenchmarkChoroplethLAD renders the busiest map, all 361 local
// authorities, from the preloaded atlas (target: < 20 ms, < 300 KB).
func BenchmarkChoroplethLAD(b *testing.B) {
	layer, values, opt := fullMap(realAtlas(b))
	var size int
	for b.Loop() {
		out, err := Choropleth(layer, values, opt)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size)/1000, "kB")
}

// BenchmarkLocator renders a small locator map.
func BenchmarkLocator(b *testing.B) {
	a := realAtlas(b)
	for b.Loop() {
		if _, err := Locator(a, 2023, "E06000001", LocatorOptions{Meta: Meta{ID: "l"}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLineChart renders four series over six periods.
func BenchmarkLineChart(b *testing.B) {
	series, opt := lineFixture()
	for b.Loop() {
		if _, err := LineChart(series, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBeeswarm lays out and renders 361 dots.
func BenchmarkBeeswarm(b *testing.B) {
	layer := realAtlas(b).Layer(geo.KindLAD, 2023)
	var dots []Dot
	for i, ar := range layer.Areas {
		dots = append(dots, Dot{Code: ar.Code, Name: ar.Name, Value: 400 + float64((i*53)%300) + float64(i%17)})
	}
	_, opt := swarmFixture()
	for b.Loop() {
		if _, err := Beeswarm(dots, opt); err != nil {
			b.Fatal(err)
		}
	}
}
