package snapshottest

import (
	"fmt"
	"testing"
	"time"

	"github.com/localup/localup"
)

// Profile fixture dataset IDs. ProfileData's ID starts "els_" so that its
// indicators form the default similar-areas set.
const (
	ProfileLookups = "fixture_profile_lookups"
	ProfileData    = "els_fixture_profile"
)

// ProfileAreas are the profile fixture's places: the UK, England and
// Wales, three English regions, nine English and two Welsh authorities,
// Barnsley under its old and new codes (a new_code change in 2025), and
// Cumberland with two of the districts it replaced in 2023.
var ProfileAreas = []localup.Area{
	{Code: "K02000001", Name: "United Kingdom", Type: localup.AreaUK},
	{Code: "E92000001", Name: "England", Type: localup.AreaCountry, Country: "E92000001"},
	{Code: "W92000004", Name: "Wales", Type: localup.AreaCountry, Country: "W92000004"},
	{Code: "E12000001", Name: "North East", Type: localup.AreaRegion, ParentCode: "E92000001", Country: "E92000001"},
	{Code: "E12000002", Name: "North West", Type: localup.AreaRegion, ParentCode: "E92000001", Country: "E92000001"},
	{Code: "E12000003", Name: "Yorkshire and The Humber", Type: localup.AreaRegion, ParentCode: "E92000001", Country: "E92000001"},
	{Code: "E47000006", Name: "Tees Valley", Type: localup.AreaCombinedAuthority, ParentCode: "E12000001", Country: "E92000001", ValidFrom: 2016},
	lad("E06000001", "Hartlepool", "E12000001"),
	lad("E06000002", "Middlesbrough", "E12000001"),
	lad("E06000003", "Redcar and Cleveland", "E12000001"),
	lad("E06000004", "Stockton-on-Tees", "E12000001"),
	lad("E06000005", "Darlington", "E12000001"),
	lad("E08000001", "Bolton", "E12000002"),
	lad("E08000002", "Bury", "E12000002"),
	lad("E08000003", "Manchester", "E12000002"),
	lad("E08000004", "Oldham", "E12000002"),
	{Code: "W06000001", Name: "Isle of Anglesey", Type: localup.AreaLAD, ParentCode: "W92000004", Country: "W92000004"},
	{Code: "W06000002", Name: "Gwynedd", Type: localup.AreaLAD, ParentCode: "W92000004", Country: "W92000004"},
	{Code: "E08000016", Name: "Barnsley", Type: localup.AreaLAD, ParentCode: "E12000003", Country: "E92000001", ValidTo: 2024},
	{Code: "E08000038", Name: "Barnsley", Type: localup.AreaLAD, ParentCode: "E12000003", Country: "E92000001", ValidFrom: 2025},
	{Code: "E07000026", Name: "Allerdale", Type: localup.AreaLAD, ParentCode: "E12000002", Country: "E92000001", ValidTo: 2022},
	{Code: "E07000028", Name: "Carlisle", Type: localup.AreaLAD, ParentCode: "E12000002", Country: "E92000001", ValidTo: 2022},
	{Code: "E06000063", Name: "Cumberland", Type: localup.AreaLAD, ParentCode: "E12000002", Country: "E92000001", ValidFrom: 2023},
}

func lad(code, name, region string) localup.Area {
	return localup.Area{Code: code, Name: name, Type: localup.AreaLAD, ParentCode: region, Country: "E92000001"}
}

