package importer

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/localup/localup"
)

// readELS2024 reads the ONS Explore Local Statistics combined tidy
// dataset (February 2024, LAD 2022 codes). Its rows carry only an
// indicator number, an area code and a numeric year (xDomainNumb), so
// names, metadata and the published period come from its lookups:
// indicator number → code and period group (indicators-lookup.csv), code →
// metadata (indicators-metadata.csv), and period group + year → the period
// as published (unique-periods-lookup.csv).
func readELS2024(im *Importer, b *builder) error {
	cat, err := im.readCatalogue()
	if err != nil {
		return err
	}
	b.file(cat.file)
	dir := "els_2024/"

	// The release's own area list and parents.
	parents := map[string]string{}
	if err := eachRow(im, b, dir+"areas-parents-lookup.csv", []string{"areacd", "parentcd"}, func(c *csvFile) error {
		parents[c.get("areacd")] = c.get("parentcd")
		return nil
	}); err != nil {
		return err
	}
	if err := eachRow(im, b, dir+"areas.csv", []string{"areacd", "areanm"}, func(c *csvFile) error {
		code := c.get("areacd")
		if !localup.ValidCode(code) {
			return c.errf("areacd", "%q is not an ONS area code", code)
		}
		b.addArea(localup.Area{Code: code, Name: c.get("areanm"), Type: localup.ClassifyCode(code),
			ParentCode: parents[code], Country: localup.CountryOf(code)})
		return nil
	}); err != nil {
		return err
	}
	// Area classifications shipped with the release.
	if err := eachRow(im, b, dir+"areas-geog-info.csv", []string{"areacd", "urban", "coastalTown", "imd"}, func(c *csvFile) error {
		code := c.get("areacd")
		if err := b.area(c, "areacd", code, ""); err != nil {
			return err
		}
		for scheme, field := range map[string]string{"ons-rural-urban": "urban", "coastal-town": "coastalTown", "imd-quintile": "imd"} {
			if g := c.get(field); g != "" && g != "NA" {
				b.batch.Groups = append(b.batch.Groups, localup.AreaGroup{Scheme: scheme, Group: g, AreaCode: code})
			}
		}
		return nil
	}); err != nil {
		return err
	}
	b.batch.Descriptions = append(b.batch.Descriptions,
		localup.GroupDescription{Scheme: "imd-quintile", Group: "1", Description: "Most deprived fifth of English local authorities (IMD)"},
		localup.GroupDescription{Scheme: "imd-quintile", Group: "5", Description: "Least deprived fifth of English local authorities (IMD)"},
		localup.GroupDescription{Scheme: "coastal-town", Group: "Y", Description: "Has a coastal town"},
	)

	// Periods: group → year → published period.
	periods := map[string]map[string]localup.Period{}
	if err := eachRow(im, b, dir+"unique-periods-lookup.csv", []string{"period", "xDomainNumb", "periodGroup"}, func(c *csvFile) error {
		p, err := localup.ParsePeriod(c.get("period"))
		if err != nil {
			return c.errf("period", "%v", err)
		}
		g := c.get("periodGroup")
		if periods[g] == nil {
			periods[g] = map[string]localup.Period{}
		}
		// Group 7 lists two periods for some years (September and October
		// starts); the first, the academic year, is the one ONS charts.
		if _, dup := periods[g][c.get("xDomainNumb")]; !dup {
			periods[g][c.get("xDomainNumb")] = p
		}
		return nil
	}); err != nil {
		return err
	}

	// Indicator metadata, joined on code.
	meta := map[string]localup.Indicator{}
	if err := eachRow(im, b, dir+"indicators-metadata.csv", []string{"code", "indicator", "polarity", "unit", "measure", "decimalPlaces"}, func(c *csvFile) error {
		pol, err := parsePolarity(c, "polarity")
		if err != nil {
			return err
		}
		dp, err := strconv.Atoi(c.get("decimalPlaces"))
		if err != nil {
			return c.errf("decimalPlaces", "not a whole number: %q", c.get("decimalPlaces"))
		}
		unit, measure := c.get("unit"), c.get("measure")
		if unit == "NA" {
			unit = "minutes" // the travel-time indicators publish NA; their subtitle says minutes
		}
		if measure == "NA" {
			measure = "Minutes"
		}
		ind := localup.Indicator{ID: c.get("code"), Title: c.get("label"), Subtitle: c.get("subtitle"),
			Unit: unit, Measure: measure, Polarity: pol, DecimalPlaces: dp,
			Suffix: c.get("suffix"), Source: sourceONS, Licence: licenceOGL,
			SourceURL: "https://www.ons.gov.uk/explore-local-statistics/"}
		if ind.Title == "" {
			ind.Title = c.get("indicator")
		}
		if c.get("prefix") == "GBPSign" {
			ind.Prefix = "£"
		}
		if d := c.get("additionalDescription"); d != "" && !strings.HasPrefix(d, "This is placeholder text") {
			ind.Description = d
		}
		ind.ValueType = valueType(measure, unit)
		fixPolarity(&ind)
		meta[ind.ID] = ind
		return nil
	}); err != nil {
		return err
	}
	type lookup struct {
		id    string
		group string
	}
	byNumber := map[string]lookup{}
	if err := eachRow(im, b, dir+"indicators-lookup.csv", []string{"id", "topic", "subTopic", "code", "periodGroup"}, func(c *csvFile) error {
		ind, ok := meta[c.get("code")]
		if !ok {
			return c.errf("code", "indicator %q has no row in indicators-metadata.csv", c.get("code"))
		}
		if periods[c.get("periodGroup")] == nil {
			return c.errf("periodGroup", "period group %q is not in unique-periods-lookup.csv", c.get("periodGroup"))
		}
		ind.Topic, ind.SubTopic = c.get("topic"), c.get("subTopic")
		cat.classify(&ind)
		b.indicator(ind)
		byNumber[c.get("id")] = lookup{ind.ID, c.get("periodGroup")}
		return nil
	}); err != nil {
		return err
	}

	// The data: about 31 bytes a row.
	if st, err := os.Stat(filepath.Join(im.DataDir, dir+"combined-data.csv")); err == nil {
		b.reserve(int(st.Size()/31) + 16)
	}
	// Column positions are looked up once: this loop runs 115,000 times.
	var iID, iArea, iValue, iLower, iUpper, iYear int
	first := true
	return eachRow(im, b, dir+"combined-data.csv", []string{"id", "areacd", "value", "lci", "uci", "xDomainNumb"}, func(c *csvFile) error {
		if first {
			first = false
			iID, iArea, iValue, iLower, iUpper, iYear = c.col["id"], c.col["areacd"], c.col["value"], c.col["lci"], c.col["uci"], c.col["xDomainNumb"]
		}
		l, ok := byNumber[c.rec[iID]]
		if !ok {
			return c.errf("id", "indicator number %q is not in indicators-lookup.csv", c.rec[iID])
		}
		code := c.rec[iArea]
		if a, ok := b.known[code]; ok {
			code = a.Code // share one string per area rather than one per row
		} else if err := b.area(c, "areacd", code, ""); err != nil {
			return err
		}
		year := c.rec[iYear]
		p, ok := periods[l.group][year]
		if !ok && len(periods[l.group]) == 1 {
			// Group 9 (Ofsted ratings) has one snapshot, 31 July 2023, filed
			// under year 2023 while its rows say 2024: a single-period group
			// means that period whatever the year.
			for _, only := range periods[l.group] {
				p, ok = only, true
			}
		}
		if !ok {
			return c.errf("xDomainNumb", "year %q has no period in group %s of unique-periods-lookup.csv", year, l.group)
		}
		o := localup.NewObservation(l.id, code, p)
		var miss bool
		if o.Value, o.Missing, miss = number(c.rec[iValue]); !miss {
			return c.errf("value", "not a number: %q", c.rec[iValue])
		}
		if o.Lower, _, miss = number(c.rec[iLower]); !miss {
			return c.errf("lci", "not a number: %q", c.rec[iLower])
		}
		if o.Upper, _, miss = number(c.rec[iUpper]); !miss {
			return c.errf("uci", "not a number: %q", c.rec[iUpper])
		}
		return b.observe(c, o)
	})
}

// eachRow opens a CSV file, calls fn for every row, and records the
// file's provenance in the batch.
func eachRow(im *Importer, b *builder, rel string, required []string, fn func(*csvFile) error) error {
	return eachRowSkip(im, b, rel, 0, required, fn)
}

func eachRowSkip(im *Importer, b *builder, rel string, skip int, required []string, fn func(*csvFile) error) error {
	c, err := im.openCSV(rel, skip, required...)
	if err != nil {
		return err
	}
	defer c.f.Close()
	for {
		ok, err := c.next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	sf, err := c.close()
	if err != nil {
		return err
	}
	b.file(sf)
	return nil
}
