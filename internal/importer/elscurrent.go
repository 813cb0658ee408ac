package importer

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/localup/localup"
)

// The current Explore Local Statistics data repository: one CSV per
// indicator family (ISO 8601 periods, LAD 2023 codes) with an ONS metadata
// JSON beside it.
var elsCurrentSources = []source{
	elsCurrent("gross-median-weekly-pay", time.Date(2025, 10, 23, 0, 0, 0, 0, time.UTC), map[string]string{
		"Gross median weekly pay": "gross-median-weekly-pay",
	}),
	elsCurrent("healthy-life-expectancy", time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC), map[string]string{
		"Male healthy life expectancy":   "male-healthy-life-expectancy",
		"Female healthy life expectancy": "female-healthy-life-expectancy",
	}),
	elsCurrent("children-in-relative-poverty", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), map[string]string{
		"Children in relative poverty before housing costs": "children-in-relative-poverty-before-housing-costs",
		"Children in relative poverty after housing costs":  "children-in-relative-poverty-after-housing-costs",
	}),
	elsCurrent("claimant-count", time.Date(2026, 1, 20, 0, 0, 0, 0, time.UTC), map[string]string{
		"Claimant Count": "claimant-count",
	}),
}

// elsMetadata is the part of the ONS "ess-beta-metadata" JSON we use.
type elsMetadata struct {
	Meta struct {
		Label         string  `json:"label"`
		Prefix        *string `json:"prefix"`
		Suffix        *string `json:"suffix"`
		DecimalPlaces *int    `json:"decimalPlaces"`
		Subtitle      string  `json:"subtitle"`
		SourceURL     string  `json:"sourceURL"`
		SourceOrg     string  `json:"sourceOrg"`
		Description   string  `json:"longDescription"`
		Caveats       string  `json:"caveats"`
		Experimental  string  `json:"experimentalStatistic"`
	} `json:"ess-beta-metadata"`
}

// elsTopics gives each family its Explore Local Statistics topic, from
// els_current/manifest_metadata.csv.
var elsTopics = map[string][2]string{
	"gross-median-weekly-pay":      {"economy", "income and pay"},
	"healthy-life-expectancy":      {"health and wellbeing", "life expectancy"},
	"children-in-relative-poverty": {"economy", "income and pay"},
	"claimant-count":               {"economy", "labour market"},
}

// elsPolarity gives the polarity of the current-release indicators, which
// the CSVs do not carry: the same as in the February 2024 release where
// the indicator was in it; lower is better for poverty and claimants.
var elsPolarity = map[string]localup.Polarity{
	"gross-median-weekly-pay":                           localup.HigherIsBetter,
	"male-healthy-life-expectancy":                      localup.HigherIsBetter,
	"female-healthy-life-expectancy":                    localup.HigherIsBetter,
	"children-in-relative-poverty-before-housing-costs": localup.LowerIsBetter,
	"children-in-relative-poverty-after-housing-costs":  localup.LowerIsBetter,
	"claimant-count":                                    localup.LowerIsBetter,
}

func elsCurrent(slug string, released time.Time, ids map[string]string) source {
	csvRel, jsonRel := "els_current/"+slug+".csv", "els_current/"+slug+".json"
	return source{
		id:        "els_current-" + slug,
		title:     "ONS Explore Local Statistics: " + strings.ReplaceAll(slug, "-", " ") + " (current release)",
		publisher: sourceONS,
		licence:   licenceOGL,
		url:       "https://github.com/ONSdigital/explore-local-statistics-data",
		released:  released,
		main:      csvRel,
		files:     []string{csvRel, jsonRel, "lu_missions_ids/ids-indicator-catalogue.csv"},
		read: func(im *Importer, b *builder) error {
			return readELSCurrent(im, b, slug, csvRel, jsonRel, ids)
		},
	}
}

func readELSCurrent(im *Importer, b *builder, slug, csvRel, jsonRel string, ids map[string]string) error {
	cat, err := im.readCatalogue()
	if err != nil {
		return err
	}
	b.file(cat.file)
	raw, sf, err := im.readFile(jsonRel)
	if err != nil {
		return err
	}
	b.file(sf)
	var md elsMetadata
	if err := json.Unmarshal(raw, &md); err != nil {
		return invalid(jsonRel, 0, "", "not valid JSON: %v", err)
	}
	m := md.Meta
	return eachRow(im, b, csvRel, []string{"areacd", "areanm", "indicator", "period", "observation", "measure", "unit", "lci_95", "uci_95", "status"}, func(c *csvFile) error {
		name := c.get("indicator")
		id, ok := ids[name]
		if !ok {
			return c.errf("indicator", "unknown indicator %q in %s", name, csvRel)
		}
		if !b.inds[id] {
			ind := localup.Indicator{ID: id, Title: name, Subtitle: m.Subtitle, Description: m.Description,
				Caveats: m.Caveats, Unit: c.get("unit"), Measure: c.get("measure"), Polarity: elsPolarity[id],
				Source: m.SourceOrg, SourceURL: firstURL(m.SourceURL), Licence: licenceOGL, DecimalPlaces: 1}
			if len(ids) == 1 && m.Label != "" {
				ind.Title = m.Label
			}
			if ind.Source == "" {
				ind.Source = sourceONS
			}
			if m.Prefix != nil && *m.Prefix == "GBPSign" {
				ind.Prefix = "£"
			}
			if m.Suffix != nil {
				ind.Suffix = *m.Suffix
			}
			if m.DecimalPlaces != nil {
				ind.DecimalPlaces = *m.DecimalPlaces
			}
			if m.Experimental == "T" {
				ind.Caveats = strings.TrimSpace("Official statistics in development.\n\n" + ind.Caveats)
			}
			t := elsTopics[slug]
			ind.Topic, ind.SubTopic = t[0], t[1]
			ind.ValueType = valueType(ind.Measure, ind.Unit)
			cat.classify(&ind)
			b.indicator(ind)
		}
		code := c.get("areacd")
		if err := b.area(c, "areacd", code, c.get("areanm")); err != nil {
			return err
		}
		p, err := localup.ParsePeriod(c.get("period"))
		if err != nil {
			return c.errf("period", "%v", err)
		}
		o := localup.NewObservation(id, code, p)
		if o.Value, o.Missing, err = c.number("observation"); err != nil {
			return err
		}
		if o.Lower, _, err = c.number("lci_95"); err != nil {
			return err
		}
		if o.Upper, _, err = c.number("uci_95"); err != nil {
			return err
		}
		o.Status = c.get("status")
		// Status is a flag (x, u, z, c) in most files and a sentence in a
		// few (life satisfaction, homicide); it is kept verbatim.
		return b.observe(c, o)
	})
}

// firstURL keeps the first of ONS's "|"-separated source URLs.
func firstURL(s string) string {
	u, _, _ := strings.Cut(s, "|")
	return u
}