// ProfileIndicators are the profile fixture's statistics, one of each kind
// the profile treats differently.
var ProfileIndicators = []localup.Indicator{
	{ID: "life-expectancy", Title: "Healthy life expectancy", Subtitle: "Years lived in good health, females",
		Unit: "years", Measure: "Years", Polarity: localup.HigherIsBetter, ValueType: localup.ValueDuration,
		DecimalPlaces: 1, Topic: "health and wellbeing", Mission: 7, Source: Source, Licence: OGL, DatasetID: ProfileData},
	{ID: "smoking", Title: "Adults who smoke", Subtitle: "Percentage of adults who smoke cigarettes",
		Unit: "%", Measure: "Percentage", Suffix: "%", Polarity: localup.LowerIsBetter, ValueType: localup.ValueProportion,
		DecimalPlaces: 1, Topic: "health and wellbeing", Mission: 7, Source: "Office for Health Improvement and Disparities", Licence: OGL, DatasetID: ProfileData},
	{ID: "admissions", Title: "Emergency admissions for falls", Subtitle: "Admissions per 100,000 people",
		Unit: "per 100,000", Measure: "Rate", Polarity: localup.LowerIsBetter, ValueType: localup.ValueRate,
		DecimalPlaces: 1, Topic: "health and wellbeing", Source: "Office for Health Improvement and Disparities", Licence: OGL, DatasetID: ProfileData},
	{ID: "population", Title: "Population", Subtitle: "Mid-year estimate of residents",
		Unit: "people", Measure: "Count", Polarity: localup.NoPolarity, ValueType: localup.ValueCount,
		DecimalPlaces: 0, Topic: "population", Source: Source, Licence: OGL, DatasetID: ProfileData},
	{ID: "median-age", Title: "Median age", Subtitle: "Age of the middle resident",
		Unit: "years", Measure: "Years", Polarity: localup.NoPolarity, ValueType: localup.ValueMean,
		DecimalPlaces: 1, Topic: "population",
		// A source that a spreadsheet would run as a formula: the CSV must
		// neutralise it.
		Source: `=HYPERLINK("https://example.com","ONS")`, Licence: OGL, DatasetID: ProfileData},
}

// lifeExpectancy is each area's healthy life expectancy for 2015-17 to
// 2020-22 (NaN: not published) and the half-width of its interval.
var lifeExpectancy = []struct {
	code   string
	values [6]float64
	half   float64
}{
	{"K02000001", [6]float64{62.8, 62.8, 62.8, 62.8, 62.8, 62.8}, 0.2},
	{"E92000001", [6]float64{63, 63, 63, 63, 63, 63}, 0.2},
	{"W92000004", [6]float64{61, 61, 61, 61, 61, 61}, 0.2},
	{"E12000001", [6]float64{60, 60, 60, 60, 60, 60}, 0.5},
	{"E12000002", [6]float64{61, 61, 61, 61, 61, 61}, 0.5},
	{"E12000003", [6]float64{61.5, 61.5, 61.5, 61.5, 61.5, 61.5}, 0.5},
	{"E06000001", [6]float64{60, 59, 58, 57, 56, 55}, 1},
	{"E06000002", [6]float64{62.5, 62.5, 62.5, 62.5, 62.5, 62.5}, 1},
	{"E06000003", [6]float64{64.5, 64.5, 64.5, 64.5, 64.5, 64.5}, 0.5},
	{"E06000004", [6]float64{61, 61, 61, 61, 61, 61}, 1},
	{"E06000005", [6]float64{62, 62, 62, 62, 62, 62}, 1},
	{"E08000001", [6]float64{60.5, 60.5, 60.5, 60.5, 60.5, 60.5}, 1},
	{"E08000002", [6]float64{63, 63, 63, 63, 63, 63}, 1},
	{"E08000003", [6]float64{58, 58, 58, 58, 58, 58}, 1},
	{"E08000004", [6]float64{59, 59, 59, 59, 59, 59}, 1},
	{"W06000001", [6]float64{62, 62, 62, 62, 62, 62}, 0.5},
	{"W06000002", [6]float64{61.2, 61.2, 61.2, 61.2, 61.2, 61.2}, 0.7},
	{"E08000016", [6]float64{58, 58.5, 59, 59.5, 60, nan}, 0.5},
	{"E08000038", [6]float64{nan, nan, nan, nan, nan, 60.5}, 0.5},
	{"E07000026", [6]float64{60, 60, 60, 60, 60, nan}, 1},
	{"E07000028", [6]float64{60, 60, 60, 60, 60, nan}, 1},
	{"E06000063", [6]float64{nan, nan, nan, nan, nan, 59}, 1},
}

