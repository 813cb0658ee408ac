package importer

import (
	"strings"
	"time"

	"github.com/localup/localup"
)

// The English Indices of Deprivation: the 2019 and 2025 local-authority
// summaries and the 2019 neighbourhood (LSOA) ranks and deciles.
const (
	imdPublisher = "Ministry of Housing, Communities and Local Government"
	imdURL       = "https://www.gov.uk/government/collections/english-indices-of-deprivation"
)

var imdSource = source{
	id:        "imd",
	title:     "English Indices of Deprivation 2019 and 2025",
	publisher: imdPublisher,
	licence:   licenceOGL,
	url:       imdURL,
	released:  time.Date(2025, 10, 30, 0, 0, 0, 0, time.UTC),
	main:      "imd/imd2019_england_ltla23.csv",
	files: []string{"imd/imd2019_england_ltla23.csv", "imd/imd2019_england_ltla19.csv",
		"imd/imd2025_england_ltla24.csv", "imd/iod2019_lsoa11_domains_ranks_deciles.csv"},
	read: readIMD,
}

// imdIndicator describes one IMD summary measure. Scores, proportions,
// extents and concentrations rise with deprivation (lower is better);
// ranks count from 1 for the most deprived (higher is better).
func imdIndicator(edition, column string) localup.Indicator {
	col := strings.ToLower(column)
	id := "imd-" + edition + "-" + strings.NewReplacer("_", "-", "imd25-", "", "imd-", "").Replace(col)
	words := strings.ReplaceAll(col, "_", " ")
	words = strings.ReplaceAll(words, "lso as", "LSOAs")
	words = strings.TrimPrefix(strings.TrimPrefix(words, "imd25 "), "imd ")
	title := "IMD " + edition + ": " + words
	if col == "score" {
		title = "IMD " + edition + ": average score"
		id = "imd-" + edition + "-average-score"
	}
	ind := localup.Indicator{ID: id, Title: title, Topic: "deprivation", SubTopic: "indices of deprivation",
		Source: imdPublisher, SourceURL: imdURL, Licence: licenceOGL,
		Polarity: localup.LowerIsBetter, ValueType: localup.ValueIndex, DecimalPlaces: 3, Unit: "score", Measure: "Score"}
	switch {
	case strings.Contains(col, "rank"):
		ind.Polarity, ind.DecimalPlaces, ind.Unit, ind.Measure = localup.HigherIsBetter, 0, "rank", "Rank (1 is most deprived)"
		if strings.Contains(col, "average_rank") && !strings.Contains(col, "rank_of") {
			ind.DecimalPlaces = 2
		}
	case strings.Contains(col, "proportion"):
		ind.Unit, ind.Measure, ind.ValueType = "proportion", "Proportion of neighbourhoods", localup.ValueProportion
	case strings.Contains(col, "scale"):
		ind.Unit, ind.Measure, ind.ValueType, ind.DecimalPlaces = "people", "Count", localup.ValueCount, 0
	}
	if edition == "2019" {
		ind.Caveats = "Local authority summaries re-aggregated to 2023 boundaries by the humaniverse IMD package where the authority changed after 2019."
	}
	return ind
}

func readIMD(im *Importer, b *builder) error {
	// 2019 summaries: the 2023-boundary file first; the 2019-boundary file
	// then adds only the authorities abolished since, so that no authority
	// gets two values for one measure.
	have := map[string]bool{}
	for _, f := range []struct{ rel, codeCol string }{
		{"imd/imd2019_england_ltla23.csv", "ltla23_code"},
		{"imd/imd2019_england_ltla19.csv", "ltla19_code"},
	} {
		var added []string
		err := eachRow(im, b, f.rel, []string{f.codeCol, "Score"}, func(c *csvFile) error {
			code := c.get(f.codeCol)
			if err := b.area(c, f.codeCol, code, ""); err != nil {
				return err
			}
			if have[code] {
				return nil
			}
			added = append(added, code)
			return imdRow(b, c, "2019", code, f.codeCol, "")
		})
		if err != nil {
			return err
		}
		for _, code := range added {
			have[code] = true
		}
	}
	if err := eachRow(im, b, "imd/imd2025_england_ltla24.csv", []string{"ltla24_code", "ltla24_name"}, func(c *csvFile) error {
		code := c.get("ltla24_code")
		if err := b.area(c, "ltla24_code", code, c.get("ltla24_name")); err != nil {
			return err
		}
		return imdRow(b, c, "2025", code, "ltla24_code", "ltla24_name")
	}); err != nil {
		return err
	}
	return readIMDLSOA(im, b)
}

// lsoaDomains is how many of the LSOA file's domains are imported, the
// overall index first.
const lsoaDomains = 1

