package api

import (
	"fmt"
	"math"
	"net/url"
	"strings"

	"github.com/localup/localup/internal/allocation"
	"github.com/localup/localup/internal/formula"
)

// number is f as a Number, for figures that are absent when not finite.
func number(f float64) Number { return Number(f) }

func newAllocation(src allocation.Resolved, run *allocation.Run) Allocation {
	d, res := run.Data, run.Result
	out := Allocation{Pot: run.Pot, Total: run.Total(), DataVersion: d.DataVersion, Geography: string(d.Geography),
		Basis: string(res.Basis), EnglandOnly: d.EnglandOnly, Weights: run.Weights, Bound: res.Bound,
		Notes: run.Notes(), Places: []AllocationPlace{}, Dropped: []DroppedPlace{}}
	if out.Bound == nil {
		out.Bound = []formula.Binding{}
	}
	out.Formula = FormulaInfo{Name: src.Formula.Name, Version: src.Formula.Version, Description: strings.TrimSpace(src.Formula.Description)}
	switch {
	case src.Saved != nil:
		out.Formula.Source, out.Formula.SavedName, out.Formula.SavedVersion = "saved", src.Saved.Name, src.Saved.Version
	case src.Source.Example != "":
		out.Formula.Source, out.Formula.Example = "example", src.Source.Example
	default:
		out.Formula.Source = "document"
	}
	if out.Formula.Source != "document" {
		out.WebURL = allocation.WebURL(src.Source, run.Pot)
	}
	for i, c := range res.Components {
		dc := d.Components[i]
		out.Components = append(out.Components, AllocationComponent{Key: c.Key, Indicator: c.Indicator, Title: dc.Indicator.Title,
			Period: dc.Period.String(), PeriodLabel: dc.Period.Label(), PeriodPinned: dc.Pinned, Transform: string(c.Transform),
			Direction: string(c.Direction), Weight: c.Weight, EffectiveWeight: c.EffectiveWeight, Mission: c.Mission,
			PlacesWithValue: dc.WithValue, Missing: c.Missing, ImputedValue: number(c.ImputedValue), Carried: dc.Carried})
	}
	if p := d.Population; p != nil {
		out.Population = &AllocationPopulation{Indicator: p.Indicator.ID, Period: p.Period.String(), PeriodLabel: p.Period.Label(),
			PlacesWithValue: p.WithValue}
	}
	var explainQuery url.Values
	if out.WebURL != "" {
		explainQuery = src.Source.Query()
		explainQuery.Set("pot", fmt.Sprint(run.Pot))
	}
	for _, i := range run.ByRank {
		p, pl := res.Places[i], d.Places[i]
		ap := AllocationPlace{Code: p.Code, Name: pl.Name, Parent: pl.Parent, Country: pl.Country,
			Population: number(p.Population), NeedScore: p.NeedScore, NeedRank: p.NeedRank, NeedIndex: p.NeedIndex,
			Allocation: p.Allocation, PerHead: perHead(p.Allocation, p.Population), Share: p.Share,
			Unconstrained: p.Unconstrained, Base: p.Base, ConstraintAdjustment: p.ConstraintAdjustment,
			RoundingAdjustment: p.RoundingAdjustment, Bound: p.Bound, CarriedFrom: d.Carried[p.Code]}
		for c, v := range p.Contributions {
			ap.Contributions = append(ap.Contributions, Contribution{Component: res.Components[c].Key, Pounds: v})
		}
		if explainQuery != nil {
			ap.ExplanationURL = "/allocate/places/" + url.PathEscape(p.Code) + "?" + explainQuery.Encode()
		}
		out.Places = append(out.Places, ap)
	}
	for _, x := range d.Dropped {
		out.Dropped = append(out.Dropped, DroppedPlace(x))
	}
	if out.Notes == nil {
		out.Notes = []string{}
	}
	return out
}

// perHead is pounds per head, absent when the population is unknown.
func perHead(amount int64, pop float64) Number {
	if pop > 0 {
		return Number(float64(amount) / pop)
	}
	return Number(math.NaN())
}

func newSensitivity(s *allocation.Sensitivity) *SensitivityResult {
	o := s.Options
	out := &SensitivityResult{Runs: o.Runs, Seed: o.Seed, Sigma: o.Sigma, Delta: o.Delta, Threshold: o.Threshold,
		Flagged: s.Flagged, Components: s.Components}
	for _, p := range s.Places {
		oat := p.OneAtATime
		out.Places = append(out.Places, SensitivityPlaceResult{Code: p.Place.Code, Name: p.Place.Name,
			Allocation: oat.Allocation, NeedRank: oat.NeedRank, MonteCarlo: p.MonteCarlo,
			OneAtATime: OATRange{MinAllocation: oat.MinAllocation, MaxAllocation: oat.MaxAllocation, MinRank: oat.MinRank, MaxRank: oat.MaxRank}})
	}
	return out
}