// smokers is each area's number of adult smokers in 2018 to 2022 out of
// its surveyed adults (0: not published); no interval is published.
var smokers = []struct {
	code   string
	counts [5]float64
	of     float64
}{
	{"E92000001", [5]float64{13000, 13000, 13000, 13000, 13000}, 100000},
	{"W92000004", [5]float64{14000, 14000, 14000, 14000, 14000}, 100000},
	{"E12000001", [5]float64{2800, 2800, 2800, 2800, 2800}, 20000},
	{"E12000002", [5]float64{2700, 2700, 2700, 2700, 2700}, 20000},
	{"E12000003", [5]float64{2800, 2800, 2800, 2800, 2800}, 20000},
	{"E06000001", [5]float64{720, 690, 660, 630, 600}, 3000},
	{"E06000002", [5]float64{200, 200, 200, 200, 200}, 1500},
	{"E06000003", [5]float64{150, 150, 150, 150, 150}, 1500},
	{"E06000004", [5]float64{210, 210, 210, 210, 210}, 1500},
	{"E06000005", [5]float64{180, 180, 180, 180, 180}, 1500},
	{"E08000001", [5]float64{230, 230, 230, 230, 230}, 1500},
	{"E08000002", [5]float64{195, 195, 195, 195, 195}, 1500},
	{"E08000003", [5]float64{270, 270, 270, 270, 270}, 1500},
	{"E08000004", [5]float64{240, 240, 240, 240, 240}, 1500},
	{"W06000001", [5]float64{210, 210, 210, 210, 210}, 1500},
	{"W06000002", [5]float64{225, 225, 225, 225, 225}, 1500},
	{"E08000016", [5]float64{240, 240, 240, 240, 240}, 1500},
	{"E07000026", [5]float64{195, 195, 195, 195, 0}, 1500},
}

// admissions is each area's emergency admissions in 2022 and its
// population; no interval is published. Wales has no figure, so Welsh
// areas fall back to the UK.
var admissions = []struct {
	code       string
	count, pop float64
}{
	{"K02000001", 24000, 67000000},
	{"E92000001", 20000, 56000000},
	{"E12000001", 700, 2600000},
	{"E12000002", 2600, 7400000},
	{"E06000001", 8, 90000},
	{"E06000002", 50, 140000},
	{"E06000003", 80, 135000},
	{"E06000004", 60, 195000},
	{"E06000005", 40, 107000},
	{"E08000001", 100, 295000},
	{"E08000002", 60, 190000},
	{"E08000003", 220, 550000},
	{"E08000004", 80, 240000},
	{"W06000001", 20, 69000},
	{"W06000002", 35, 117000},
	{"E06000063", 90, 273000},
}

// population is each area's 2022 population; no interval.
var population = map[string]float64{
	"K02000001": 67000000, "E92000001": 56000000, "W92000004": 3100000,
	"E12000001": 2600000, "E12000002": 7400000, "E12000003": 5500000,
	"E06000001": 92000, "E06000002": 143000, "E06000003": 137000, "E06000004": 197000, "E06000005": 108000,
	"E08000001": 296000, "E08000002": 193000, "E08000003": 552000, "E08000004": 242000,
	"W06000001": 69000, "W06000002": 117000, "E08000038": 245000, "E06000063": 273000,
}

// medianAge is each area's median age in 2022 with its interval.
var medianAge = []struct {
	code          string
	value, lo, hi float64
}{
	{"E92000001", 40, 39.9, 40.1},
	{"W92000004", 42, 41.8, 42.2},
	{"E12000001", 41, 40.7, 41.3},
	{"E06000001", 42, 41, 43},
	{"E06000002", 38, 37, 39},
	{"E06000003", 40.5, 39.5, 41.5},
	{"E06000004", 40, 39, 41},
	{"E06000005", 41, 40, 42},
	{"E08000001", 39, 38, 40},
	{"E08000002", 41, 40, 42},
	{"E08000003", 31, 30, 32},
	{"E08000004", 38, 37, 39},
	{"W06000001", 48, 47, 49},
	{"W06000002", 44, 43, 45},
	{"E08000038", 41, 40, 42},
}

