package api

import (
	"time"

	"github.com/localup/localup/internal/allocation"
	"github.com/localup/localup/internal/formula"
)

// Allocation is the response of POST /api/v1/allocations: a formula's
// division of a pot among places, with how each amount arose.
type Allocation struct {
	Formula     FormulaInfo `json:"formula"`
	Pot         int64       `json:"pot"`
	Total       int64       `json:"total"`
	DataVersion string      `json:"data_version"`
	Geography   string      `json:"geography"`
	Basis       string      `json:"basis"`
	EnglandOnly bool        `json:"england_only"`
	// WebURL reproduces the allocation on the web site when the formula
	// is an example or saved; inline documents have none.
	WebURL       string                  `json:"web_url,omitempty"`
	Weights      *formula.WeightSet      `json:"weights,omitempty"`
	Components   []AllocationComponent   `json:"components"`
	Population   *AllocationPopulation   `json:"population"`
	Places       []AllocationPlace       `json:"places"`
	Dropped      []DroppedPlace          `json:"dropped"`
	Bound        []formula.Binding       `json:"bound"`
	Notes        []string                `json:"notes"`
	Sensitivity  *SensitivityResult      `json:"sensitivity,omitempty"`
	Comparison   *ComparisonResult       `json:"comparison,omitempty"`
	Explanations []AllocationExplanation `json:"explanations,omitempty"`
}

// FormulaInfo says which formula was applied and where it came from.
type FormulaInfo struct {
	Name        string `json:"name"`
	Version     int    `json:"version"`
	Description string `json:"description,omitempty"`
	// Source is "example", "saved" or "document".
	Source       string `json:"source"`
	Example      string `json:"example,omitempty"`
	SavedName    string `json:"saved_name,omitempty"`
	SavedVersion int    `json:"saved_version,omitempty"`
}

// AllocationComponent is one weighted indicator as applied.
type AllocationComponent struct {
	Key             string  `json:"key"`
	Indicator       string  `json:"indicator"`
	Title           string  `json:"title"`
	Period          string  `json:"period"`
	PeriodLabel     string  `json:"period_label"`
	PeriodPinned    bool    `json:"period_pinned"`
	Transform       string  `json:"transform"`
	Direction       string  `json:"direction"`
	Weight          float64 `json:"weight"`
	EffectiveWeight float64 `json:"effective_weight"`
	Mission         int     `json:"mission,omitempty"`
	PlacesWithValue int     `json:"places_with_value"`
	Missing         int     `json:"missing"`
	ImputedValue    Number  `json:"imputed_value"`
	Carried         int     `json:"carried_from_predecessors"`
}

// AllocationPopulation is the population indicator as used.
type AllocationPopulation struct {
	Indicator       string `json:"indicator"`
	Period          string `json:"period"`
	PeriodLabel     string `json:"period_label"`
	PlacesWithValue int    `json:"places_with_value"`
}

// AllocationPlace is one place's allocation. Pounds add up as
// base + Σ contributions = unconstrained, and unconstrained +
// constraint_adjustment + rounding_adjustment = allocation.
type AllocationPlace struct {
	Code                 string         `json:"code"`
	Name                 string         `json:"name"`
	Parent               string         `json:"parent,omitempty"`
	Country              string         `json:"country,omitempty"`
	Population           Number         `json:"population"`
	NeedScore            float64        `json:"need_score"`
	NeedRank             int            `json:"need_rank"`
	NeedIndex            float64        `json:"need_index"`
	Allocation           int64          `json:"allocation"`
	PerHead              Number         `json:"per_head"`
	Share                float64        `json:"share"`
	Unconstrained        float64        `json:"unconstrained"`
	Base                 float64        `json:"base"`
	Contributions        []Contribution `json:"contributions"`
	ConstraintAdjustment float64        `json:"constraint_adjustment"`
	RoundingAdjustment   float64        `json:"rounding_adjustment"`
	Bound                string         `json:"bound,omitempty"`
	CarriedFrom          []string       `json:"carried_from,omitempty"`
	ExplanationURL       string         `json:"explanation_url,omitempty"`
}

