// Package snapshottest provides a small, realistic fixture of areas,
// indicators and observations from two releases, imported into a real
// store, for the tests of the snapshot, web and api packages.
package snapshottest

import (
	"math"
	"time"

	"github.com/localup/localup"
)

// Licence and source texts used by the fixture.
const (
	OGL    = "Open Government Licence v3.0"
	Source = "Office for National Statistics"
)

// Fixture dataset IDs. Release2024 revises some of Release2023's figures.
const (
	Lookups     = "fixture_lookups"
	Release2023 = "fixture_2023"
	Release2024 = "fixture_2024"
)

// Areas are the fixture's places: the UK, two nations, one region, two
// unitary authorities, a Welsh authority, a combined authority, an
// abolished county and a neighbourhood.
var Areas = []localup.Area{
	{Code: "K02000001", Name: "United Kingdom", Type: localup.AreaUK},
	{Code: "E92000001", Name: "England", Type: localup.AreaCountry, Country: "E92000001"},
	{Code: "W92000004", Name: "Wales", Type: localup.AreaCountry, Country: "W92000004"},
	{Code: "E12000001", Name: "North East", Type: localup.AreaRegion, ParentCode: "E92000001", Country: "E92000001"},
	{Code: "E06000001", Name: "Hartlepool", Type: localup.AreaLAD, ParentCode: "E12000001", Country: "E92000001"},
	{Code: "E06000002", Name: "Middlesbrough", Type: localup.AreaLAD, ParentCode: "E12000001", Country: "E92000001"},
	{Code: "W06000001", Name: "Ynys Môn", Type: localup.AreaLAD, ParentCode: "W92000004", Country: "W92000004"},
	{Code: "E47000006", Name: "Tees Valley", Type: localup.AreaCombinedAuthority, ParentCode: "E12000001", Country: "E92000001"},
	{Code: "E10000002", Name: "Buckinghamshire", Type: localup.AreaCounty, Country: "E92000001", ValidTo: 2019},
	{Code: "E01011954", Name: "Hartlepool 001A", Type: localup.AreaLSOA, ParentCode: "E06000001", Country: "E92000001", ValidFrom: 2011, ValidTo: 2021},
}

// Indicators are the fixture's statistics: pay (with confidence
// intervals), a claimant rate and healthy life expectancy by sex.
var Indicators = []localup.Indicator{
	{ID: "gross-median-weekly-pay", Title: "Gross median weekly pay", Subtitle: "Median gross weekly pay of full-time employees",
		Unit: "£", Measure: "Pounds", Prefix: "£", Polarity: localup.HigherIsBetter, ValueType: localup.ValueMoney,
		DecimalPlaces: 1, Topic: "Economy", Mission: 1, Source: Source, SourceURL: "https://www.ons.gov.uk/", Licence: OGL},
	{ID: "claimant-count", Title: "Claimant count", Subtitle: "Percentage of residents aged 16 to 64 claiming benefits",
		Unit: "%", Measure: "Percentage", Suffix: "%", Polarity: localup.LowerIsBetter, ValueType: localup.ValueProportion,
		DecimalPlaces: 1, Topic: "Economy", Source: "Department for Work and Pensions", Licence: OGL},
	{ID: "healthy-life-expectancy", Title: "Healthy life expectancy <at birth>", Unit: "years", Measure: "Years",
		Polarity: localup.HigherIsBetter, ValueType: localup.ValueDuration, DecimalPlaces: 1, Topic: "Health",
		Mission: 7, Source: Source, Licence: OGL},
}

func obs(ind, area, period, breakdown, dataset string, v, lo, hi float64) localup.Observation {
	o := localup.NewObservation(ind, area, localup.MustPeriod(period))
	o.Breakdown, o.DatasetID, o.Value, o.Lower, o.Upper = breakdown, dataset, v, lo, hi
	return o
}

func missing(ind, area, period, dataset, why string) localup.Observation {
	o := localup.NewObservation(ind, area, localup.MustPeriod(period))
	o.DatasetID, o.Missing = dataset, why
	return o
}

var nan = math.NaN()

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// Batches returns the fixture as three imports, in order: the area
// lookups, the 2023 release and the 2024 release. The 2024 release
// revises Hartlepool's 2022 pay, adds 2023 pay, and publishes 2024 pay
// as missing ("x"), so the latest value with a number is 2023's.
func Batches() []*localup.Batch {
	at := day(2024, time.March, 1)
	return []*localup.Batch{
		{
			Dataset: localup.Dataset{ID: Lookups, Title: "Fixture area lookups", Publisher: Source, Licence: OGL,
				SourceURL: "https://geoportal.statistics.gov.uk/", Released: day(2023, time.January, 1), Version: "v1",
				Files:      []localup.SourceFile{{Path: "lookups/areas.csv", SHA256: "aa11", Bytes: 1200}},
				ImportedAt: at},
			Areas:              Areas,
			AreasAuthoritative: true,
		},
		{
			Dataset: localup.Dataset{ID: Release2023, Title: "Fixture release 2023", Publisher: Source, Licence: OGL,
				SourceURL: "https://www.ons.gov.uk/", Released: day(2023, time.June, 1), Version: "v2023",
				Files:      []localup.SourceFile{{Path: "els/2023.csv", SHA256: "bb22", Bytes: 5000}},
				ImportedAt: at},
			Indicators: Indicators,
			Observations: []localup.Observation{
				obs("gross-median-weekly-pay", "E06000001", "2021", "", Release2023, 500.5, 480.1, 520.9),
				obs("gross-median-weekly-pay", "E06000001", "2022", "", Release2023, 540.0, 520.0, 560.0),
				obs("gross-median-weekly-pay", "E06000002", "2022", "", Release2023, 530.25, nan, nan),
				obs("gross-median-weekly-pay", "E12000001", "2022", "", Release2023, 600, 590, 610),
				obs("gross-median-weekly-pay", "E92000001", "2022", "", Release2023, 640.8, 638, 643.6),
				obs("claimant-count", "E06000001", "2021-22", "", Release2023, 6.4, nan, nan),
				obs("claimant-count", "E06000001", "2022-23", "", Release2023, 1234.5, nan, nan),
				obs("healthy-life-expectancy", "E06000001", "2018-20", "sex=female", Release2023, 58.4, 55.1, 61.7),
				obs("healthy-life-expectancy", "E06000001", "2018-20", "sex=male", Release2023, 56.9, 53.8, 60.0),
				obs("healthy-life-expectancy", "W06000001", "2018-20", "", Release2023, 63.2, 60.0, 66.4),
			},
		},
		{
			Dataset: localup.Dataset{ID: Release2024, Title: "Fixture release 2024", Publisher: Source, Licence: OGL,
				SourceURL: "https://www.ons.gov.uk/", Released: day(2024, time.February, 1), Version: "v2024",
				Files:      []localup.SourceFile{{Path: "els/2024.csv", SHA256: "cc33", Bytes: 6000}},
				ImportedAt: at},
			Indicators: Indicators[:1],
			Observations: []localup.Observation{
				obs("gross-median-weekly-pay", "E06000001", "2022", "", Release2024, 545.5, 525.0, 566.0),
				obs("gross-median-weekly-pay", "E06000001", "2023", "", Release2024, 565.5, 545.2, 585.8),
				missing("gross-median-weekly-pay", "E06000001", "2024", Release2024, "x"),
			},
		},
	}
}
