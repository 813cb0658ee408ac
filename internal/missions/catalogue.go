package missions

import (
	"slices"

	"github.com/localup/localup"
)

// Indicator IDs as internal/importer produces them: the Explore Local
// Statistics codes (els_2024/indicators-lookup.csv) and the canonical IDs
// the importer gives the ONS subnational-indicator files (ids.go,
// idsAliases). The catalogue test checks each against the data files.
const (
	idPay           = "gross-median-weekly-pay"
	idEmployment    = "employment-rate-long-Employment Rate"
	idProductivity  = "gross-value-added-per-hour-worked"
	idGDHI          = "gross-disposable-household-income-per-head"
	idRD            = "public-funded-gross-regional-capital-and-non-capital-expenditure-on-research-and-development"
	idTransport     = "public-transport-or-walk-to-employment-centre-with-500-to-4999-jobs"
	idGigabit       = "gigabit-capable-broadband"
	id4G            = "4g-coverage"
	idKS2           = "pupils-at-expected-standards-by-end-of-primary-school"
	idAbsence       = "persistent-absences-for-all-pupils"
	idAbsenceFSM    = "persistent-absences-for-pupils-eligible-for-free-school-meals"
	idAbsenceLAC    = "persistent-absences-for-pupils-looked-after-by-local-authorities"
	idGCSE19        = "gcses-and-equivalent-in-english-and-maths-by-age-19"
	idOfsted        = "schools-and-nursery-schools-rated-good-or-outstanding"
	idFEAchieve     = "aged-19-years-and-over-further-education-and-skills-learner-achievements"
	idFEParticipate = "aged-19-years-and-over-further-education-and-skills-participation"
	idApprAchieve   = "apprenticeships-achievements"
	idApprStarts    = "apprenticeships-starts"
	idLevel3        = "aged-16-to-64-years-level-3-or-above-qualifications"
	idHLEFemale     = "female-healthy-life-expectancy"
	idHLEMale       = "male-healthy-life-expectancy"
	idCancer        = "cancer-diagnosis-at-stage-1-and-2"
	idCVD           = "cardiovascular-mortality-considered-preventable-in-persons-aged-under-75-2021-census-population-estimates"
	idSmokers       = "cigarette-smokers"
	idObeseAdults   = "overweight-adults-aged-18-years-and-over"
	idObeseYearR    = "overweight-children-at-reception-age-aged-four-to-five-years"
	idObeseYear6    = "overweight-children-at-year-6-age-aged-10-to-11-years"
	idSatisfaction  = "annual-personal-wellbeing-estimates-Satisfaction mean score (where 10 is 'completely satisfied')"
	idWorthwhile    = "annual-personal-wellbeing-estimates-Worthwhile mean score (where 10 is 'completely worthwhile')"
	idHappiness     = "annual-personal-wellbeing-estimates-Happiness mean score (where 10 is 'completely happy')"
	idAnxiety       = "annual-personal-wellbeing-estimates-Anxiety mean score (where 10 is 'completely anxious')"
	idHousing       = "additions-to-the-housing-stock"
	idHomicide      = "homicide-offences"
	idDevolution    = "population-under-devolution-deal-in-england"
)

// Codes of the places some ambitions name.
const (
	codeLondon = "E12000007"
)

// GreaterSouthEast returns the codes of the regions the White Paper's
// "Greater South East" covers: London, the South East and the East of
// England. Mission 2's target is for public R&D in all other regions and
// nations together, so a caller sums the rest before checking it.
func GreaterSouthEast() []string { return []string{"E12000007", "E12000008", "E12000006"} }

// improveAndNarrow is the pair of targets of an ambition that a measure
// "will have risen in every area ... with the gap between the top
// performing and other areas closing".
func improveAndNarrow(id, note string) []Target {
	return []Target{
		{IndicatorID: id, Kind: TargetImprove, Year: 2030, Scope: "every area of the UK"},
		{IndicatorID: id, Kind: TargetGapNarrowed, Year: 2030, Scope: "between the top performing and other areas",
			TailShare: 0.2, Note: note},
	}
}

const hleGapNote = "Compares the tenth of areas with the highest HLE and the tenth with the lowest, as the government's metric is described (the Health Foundation, March 2022: upper-tier local authorities); give it upper-tier areas to match."

