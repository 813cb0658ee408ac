package web

import (
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/allocation"
	"github.com/localup/localup/internal/formula"
	"github.com/localup/localup/internal/numfmt"
)

// explainPage says why one place got what it got.
type explainPage struct {
	basePage
	Ref         allocRef
	Back        string
	Label       string
	Place       allocation.Place
	Summary     string
	Largest     string
	Rank        string
	NeedScore   string
	Population  string
	Allocation  string
	PerHead     string
	Share       string
	Basis       string
	Arithmetic  []arithLine
	Components  []explainRow
	CarriedFrom string
	WhatIfPts   string
}

// arithLine is one step from need to pounds.
type arithLine struct {
	Label, Amount string
	Total         bool
}

// explainRow is one component's part, and what a heavier weight would do.
type explainRow struct {
	Title, ID, Period, Value, Transform, Direction string
	Transformed, Weight, NeedContribution, Pounds  string
	WhatIfWeight, WhatIfAllocation, WhatIfChange   string
	WhatIfRank                                     string
	Imputed                                        bool
}

// allocatePlace answers GET /allocate/places/{code}: the explanation of
// one place's allocation under the formula and pot in the address.
func (s *Server) allocatePlace(w http.ResponseWriter, r *http.Request) error {
	code := strings.ToUpper(strings.TrimSpace(r.PathValue("code")))
	ref, errs := readAllocRef(r, r.URL.Query())
	if len(errs) > 0 {
		return localup.Errorf(localup.EINVALID, "%s", errs[0].Message)
	}
	ctx := r.Context()
	res, err := s.alloc.Resolve(ctx, ref.Source)
	if err != nil {
		return err
	}
	ref.Source = res.Source
	x, err := s.alloc.Explain(ctx, res.Formula, ref.Pot, code)
	if err != nil {
		return err
	}
	p := explainPage{basePage: s.base(r, "Why "+x.Place.Name+" gets "+pounds(x.Allocation)), Ref: ref,
		Back: ref.Link("/allocate") + "#results", Label: res.Label(), Place: x.Place,
		Rank: numfmt.Ordinal(x.NeedRank) + " of " + strconv.Itoa(x.Places), NeedScore: decimal(x.NeedScore, 2),
		Population: formatNumber(x.Population, 0), Allocation: pounds(x.Allocation),
		PerHead: perHeadText(perHead(x.Population, x.PerHead)), Share: percentText(x.Share, 3), Basis: basisText(x.Basis),
		CarriedFrom: strings.Join(x.CarriedFrom, ", "), WhatIfPts: strconv.Itoa(int(math.Round(formula.WhatIfPoints * 100)))}
	p.Summary = x.Place.Name + " ranks " + numfmt.Ordinal(x.NeedRank) + " of " + strconv.Itoa(x.Places) +
		" places on need under this formula and gets " + pounds(x.Allocation) + " of the " + pounds(x.Pot) + " pot (" +
		percentText(x.Share, 2) + ")."
	largest, largestPounds := -1, 0.0
	for i, c := range x.Components {
		row := explainRow{Title: c.Indicator.Title, ID: c.Indicator.ID, Period: c.Period.Label(),
			Transform: string(c.Transform), Direction: directionText(c.Direction), Transformed: decimal(c.Transformed, 3),
			Weight: percentText(c.Weight, 1), NeedContribution: decimal(c.NeedContribution, 3), Pounds: poundsF(c.Pounds),
			WhatIfWeight: percentText(c.WhatIf.Weight, 1), WhatIfAllocation: pounds(c.WhatIf.Allocation),
			WhatIfChange: signedPounds(float64(c.WhatIf.Change)), WhatIfRank: numfmt.Ordinal(c.WhatIf.NeedRank), Imputed: c.Imputed}
		if c.Raw != nil {
			row.Value = formatValue(c.Indicator, *c.Raw)
			if row.Value == "" {
				row.Value = decimal(*c.Raw, 2)
			}
		} else {
			row.Value = "No value"
		}
		if c.Pounds > largestPounds {
			largest, largestPounds = i, c.Pounds
		}
		p.Components = append(p.Components, row)
	}
	baseLabel := "Share not owed to any indicator (every place has the same need)"
	if x.Basis == formula.BasisPerHead {
		baseLabel = "Per-head share: every resident counts the same, whatever the need"
	}
	if largest >= 0 && x.Unconstrained > 0 {
		c := x.Components[largest]
		part := poundsF(c.Pounds) + " (" + percentText(c.Pounds/x.Unconstrained, 0) + " before constraints)"
		if x.Base > c.Pounds {
			p.Largest = "Most of it, " + poundsF(x.Base) + " (" + percentText(x.Base/x.Unconstrained, 0) +
				"), is the per-head share. Of the indicators, " + c.Indicator.Title + " adds the most: " + part + "."
		} else {
			p.Largest = "The largest part, " + part + ", comes from " + c.Indicator.Title + "."
		}
	}
	if x.Base != 0 {
		p.Arithmetic = append(p.Arithmetic, arithLine{Label: baseLabel, Amount: poundsF(x.Base)})
	}
	for _, c := range x.Components {
		p.Arithmetic = append(p.Arithmetic, arithLine{Label: "From " + c.Indicator.Title, Amount: poundsF(c.Pounds)})
	}
	p.Arithmetic = append(p.Arithmetic, arithLine{Label: "Amount before floor, ceiling and damping", Amount: poundsF(x.Unconstrained), Total: true})
	if x.ConstraintAdjustment != 0 || x.Bound != "" {
		label := "Change made by floor, ceiling and damping (money moved to or from other places)"
		if b := boundText(x.Bound); b != "" {
			label += ": " + strings.ToLower(b[:1]) + b[1:]
		}
		p.Arithmetic = append(p.Arithmetic, arithLine{Label: label, Amount: signedPounds(x.ConstraintAdjustment)})
	}
	p.Arithmetic = append(p.Arithmetic,
		arithLine{Label: "Rounding to whole pounds", Amount: signedRoundingText(x.RoundingAdjustment)},
		arithLine{Label: "Allocation", Amount: pounds(x.Allocation), Total: true})
	return s.render(w, http.StatusOK, "allocate_place", p)
}

// signedRoundingText shows a rounding change, always under £1, in pence.
func signedRoundingText(v float64) string {
	pence := math.Round(v * 100)
	switch {
	case pence > 0:
		return "+" + strconv.Itoa(int(pence)) + "p"
	case pence < 0:
		return "−" + strconv.Itoa(int(-pence)) + "p"
	}
	return "0p"
}
