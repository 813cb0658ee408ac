package storetest

import (
	"math"
	"time"

	"github.com/localup/localup"
)

// Clock is the time the suite sets as a store's clock where it can, so
// that ImportedAt can be checked exactly.
var Clock = time.Date(2025, time.March, 4, 10, 30, 15, 250000000, time.UTC)

var (
	jan2023 = time.Date(2023, time.January, 10, 9, 30, 0, 0, time.UTC)
	jun2024 = time.Date(2024, time.June, 20, 9, 30, 0, 0, time.UTC)
	nan     = math.NaN()
)

func str(s string) *string { return &s }

// lookups is the authoritative names-and-codes batch the other fixtures
// lean on.
func lookups() *localup.Batch {
	return &localup.Batch{
		Dataset: localup.Dataset{
			ID: "lookups", Title: "Names and codes", Publisher: "ONS", Licence: "OGL v3.0",
			SourceURL: "https://geoportal.statistics.gov.uk/", Released: jan2023, Version: "v1",
			Files: []localup.SourceFile{
				{Path: "lookups/lad23.csv", SHA256: "aa11", Bytes: 12345},
				{Path: "lookups/regions.csv", SHA256: "bb22", Bytes: 678},
			},
		},
		AreasAuthoritative: true,
		Areas: []localup.Area{
			{Code: localup.CodeEngland, Name: "England", Type: localup.AreaCountry, Country: localup.CodeEngland},
			{Code: localup.CodeWales, Name: "Wales", Type: localup.AreaCountry, Country: localup.CodeWales},
			{Code: "E12000001", Name: "North East", Type: localup.AreaRegion, ParentCode: localup.CodeEngland, Country: localup.CodeEngland},
			{Code: "E12000002", Name: "North West", Type: localup.AreaRegion, ParentCode: localup.CodeEngland, Country: localup.CodeEngland},
			{Code: "E06000001", Name: "Hartlepool", Type: localup.AreaLAD, ParentCode: "E12000001", Country: localup.CodeEngland, ValidFrom: 1996},
			{Code: "E06000002", Name: "Middlesbrough", Type: localup.AreaLAD, ParentCode: "E12000001", Country: localup.CodeEngland, ValidFrom: 1996},
			{Code: "E08000001", Name: "Bolton", Type: localup.AreaLAD, ParentCode: "E12000002", Country: localup.CodeEngland, ValidFrom: 1974},
			{Code: "E07000026", Name: "Allerdale", Type: localup.AreaLAD, ParentCode: "E12000002", Country: localup.CodeEngland, ValidFrom: 1974, ValidTo: 2022},
			{Code: "E06000063", Name: "Cumberland", Type: localup.AreaLAD, ParentCode: "E12000002", Country: localup.CodeEngland, ValidFrom: 2023},
			{Code: "W06000001", Name: "Isle of Anglesey", Type: localup.AreaLAD, ParentCode: localup.CodeWales, Country: localup.CodeWales, ValidFrom: 1996},
		},
		CodeChanges: []localup.CodeChange{
			{OldCode: "E07000026", OldName: "Allerdale", NewCode: "E06000063", NewName: "Cumberland", Type: localup.ChangeMerger, Year: 2023},
			{OldCode: "E06000057", OldName: "Northumberland", NewCode: "E06000057", NewName: "Northumberland", Type: localup.ChangeRename, Year: 2009},
		},
	}
}

// payIndicator and lifeIndicator are described by the ELS fixtures.
func payIndicator(title string) localup.Indicator {
	return localup.Indicator{
		ID: "gross-median-weekly-pay", Title: title, Subtitle: "Median weekly pay for full-time employees",
		Description: "Gross median weekly pay, workplace based.", Unit: "£", Measure: "Pounds", Prefix: "£",
		Polarity: localup.HigherIsBetter, ValueType: localup.ValueMoney, DecimalPlaces: 1, Topic: "Economy",
		SubTopic: "Pay", Mission: 1, Category: "Boost productivity", Source: "ONS ASHE",
		SourceURL: "https://www.ons.gov.uk/ashe", Licence: "OGL v3.0", Caveats: "Workplace based.",
	}
}

func lifeIndicator() localup.Indicator {
	return localup.Indicator{
		ID: "healthy-life-expectancy", Title: "Healthy life expectancy", Unit: "years", Measure: "Years",
		Suffix: " years", Polarity: localup.HigherIsBetter, ValueType: localup.ValueDuration, DecimalPlaces: 1,
		Topic: "Health", Mission: 7, Source: "ONS",
	}
}

func claimantIndicator() localup.Indicator {
	return localup.Indicator{
		ID: "claimant-count", Title: "Claimant count", Unit: "%", Measure: "Percentage", Suffix: "%",
		Polarity: localup.LowerIsBetter, ValueType: localup.ValueProportion, DecimalPlaces: 1, Topic: "Economy",
		SubTopic: "Work",
	}
}