const fifthsNote = "The White Paper does not define the gap in the mission's words; localup compares the best and worst fifths of places."

var catalogue = []Mission{
	{
		Number: 1, Name: "Living standards", Objective: ObjectiveProductivity,
		Ambition: "By 2030, pay, employment and productivity will have risen in every area of the UK, with each containing a globally competitive city, with the gap between the top performing and other areas closing.",
		Plain:    "Pay, jobs and productivity up everywhere, and the gap between the best and the rest closing.",
		Metrics:  []Metric{{idPay, true}, {idEmployment, true}, {idProductivity, true}, {idGDHI, false}},
		Caveat:   "Whether each area contains a globally competitive city is not measured by any indicator.",
		Targets:  slices.Concat(improveAndNarrow(idPay, fifthsNote), improveAndNarrow(idEmployment, fifthsNote), improveAndNarrow(idProductivity, fifthsNote)),
	},
	{
		Number: 2, Name: "Research and development", Objective: ObjectiveProductivity,
		Ambition: "By 2030, domestic public investment in Research & Development outside the Greater South East will increase by at least 40% and over the Spending Review period by at least one third. This additional government funding will seek to leverage at least twice as much private sector investment over the long term to stimulate innovation and productivity growth.",
		Plain:    "Public R&D spending outside London, the South East and the East of England up by at least 40%.",
		Metrics:  []Metric{{idRD, true}},
		Caveat:   "The data has one period (2020-21), so no change can yet be measured; private R&D investment is not in the data.",
		Targets: []Target{{IndicatorID: idRD, Kind: TargetChangeByFraction, Value: 0.40, Year: 2030,
			Scope: "regions outside the Greater South East, together", Outside: GreaterSouthEast(),
			Note: "The 40% is for all regions outside the Greater South East in aggregate (every region but London, the South East and the East of England), not for each region. The mission states no baseline year, so the default rule applies."}},
	},
	{
		Number: 3, Name: "Transport infrastructure", Objective: ObjectiveProductivity,
		Ambition: "By 2030, local public transport connectivity across the country will be significantly closer to the standards of London, with improved services, simpler fares and integrated ticketing.",
		Plain:    "Local public transport everywhere much closer to London's.",
		Metrics:  []Metric{{idTransport, true}},
		Caveat:   "Travel time to the nearest employment centre measures connectivity only; fares and ticketing are not in the data.",
		Targets: []Target{{IndicatorID: idTransport, Kind: TargetGapNarrowed, Year: 2030, Scope: "compared with London", AreaCode: codeLondon,
			Note: "Read as each place's travel time moving closer to London's."}},
	},
	{
		Number: 4, Name: "Digital connectivity", Objective: ObjectiveProductivity,
		Ambition: "By 2030, the UK will have nationwide gigabit-capable broadband and 4G coverage, with 5G coverage for the majority of the population.",
		Plain:    "Gigabit broadband and 4G everywhere, and 5G for most people.",
		Metrics:  []Metric{{idGigabit, true}, {id4G, true}},
		Caveat:   "5G coverage is not in the data. Each indicator has one period so far.",
		Targets: []Target{
			{IndicatorID: idGigabit, Kind: TargetAtLeast, Value: 99, Year: 2030, Scope: "every area of the UK",
				Note: "The White Paper says \"nationwide\"; localup uses the government's Project Gigabit reading of nationwide gigabit coverage as at least 99% of premises."},
			{IndicatorID: id4G, Kind: TargetImprove, Year: 2030, Scope: "every area of the UK",
				Note: "The White Paper says \"nationwide\" 4G coverage without a figure, so localup sets no number."},
		},
	},
	{
		Number: 5, Name: "Education", Objective: ObjectiveOpportunity,
		Ambition: "By 2030, the number of primary school children achieving the expected standard in reading, writing and maths will have significantly increased. In England, this will mean 90% of children will achieve the expected standard, and the percentage of children meeting the expected standard in the worst performing areas will have increased by over a third.",
		Plain:    "90% of children in England reaching the expected standard at the end of primary school, and a third more in the worst areas.",
		Metrics: []Metric{{idKS2, true}, {idAbsence, false}, {idGCSE19, false}, {idAbsenceFSM, false},
			{idAbsenceLAC, false}, {idOfsted, false}},
		Targets: []Target{
			{IndicatorID: idKS2, Kind: TargetAtLeast, Value: 90, Year: 2030, BaselineYear: 2019, Scope: "England", AreaCode: localup.CodeEngland,
				Note: "The White Paper's baseline is 2019 (the 2018/19 school year, 65% in England)."},
			{IndicatorID: idKS2, Kind: TargetChangeByFraction, Value: 1.0 / 3, Year: 2030, BaselineYear: 2019, Scope: "worst performing areas", TailShare: 0.2,
				Note: "\"Over a third\" is read as at least a third. The mission's words do not say which areas are the worst performing; localup applies it to the worst fifth of places at the baseline."},
		},
	},
	{
		Number: 6, Name: "Skills", Objective: ObjectiveOpportunity,
		Ambition: "By 2030, the number of people successfully completing high-quality skills training will have significantly increased in every area of the UK. In England, this will lead to 200,000 more people successfully completing high-quality skills training annually, driven by 80,000 more people completing courses in the lowest skilled areas.",
		Plain:    "Many more people completing good skills training everywhere: 200,000 more a year in England.",
		Metrics:  []Metric{{idFEAchieve, true}, {idApprAchieve, true}, {idApprStarts, false}, {idFEParticipate, false}, {idLevel3, false}},
		Caveat:   "Further education achievements count all qualifications achieved by learners aged 19 and over, a wider measure than the White Paper's high-quality skills training.",
		Targets: []Target{
			{IndicatorID: idFEAchieve, Kind: TargetChangeBy, Value: 200000, Year: 2030, Scope: "England", AreaCode: localup.CodeEngland,
				Note: "The mission states no baseline year, so the default rule applies. The 80,000 in the lowest skilled areas is not tracked: the data does not say which areas those are."},
			{IndicatorID: idFEAchieve, Kind: TargetImprove, Year: 2030, Scope: "every area of the UK"},
		},
	},
	{
		Number: 7, Name: "Health", Objective: ObjectiveOpportunity,
		Ambition: "By 2030, the gap in Healthy Life Expectancy (HLE) between local areas where it is highest and lowest will have narrowed, and by 2035 HLE will rise by five years.",
		Plain:    "Years lived in good health up by five by 2035, and the gap between areas narrowing by 2030.",
		Metrics: []Metric{{idHLEFemale, true}, {idHLEMale, true}, {idCancer, false}, {idCVD, false}, {idSmokers, false},
			{idObeseAdults, false}, {idObeseYearR, false}, {idObeseYear6, false}},
		Targets: []Target{
			{IndicatorID: idHLEFemale, Kind: TargetChangeBy, Value: 5, Year: 2035, Scope: "England", AreaCode: localup.CodeEngland,
				Note: "The mission names no baseline year or nation: localup measures it for England from the default baseline, and shows each place its own rise against the same five years."},
			{IndicatorID: idHLEMale, Kind: TargetChangeBy, Value: 5, Year: 2035, Scope: "England", AreaCode: localup.CodeEngland,
				Note: "The mission names no baseline year or nation: localup measures it for England from the default baseline, and shows each place its own rise against the same five years."},
			{IndicatorID: idHLEFemale, Kind: TargetGapNarrowed, Year: 2030, Scope: "between local areas where it is highest and lowest", TailShare: 0.1,
				Note: hleGapNote},
			{IndicatorID: idHLEMale, Kind: TargetGapNarrowed, Year: 2030, Scope: "between local areas where it is highest and lowest", TailShare: 0.1,
				Note: hleGapNote},
		},
	},
	{
		Number: 8, Name: "Well-being", Objective: ObjectiveOpportunity,
		Ambition: "By 2030, well-being will have improved in every area of the UK, with the gap between top performing and other areas closing.",
		Plain:    "People happier and more satisfied with life everywhere, with the gap closing.",
		Metrics:  []Metric{{idSatisfaction, true}, {idWorthwhile, true}, {idHappiness, true}, {idAnxiety, true}},
		Targets: slices.Concat(improveAndNarrow(idSatisfaction, fifthsNote), improveAndNarrow(idWorthwhile, fifthsNote),
			improveAndNarrow(idHappiness, fifthsNote), improveAndNarrow(idAnxiety, fifthsNote)),
	},
	{
		Number: 9, Name: "Pride in place", Objective: ObjectivePride,
		Ambition: "By 2030, pride in place, such as people's satisfaction with their town centre and engagement in local culture and community, will have risen in every area of the UK, with the gap between the top performing and other areas closing.",
		Plain:    "People prouder of where they live everywhere, with the gap closing.",
		NoMetric: "No indicator in localup's data measures pride in place: the ONS subnational-indicator files include none for mission 9, and no other imported dataset measures satisfaction with the town centre or engagement in local culture and community.",
	},
	{
		Number: 10, Name: "Housing", Objective: ObjectivePride,
		Ambition: "By 2030, renters will have a secure path to ownership with the number of first-time buyers increasing in all areas; and the government's ambition is for the number of non-decent rented homes to have fallen by 50%, with the biggest improvements in the lowest performing areas.",
		Plain:    "More first-time buyers everywhere, and half as many non-decent rented homes.",
		Metrics:  []Metric{{idHousing, false}},
		Caveat:   "Neither first-time buyers nor non-decent rented homes is in the data; net additions to the housing stock is the one housing indicator ONS tagged with this mission.",
		Targets: []Target{
			{Kind: TargetChangeByFraction, Value: -0.5, Year: 2030, Scope: "England",
				Note: "The number of non-decent rented homes is not in localup's data, so this target cannot be checked here."},
		},
	},
	{
		Number: 11, Name: "Crime", Objective: ObjectivePride,
		Ambition: "By 2030, homicide, serious violence, and neighbourhood crime will have fallen, focused on the worst-affected areas.",
		Plain:    "Less homicide, serious violence and neighbourhood crime, most of all in the worst-hit areas.",
		Metrics:  []Metric{{idHomicide, true}},
		Caveat:   "Serious violence and neighbourhood crime are not in the data; homicide is published for police force areas over three years.",
		Targets: []Target{{IndicatorID: idHomicide, Kind: TargetImprove, Year: 2030, Scope: "focused on the worst-affected areas",
			Note: "Homicide has polarity lower is better, so improving means falling."}},
	},
	{
		Number: 12, Name: "Local leadership", Objective: ObjectiveLeadership,
		Ambition: "By 2030, every part of England that wants one will have a devolution deal with powers at or approaching the highest level of devolution and a simplified, long-term funding settlement.",
		Plain:    "A devolution deal for every part of England that wants one.",
		Metrics:  []Metric{{idDevolution, true}},
		Targets: []Target{{IndicatorID: idDevolution, Kind: TargetImprove, Year: 2030, Scope: "England", AreaCode: localup.CodeEngland,
			Note: "\"Every part that wants one\" sets no number, so localup tracks only the direction."}},
	},
}

