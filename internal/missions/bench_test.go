package missions

import (
	"math/rand/v2"
	"testing"

	"github.com/localup/localup"
)

// benchValues is one period's values for 400 places (about the number of
// UK local authorities), with a few places missing.
func benchValues() []float64 {
	r := rand.New(rand.NewPCG(1, 2))
	v := make([]float64, 400)
	for i := range v {
		v[i] = 500 + 100*r.NormFloat64()
		if r.IntN(50) == 0 {
			v[i] = nan
		}
	}
	return v
}

func BenchmarkFifths400(b *testing.B) {
	v := benchValues()
	for b.Loop() {
		if _, err := Fifths(v, localup.HigherIsBetter); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCoefficientOfVariation400(b *testing.B) {
	v := benchValues()
	for b.Loop() {
		if _, err := CoefficientOfVariation(v); err != nil {
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
