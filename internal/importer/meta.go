package importer

import (
	"strconv"
	"strings"

	"github.com/localup/localup"
)

const (
	licenceOGL  = "Open Government Licence v3.0"
	licenceCCBY = "Creative Commons Attribution 4.0"
	sourceONS   = "Office for National Statistics"
)

// valueType infers the statistical kind from the published measure and
// unit, which decides the interval and comparison methods used later.
func valueType(measure, unit string) localup.ValueType {
	m := strings.ToLower(measure + " " + unit)
	switch {
	case strings.Contains(m, "percent") || strings.Contains(m, "%"):
		return localup.ValueProportion
	case strings.Contains(m, "rate") || strings.Contains(m, "per 1"):
		return localup.ValueRate
	case strings.Contains(m, "score") || strings.Contains(m, "mean") || strings.Contains(m, "median"):
		return localup.ValueMean
	case strings.Contains(m, "million") || strings.Contains(m, "billion"):
		return localup.ValueCount // a total, such as £ million of spending, that grows with a place
	case strings.Contains(m, "pound") || strings.Contains(m, "£"):
		return localup.ValueMoney
	case strings.Contains(m, "year") || strings.Contains(m, "yrs") || strings.Contains(m, "minute"):
		return localup.ValueDuration
	case strings.Contains(m, "index") || strings.Contains(m, "rank"):
		return localup.ValueIndex
	}
	return localup.ValueCount
}

// parsePolarity reads 1, -1 or 0 (blank is 0).
func parsePolarity(c *csvFile, field string) (localup.Polarity, error) {
	s := c.get(field)
	if s == "" {
		return localup.NoPolarity, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < -1 || n > 1 {
		return 0, c.errf(field, "polarity must be 1, -1 or 0, got %q", s)
	}
	return localup.Polarity(n), nil
}

// polarityFixes corrects published polarities that contradict the
// indicator's own meaning (data README, "Polarity oddities as published").
// Each fix is written into the indicator's caveats so users can see it.
var polarityFixes = map[string]localup.Polarity{
	"ni-employment-rate-Economic Inactivity Rate": localup.LowerIsBetter,
}

func fixPolarity(ind *localup.Indicator) {
	p, ok := polarityFixes[ind.ID]
	if !ok || p == ind.Polarity {
		return
	}
	note := "Published with polarity " + strconv.Itoa(int(ind.Polarity)) + "; localup uses " +
		strconv.Itoa(int(p)) + " (" + p.String() + ") because the published value contradicts the indicator's meaning."
	ind.Polarity = p
	if ind.Caveats != "" {
		ind.Caveats += "\n\n"
	}
	ind.Caveats += note
}

// missionOf maps canonical indicator IDs to the levelling-up mission they
// measure, from the ONS input-dataset catalogue
// (lu_missions_ids/ids-indicator-catalogue.csv), keyed there by the ONS
// data repository's folder name; missionAliases bridges the few IDs whose
// folder name differs.
var missionAliases = map[string]string{
	"annual-personal-wellbeing-estimates-Anxiety mean score (where 10 is 'completely anxious')":                 "anxiety",
	"annual-personal-wellbeing-estimates-Worthwhile mean score (where 10 is 'completely worthwhile')":           "feeling-life-is-worthwhile",
	"annual-personal-wellbeing-estimates-Happiness mean score (where 10 is 'completely happy')":                 "happiness",
	"annual-personal-wellbeing-estimates-Satisfaction mean score (where 10 is 'completely satisfied')":          "life-satisfaction",
	"employment-rate-long-Employment Rate":                                                                      "employment-rate-for-16-to-64-year-olds",
	"public-transport-or-walk-to-employment-centre-with-500-to-4999-jobs":                                       "public-transport-or-walk-to-employment-centre-with-500-to-4999-jobs",
	"population-under-devolution-deal-in-england":                                                               "population-under-devolution-deal-in-england",
	"public-funded-gross-regional-capital-and-non-capital-expenditure-on-research-and-development":              "public-funded-gross-regional-capital-and-non-capital-expenditure-on-research-and-development",
	"cardiovascular-mortality-considered-preventable-in-persons-aged-under-75-2021-census-population-estimates": "cardiovascular-mortality-considered-preventable-in-persons-aged-under-75-2021-census-population-estimates",
}

// catalogue is the mission and category mapping read from the IDS catalogue.
type catalogue struct {
	mission  map[string]int
	category map[string]string
	file     localup.SourceFile
}

func (im *Importer) readCatalogue() (*catalogue, error) {
	if im.cat != nil {
		return im.cat, nil
	}
	c, err := im.openCSV("lu_missions_ids/ids-indicator-catalogue.csv", 0, "dataset_dir", "mission", "category")
	if err != nil {
		return nil, err
	}
	cat := &catalogue{mission: map[string]int{}, category: map[string]string{}}
	for {
		ok, err := c.next()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		dir, m := c.get("dataset_dir"), c.get("mission")
		if n, ok := strings.CutPrefix(m, "Mission "); ok {
			v, err := strconv.Atoi(n)
			if err != nil || v < 1 || v > 12 {
				return nil, c.errf("mission", "not a mission number 1 to 12: %q", m)
			}
			cat.mission[dir] = v
			if cg := c.get("category"); cg != "" {
				cat.category[dir] = cg
			}
		}
	}
	sf, err := c.close()
	if err != nil {
		return nil, err
	}
	cat.file = sf
	im.cat = cat
	return cat, nil
}

// classify sets an indicator's mission and category from the catalogue.
func (cat *catalogue) classify(ind *localup.Indicator) {
	key := ind.ID
	if a, ok := missionAliases[key]; ok {
		key = a
	}
	if m, ok := cat.mission[key]; ok && ind.Mission == 0 {
		ind.Mission = m
	}
	if cg, ok := cat.category[key]; ok && ind.Category == "" {
		ind.Category = cg
	}
}