func newStat(s allocation.Stat) StatResult {
	if !s.OK {
		return StatResult{Value: Number(math.NaN()), Note: s.Why}
	}
	return StatResult{Value: Number(s.Value)}
}

func newCorrelation(c allocation.Correlation) CorrelationResult {
	return CorrelationResult{Pearson: newStat(c.Pearson), Spearman: newStat(c.Spearman)}
}

func newMeasures(m allocation.Measures) MeasuresResult {
	return MeasuresResult{NeedCorrelation: newCorrelation(m.Need), ShareMostDeprivedFifth: newStat(m.ShareMostDeprivedFifth),
		ConcentrationIndex: newStat(m.ConcentrationIndex)}
}

// biddingNote says what the bidding estimate can and cannot know.
const biddingNote = "The data lists successful bids only. Estimated bids = successful bids ÷ success rate (an assumption, " +
	"not a published figure); known cost counts successful bids alone and is a lower bound. A formula needs no bids."

// splitText says how multi-district bids were split.
var splitText = map[allocation.Split]string{
	allocation.SplitEqual:      "split equally among them",
	allocation.SplitPopulation: "split among them by population",
}

func newComparison(c *allocation.Comparison) *ComparisonResult {
	o := c.Options
	out := &ComparisonResult{CostPerBid: o.CostPerBid, SuccessRate: o.SuccessRate, Split: string(o.Split), Rounds: c.Rounds,
		CompetitiveInPlaces: c.CompetitiveInPlaces, CompetitiveOutside: c.CompetitiveOutside,
		Formula: newMeasures(c.Formula), Competitive: newMeasures(c.Competitive),
		FormulaVsCompetitive: newCorrelation(c.FormulaVsCompetitive),
		Bidding: BiddingResult{SuccessfulBids: c.Bidding.SuccessfulBids, EstimatedBids: c.Bidding.EstimatedBids,
			KnownCost: c.Bidding.KnownCost, EstimatedCost: c.Bidding.EstimatedCost, Note: biddingNote},
		TownsFund: TownsFundResult{Funds: c.TownsFund.Funds, Total: c.TownsFund.Total, Caveat: c.TownsFund.Caveat},
		Method: "Levelling Up Fund rounds 1 and 2; bids covering several districts " + splitText[o.Split] +
			"; measures use pounds per head; the most deprived fifth and the concentration index rank places by the Index of Multiple Deprivation (England only)."}
	if out.Rounds == nil {
		out.Rounds = []allocation.Round{}
	}
	if out.TownsFund.Funds == nil {
		out.TownsFund.Funds = []allocation.FundTotal{}
	}
	if d := c.Deprivation; d != nil {
		out.Deprivation = &DeprivationResult{Indicator: d.Indicator.ID, Period: d.Period.String(), Places: d.Places}
	}
	for _, p := range c.Places {
		out.Places = append(out.Places, ComparePlaceResult{Code: p.Place.Code, Name: p.Place.Name, NeedRank: p.NeedRank,
			Formula: p.Formula, FormulaPerHead: Number(p.FormulaPerHead), Competitive: p.Competitive,
			CompetitivePerHead: Number(p.CompetitivePerHead), ByRound: p.ByRound, Bids: p.Bids, DeprivationRank: p.DeprivationRank})
	}
	return out
}

func newExplanation(x *allocation.Explanation) AllocationExplanation {
	out := AllocationExplanation{Code: x.Code, Name: x.Place.Name, NeedScore: x.NeedScore, NeedRank: x.NeedRank, Places: x.Places,
		Population: number(x.Population), Base: x.Base, Unconstrained: x.Unconstrained, ConstraintAdjustment: x.ConstraintAdjustment,
		Bound: x.Bound, RoundingAdjustment: x.RoundingAdjustment, Allocation: x.Allocation, PerHead: perHead(x.Allocation, x.Population),
		CarriedFrom: x.CarriedFrom}
	for _, c := range x.Components {
		out.Components = append(out.Components, ExplanationComponent{Indicator: c.Indicator.ID, Title: c.Indicator.Title,
			Period: c.Period.String(), Raw: c.Raw, Imputed: c.Imputed, Transform: string(c.Transform), Direction: string(c.Direction),
			Transformed: c.Transformed, Weight: c.Weight, NeedContribution: c.NeedContribution, Pounds: c.Pounds, WhatIf: c.WhatIf})
	}
	return out
}