var (
	imd2019 = localup.Period{Start: time.Date(2019, time.September, 26, 0, 0, 0, 0, time.UTC)}
	imd2025 = localup.Period{Start: time.Date(2025, time.October, 30, 0, 0, 0, 0, time.UTC)}
)

// imdRow turns every numeric column of a summary row into an observation.
func imdRow(b *builder, c *csvFile, edition, code string, skip ...string) error {
	p := imd2019
	if edition == "2025" {
		p = imd2025
	}
	for i, h := range c.header {
		if h == skip[0] || (len(skip) > 1 && h == skip[1]) {
			continue
		}
		ind := imdIndicator(edition, h)
		b.indicator(ind)
		o := localup.NewObservation(ind.ID, code, p)
		v, miss, ok := number(c.rec[i])
		if !ok {
			return c.errf(h, "not a number: %q", c.rec[i])
		}
		o.Value, o.Missing = v, miss
		if err := b.observe(c, o); err != nil {
			return err
		}
	}
	return nil
}

// readIMDLSOA reads the neighbourhood ranks and deciles: 32,844 LSOAs,
// each also added as an area under its 2019 local authority. Only the
// overall index is stored: the seven domains would add 460,000 rows (and
// about 15 s to every fresh import into SQLite) for figures that no page
// uses yet; the loop below takes them when lsoaDomains is widened.
func readIMDLSOA(im *Importer, b *builder) error {
	const rel = "imd/iod2019_lsoa11_domains_ranks_deciles.csv"
	domains := []struct{ id, title, rank, decile string }{
		{"imd", "Index of Multiple Deprivation", "Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)", "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)"},
		{"income", "Income", "Income Rank (where 1 is most deprived)", "Income Decile (where 1 is most deprived 10% of LSOAs)"},
		{"employment", "Employment", "Employment Rank (where 1 is most deprived)", "Employment Decile (where 1 is most deprived 10% of LSOAs)"},
		{"education", "Education, skills and training", "Education, Skills and Training Rank (where 1 is most deprived)", "Education, Skills and Training Decile (where 1 is most deprived 10% of LSOAs)"},
		{"health", "Health deprivation and disability", "Health Deprivation and Disability Rank (where 1 is most deprived)", "Health Deprivation and Disability Decile (where 1 is most deprived 10% of LSOAs)"},
		{"crime", "Crime", "Crime Rank (where 1 is most deprived)", "Crime Decile (where 1 is most deprived 10% of LSOAs)"},
		{"housing", "Barriers to housing and services", "Barriers to Housing and Services Rank (where 1 is most deprived)", "Barriers to Housing and Services Decile (where 1 is most deprived 10% of LSOAs)"},
		{"environment", "Living environment", "Living Environment Rank (where 1 is most deprived)", "Living Environment Decile (where 1 is most deprived 10% of LSOAs)"},
	}
	domains = domains[:lsoaDomains]
	required := []string{"LSOA code (2011)", "LSOA name (2011)", "Local Authority District code (2019)"}
	for _, d := range domains {
		required = append(required, d.rank, d.decile)
		for _, kind := range []string{"rank", "decile"} {
			ind := localup.Indicator{ID: "iod-2019-lsoa-" + d.id + "-" + kind, Title: d.title + " " + kind + " (neighbourhoods, 2019)",
				Topic: "deprivation", SubTopic: "indices of deprivation", Source: imdPublisher, SourceURL: imdURL,
				Licence: licenceOGL, Polarity: localup.HigherIsBetter, ValueType: localup.ValueIndex, Unit: kind,
				Measure: strings.ToUpper(kind[:1]) + kind[1:] + " (1 is most deprived)"}
			b.indicator(ind)
		}
	}
	return eachRow(im, b, rel, required, func(c *csvFile) error {
		lad := c.get("Local Authority District code (2019)")
		if err := b.area(c, "Local Authority District code (2019)", lad, ""); err != nil {
			return err
		}
		code := c.get("LSOA code (2011)")
		if !localup.ValidCode(code) || localup.ClassifyCode(code) != localup.AreaLSOA {
			return c.errf("LSOA code (2011)", "%q is not an LSOA code", code)
		}
		if _, dup := b.known[code]; !dup {
			b.addArea(localup.Area{Code: code, Name: c.get("LSOA name (2011)"), Type: localup.AreaLSOA,
				ParentCode: lad, Country: localup.CodeEngland, ValidTo: 2021})
		}
		for _, d := range domains {
			for kind, col := range map[string]string{"rank": d.rank, "decile": d.decile} {
				v, miss, err := c.number(col)
				if err != nil {
					return err
				}
				o := localup.NewObservation("iod-2019-lsoa-"+d.id+"-"+kind, code, imd2019)
				o.Value, o.Missing = v, miss
				if err := b.observe(c, o); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