// ProfileBatches returns the profile fixture as two imports: lookups
// (areas, code changes, classifications, published neighbours) and one
// release of figures.
func ProfileBatches() []*localup.Batch {
	at := day(2024, time.March, 1)
	lookups := &localup.Batch{
		Dataset: localup.Dataset{ID: ProfileLookups, Title: "Profile fixture lookups", Publisher: Source, Licence: OGL,
			Released: day(2023, time.January, 1), Version: "p1", ImportedAt: at,
			Files: []localup.SourceFile{{Path: "lookups/profile.csv", SHA256: "dd44", Bytes: 900}}},
		Areas:              ProfileAreas,
		AreasAuthoritative: true,
		CodeChanges: []localup.CodeChange{
			{OldCode: "E06000001", OldName: "Hartlepool", NewCode: "E47000006", NewName: "Tees Valley", Type: localup.ChangeNewGeo, Year: 2016},
			{OldCode: "E07000026", OldName: "Allerdale", NewCode: "E06000063", NewName: "Cumberland", Type: localup.ChangeMerger, Year: 2023},
			{OldCode: "E07000028", OldName: "Carlisle", NewCode: "E06000063", NewName: "Cumberland", Type: localup.ChangeMerger, Year: 2023},
			{OldCode: "E08000016", OldName: "Barnsley", NewCode: "E08000038", NewName: "Barnsley", Type: localup.ChangeNewCode, Year: 2025},
		},
		Groups: []localup.AreaGroup{
			{Scheme: "ons-global", Group: "A", AreaCode: "E06000001"},
			{Scheme: "ons-global", Group: "A", AreaCode: "E06000002"},
			{Scheme: "ons-global", Group: "A", AreaCode: "E06000003"},
			{Scheme: "ons-global", Group: "B", AreaCode: "E08000003"},
			{Scheme: "ons-economic", Group: "C", AreaCode: "E06000001"},
			{Scheme: "ons-economic", Group: "C", AreaCode: "E08000004"},
		},
		Descriptions: []localup.GroupDescription{
			{Scheme: "ons-global", Group: "A", Description: "Older, more rural authorities with <lower> pay."},
			{Scheme: "ons-global", Group: "B", Description: "Large cities."},
			{Scheme: "ons-economic", Group: "C", Description: "A high employment rate."},
		},
		Neighbours: []localup.PublishedNeighbour{
			{Scheme: "ons-global", AreaCode: "E06000001", Rank: 1, Neighbour: "E06000003"},
			{Scheme: "ons-global", AreaCode: "E06000001", Rank: 2, Neighbour: "E06000002"},
			{Scheme: "ons-global", AreaCode: "E06000001", Rank: 3, Neighbour: "E08000004"},
		},
	}
	data := &localup.Batch{
		Dataset: localup.Dataset{ID: ProfileData, Title: "Profile fixture release", Publisher: Source, Licence: OGL,
			SourceURL: "https://www.ons.gov.uk/", Released: day(2024, time.February, 1), Version: "p2", ImportedAt: at,
			Files: []localup.SourceFile{{Path: "els/profile.csv", SHA256: "ee55", Bytes: 7000}}},
		Indicators:   ProfileIndicators,
		Observations: profileObservations(),
	}
	return []*localup.Batch{lookups, data}
}

func profileObservations() []localup.Observation {
	var out []localup.Observation
	for _, le := range lifeExpectancy {
		for i, v := range le.values {
			if v != v { // NaN: not published
				continue
			}
			out = append(out, obs("life-expectancy", le.code, fmt.Sprintf("%d-%02d", 2015+i, (2017+i)%100), "", ProfileData, v, v-le.half, v+le.half))
		}
	}
	for _, sm := range smokers {
		for i, x := range sm.counts {
			if x == 0 {
				continue
			}
			o := obs("smoking", sm.code, fmt.Sprint(2018+i), "", ProfileData, x/sm.of*100, nan, nan)
			o.Numerator, o.Denominator = x, sm.of
			out = append(out, o)
		}
	}
	for _, a := range admissions {
		o := obs("admissions", a.code, "2022", "", ProfileData, a.count/a.pop*100000, nan, nan)
		o.Numerator, o.Denominator = a.count, a.pop
		out = append(out, o)
	}
	for code, v := range population {
		out = append(out, obs("population", code, "2022", "", ProfileData, v, nan, nan))
	}
	for _, m := range medianAge {
		out = append(out, obs("median-age", m.code, "2022", "", ProfileData, m.value, m.lo, m.hi))
	}
	return out
}

// OpenProfile returns a fresh store holding the profile fixture. The
// store is closed when the test ends.
func OpenProfile(t testing.TB) localup.Store {
	t.Helper()
	st := openEmpty(t)
	for _, b := range ProfileBatches() {
		if _, err := st.Import(t.Context(), b); err != nil {
			t.Fatalf("import profile fixture %s: %v", b.Dataset.ID, err)
		}
	}
	return st
}