// Contribution is one component's part of a place's unconstrained amount.
type Contribution struct {
	Component string  `json:"component"`
	Pounds    float64 `json:"pounds"`
}

// DroppedPlace is an area of the geography left out, and why.
type DroppedPlace struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Reason string `json:"reason"`
}

// SensitivityRequest asks for a sensitivity analysis; zero fields take the
// defaults (1,000 runs, seed 1, sigma 0.2, delta 0.2, threshold 0.1).
type SensitivityRequest struct {
	Runs      int     `json:"runs,omitempty"`
	Seed      *uint64 `json:"seed,omitempty"`
	Sigma     float64 `json:"sigma,omitempty"`
	Delta     float64 `json:"delta,omitempty"`
	Threshold float64 `json:"threshold,omitempty"`
}

// SensitivityResult is how each place's allocation and rank move with the
// weights.
type SensitivityResult struct {
	Runs       int                      `json:"runs"`
	Seed       uint64                   `json:"seed"`
	Sigma      float64                  `json:"sigma"`
	Delta      float64                  `json:"delta"`
	Threshold  float64                  `json:"threshold"`
	Flagged    int                      `json:"flagged"`
	Components []formula.OATComponent   `json:"components"`
	Places     []SensitivityPlaceResult `json:"places"`
}

// SensitivityPlaceResult is one place's ranges, in need-rank order.
type SensitivityPlaceResult struct {
	Code       string          `json:"code"`
	Name       string          `json:"name"`
	Allocation int64           `json:"allocation"`
	NeedRank   int             `json:"need_rank"`
	OneAtATime OATRange        `json:"one_at_a_time"`
	MonteCarlo formula.MCPlace `json:"monte_carlo"`
}

// OATRange is a place's range over every one-at-a-time weight move.
type OATRange struct {
	MinAllocation int64 `json:"min_allocation"`
	MaxAllocation int64 `json:"max_allocation"`
	MinRank       int   `json:"min_rank"`
	MaxRank       int   `json:"max_rank"`
}

// ComparisonRequest asks for the comparison with competitive funding;
// zero fields take the defaults (£30,000 a bid, 30% success, equal split).
type ComparisonRequest struct {
	CostPerBid  int64   `json:"cost_per_bid,omitempty"`
	SuccessRate float64 `json:"success_rate,omitempty"`
	Split       string  `json:"split,omitempty"`
}

// ComparisonResult sets the formula beside the Levelling Up Fund.
type ComparisonResult struct {
	CostPerBid           int64                `json:"cost_per_bid"`
	SuccessRate          float64              `json:"success_rate"`
	Split                string               `json:"split"`
	Rounds               []allocation.Round   `json:"rounds"`
	CompetitiveInPlaces  float64              `json:"competitive_in_places"`
	CompetitiveOutside   float64              `json:"competitive_outside_places"`
	Formula              MeasuresResult       `json:"formula"`
	Competitive          MeasuresResult       `json:"competitive"`
	FormulaVsCompetitive CorrelationResult    `json:"formula_vs_competitive"`
	Bidding              BiddingResult        `json:"bidding"`
	TownsFund            TownsFundResult      `json:"towns_fund"`
	Deprivation          *DeprivationResult   `json:"deprivation"`
	Places               []ComparePlaceResult `json:"places"`
	Method               string               `json:"method"`
}

// StatResult is a figure, null when it cannot be computed, with why.
type StatResult struct {
	Value Number `json:"value"`
	Note  string `json:"note,omitempty"`
}

// CorrelationResult is a pair of correlation coefficients.
type CorrelationResult struct {
	Pearson  StatResult `json:"pearson"`
	Spearman StatResult `json:"spearman"`
}

