package formula

import (
	"fmt"
	"math/rand/v2"
)

// Indicator ids as the ELS store names them.
const (
	idGDHI       = "gross-disposable-household-income-per-head"
	idGVA        = "gross-value-added-per-hour-worked"
	idPay        = "gross-median-weekly-pay"
	idEmployment = "employment-rate-long-Employment Rate"
	idInactivity = "employment-rate-long-Economic Inactivity Rate"
	idLevel3     = "aged-16-to-64-years-level-3-or-above-qualifications"
	idFemaleHLE  = "female-healthy-life-expectancy"
	idMaleHLE    = "male-healthy-life-expectancy"
	idTravel     = "average-travel-time-long-public transport or walking"
	idWellbeing  = "annual-personal-wellbeing-estimates-Satisfaction mean score (where 10 is 'completely satisfied')"
	idPopulation = "population-count"
)

var syntheticPolarity = map[string]Polarity{
	idGDHI: HigherIsBetter, idGVA: HigherIsBetter, idPay: HigherIsBetter, idEmployment: HigherIsBetter,
	idInactivity: LowerIsBetter, idLevel3: HigherIsBetter, idFemaleHLE: HigherIsBetter, idMaleHLE: HigherIsBetter,
	idTravel: LowerIsBetter, idWellbeing: HigherIsBetter,
}

// synthetic builds n places with five components, a population and a
// baseline, all drawn from a fixed seed.
func synthetic(n int, seed uint64, tr Transform, basis Basis) (Formula, Inputs) {
	rng := rand.New(rand.NewPCG(seed, 1))
	ids := []string{idGDHI, idEmployment, idLevel3, idFemaleHLE, idTravel}
	f := Formula{Name: "synthetic", Version: 1, Geography: "lsoa",
		Population: Population{Indicator: idPopulation, Basis: basis}}
	in := Inputs{Codes: make([]string, n), Names: make([]string, n), Values: map[string][]float64{},
		Polarity: syntheticPolarity, Population: make([]float64, n), Baselines: map[string][]float64{}}
	for i := range n {
		in.Codes[i] = fmt.Sprintf("E01%06d", i)
		in.Names[i] = fmt.Sprintf("Place %d", i)
		in.Population[i] = 1000 + float64(rng.IntN(2000))
	}
	for c, id := range ids {
		f.Components = append(f.Components, Component{Indicator: id, Transform: tr, Weight: float64(c + 1)})
		v := make([]float64, n)
		for i := range v {
			v[i] = 50 + 10*rng.NormFloat64()
		}
		in.Values[id] = v
	}
	return f, in
}
