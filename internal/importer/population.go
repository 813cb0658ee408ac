package importer

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/localup/localup"
)

// Population: ONS mid-year estimates (totals and by sex, 1991-2024), the
// single-year-of-age estimates for mid-2011 and mid-2022, and Census 2021
// usual residents by age. Ages are kept in three standard bands (0-15,
// 16-64, 65+) as breakdowns of one population indicator, which is what
// per-head formulas and dependency ratios need.
const populationURL = "https://www.ons.gov.uk/peoplepopulationandcommunity/populationandmigration/populationestimates"

var populationSource = source{
	id:        "population",
	title:     "ONS population estimates and Census 2021 usual residents",
	publisher: sourceONS,
	licence:   licenceOGL,
	url:       populationURL,
	released:  time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC),
	main:      "population/els_population-count.json",
	files: []string{"population/els_population-count.json", "population/els_population-count-female.json",
		"population/els_population-count-male.json", "population/mye_2011_2022_single_year_age_sex_lad2023.csv",
		"population/census2021_ts007_age_single_year_lad.csv"},
	read: readPopulation,
}

const (
	indPopulation = "population-count"
	indCensus     = "census-2021-usual-residents"
)

// columnar is the Explore Local Statistics column-oriented JSON: array
// position i across the arrays is one observation.
type columnar struct {
	Code   string     `json:"code"`
	Areas  []string   `json:"areacd"`
	Values []*float64 `json:"value"`
	Lower  []*float64 `json:"lci"`
	Upper  []*float64 `json:"uci"`
	Years  []int      `json:"xDomainNumb"`
}

// ageBand returns the standard band of a single year of age.
func ageBand(age int) string {
	switch {
	case age < 16:
		return "0-15"
	case age < 65:
		return "16-64"
	}
	return "65+"
}

func readPopulation(im *Importer, b *builder) error {
	b.indicator(localup.Indicator{ID: indPopulation, Title: "Population", Subtitle: "Mid-year population estimate (usual residents)",
		Unit: "people", Measure: "Count", ValueType: localup.ValueCount, Polarity: localup.NoPolarity,
		Topic: "population", SubTopic: "population", Source: sourceONS, Licence: licenceOGL,
		SourceURL: populationURL, Caveats: "Breakdowns by sex and by age band (0-15, 16-64, 65+) are given where ONS publishes them."})
	b.indicator(localup.Indicator{ID: indCensus, Title: "Usual residents (Census 2021)", Subtitle: "All usual residents on Census day, 21 March 2021",
		Unit: "people", Measure: "Count", ValueType: localup.ValueCount, Polarity: localup.NoPolarity,
		Topic: "population", SubTopic: "population", Source: sourceONS + " (Census 2021, table TS007, via Nomis)", Licence: licenceOGL,
		SourceURL: "https://www.nomisweb.co.uk/sources/census_2021", Caveats: "England and Wales only. Records were swapped between areas and counts perturbed by small amounts to protect confidentiality."})

	for _, f := range []struct{ rel, breakdown string }{
		{"population/els_population-count.json", ""},
		{"population/els_population-count-female.json", "sex=female"},
		{"population/els_population-count-male.json", "sex=male"},
	} {
		if err := readColumnar(im, b, f.rel, f.breakdown); err != nil {
			return err
		}
	}
	if err := readMYEAges(im, b); err != nil {
		return err
	}
	return readCensusAges(im, b)
}

func readColumnar(im *Importer, b *builder, rel, breakdown string) error {
	raw, sf, err := im.readFile(rel)
	if err != nil {
		return err
	}
	b.file(sf)
	var col columnar
	if err := json.Unmarshal(raw, &col); err != nil {
		return invalid(rel, 0, "", "not valid JSON: %v", err)
	}
	n := len(col.Areas)
	if len(col.Values) != n || len(col.Years) != n {
		return invalid(rel, 0, "value", "arrays differ in length: %d areas, %d values, %d years", n, len(col.Values), len(col.Years))
	}
	// A pseudo-row lets errors name the array position as the "line".
	c := &csvFile{rel: rel}
	for i := 0; i < n; i++ {
		c.line = i + 1
		code := col.Areas[i]
		if err := b.area(c, fmt.Sprintf("areacd[%d]", i), code, ""); err != nil {
			return err
		}
		p := localup.Period{Start: time.Date(col.Years[i], time.January, 1, 0, 0, 0, 0, time.UTC), Years: 1}
		o := localup.NewObservation(indPopulation, code, p)
		o.Breakdown = breakdown
		if v := col.Values[i]; v != nil {
			o.Value = *v
		} else {
			o.Missing = "null"
		}
		if i < len(col.Lower) && col.Lower[i] != nil && i < len(col.Upper) && col.Upper[i] != nil {
			o.Lower, o.Upper = *col.Lower[i], *col.Upper[i]
		}
		if err := b.observe(c, o); err != nil {
			return err
		}
	}
	return nil
}