// MeasuresResult says how well money tracks need.
type MeasuresResult struct {
	NeedCorrelation        CorrelationResult `json:"need_correlation"`
	ShareMostDeprivedFifth StatResult        `json:"share_most_deprived_fifth"`
	ConcentrationIndex     StatResult        `json:"concentration_index"`
}

// BiddingResult estimates the cost of competitive bidding.
type BiddingResult struct {
	SuccessfulBids int    `json:"successful_bids"`
	EstimatedBids  int    `json:"estimated_bids"`
	KnownCost      int64  `json:"known_cost"`
	EstimatedCost  int64  `json:"estimated_cost"`
	FormulaCost    int64  `json:"formula_cost"`
	Note           string `json:"note"`
}

// TownsFundResult is the Towns Fund's national total.
type TownsFundResult struct {
	Funds  []allocation.FundTotal `json:"funds"`
	Total  int64                  `json:"total"`
	Caveat string                 `json:"caveat"`
}

// DeprivationResult names the deprivation ranking used.
type DeprivationResult struct {
	Indicator string `json:"indicator"`
	Period    string `json:"period"`
	Places    int    `json:"places"`
}

// ComparePlaceResult is one place side by side, in need-rank order.
type ComparePlaceResult struct {
	Code               string    `json:"code"`
	Name               string    `json:"name"`
	NeedRank           int       `json:"need_rank"`
	Formula            int64     `json:"formula"`
	FormulaPerHead     Number    `json:"formula_per_head"`
	Competitive        float64   `json:"competitive"`
	CompetitivePerHead Number    `json:"competitive_per_head"`
	ByRound            []float64 `json:"competitive_by_round"`
	Bids               float64   `json:"bids"`
	DeprivationRank    int       `json:"deprivation_rank,omitempty"`
}

// AllocationExplanation explains one place's allocation.
type AllocationExplanation struct {
	Code                 string                 `json:"code"`
	Name                 string                 `json:"name"`
	NeedScore            float64                `json:"need_score"`
	NeedRank             int                    `json:"need_rank"`
	Places               int                    `json:"places"`
	Population           Number                 `json:"population"`
	Base                 float64                `json:"base"`
	Unconstrained        float64                `json:"unconstrained"`
	ConstraintAdjustment float64                `json:"constraint_adjustment"`
	Bound                string                 `json:"bound,omitempty"`
	RoundingAdjustment   float64                `json:"rounding_adjustment"`
	Allocation           int64                  `json:"allocation"`
	PerHead              Number                 `json:"per_head"`
	CarriedFrom          []string               `json:"carried_from,omitempty"`
	Components           []ExplanationComponent `json:"components"`
}

// ExplanationComponent is one component's part in a place's allocation.
type ExplanationComponent struct {
	Indicator        string         `json:"indicator"`
	Title            string         `json:"title"`
	Period           string         `json:"period"`
	Raw              *float64       `json:"raw"`
	Imputed          bool           `json:"imputed"`
	Transform        string         `json:"transform"`
	Direction        string         `json:"direction"`
	Transformed      float64        `json:"transformed"`
	Weight           float64        `json:"weight"`
	NeedContribution float64        `json:"need_contribution"`
	Pounds           float64        `json:"pounds"`
	WhatIf           formula.WhatIf `json:"what_if"`
}

// FormulaList is the response of GET /api/v1/formulas.
type FormulaList struct {
	Examples []ExampleFormula `json:"examples"`
	Saved    []SavedFormula   `json:"saved"`
}

// ExampleFormula is a built-in example.
type ExampleFormula struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Document string `json:"document"`
	WebURL   string `json:"web_url"`
}

// SavedFormula is the latest version of a saved formula.
type SavedFormula struct {
	Name      string    `json:"name"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	Document  string    `json:"document"`
	WebURL    string    `json:"web_url"`
}
