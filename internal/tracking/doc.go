// Package tracking measures places against the twelve levelling-up
// missions with the evidence in a snapshot: for each mission's metrics,
// the spread between places over time and whether it is narrowing, which
// places moved most, the numeric targets, and one place's progress.
//
// internal/missions holds the catalogue and the pure measures; this
// package only chooses what to measure (which places, which periods,
// which baseline) and reads the snapshot. Pages, downloads and the API
// all draw on the views it returns, so that they always agree.
//
// # Places compared
//
// A metric is compared across the current areas of one level: local
// authorities where the metric has figures for at least MinPlaces of them
// in its latest period, otherwise counties and upper-tier areas, police
// force areas, then regions. An abolished area's figure counts for its
// successor only where the place merely changed code (see
// snapshot.Snapshot.Distribution).
//
// # Baselines
//
// The missions were set in the Levelling Up White Paper of February 2022,
// so a spread is first measured from 2022 (WhitePaperYear). Many series
// have no figure after 2022 yet; for those the view also measures from
// 2019 (missions.DefaultBaselineYear, the White Paper's own data
// baseline) and says which it used.
package tracking
