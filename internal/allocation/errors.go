package allocation

import (
	"errors"
	"fmt"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/formula"
)

// invalidf is an EINVALID error whose message, safe to show, names the
// formula field at fault.
func invalidf(format string, args ...any) error {
	return localup.Errorf(localup.EINVALID, format, args...)
}

// domainError turns the engine's errors into domain errors: a formula
// that fails validation, inputs it cannot use, constraints no allocation
// can meet and unknown weight sets are the user's to fix (EINVALID, with
// the engine's message, which names the field or constraint); anything
// else stays internal.
func domainError(op string, err error) error {
	if err == nil {
		return nil
	}
	var (
		ve *formula.ValidationError
		ce *formula.ConstraintError
		ie *formula.InputError
		de *localup.Error
	)
	switch {
	case errors.As(err, &de):
		return fmt.Errorf("%s: %w", op, err)
	case errors.As(err, &ve):
		return &localup.Error{Code: localup.EINVALID, Message: ve.Error(), Err: err}
	case errors.As(err, &ce):
		return &localup.Error{Code: localup.EINVALID, Message: ce.Error(), Err: err}
	case errors.As(err, &ie):
		return &localup.Error{Code: localup.EINVALID, Message: ie.Error(), Err: err}
	case errors.Is(err, formula.ErrUnknownWeightSet):
		return &localup.Error{Code: localup.EINVALID, Message: err.Error(), Err: err}
	}
	return fmt.Errorf("%s: %w", op, err)
}
