// Package allocation applies needs formulas (internal/formula) to the
// evidence base: it turns a snapshot into the engine's Inputs for a
// formula's geography, runs the allocation, its explanation, sensitivity
// and comparison with competitive funding, caches the results per data
// version, and writes them as CSV and XLSX. The web pages, the JSON API
// and the allocate command all go through a Service, so they give the same
// pounds for the same formula, pot and data.
//
// # Places
//
// A formula is applied to the current areas (codes still in use) of its
// geography, e.g. the 361 local authority districts of the latest vintage
// for lad. Areas are left out, each with its reason, when:
//
//   - any component covers England only (every value it has among the
//     places is for an English area): then the formula is England-only and
//     the Welsh, Scottish and Northern Irish places are dropped, since a
//     need score that treats their missing values as typical would be
//     invented rather than measured;
//   - the basis needs population (per_head, need_weighted_per_head) and the
//     place has no population figure;
//   - the place has no value for any component at all, so that nothing
//     about its need is known.
//
// Places that lack some components but not all stay in, and the engine
// gives them the median on those components, as the formula
// documentation says; results count how many values were filled in.
//
// # Periods
//
// A component with a period uses that period (as stored, e.g.
// 2021-04-01/P1Y, or as published, e.g. 2021-22). One without uses the
// latest period in which at least 90% as many places have a value as in
// the best-covered period. Every place is then compared on the same
// period: a "latest value per place" would compare one council's 2019
// with another's 2023. The population indicator is chosen the same way.
//
// # Boundary changes
//
// Sources lag boundary changes: population and most indicators are
// published for the 2023 districts, so Barnsley and Sheffield (recoded in
// 2025) and the 2023 unitaries (Cumberland, Westmorland and Furness, North
// Yorkshire, Somerset) would otherwise have no values. Where a current
// area has no value but the areas it replaced do, the value is carried
// over: exactly for a recoding (one predecessor, "new_code"); for a merger
// as the sum of the predecessors for counts and otherwise their mean
// weighted by population (unweighted when a predecessor's population is
// unknown), and only when every predecessor has a value. Each carried
// value is counted in the component's notes.
//
// # Baselines for damping
//
// damping.baseline may name "per-head" (the pot shared by population) or
// "core-spending-power" (councils' latest core spending power, scaled so
// that the places that have one share the pot in proportion to it; places
// without one are not damped). Both are scaled to the pot because damping
// compares cash.
//
// # Comparison with competitive funding
//
// The Levelling Up Fund rounds 1 and 2 list the districts each successful
// bid covered. A bid covering several districts is split equally among
// them by default: the published data does not say where the money was
// spent, and an equal split assumes nothing; splitting by population is
// offered as an alternative. How well money tracks need is measured on
// pounds per head: Pearson and Spearman correlation with the need score;
// the share of the money reaching the most deprived fifth of places
// ranked by the Index of Multiple Deprivation (England only, so among the
// places that have an IMD score); and a concentration index over those
// places (negative means money concentrates in deprived places). The
// Towns Fund and Future High Streets Fund awards have no area codes, only
// place abbreviations, so they are reported as national totals and left
// out of every per-place figure.
//
// The cost of bidding is bids × cost per bid (default £30,000). The data
// lists successful bids only; unsuccessful bids cost councils as much but
// are not counted anywhere in it. The estimate therefore divides the
// successful bids by an assumed success rate (default 30%, an assumption
// to adjust, not a published figure) and also reports the known lower
// bound: successful bids alone. A formula needs no bids.
package allocation
