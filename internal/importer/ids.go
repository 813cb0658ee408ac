package importer

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/localup/localup"
)

// The ONS subnational-indicator input datasets ("IDS"), one file per
// release, named m<mission>_<slug>_<month>_<year>.csv. Each file is its own
// release, so each is imported as its own dataset: where releases overlap,
// the newest one's figures are served.
var idsName = regexp.MustCompile(`^m(\d\d)_(.+)_(\d{1,2})_(\d{4})\.csv$`)

// idsAliases maps the file slugs to the canonical indicator IDs used by
// Explore Local Statistics, so that one indicator's releases form one
// series. Slugs not listed here are their own ID.
var idsAliases = map[string]string{
	"pupils-at-expected-standards-ks2":              "pupils-at-expected-standards-by-end-of-primary-school",
	"persistent-absences-all-pupils":                "persistent-absences-for-all-pupils",
	"fe-skills-learner-achievements-19plus":         "aged-19-years-and-over-further-education-and-skills-learner-achievements",
	"life-satisfaction":                             "annual-personal-wellbeing-estimates-Satisfaction mean score (where 10 is 'completely satisfied')",
	"net-additions-housing-stock":                   "additions-to-the-housing-stock",
	"public-funded-rd-expenditure":                  "public-funded-gross-regional-capital-and-non-capital-expenditure-on-research-and-development",
	"public-transport-or-walk-to-employment-centre": "public-transport-or-walk-to-employment-centre-with-500-to-4999-jobs",
	"population-under-devolution-deal":              "population-under-devolution-deal-in-england",
}

// idsSplitYear says when the split years of a file begin: school and
// further-education years start in August as ONS's own period lookup
// records them; the Annual Population Survey year starts in April.
var idsSplitYear = map[string]time.Month{
	"persistent-absences-all-pupils":        time.August,
	"fe-skills-learner-achievements-19plus": time.August,
}

// idsQuirks lists the code prefixes the input datasets use beyond the
// local-authority lookups (data README, "Area codes"): ITL1 regions (TL),
// UK less extra-regio (K99), police force areas (E23, W15), Inner and
// Outer London (E13), the Greater London Authority (E61), metropolitan
// counties (E11) and Welsh local health boards (W11). Areas with these
// codes are created from the file's own names.
var idsQuirks = []string{"TL", "K99", "E23", "W15", "E13", "E61", "E67", "E11", "W11"}

// idsOldCodes are codes retired before 2014 that the travel-to-employment
// file (m03) still uses for its 2014-2019 figures.
var idsOldCodes = []string{"E06000048", "E08000020", "E07000097", "E07000100", "E07000101", "E07000104"}

// idsSource describes one IDS file as a dataset.
func idsSource(file string) (source, bool) {
	m := idsName.FindStringSubmatch(file)
	if m == nil {
		return source{}, false
	}
	mission, _ := strconv.Atoi(m[1])
	month, _ := strconv.Atoi(m[3])
	year, _ := strconv.Atoi(m[4])
	slug := m[2]
	rel := path.Join("lu_missions_ids", file)
	return source{
		id:        fmt.Sprintf("ids-%s-%04d-%02d", slug, year, month),
		title:     fmt.Sprintf("ONS subnational indicators: %s (release %d/%d)", strings.ReplaceAll(slug, "-", " "), month, year),
		publisher: sourceONS,
		licence:   licenceOGL,
		url:       "https://github.com/ONSdigital/explore-local-statistics-data",
		released:  time.Date(year, time.Month(month), 1, 0, 0, 0, 0, time.UTC),
		main:      rel,
		files:     []string{rel, "lu_missions_ids/ids-indicator-catalogue.csv"},
		read: func(im *Importer, b *builder) error {
			return readIDS(im, b, rel, slug, mission)
		},
	}, true
}

func readIDS(im *Importer, b *builder, rel, slug string, mission int) error {
	cat, err := im.readCatalogue()
	if err != nil {
		return err
	}
	b.file(cat.file)
	b.allow(idsQuirks...)
	for _, code := range idsOldCodes {
		b.allow(code)
		b.retired[code] = 2013
	}
	skipped := 0
	defer func() {
		if skipped > 0 {
			im.Log.Info("rows outside any area skipped", "file", rel, "rows", skipped)
		}
	}()
	id := slug
	if a, ok := idsAliases[slug]; ok {
		id = a
	}
	splitYear := time.April
	if m, ok := idsSplitYear[slug]; ok {
		splitYear = m
	}
	required := []string{"AREACD", "AREANM", "Indicator", "Period", "Measure", "Unit", "Polarity",
		"Lower Confidence Interval (95%)", "Upper Confidence Interval (95%)", "Observation Status"}
	first := true
	valueCol := "Value"
	return eachRow(im, b, rel, required, func(c *csvFile) error {
		if first {
			first = false
			switch {
			case c.has("Value"):
			case c.has("Observation"):
				valueCol = "Observation"
			default:
				return c.errf("Value", "missing column: the file has neither Value nor Observation")
			}
			pol, err := parsePolarity(c, "Polarity")
			if err != nil {
				return err
			}
			ind := localup.Indicator{ID: id, Title: c.get("Indicator"), Subtitle: c.get("Variable Name"),
				Unit: c.get("Unit"), Measure: c.get("Measure"), Polarity: pol, Mission: mission,
				Category: c.get("Category"), Source: sourceONS, Licence: licenceOGL,
				SourceURL: "https://github.com/ONSdigital/explore-local-statistics-data", DecimalPlaces: 1}
			if ind.Unit == "£" {
				ind.DecimalPlaces = 0 // whole pounds; the £ prefix comes from the unit (see affixes)
			}
			ind.ValueType = valueType(ind.Measure, ind.Unit)
			cat.classify(&ind)
			fixPolarity(&ind)
			b.indicator(ind)
		}
		code := c.get("AREACD")
		if code == "na" {
			// "Outside of England and Unknown" learners: a total with no
			// place, documented in the data README; not an area.
			skipped++
			return nil
		}
		if err := b.area(c, "AREACD", code, strings.TrimSpace(c.get("AREANM"))); err != nil {
			return err
		}
		p, err := localup.ParsePeriodFrom(c.get("Period"), splitYear)
		if err != nil {
			return c.errf("Period", "%v", err)
		}
		o := localup.NewObservation(id, code, p)
		if o.Value, o.Missing, err = c.number(valueCol); err != nil {
			return err
		}
		if o.Lower, _, err = c.number("Lower Confidence Interval (95%)"); err != nil {
			return err
		}
		if o.Upper, _, err = c.number("Upper Confidence Interval (95%)"); err != nil {
			return err
		}
		o.Status = c.get("Observation Status")
		// Status is a flag (x, u, z, c) in most files and a sentence in a
		// few (life satisfaction, homicide); it is kept verbatim.
		return b.observe(c, o)
	})
}