// obs builds an observation with the numbers given, NaN for absent.
func obs(ind, area, period string, value, lower, upper float64) localup.Observation {
	o := localup.NewObservation(ind, area, localup.MustPeriod(period))
	o.Value, o.Lower, o.Upper = value, lower, upper
	return o
}

// els is an Explore Local Statistics release: two indicators, periods of
// every shape, breakdowns, absent numbers, status and missing flags.
func els(id, version string, released time.Time) *localup.Batch {
	full := obs("healthy-life-expectancy", "E06000001", "2018-20", 59.1, 57.2, 61.0)
	full.Numerator, full.Denominator, full.Status = 1234, 5678.5, "u"
	female := obs("healthy-life-expectancy", "E06000001", "2018-20", 60.3, 58.0, 62.6)
	female.Breakdown = "sex=female"
	suppressed := obs("gross-median-weekly-pay", "E06000002", "2023", nan, nan, nan)
	suppressed.Missing, suppressed.Status = "[c]", "c"
	zero := obs("gross-median-weekly-pay", "E08000001", "2023-09", 0, nan, nan)
	return &localup.Batch{
		Dataset: localup.Dataset{
			ID: id, Title: "Explore Local Statistics", Publisher: "ONS", Licence: "OGL v3.0",
			SourceURL: "https://explore-local-statistics.beta.ons.gov.uk/", Released: released, Version: version,
			Files: []localup.SourceFile{{Path: "els_2024/combined-data.csv", SHA256: "cafe", Bytes: 3733920}},
		},
		Areas: []localup.Area{
			// Already known by another name: a non-authoritative batch must
			// not rename it.
			{Code: "E06000001", Name: "HARTLEPOOL UA", Type: localup.AreaLAD},
			{Code: "E47000001", Name: "Greater Manchester", Type: localup.AreaCombinedAuthority, Country: localup.CodeEngland},
		},
		Indicators: []localup.Indicator{payIndicator("Gross median weekly pay"), lifeIndicator()},
		Observations: []localup.Observation{
			obs("gross-median-weekly-pay", "E06000001", "2023", 612.5, nan, nan),
			obs("gross-median-weekly-pay", "E06000001", "2022", 590, 580.25, 599.75),
			obs("gross-median-weekly-pay", "E06000001", "2021-22", 575, nan, nan),
			obs("gross-median-weekly-pay", "E47000001", "2023", 640, nan, nan),
			obs("gross-median-weekly-pay", "W06000001", "As of 13 January 2023", 501, nan, nan),
			suppressed, zero, full, female,
			obs("healthy-life-expectancy", "E06000001", "2021-04-01/P3M", 58.5, nan, nan),
		},
		Groups: []localup.AreaGroup{
			{Scheme: "ons-global", Group: "B", AreaCode: "E06000002"},
			{Scheme: "ons-global", Group: "A", AreaCode: "E06000001"},
			{Scheme: "ons-local", Group: "B1", AreaCode: "E06000001"},
		},
		Descriptions: []localup.GroupDescription{
			{Scheme: "ons-global", Group: "B", Description: "Urban areas with ageing industry"},
			{Scheme: "ons-global", Group: "A", Description: "Coastal towns"},
		},
		Neighbours: []localup.PublishedNeighbour{
			{Scheme: "ons-global", AreaCode: "E06000001", Rank: 2, Neighbour: "E08000001"},
			{Scheme: "ons-global", AreaCode: "E06000001", Rank: 1, Neighbour: "E06000002"},
			{Scheme: "cipfa", AreaCode: "E06000002", Rank: 1, Neighbour: "E06000001"},
		},
	}
}

// funding is a grants dataset: a bid for several districts, one without
// area codes, and capital and revenue splits published or not.
func funding(version string) *localup.Batch {
	return &localup.Batch{
		Dataset: localup.Dataset{ID: "luf", Title: "Levelling Up Fund", Publisher: "DLUHC", Released: jun2024, Version: version},
		Grants: []localup.Grant{
			{Fund: "Levelling Up Fund", Round: "2", Type: localup.FundCompetitive, Recipient: "Hartlepool Borough Council",
				Project: "Town centre", AreaCodes: []string{"E06000001"}, Amount: 16500000, Capital: 16000000, Revenue: 500000, Year: 2023, Line: 2},
			{Fund: "Levelling Up Fund", Round: "1", Type: localup.FundCompetitive, Recipient: "Tees Valley",
				Project: "Joint transport", AreaCodes: []string{"E06000002", "E06000001", "E08000001"}, Amount: 20000000, Capital: -1, Revenue: -1, Year: 2021, Line: 3},
			{Fund: "Towns Fund", Round: "", Type: localup.FundFormula, Recipient: "Blyth", PlaceRef: "BLY",
				Amount: 20500000, Capital: -1, Revenue: 0, Year: 2021, Line: 4},
		},
	}
}
