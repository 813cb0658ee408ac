package missions

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/localup/localup"
)

// benchSections is 20 yearly cross-sections of 400 places (about the
// number of UK local authorities), with a few places missing each year.
func benchSections() []CrossSection {
	r := rand.New(rand.NewPCG(1, 2))
	out := make([]CrossSection, 20)
	for y := range out {
		v := make([]float64, 400)
		for i := range v {
			v[i] = 500 + 100*r.NormFloat64()
			if r.IntN(50) == 0 {
				v[i] = nan
			}
		}
		out[y] = CrossSection{Period: localup.Period{Start: time.Date(2005+y, time.January, 1, 0, 0, 0, 0, time.UTC), Years: 1}, Values: v}
	}
	return out
}

func BenchmarkFifths400(b *testing.B) {
	s := benchSections()
	for b.Loop() {
		if _, err := Fifths(s[0].Values, localup.HigherIsBetter); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCoefficientOfVariation400(b *testing.B) {
	s := benchSections()
	for b.Loop() {
		if _, err := CoefficientOfVariation(s[0].Values); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSpreadTrendFifths400x20(b *testing.B) {
	s := benchSections()
	m := TailDifference(localup.HigherIsBetter, 0.2)
	for b.Loop() {
		if _, err := SpreadTrend(s, 2019, m); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSpreadTrendCV400x20(b *testing.B) {
	s := benchSections()
	for b.Loop() {
		if _, err := SpreadTrend(s, 2019, CoefficientOfVariation); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBestRegionGap(b *testing.B) {
	regions := make([]Region, 9)
	for i := range regions {
		regions[i] = Region{Code: "E1200000" + string(rune('1'+i)), Value: float64(500 + 10*i), Weight: float64(1e6 + i)}
	}
	for b.Loop() {
		if _, err := BestRegionGap(regions, localup.HigherIsBetter); err != nil {
			b.Fatal(err)
		}
	}
}
