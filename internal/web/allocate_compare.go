package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/localup/localup/internal/allocation"
)

// comparePage sets the formula beside competitive funding.
type comparePage struct {
	basePage
	Ref                                 allocRef
	Back, Label                         string
	Errors                              fieldErrors
	Cost, Success                       string
	SplitEqual                          bool
	Rounds                              []roundRow
	RoundHeads                          []string
	InPlaces, Outside, CompetitiveTotal string
	HasOutside                          bool
	Measures                            []measureRow
	Bidding                             biddingView
	Towns                               []townsRow
	TownsTotal, TownsCaveat             string
	Deprivation                         string
	Rows                                []compareRow
	Places                              int
	FormulaVsCompetitive                string
	Pot                                 string
	SplitText                           string
}

type roundRow struct{ Name, Bids, Amount string }

type measureRow struct{ Measure, Formula, Competitive, Meaning string }

type biddingView struct {
	Successful, Estimated, KnownCost, EstimatedCost, CostPerBid, SuccessRate string
}

type townsRow struct{ Fund, Projects, Places, Amount string }

type compareRow struct {
	Rank                                  int
	Code, Name, URL                       string
	Formula, FormulaPerHead               string
	Competitive, CompetitivePerHead, Bids string
	ByRound                               []string
	Deprivation                           string
}

// allocateCompare answers GET /allocate/compare.
func (s *Server) allocateCompare(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	ref, errs := readAllocRef(r, q)
	opt := allocation.CompareOptions{CostPerBid: allocation.DefaultCostPerBid, SuccessRate: allocation.DefaultSuccessRate,
		Split: allocation.SplitEqual}
	if v := strings.TrimSpace(q.Get("cost")); v != "" {
		n, err := allocation.ParsePot(v)
		if err != nil {
			errs = append(errs, fieldError{"cost", "Enter the cost per bid as a whole number of pounds, such as 30,000"})
		}
		opt.CostPerBid = n
	}
	opt.SuccessRate = readPercent(q, "success", allocation.DefaultSuccessRate, &errs, "Enter the success rate as a percentage, such as 30")
	if v := q.Get("split"); v != "" {
		opt.Split = allocation.Split(v)
	}
	p := comparePage{basePage: s.base(r, "Compare with competitive funding"), Ref: ref, Back: ref.Link("/allocate") + "#results",
		Cost: formatNumber(float64(opt.CostPerBid), 0), Success: decimal(opt.SuccessRate*100, 0), SplitEqual: opt.Split != allocation.SplitPopulation}
	if len(errs) == 0 {
		if err := opt.Validate(); err != nil {
			errs = append(errs, optionError(err))
		}
	}
	if len(errs) > 0 {
		p.Errors = errs
		p.Title = "Error: " + p.Title
		return s.render(w, http.StatusBadRequest, "allocate_compare", p)
	}
	ctx := r.Context()
	res, err := s.alloc.Resolve(ctx, ref.Source)
	if err != nil {
		return err
	}
	p.Ref.Source = res.Source
	p.Back = p.Ref.Link("/allocate") + "#results"
	p.Label = res.Label()
	c, err := s.alloc.Compare(ctx, res.Formula, ref.Pot, opt)
	if err != nil {
		return err
	}
	fillCompare(&p, c)
	return s.render(w, http.StatusOK, "allocate_compare", p)
}

// fillCompare formats a comparison for the page.
func fillCompare(p *comparePage, c *allocation.Comparison) {
	p.Places, p.Pot = len(c.Places), pounds(c.Run.Pot)
	p.SplitText = "split equally among the districts it covered"
	if c.Options.Split == allocation.SplitPopulation {
		p.SplitText = "split among the districts it covered in proportion to their population"
	}
	var total int64
	for _, rd := range c.Rounds {
		p.Rounds = append(p.Rounds, roundRow{Name: rd.Fund + " " + strings.ToLower(allocation.RoundLabel(rd)),
			Bids: strconv.Itoa(rd.Bids), Amount: pounds(rd.Amount)})
		p.RoundHeads = append(p.RoundHeads, allocation.RoundLabel(rd))
		total += rd.Amount
	}
	p.CompetitiveTotal, p.InPlaces, p.Outside = pounds(total), poundsF(c.CompetitiveInPlaces), poundsF(c.CompetitiveOutside)
	p.HasOutside = c.CompetitiveOutside >= 0.5
	p.Measures = []measureRow{
		{"Correlation of pounds per head with the need score (Pearson)", statText(c.Formula.Need.Pearson, 2),
			statText(c.Competitive.Need.Pearson, 2), "1 means money per head rises in step with need; 0, no relation."},
		{"Rank correlation of pounds per head with the need score (Spearman)", statText(c.Formula.Need.Spearman, 2),
			statText(c.Competitive.Need.Spearman, 2), "As above, on ranks, so a few large awards weigh less."},
		{"Share of the money reaching the most deprived fifth of places", statPercent(c.Formula.ShareMostDeprivedFifth),
			statPercent(c.Competitive.ShareMostDeprivedFifth), "An even spread would give about 20%."},
		{"Concentration index of pounds per head by deprivation", statText(c.Formula.ConcentrationIndex, 3),
			statText(c.Competitive.ConcentrationIndex, 3), "Below 0: money concentrates in more deprived places; 0: no gradient."},
	}
	p.FormulaVsCompetitive = statText(c.FormulaVsCompetitive.Spearman, 2)
	b := c.Bidding
	p.Bidding = biddingView{Successful: strconv.Itoa(b.SuccessfulBids), Estimated: strconv.Itoa(b.EstimatedBids),
		KnownCost: pounds(b.KnownCost), EstimatedCost: pounds(b.EstimatedCost), CostPerBid: pounds(b.CostPerBid),
		SuccessRate: percentText(b.SuccessRate, 0)}
	for _, t := range c.TownsFund.Funds {
		p.Towns = append(p.Towns, townsRow{Fund: t.Fund, Projects: strconv.Itoa(t.Projects), Places: strconv.Itoa(t.Places), Amount: pounds(t.Amount)})
	}
	p.TownsTotal, p.TownsCaveat = pounds(c.TownsFund.Total), c.TownsFund.Caveat
	if d := c.Deprivation; d != nil {
		p.Deprivation = d.Indicator.Title + " (" + d.Period.Label() + "), which covers " + strconv.Itoa(d.Places) + " of these places"
	}
	for _, cp := range c.Places {
		row := compareRow{Rank: cp.NeedRank, Code: cp.Place.Code, Name: cp.Place.Name, Formula: pounds(cp.Formula),
			FormulaPerHead: perHeadText(cp.FormulaPerHead), Competitive: poundsF(cp.Competitive),
			CompetitivePerHead: perHeadText(cp.CompetitivePerHead), Bids: decimal(cp.Bids, 2), Deprivation: "–"}
		if cp.DeprivationRank > 0 {
			row.Deprivation = strconv.Itoa(cp.DeprivationRank)
		}
		for _, v := range cp.ByRound {
			row.ByRound = append(row.ByRound, poundsF(v))
		}
		if p.Ref.compact() {
			row.URL = p.Ref.Link("/allocate/places/" + url.PathEscape(cp.Place.Code))
		}
		p.Rows = append(p.Rows, row)
	}
}

func statPercent(s allocation.Stat) string {
	if !s.OK {
		return "Not available"
	}
	return percentText(s.Value, 1)
}