// All returns the twelve missions in order. The slice and everything in it
// are copies: changing them does not change the catalogue.
func All() []Mission {
	out := make([]Mission, len(catalogue))
	for i, m := range catalogue {
		out[i] = m.clone()
	}
	return out
}

// Get returns mission n (1 to 12).
func Get(n int) (Mission, bool) {
	if n < 1 || n > len(catalogue) {
		return Mission{}, false
	}
	return catalogue[n-1].clone(), true
}

// HasMetric reports whether id is one of the mission's metrics.
func (m Mission) HasMetric(id string) bool {
	return slices.ContainsFunc(m.Metrics, func(x Metric) bool { return x.ID == id })
}

// MetricIDs returns the IDs of the mission's metrics, headline first.
func (m Mission) MetricIDs() []string {
	ids := make([]string, len(m.Metrics))
	for i, x := range m.Metrics {
		ids[i] = x.ID
	}
	return ids
}

// TargetsFor returns the mission's targets measured on indicator id.
func (m Mission) TargetsFor(id string) []Target {
	var out []Target
	for _, t := range m.Targets {
		if t.IndicatorID == id {
			out = append(out, t)
		}
	}
	return out
}

func (m Mission) clone() Mission {
	m.Metrics = slices.Clone(m.Metrics)
	m.Targets = slices.Clone(m.Targets)
	return m
}
