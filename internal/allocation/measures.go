package allocation

import (
	"cmp"
	"math"
	"slices"

	"github.com/localup/localup/internal/formula"
	"github.com/localup/localup/internal/snapshot"
)

// Stat is a figure that may not be computable (a constant vector has no
// correlation); Why says why not.
type Stat struct {
	Value float64
	OK    bool
	Why   string
}

func stat(v float64, err error) Stat {
	if err != nil {
		return Stat{Why: err.Error()}
	}
	return Stat{Value: v, OK: true}
}

// Correlation is a pair of correlation coefficients.
type Correlation struct {
	Pearson, Spearman Stat
}

// Measures say how well money tracks need.
type Measures struct {
	// Need correlates pounds per head with the need score.
	Need Correlation
	// ShareMostDeprivedFifth is the share of the money (among places with
	// an IMD score) that reaches the most deprived fifth of them.
	ShareMostDeprivedFifth Stat
	// ConcentrationIndex is over pounds per head, weighted by population,
	// ranked by IMD; negative means concentrated in deprived places.
	ConcentrationIndex Stat
}

// deprivationRanks ranks the run's places by the first deprivation
// indicator the data has (1 = most deprived; 0 = no score), aligned with
// the run's places.
func (c *Comparison) deprivationRanks(snap *snapshot.Snapshot, lin *lineage) []int {
	d := c.Run.Data
	ranks := make([]int, len(d.Places))
	for _, id := range deprivationIndicators {
		ind, ok := snap.Indicator(id)
		if !ok {
			continue
		}
		p, _, err := componentPeriod(snap, ind, "", d.Inputs.Codes)
		if err != nil {
			continue
		}
		scratch := &Data{Carried: map[string][]string{}}
		weight := func(code string) float64 { return latestValue(snap, DefaultPopulation, code) }
		vals, n, _ := scratch.column(snap, lin, ind, p, d.Inputs.Codes, weight)
		if n < 5 {
			continue
		}
		var idx []int
		for i, v := range vals {
			if !math.IsNaN(v) {
				idx = append(idx, i)
			}
		}
		// Higher scores are more deprived; ties go by area code, as the
		// places are in code order.
		slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(vals[b], vals[a]) })
		for r, i := range idx {
			ranks[i] = r + 1
		}
		c.Deprivation = &Deprivation{Indicator: ind, Period: p, Places: len(idx)}
		return ranks
	}
	return ranks
}

// measure computes how well each allocation tracks need.
func (c *Comparison) measure() {
	var need, fHead, cHead []float64
	for _, p := range c.Places {
		if p.Population > 0 {
			need = append(need, p.NeedScore)
			fHead = append(fHead, p.FormulaPerHead)
			cHead = append(cHead, p.CompetitivePerHead)
		}
	}
	corr := func(x, y []float64) Correlation {
		return Correlation{Pearson: stat(formula.Pearson(x, y)), Spearman: stat(formula.Spearman(x, y))}
	}
	c.Formula.Need = corr(fHead, need)
	c.Competitive.Need = corr(cHead, need)
	c.FormulaVsCompetitive = corr(fHead, cHead)

	why := "the data has no Index of Multiple Deprivation scores for these places"
	if c.Deprivation == nil {
		for _, m := range []*Measures{&c.Formula, &c.Competitive} {
			m.ShareMostDeprivedFifth, m.ConcentrationIndex = Stat{Why: why}, Stat{Why: why}
		}
		return
	}
	var fAmt, cAmt, fPH, cPH, pops []float64
	var ranks, rankedWithPop []int
	for _, p := range c.Places {
		if p.DeprivationRank == 0 {
			continue
		}
		fAmt = append(fAmt, float64(p.Formula))
		cAmt = append(cAmt, p.Competitive)
		ranks = append(ranks, p.DeprivationRank)
		if p.Population > 0 {
			fPH = append(fPH, p.FormulaPerHead)
			cPH = append(cPH, p.CompetitivePerHead)
			pops = append(pops, p.Population)
			rankedWithPop = append(rankedWithPop, p.DeprivationRank)
		}
	}
	c.Formula.ShareMostDeprivedFifth = stat(formula.ShareToMostDeprivedFifth(fAmt, ranks))
	c.Competitive.ShareMostDeprivedFifth = stat(formula.ShareToMostDeprivedFifth(cAmt, ranks))
	c.Formula.ConcentrationIndex = stat(formula.ConcentrationIndex(fPH, pops, rankedWithPop))
	c.Competitive.ConcentrationIndex = stat(formula.ConcentrationIndex(cPH, pops, rankedWithPop))
}
