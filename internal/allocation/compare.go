package allocation

import (
	"cmp"
	"context"
	"math"
	"strings"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/formula"
)

// Funds as the importer names them.
const (
	FundLevellingUp      = "Levelling Up Fund"
	FundTownDeals        = "Towns Fund (Town Deals)"
	FundFutureHighStreet = "Future High Streets Fund"
)

// Split says how a bid covering several districts is shared among them.
type Split string

// Splits.
const (
	SplitEqual      = Split("equal")      // each listed district gets the same part
	SplitPopulation = Split("population") // in proportion to population
)

// Comparison defaults; see the package documentation.
const (
	DefaultCostPerBid  = formula.DefaultCostPerBid
	DefaultSuccessRate = 0.3
	maxCostPerBid      = 100_000_000
)

// deprivationIndicators rank places by deprivation, first present wins:
// a higher average score is more deprived.
var deprivationIndicators = []string{"imd-2025-imd-average-score", "imd-2019-average-score"}

// CompareOptions configure a comparison. Zero fields take the defaults.
type CompareOptions struct {
	CostPerBid  int64   // pounds per bid
	SuccessRate float64 // assumed share of bids that succeed, in (0, 1]
	Split       Split
}

// WithDefaults fills in zero fields.
func (o CompareOptions) WithDefaults() CompareOptions {
	o.CostPerBid = cmp.Or(o.CostPerBid, DefaultCostPerBid)
	if o.SuccessRate == 0 {
		o.SuccessRate = DefaultSuccessRate
	}
	o.Split = cmp.Or(o.Split, SplitEqual)
	return o
}

// Validate checks the options after defaults, naming the field at fault.
func (o CompareOptions) Validate() error {
	switch {
	case o.CostPerBid < 1 || o.CostPerBid > maxCostPerBid:
		return invalidf("cost_per_bid: enter a cost per bid from £1 to £%d", int64(maxCostPerBid))
	case !(o.SuccessRate > 0 && o.SuccessRate <= 1):
		return invalidf("success_rate: enter a success rate above 0 and at most 1 (0.3 is 30%%)")
	case o.Split != SplitEqual && o.Split != SplitPopulation:
		return invalidf("split: %q is not a way to split bids (use equal or population)", o.Split)
	}
	return nil
}

// Comparison sets the formula's allocation beside what the competitive
// Levelling Up Fund rounds gave the same places.
type Comparison struct {
	Options CompareOptions
	Run     *Run
	// Rounds summarise each Levelling Up Fund round.
	Rounds []Round
	// Places are in need-rank order.
	Places []ComparePlace
	// CompetitiveInPlaces is the Levelling Up Fund money that reached the
	// allocation's places; CompetitiveOutside went elsewhere (other
	// nations under an England-only formula, or places left out).
	CompetitiveInPlaces, CompetitiveOutside float64
	// Formula and Competitive measure how each tracks need;
	// FormulaVsCompetitive correlates the two per head.
	Formula, Competitive Measures
	FormulaVsCompetitive Correlation
	Bidding              Bidding
	TownsFund            TownsFund
	// Deprivation is the indicator places are ranked by for the most
	// deprived fifth and the concentration index; nil if the data has none.
	Deprivation *Deprivation
}

// Round is one round of a competitive fund.
type Round struct {
	Fund, Round string
	Bids        int
	Amount      int64
}

// ComparePlace is one place side by side.
type ComparePlace struct {
	Place      Place
	NeedRank   int
	NeedScore  float64
	Population float64
	// Formula is the allocation; Competitive the Levelling Up Fund money
	// (rounds 1 and 2, multi-district bids split per Options.Split),
	// ByRound the same per round, aligned with Comparison.Rounds.
	Formula            int64
	FormulaPerHead     float64
	Competitive        float64
	CompetitivePerHead float64
	ByRound            []float64
	// Bids counts the successful bids covering the place, a bid covering
	// k districts counting 1/k for each.
	Bids float64
	// DeprivationRank is 1 for the most deprived place with an IMD score,
	// 0 for a place without one.
	DeprivationRank int
}

// Bidding estimates what competitive bidding cost councils.
type Bidding struct {
	CostPerBid     int64
	SuccessRate    float64
	SuccessfulBids int
	// EstimatedBids is SuccessfulBids / SuccessRate, rounded up: the
	// data holds no unsuccessful bids.
	EstimatedBids int
	// KnownCost counts successful bids only, a lower bound;
	// EstimatedCost counts the estimated bids. A formula costs no bids.
	KnownCost, EstimatedCost int64
}

// TownsFund totals the Towns Fund awards, which have no area codes.
type TownsFund struct {
	Funds  []FundTotal
	Total  int64
	Caveat string
}

// FundTotal is one fund's national total.
type FundTotal struct {
	Fund     string
	Projects int
	Places   int // distinct place abbreviations
	Amount   int64
}

// Deprivation names the ranking used.
type Deprivation struct {
	Indicator localup.Indicator
	Period    localup.Period
	Places    int // places with a score, ranked 1..Places
}

// TownsFundCaveat explains why the Towns Fund is a national total only.
const TownsFundCaveat = "The Towns Fund and Future High Streets Fund awards are published by project with a three-letter " +
	"place abbreviation and no local authority code, so they cannot be matched to places reliably. They are shown as a " +
	"national total only and are not in any per-place figure, correlation, share or index."

