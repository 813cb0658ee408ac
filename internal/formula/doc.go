// Package formula is the allocation engine: it applies a transparent needs
// formula to a table of indicator values per area and divides a pot of money
// among the areas. It is pure computation, with no database and no HTTP; the
// caller supplies the data (Inputs) and gets allocations back (Result).
//
// # The formula document
//
// A formula is a YAML or JSON document (one schema; see Parse). Unknown
// fields are errors, and validation reports every problem with its field
// path, e.g. "components[2].weight: must be >= 0". The user-facing copy of
// this reference is examples/formulas/README.md.
//
//	name:         required; a title for the formula.
//	version:      required whole number >= 1.
//	description:  optional free text.
//	geography:    required area type the formula is applied at, e.g. lad
//	              (local authorities) or lsoa (neighbourhoods).
//	components:   list of weighted indicators (required unless basis is
//	              per_head without need_uplift). Each has
//	  indicator:  required indicator id.
//	  period:     optional period; empty means the latest. The caller keys
//	              the values by Component.Key(): "indicator" or
//	              "indicator@period".
//	  transform:  required: zscore, rank, rank_exponential, log, minmax or
//	              none (below).
//	  direction:  optional higher_is_more_need or lower_is_more_need. When
//	              left out it follows the indicator's polarity from the
//	              caller: higher_is_better means lower values are more need,
//	              lower_is_better the reverse; with no polarity it is an
//	              error.
//	  weight:     number >= 0 (required unless weights_from is set).
//	              Weights are divided by their sum, so they need not add up
//	              to 1, but they cannot all be zero.
//	weights_from: optional name of a community weight set (see below).
//	population:
//	  indicator:  id of the population indicator; required for per_head
//	              and need_weighted_per_head.
//	  basis:      required: per_head, need_weighted_per_head or need_share.
//	  need_uplift: optional number >= 0, basis per_head only (below).
//	floor:        optional minimum pounds per place (>= 0).
//	ceiling_share: optional maximum share of the pot per place, in (0, 1].
//	damping:      optional limit on change against a baseline:
//	  baseline:   name of a baseline allocation supplied by the caller.
//	  max_change: fraction >= 0, e.g. 0.05 for ±5%.
//
// # Transforms
//
// Each component is transformed across the places that have a value, and
// oriented so that a larger transformed value always means more need:
//
//   - zscore: (x − mean) / sd, with the population standard deviation
//     (divide by n); negated when lower is more need. All zero if sd is 0.
//   - rank: the rank in need order (1 = least need, ties share their mean
//     rank) divided by the number of places, so in (0, 1].
//   - rank_exponential: the English Indices of Deprivation exponential
//     transform of that scaled rank R: X = −23 ln(1 − R(1 − exp(−100/23))),
//     which runs from near 0 for the least needy to 100 for the most needy
//     and stretches the needy end; 10% of places score over 50. It is the
//     transform the Indices use to combine domains (McLennan, Noble, Noble,
//     Plunkett, Wright and Gutacker, The English Indices of Deprivation
//     2019: Technical Report, MHCLG, September 2019). Like the Indices, it
//     limits how far low need on one component cancels high need on
//     another.
//   - log: ln x (values must be > 0); negated when lower is more need.
//   - minmax: (x − min) / (max − min), or (max − x) / (max − min) when
//     lower is more need, so in [0, 1]. All zero if max = min.
//   - none: x, negated when lower is more need.
//
// Missing values (NaN) are imputed after transformation with the median of
// the component's transformed values, so a place with no data counts as
// typical on that indicator: it is neither penalised nor rewarded. Results
// report how many values were imputed and with what.
//
// # From need to pounds
//
// The need score of place i is S_i = Σ_c w_c t_ci, with w the normalised
// effective weights and t the transformed values; need ranks order places
// by it (1 = most need, ties by area code). Money follows the need index
//
//	N_i = Σ_c w_c (t_ci − m_c),   m_c = min(0, min_j t_cj),
//
// that is, a component that can go negative (zscore, log, none) is
// measured up from its least needy place, so that every component adds
// zero or more; components that are never negative are used as they are.
// N_i differs from S_i by a constant, so ranks are the same. Then, with pot
// P and population p_i:
//
//   - need_share: a_i = P · N_i / Σ_j N_j.
//   - need_weighted_per_head: a_i = P · p_i N_i / Σ_j p_j N_j (population ×
//     need index).
//   - per_head: a_i = P · p_i / Σ_j p_j. With need_uplift u, each person
//     counts 1 + u·N_i/N̄ instead of 1, where N̄ = Σ p_j N_j / Σ p_j is the
//     population-weighted average need index: a place with no need gets
//     the base rate per head, a place of average need 1 + u times it.
//     Equivalently a fraction 1/(1+u) of the pot goes per head and u/(1+u)
//     need-weighted per head.
//
// If no place has any need (every N_i is 0), need_share splits the pot
// equally and need_weighted_per_head per head (a note says so).
//
// Each place's unconstrained amount is attributed to components: component
// c's part is w_c (t_ci − m_c) times the basis's pounds per unit of need
// (times p_i for the per-head bases), and the per-head part under per_head
// is a separate Base line, so Base + Σ contributions = the unconstrained
// amount exactly.
//
// Raising one place's value in the need direction never lowers its
// unconstrained amount, with two exceptions: with several zscore
// components a change to one place moves that component's standard
// deviation and so reweights it against the others for every place; and
// where values are missing, a change can move the median that the places
// without data are given.
//
// # Constraints
//
// floor, ceiling_share and damping become per-place bounds in pounds:
// lower = max(floor, baseline·(1 − max_change)), upper = min(ceiling_share ·
// P, baseline·(1 + max_change)). Damping is in cash terms against the
// baseline as given (scale it first to damp relative to a different pot);
// places whose baseline is NaN are not damped. All bounds are applied
// together by iterating to the fixed point x_i = clamp(λ a_i, lower_i,
// upper_i), Σ x = P: places outside their bounds are pinned there and the
// rest of the pot is redistributed among the free places in proportion to
// their unconstrained amounts, until nothing is violated (see constrain
// for why this is exact). If the bounds cannot be met — floors summing to
// more than the pot, ceilings to less, a place whose lower bound exceeds its
// upper — a *ConstraintError names the constraint and the numbers. The
// change made by constraints is reported per place as a single
// ConstraintAdjustment line, not split among components.
//
// # Rounding
//
// Amounts are rounded to whole pounds by the largest-remainder (Hamilton)
// method, so allocations sum to the pot exactly; ties in the remainders go
// by area code. Each place moves by less than £1, so rounding can leave a
// place below its floor or above its ceiling or damping bound by less than
// £1, never more.
//
// # Determinism
//
// Places are processed in area-code order whatever the order of the
// inputs, and every tie (ranks, remainders) is broken by area code, so
// permuting input rows changes nothing and the same inputs always give the
// same result.
//
// # Community weights
//
// With weights_from, a WeightSource supplies a weight per Levelling Up
// mission (LoadWeightSet) and Inputs.Missions maps each component's
// indicator to its mission. Each mission's weight is shared among the
// formula's components in that mission in proportion to their formula
// weights (equally if those are all zero or left out); missions with no
// component are ignored; the result is normalised.
//
// # Sensitivity, explanation, comparison
//
// OneAtATime moves each weight by ±δ (default 20%); MonteCarlo draws
// lognormal weight multipliers from a seeded PCG generator. Explain sets out
// one place's arithmetic and what a 10-point higher weight on each
// component would do. Pearson, Spearman, ShareToMostDeprivedFifth,
// ConcentrationIndex and BiddingCost compare allocations.
package formula
