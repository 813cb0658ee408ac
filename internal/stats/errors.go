package stats

import "errors"

// The sentinel errors below classify why an input was rejected. Functions wrap
// them with context (function name and offending value), so callers test with
// errors.Is rather than comparing messages.
var (
	// ErrConfidence reports a confidence level outside [0.9, 1] and [90, 100],
	// or a pair of levels other than 0.95 and 0.998.
	ErrConfidence = errors.New("confidence level must be between 0.9 and 1 or between 90 and 100")

	// ErrNegative reports a count, numerator or population below zero.
	ErrNegative = errors.New("value must be greater than or equal to zero")

	// ErrNonPositive reports a denominator, sample size, multiplier or other
	// quantity that must be strictly greater than zero.
	ErrNonPositive = errors.New("value must be greater than zero")

	// ErrNumeratorExceedsDenominator reports a proportion whose numerator is
	// larger than its denominator.
	ErrNumeratorExceedsDenominator = errors.New("numerator must be less than or equal to denominator")

	// ErrMissing reports a missing (NaN) value where one is required.
	ErrMissing = errors.New("required value is missing")

	// ErrLength reports input slices whose lengths do not match, or are empty.
	ErrLength = errors.New("input lengths do not match")

	// ErrTooFew reports too few values for the statistic to be defined.
	ErrTooFew = errors.New("too few values")

	// ErrInconsistent reports inputs that contradict each other, such as two
	// populations for one age band.
	ErrInconsistent = errors.New("inconsistent inputs")

	// ErrInvalid reports any other argument outside its domain, such as a
	// non-finite value or k < 1.
	ErrInvalid = errors.New("invalid argument")
)
