// Package stats holds the pure statistics behind localup's indicator pages:
// confidence intervals, standardised rates, comparisons with a benchmark,
// quantile banding, the recent-trend test and statistically similar areas.
//
// Nothing here does I/O. Every function takes plain numbers or slices and
// returns numbers or an error; invalid input is reported as an error (never a
// panic), wrapped with the name of the function and the offending value so
// that a caller's log line says what went wrong.
//
// # Methods and sources
//
// The methods follow the Office for Health Improvement and Disparities
// (formerly Public Health England) "Fingertips" Public Health Data Technical
// Guidance, as implemented by the PHEindicatormethods R package
// (ukhsa-collaboration/PHEindicatormethods, version 2.1.0). Each function
// names its primary reference:
//
//   - Wilson score interval: Wilson EB (1927), J Am Stat Assoc 22:209-212;
//     Newcombe RG (1998), Stat Med 17:857-872.
//   - Byar's approximation and exact Poisson limits: Breslow NE, Day NE (1987),
//     Statistical Methods in Cancer Research, volume II, IARC.
//   - Directly standardised rates: Dobson AJ, Kuulasmaa K, Eberle E, Scherer J
//     (1991), Stat Med 10:457-462.
//   - Funnel plot control limits: Spiegelhalter DJ (2005), Stat Med
//     24:1185-1202, in the form used by the Fingertips technical guidance.
//   - Recent trends: Fingertips technical guidance, "Trend markers".
//
// The package is checked against the PHEindicatormethods reference test data
// in shared/conformance (every row of every converted family), using
// testthat's tolerance rule; see the *_conformance_test.go files.
//
// # Contents
//
//   - Confidence levels and critical values: NormalizeConfidence,
//     ZForConfidence, ConfidenceLevels.
//   - Proportions: WilsonInterval, Proportion.
//   - Counts and rates: ByarsInterval, ExactPoissonInterval, PoissonCI, RateCI.
//   - Standardisation: DSR, DSRNonIndependent, ESP2013, ISRatio, ISRate.
//   - Means: MeanCI.
//   - Comparisons with a benchmark: CompareToBenchmark, CompareIntervals,
//     CompareProportionToControlLimits, CompareRateToControlLimits, and the
//     funnel plot functions (ProportionFunnelLimits and friends).
//   - Banding: AssignQuantiles, QuantileBands, Quintiles, Quartiles, Deciles.
//   - Recent trends: RecentTrendProportion, RecentTrendCI.
//   - Statistically similar areas: Neighbours, NeighboursOf, Contributions.
//
// # Conventions
//
// Missing values are NaN. Where the R package returns NA for a missing input
// (a missing numerator, say) the Go function returns NaN for that output and
// no error: a missing value is not an invalid one.
//
// Confidence levels are accepted in either form, 0.95 or 95: a level in
// [0.9, 1] is used as is and a level in [90, 100] is divided by 100. Anything
// else is rejected with [ErrConfidence]. See [NormalizeConfidence].
package stats
