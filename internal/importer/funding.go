package importer

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/localup/localup"
)

// Funding: the competitive Levelling Up Fund rounds 1 and 2 and the Towns
// Fund awards, and councils' core spending power as an indicator.
var fundingSource = source{
	id:        "funding",
	title:     "Levelling Up Fund rounds 1 and 2, Towns Fund awards, and council core spending power",
	publisher: "Department for Levelling Up, Housing and Communities",
	licence:   licenceOGL,
	url:       "https://www.gov.uk/government/publications/levelling-up-fund-round-2-results",
	released:  time.Date(2023, 1, 19, 0, 0, 0, 0, time.UTC),
	main:      "funding/levelling_up_fund_round1_successful_bids.csv",
	files: []string{"funding/levelling_up_fund_round1_successful_bids.csv", "funding/levelling_up_fund_round2_successful_bids.csv",
		"funding/towns_fund_grant_awarded_by_project.csv", "funding/la_spending_power_millions_2012-2021.csv"},
	read: readFunding,
}

// pounds parses a money cell into whole pounds, rounding pence.
func pounds(c *csvFile, field string) (int64, bool, error) {
	v, miss, err := c.number(field)
	if err != nil {
		return 0, false, err
	}
	if miss != "" {
		return 0, false, nil
	}
	if v < 0 {
		return 0, false, c.errf(field, "negative amount %g", v)
	}
	return int64(math.Round(v)), true, nil
}

func readFunding(im *Importer, b *builder) error {
	for _, r := range []struct {
		rel, round, recipient string
		year                  int
	}{
		{"funding/levelling_up_fund_round1_successful_bids.csv", "1", "Local Authority Name / Area", 2021},
		{"funding/levelling_up_fund_round2_successful_bids.csv", "2", "Legal name of lead applicant organisation", 2023},
	} {
		err := eachRow(im, b, r.rel, []string{r.recipient, "Bid Name", "Bid Value", "LADs"}, func(c *csvFile) error {
			amount, ok, err := pounds(c, "Bid Value")
			if err != nil {
				return err
			}
			if !ok {
				return c.errf("Bid Value", "missing bid value")
			}
			g := localup.Grant{Fund: "Levelling Up Fund", Round: r.round, Type: localup.FundCompetitive,
				Recipient: c.get(r.recipient), Project: c.get("Bid Name"), Amount: amount, Capital: amount,
				Revenue: 0, Year: r.year, Line: c.line}
			if rec := c.get("Grant Recipient (if not Local Authority)"); rec != "" {
				g.Recipient += " (recipient: " + rec + ")"
			}
			for _, code := range strings.Split(c.get("LADs"), ";") {
				code = strings.TrimSpace(code)
				if code == "" {
					continue
				}
				if err := b.area(c, "LADs", code, ""); err != nil {
					return err
				}
				g.AreaCodes = append(g.AreaCodes, code)
			}
			if len(g.AreaCodes) == 0 {
				return c.errf("LADs", "no local authority code for bid %q", g.Project)
			}
			g.DatasetID = b.batch.Dataset.ID
			b.batch.Grants = append(b.batch.Grants, g)
			return nil
		})
		if err != nil {
			return err
		}
	}
	// Towns Fund: HS-XXX are Future High Streets Fund places, TD-XXX-NN
	// Town Deal projects. The codes are place abbreviations with no area
	// code, so they are kept as PlaceRef. Where Total is blank it is taken
	// as RDEL + CDEL; where the parts disagree with Total (TD-LOU-12,
	// TD-GOL-09) Total is kept as published.
	if err := eachRow(im, b, "funding/towns_fund_grant_awarded_by_project.csv", []string{"Index Code", "RDEL", "CDEL", "Total"}, func(c *csvFile) error {
		ref := c.get("Index Code")
		parts := strings.Split(ref, "-")
		fund := ""
		switch {
		case len(parts) == 2 && parts[0] == "HS":
			fund = "Future High Streets Fund"
		case len(parts) == 3 && parts[0] == "TD":
			fund = "Towns Fund (Town Deals)"
		default:
			return c.errf("Index Code", "not an HS-XXX or TD-XXX-NN code: %q", ref)
		}
		rdel, okR, err := pounds(c, "RDEL")
		if err != nil {
			return err
		}
		cdel, okC, err := pounds(c, "CDEL")
		if err != nil {
			return err
		}
		total, okT, err := pounds(c, "Total")
		if err != nil {
			return err
		}
		if !okT {
			if !okR || !okC {
				return c.errf("Total", "no total and no parts to add up")
			}
			total = rdel + cdel
		}
		if !okR {
			rdel = -1
		}
		if !okC {
			cdel = -1
		}
		b.batch.Grants = append(b.batch.Grants, localup.Grant{DatasetID: b.batch.Dataset.ID, Fund: fund, Type: localup.FundCompetitive,
			Recipient: parts[1], Project: ref, PlaceRef: parts[1], Amount: total, Capital: cdel, Revenue: rdel, Year: 2021, Line: c.line})
		return nil
	}); err != nil {
		return err
	}
	return readSpendingPower(im, b)
}

// readSpendingPower reads councils' core spending power (£ million) for
// the financial years starting 2012 to 2021. Its codes are of 2019-20
// vintage and include counties.
func readSpendingPower(im *Importer, b *builder) error {
	const rel = "funding/la_spending_power_millions_2012-2021.csv"
	const id = "core-spending-power"
	b.indicator(localup.Indicator{ID: id, Title: "Core spending power", Subtitle: "Council revenue (core) spending power, £ million",
		Unit: "£ million", Measure: "Pounds", DecimalPlaces: 1, ValueType: localup.ValueMoney,
		Polarity: localup.NoPolarity, Topic: "funding", SubTopic: "council finance",
		Source:    "Ministry of Housing, Communities and Local Government, Local Government Finance Settlement (compiled by C. Robinson)",
		SourceURL: "https://www.gov.uk/government/collections/final-local-government-finance-settlement", Licence: licenceOGL,
		Caveats: "Compiled from settlement tables in a research repository without a licence file; the underlying data is OGL. Codes are of 2019-20 vintage."})
	years := []string{"2012", "2013", "2014", "2015", "2016", "2017", "2018", "2019", "2020", "2021"}
	return eachRow(im, b, rel, append([]string{"ons_code", "ons_name"}, years...), func(c *csvFile) error {
		code := c.get("ons_code")
		if err := b.area(c, "ons_code", code, c.get("ons_name")); err != nil {
			return err
		}
		for _, y := range years {
			n, _ := strconv.Atoi(y)
			o := localup.NewObservation(id, code, localup.Period{Start: time.Date(n, time.April, 1, 0, 0, 0, 0, time.UTC), Years: 1})
			var err error
			if o.Value, o.Missing, err = c.number(y); err != nil {
				return err
			}
			if err := b.observe(c, o); err != nil {
				return err
			}
		}
		return nil
	})
}