// readMYEAges sums single years of age into bands by sex for mid-2011 and
// mid-2022.
func readMYEAges(im *Importer, b *builder) error {
	type key struct{ area, band, sex string }
	cols := map[string]struct {
		year int
		sex  string
	}{
		"Mid-2011 population (Female)": {2011, "female"}, "Mid-2022 population (Female)": {2022, "female"},
		"Mid-2011 population (Male)": {2011, "male"}, "Mid-2022 population (Male)": {2022, "male"},
	}
	sums := map[int]map[key]float64{2011: {}, 2022: {}}
	var order []key
	seen := map[key]bool{}
	rows := map[[2]string]int{}
	rel := "population/mye_2011_2022_single_year_age_sex_lad2023.csv"
	err := eachRow(im, b, rel, []string{"Area code", "Area name", "Age", "Mid-2011 population (Female)",
		"Mid-2022 population (Female)", "Mid-2011 population (Male)", "Mid-2022 population (Male)"}, func(c *csvFile) error {
		code := c.get("Area code")
		if err := b.area(c, "Area code", code, c.get("Area name")); err != nil {
			return err
		}
		age, err := strconv.Atoi(c.get("Age"))
		if err != nil || age < 0 || age > 90 {
			return c.errf("Age", "not an age from 0 to 90: %q", c.get("Age"))
		}
		rk := [2]string{code, c.get("Age")}
		if first, dup := rows[rk]; dup {
			return c.errf("Age", "duplicate row for %s age %d, first on line %d", code, age, first)
		}
		rows[rk] = c.line
		for col, ys := range cols {
			v, _, err := c.number(col)
			if err != nil {
				return err
			}
			if math.IsNaN(v) {
				continue
			}
			k := key{code, ageBand(age), ys.sex}
			if !seen[k] {
				seen[k] = true
				order = append(order, k)
			}
			sums[ys.year][k] += v
		}
		return nil
	})
	if err != nil {
		return err
	}
	c := &csvFile{rel: rel}
	for _, year := range []int{2011, 2022} {
		p := localup.Period{Start: time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC), Years: 1}
		for _, k := range order {
			v, ok := sums[year][k]
			if !ok {
				continue
			}
			o := localup.NewObservation(indPopulation, k.area, p)
			o.Breakdown = "age=" + k.band + ";sex=" + k.sex
			o.Value = v
			if err := b.observe(c, o); err != nil {
				return err
			}
		}
	}
	return nil
}

// readCensusAges reads the Nomis export of TS007: six lines of title before
// the header, a blank-led footer after the data, and Wales listed twice
// (as a region and as a country), which is the same row and kept once.
func readCensusAges(im *Importer, b *builder) error {
	rel := "population/census2021_ts007_age_single_year_lad.csv"
	census := localup.Period{Start: time.Date(2021, time.March, 21, 0, 0, 0, 0, time.UTC)}
	seen := map[string]string{}
	c, err := im.openCSV(rel, 6, "Area", "mnemonic", "Total: All usual residents")
	if err != nil {
		return err
	}
	defer c.f.Close()
	c.r.FieldsPerRecord = -1 // the footer's lines are shorter
	var ageCols []int
	for i, h := range c.header {
		if strings.HasPrefix(h, "Aged ") {
			ageCols = append(ageCols, i)
		}
	}
	if len(ageCols) != 101 {
		return c.errf("", "expected 101 single-year age columns (under 1 to 100 and over), found %d", len(ageCols))
	}
	for {
		ok, err := c.next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		code := c.get("mnemonic")
		if code == "" { // blank line before the footer: the data has ended
			break
		}
		if len(c.rec) != len(c.header) {
			return c.errf("", "expected %d fields as in the header, got %d (truncated line?)", len(c.header), len(c.rec))
		}
		name := c.get("Area")
		if _, n, ok := strings.Cut(name, ":"); ok {
			name = n
		}
		if err := b.area(c, "mnemonic", code, name); err != nil {
			return err
		}
		row := strings.Join(c.rec[2:], ",")
		if prev, dup := seen[code]; dup {
			if prev == row {
				continue
			}
			return c.errf("mnemonic", "%s appears twice with different figures", code)
		}
		seen[code] = row
		total, _, err := c.number("Total: All usual residents")
		if err != nil {
			return err
		}
		bands := map[string]float64{}
		sum := 0.0
		for age, i := range ageCols {
			v, _, ok := number(c.rec[i])
			if !ok || math.IsNaN(v) {
				return c.errf(c.header[i], "not a count: %q", c.rec[i])
			}
			bands[ageBand(age)] += v
			sum += v
		}
		if sum != total {
			return c.errf("Total: All usual residents", "total %g is not the sum of the ages, %g", total, sum)
		}
		o := localup.NewObservation(indCensus, code, census)
		o.Value = total
		if err := b.observe(c, o); err != nil {
			return err
		}
		for _, band := range []string{"0-15", "16-64", "65+"} {
			o := localup.NewObservation(indCensus, code, census)
			o.Breakdown = "age=" + band
			o.Value = bands[band]
			if err := b.observe(c, o); err != nil {
				return err
			}
		}
	}
	sf, err := c.close()
	if err != nil {
		return err
	}
	b.file(sf)
	return nil
}