// Compare compares f's allocation of pot with the Levelling Up Fund.
func (s *Service) Compare(ctx context.Context, f formula.Formula, pot int64, opt CompareOptions) (*Comparison, error) {
	opt = opt.WithDefaults()
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	snap := s.snap()
	run, err := s.allocateOn(ctx, snap, f, pot)
	if err != nil {
		return nil, err
	}
	key := hashKey(run.key, opt)
	if c, ok := s.comps.get(key); ok {
		return c, nil
	}
	ev, err := s.evidenceFor(ctx, snap)
	if err != nil {
		return nil, err
	}
	c := &Comparison{Options: opt, Run: run}
	n := len(run.Result.Places)
	competitive := make([]float64, n)
	bids := make([]float64, n)
	byRound := map[string][]float64{}
	successor := ev.lin.successors()
	popOf := func(code string) float64 {
		if i, ok := run.Data.Index(code); ok && run.inputs.Population != nil && run.inputs.Population[i] > 0 {
			return run.inputs.Population[i]
		}
		return latestValue(snap, DefaultPopulation, code)
	}
	towns := map[string]*FundTotal{}
	townsRefs := map[string]map[string]bool{}
	for _, g := range ev.grants {
		switch g.Fund {
		case FundLevellingUp:
			rd := c.round(g)
			if byRound[g.Round] == nil {
				byRound[g.Round] = make([]float64, n)
			}
			codes := make([]string, len(g.AreaCodes))
			for i, code := range g.AreaCodes {
				codes[i] = successor(code)
			}
			shares := splitShares(codes, opt.Split, popOf)
			for i, code := range codes {
				amount := float64(g.Amount) * shares[i]
				if k, ok := run.Data.Index(code); ok {
					competitive[k] += amount
					byRound[g.Round][k] += amount
					bids[k] += 1 / float64(len(codes))
					c.CompetitiveInPlaces += amount
				} else {
					c.CompetitiveOutside += amount
				}
			}
			rd.Bids++
			rd.Amount += g.Amount
			c.Bidding.SuccessfulBids++
		case FundTownDeals, FundFutureHighStreet:
			t := towns[g.Fund]
			if t == nil {
				t = &FundTotal{Fund: g.Fund}
				towns[g.Fund] = t
				townsRefs[g.Fund] = map[string]bool{}
			}
			t.Projects++
			t.Amount += g.Amount
			townsRefs[g.Fund][g.PlaceRef] = true
		}
	}
	for _, name := range []string{FundTownDeals, FundFutureHighStreet} {
		if t := towns[name]; t != nil {
			t.Places = len(townsRefs[name])
			c.TownsFund.Funds = append(c.TownsFund.Funds, *t)
			c.TownsFund.Total += t.Amount
		}
	}
	c.TownsFund.Caveat = TownsFundCaveat

	c.Bidding.CostPerBid, c.Bidding.SuccessRate = opt.CostPerBid, opt.SuccessRate
	c.Bidding.EstimatedBids = int(math.Ceil(float64(c.Bidding.SuccessfulBids)/opt.SuccessRate - 1e-9))
	c.Bidding.KnownCost = formula.BiddingCost(c.Bidding.SuccessfulBids, opt.CostPerBid)
	c.Bidding.EstimatedCost = formula.BiddingCost(c.Bidding.EstimatedBids, opt.CostPerBid)

	ranks := c.deprivationRanks(snap, ev.lin)
	for _, i := range run.ByRank {
		p := run.Result.Places[i]
		cp := ComparePlace{Place: run.Data.Places[i], NeedRank: p.NeedRank, NeedScore: p.NeedScore, Population: p.Population,
			Formula: p.Allocation, FormulaPerHead: perHead(float64(p.Allocation), p.Population),
			Competitive: competitive[i], CompetitivePerHead: perHead(competitive[i], p.Population), Bids: bids[i],
			DeprivationRank: ranks[i]}
		for _, rd := range c.Rounds {
			cp.ByRound = append(cp.ByRound, byRound[rd.Round][i])
		}
		c.Places = append(c.Places, cp)
	}
	c.measure()
	s.comps.put(key, c)
	return c, nil
}

// round returns the summary of g's round, adding it on first sight.
func (c *Comparison) round(g localup.Grant) *Round {
	for i := range c.Rounds {
		if c.Rounds[i].Fund == g.Fund && c.Rounds[i].Round == g.Round {
			return &c.Rounds[i]
		}
	}
	c.Rounds = append(c.Rounds, Round{Fund: g.Fund, Round: g.Round})
	return &c.Rounds[len(c.Rounds)-1]
}

// splitShares divides one bid among its districts: equally, or by
// population when every district has one.
func splitShares(codes []string, split Split, pop func(string) float64) []float64 {
	out := make([]float64, len(codes))
	if split == SplitPopulation {
		total := 0.0
		ok := true
		for i, c := range codes {
			out[i] = pop(c)
			if math.IsNaN(out[i]) || out[i] <= 0 {
				ok = false
			}
			total += out[i]
		}
		if ok && total > 0 {
			for i := range out {
				out[i] /= total
			}
			return out
		}
	}
	for i := range out {
		out[i] = 1 / float64(len(codes))
	}
	return out
}

// successors returns a function mapping an old area code to the current
// area that replaced it (following recodings and mergers), or the code
// itself.
func (l *lineage) successors() func(string) string {
	next := map[string]string{}
	for n, olds := range l.preds {
		for _, o := range olds {
			next[o] = n
		}
	}
	return func(code string) string {
		for range maxLineageDepth {
			n, ok := next[code]
			if !ok {
				break
			}
			code = n
		}
		return code
	}
}

func perHead(amount, pop float64) float64 {
	if pop > 0 {
		return amount / pop
	}
	return math.NaN()
}

// RoundLabel names a round for column headings, e.g. "Round 1".
func RoundLabel(r Round) string {
	if strings.TrimSpace(r.Round) == "" {
		return r.Fund
	}
	return "Round " + r.Round
}
