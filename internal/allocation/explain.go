package allocation

import (
	"context"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/formula"
)

// Explanation sets out why one place got what it got: the engine's
// component-by-component arithmetic and "what if" lines, with the
// indicators and periods behind each figure.
type Explanation struct {
	formula.Explanation
	Run   *Run
	Place Place
	// Components are aligned with Explanation.Components.
	Components []ExplainedComponent
	// CarriedFrom lists predecessor areas whose values stood in for the
	// place's own, if any.
	CarriedFrom []string
}

// ExplainedComponent is one component of an explanation with the data
// behind it.
type ExplainedComponent struct {
	formula.ComponentExplanation
	Indicator localup.Indicator
	Period    localup.Period
	// Pinned is set when the formula named the period.
	Pinned bool
}

// Explain explains code's allocation under f with pot. A place the
// formula does not apply to is ENOTFOUND, with the reason it was left
// out when it was.
func (s *Service) Explain(ctx context.Context, f formula.Formula, pot int64, code string) (*Explanation, error) {
	run, err := s.Allocate(ctx, f, pot)
	if err != nil {
		return nil, err
	}
	_, place, ok := run.Place(code)
	if !ok {
		if d, ok := run.Data.DroppedReason(code); ok {
			return nil, localup.Errorf(localup.ENOTFOUND, "%s (%s) is not part of this allocation: %s.", d.Name, d.Code, d.Reason)
		}
		return nil, localup.Errorf(localup.ENOTFOUND, "%q is not one of the places this formula applies to.", code)
	}
	x, err := formula.Explain(f, run.inputs, pot, code)
	if err != nil {
		return nil, domainError("explain", err)
	}
	out := &Explanation{Explanation: x, Run: run, Place: place, CarriedFrom: run.Data.Carried[code]}
	for i, c := range x.Components {
		dc := run.Data.Components[i]
		out.Components = append(out.Components, ExplainedComponent{ComponentExplanation: c, Indicator: dc.Indicator,
			Period: dc.Period, Pinned: dc.Pinned})
	}
	return out, nil
}
