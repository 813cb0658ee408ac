// Package missions knows the twelve missions of the Levelling Up White Paper
// (Levelling Up the United Kingdom, February 2022) and measures places
// against them. It is pure: plain values in, plain values out, no I/O.
//
//   - catalogue.go: the missions, their wording, objective, numeric targets
//     and the indicator IDs (as internal/importer produces them) that
//     measure each one. Mission 9 has none in the data, and says so.
//   - gaps.go: spread across a cross-section of places (best and worst
//     fifths, coefficient of variation, best region against the rest) and
//     whether it is narrowing since a baseline.
//   - progress.go: one place's change since the baseline and its gap to
//     England, with a plain-language summary sentence.
//   - target.go: distance to a numeric target, the yearly change needed to
//     meet it and the yearly change so far.
//   - inequality.go: the largest gap between groups within a place (sex,
//     age bands, deprivation deciles) and its trend.
//
// # Conventions
//
// Missing values are NaN and are skipped, never read as zero. Periods are
// placed on a time axis at their start dates, in decimal years (1 July 2019
// is 2019.496), so that financial, academic and three-year periods sit in
// the right order and slopes are per year. Invalid input is an error
// wrapping one of the sentinel errors, to be tested with errors.Is.
//
// # Baselines
//
// The baseline for a year Y (2019 unless a target names another) is the
// earliest period that includes any part of Y: the calendar year 2019, the
// financial year 2018-19, the academic year 2018/19 (the White Paper's
// "2019" for key stage 2) or the three years 2017-19. When no period
// includes Y the nearest one is taken, measuring from the period's span to
// the year and preferring the earlier on a tie; see BaselineIndex.
package missions
