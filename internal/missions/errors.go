package missions

import "errors"

// Sentinel errors. Functions wrap them with the function's name and the
// offending value; test with errors.Is.
var (
	// ErrNoData reports a series or cross-section with no usable value.
	ErrNoData = errors.New("no values")

	// ErrTooFew reports too few places, groups or periods for a measure to
	// be defined: fewer places than one per tail, one group, one period.
	ErrTooFew = errors.New("too few values")

	// ErrZeroMean reports a measure whose denominator is zero: a coefficient
	// of variation of values with mean zero, or a tail ratio whose lower
	// tail mean is zero or negative.
	ErrZeroMean = errors.New("mean is zero")

	// ErrNotNumeric reports a target with no number to measure against,
	// such as "improve" or "gap narrowed".
	ErrNotNumeric = errors.New("target has no numeric level")

	// ErrInvalid reports any other argument outside its domain: an infinite
	// value, a negative weight, a tail share outside (0, 0.5].
	ErrInvalid = errors.New("invalid argument")
)
