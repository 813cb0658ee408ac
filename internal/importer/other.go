package importer

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/localup/localup"
)

// Other open data the data README lists: councils' political control with
// four per-head treasury indicators (about 2019-20), and the 360Giving
// grants made to organisations in each 2013 local authority (2019
// snapshot). Neither repository has a licence file, so every indicator
// says so in its caveats and the 360Giving figures are marked demo-only.
var otherSource = source{
	id:        "other",
	title:     "Council political control and treasury indicators; 360Giving grants by local authority",
	publisher: "C. Robinson (councillorsatthecasino); 360Giving publishers via yanoak/360giving-deprivation",
	licence:   "No licence file in the source repositories; underlying data OGL or CC BY 4.0",
	url:       "https://github.com/CaitHRobinson/councillorsatthecasino",
	released:  time.Date(2020, 6, 1, 0, 0, 0, 0, time.UTC),
	main:      "other/la_political_control_financial_indicators.csv",
	files:     []string{"other/la_political_control_financial_indicators.csv", "other/360giving_grants_total_by_lad2013.json"},
	read:      readOther,
}

func readOther(im *Importer, b *builder) error {
	fy := localup.Period{Start: time.Date(2019, time.April, 1, 0, 0, 0, 0, time.UTC), Years: 1}
	cols := []struct{ col, id, title string }{
		{"SurplusonExternalTrading_perCapita", "council-external-trading-surplus-per-head", "Council surplus on external trading per head"},
		{"DepositsBanks_PerCapita", "council-bank-deposits-per-head", "Council deposits with banks per head"},
		{"InterestandInvestment_PerCapita", "council-interest-and-investment-income-per-head", "Council interest and investment income per head"},
		{"GrossExternalBorrowing_percapita", "council-gross-external-borrowing-per-head", "Council gross external borrowing per head"},
	}
	for _, c := range cols {
		b.indicator(localup.Indicator{ID: c.id, Title: c.title, Unit: "£ per head", Measure: "Pounds", Prefix: "£",
			DecimalPlaces: 2, ValueType: localup.ValueMoney, Polarity: localup.NoPolarity, Topic: "funding", SubTopic: "council finance",
			Source: "Council revenue outturn, compiled by C. Robinson (councillorsatthecasino)", SourceURL: "https://github.com/CaitHRobinson/councillorsatthecasino",
			Licence: "Underlying data OGL; the compiling repository has no licence file",
			Caveats: "The period is about 2019-20; the source does not state it."})
	}
	required := []string{"Authority", "LA_code", "Political_control"}
	for _, c := range cols {
		required = append(required, c.col)
	}
	if err := eachRow(im, b, "other/la_political_control_financial_indicators.csv", required, func(c *csvFile) error {
		code := c.get("LA_code")
		if err := b.area(c, "LA_code", code, c.get("Authority")); err != nil {
			return err
		}
		if pc := c.get("Political_control"); pc != "" {
			b.batch.Groups = append(b.batch.Groups, localup.AreaGroup{Scheme: "political-control-2019", Group: pc, AreaCode: code})
		}
		for _, col := range cols {
			o := localup.NewObservation(col.id, code, fy)
			var err error
			if o.Value, o.Missing, err = c.number(col.col); err != nil {
				return err
			}
			if err := b.observe(c, o); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return err
	}

	const rel = "other/360giving_grants_total_by_lad2013.json"
	raw, sf, err := im.readFile(rel)
	if err != nil {
		return err
	}
	b.file(sf)
	var rows []struct {
		Code   string   `json:"LAD2013_CD"`
		Name   string   `json:"LAD2013_NM"`
		Amount *float64 `json:"Amount Awarded"`
	}
	if err := json.Unmarshal(raw, &rows); err != nil {
		return invalid(rel, 0, "", "not valid JSON: %v", err)
	}
	const id = "360giving-grants-awarded"
	b.indicator(localup.Indicator{ID: id, Title: "Charitable and public grants to organisations (360Giving)",
		Subtitle: "Total amount awarded by funders publishing to 360Giving to organisations located in the area",
		Unit:     "£", Measure: "Pounds", ValueType: localup.ValueMoney, Polarity: localup.NoPolarity,
		Topic: "funding", SubTopic: "grants", Source: "360Giving publishers, compiled by yanoak/360giving-deprivation",
		SourceURL: "https://github.com/yanoak/360giving-deprivation", Licence: "Mostly CC BY 4.0 or OGL per publisher; demonstration only",
		Caveats: "Grants to organisations in the area, not to the council. A 2019 snapshot on 2013 boundaries. Demonstration only: the compiling repository has no licence file."})
	for _, code := range idsOldCodes {
		b.allow(code)
		b.retired[code] = 2013
	}
	snap := localup.Period{Start: time.Date(2019, time.January, 1, 0, 0, 0, 0, time.UTC), Years: 1}
	c := &csvFile{rel: rel}
	for i, r := range rows {
		c.line = i + 1
		if err := b.area(c, fmt.Sprintf("[%d].LAD2013_CD", i), r.Code, r.Name); err != nil {
			return err
		}
		o := localup.NewObservation(id, r.Code, snap)
		if r.Amount != nil {
			o.Value = *r.Amount
		} else {
			o.Missing = "null"
		}
		if err := b.observe(c, o); err != nil {
			return err
		}
	}
	return nil
}
