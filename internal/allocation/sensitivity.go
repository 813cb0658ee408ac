package allocation

import (
	"context"
	"time"

	"github.com/localup/localup/internal/formula"
)

// Sensitivity defaults. The seed is fixed so that the same request always
// gives the same ranges.
const (
	DefaultSeed       uint64 = 1
	MaxRuns                  = 10_000
	DefaultRuns              = formula.DefaultRuns
	DefaultSigma             = formula.DefaultSigma
	DefaultDelta             = formula.DefaultDelta
	DefaultSwing             = formula.DefaultSwingThreshold
	maxSigma                 = 2.0
	maxSwingThreshold        = 10.0
)

// SensitivityOptions configure a sensitivity analysis. Zero fields take
// the defaults, except Seed, where zero is a seed like any other.
type SensitivityOptions struct {
	Runs      int     // Monte Carlo draws
	Seed      uint64  // fixes the draws
	Sigma     float64 // spread of each weight's lognormal multiplier
	Delta     float64 // one-at-a-time change of each weight, as a fraction
	Threshold float64 // flag places whose allocation swings by more than this fraction
}

// WithDefaults fills in zero fields.
func (o SensitivityOptions) WithDefaults() SensitivityOptions {
	if o.Runs == 0 {
		o.Runs = DefaultRuns
	}
	if o.Sigma == 0 {
		o.Sigma = DefaultSigma
	}
	if o.Delta == 0 {
		o.Delta = DefaultDelta
	}
	if o.Threshold == 0 {
		o.Threshold = DefaultSwing
	}
	return o
}

// Validate checks the options after defaults, naming the field at fault.
func (o SensitivityOptions) Validate() error {
	switch {
	case o.Runs < 1 || o.Runs > MaxRuns:
		return invalidf("runs: enter a number of runs from 1 to %d", MaxRuns)
	case !(o.Sigma > 0 && o.Sigma <= maxSigma):
		return invalidf("sigma: enter a spread above 0 and at most %g", maxSigma)
	case !(o.Delta > 0 && o.Delta < 1):
		return invalidf("delta: enter a weight change above 0 and below 1 (0.2 is 20%%)")
	case !(o.Threshold > 0 && o.Threshold <= maxSwingThreshold):
		return invalidf("threshold: enter a swing above 0 and at most %g (0.1 is 10%%)", maxSwingThreshold)
	}
	return nil
}

// Sensitivity is how each place's allocation and need rank move when the
// weights move: one at a time by ±Delta, and all together in Monte Carlo
// draws.
type Sensitivity struct {
	Options SensitivityOptions
	Run     *Run
	// Components give each weight at base and moved down and up.
	Components []formula.OATComponent
	// Places are in need-rank order.
	Places []SensitivityPlace
	// Flagged counts places whose Monte Carlo swing exceeds the threshold.
	Flagged int
	Took    time.Duration
}

// SensitivityPlace is one place's ranges.
type SensitivityPlace struct {
	Place Place
	// OneAtATime: the range over every single-weight move, base included.
	OneAtATime formula.OATPlace
	// MonteCarlo: the distribution over the draws; Swing and Flagged
	// come from here.
	MonteCarlo formula.MCPlace
}

// Sensitivity analyses f with pot under opt.
func (s *Service) Sensitivity(ctx context.Context, f formula.Formula, pot int64, opt SensitivityOptions) (*Sensitivity, error) {
	opt = opt.WithDefaults()
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	run, err := s.Allocate(ctx, f, pot)
	if err != nil {
		return nil, err
	}
	key := hashKey(run.key, opt)
	if r, ok := s.sens.get(key); ok {
		return r, nil
	}
	start := time.Now()
	oat, err := formula.OneAtATime(f, run.inputs, pot, formula.OATOptions{Delta: opt.Delta})
	if err != nil {
		return nil, domainError("sensitivity", err)
	}
	mc, err := formula.MonteCarlo(f, run.inputs, pot, formula.MCOptions{Runs: opt.Runs, Seed: opt.Seed,
		Sigma: opt.Sigma, SwingThreshold: opt.Threshold})
	if err != nil {
		return nil, domainError("sensitivity", err)
	}
	out := &Sensitivity{Options: opt, Run: run, Components: oat.Components, Flagged: mc.Flagged}
	for _, i := range run.ByRank {
		out.Places = append(out.Places, SensitivityPlace{Place: run.Data.Places[i], OneAtATime: oat.Places[i], MonteCarlo: mc.Places[i]})
	}
	out.Took = time.Since(start)
	s.sens.put(key, out)
	return out, nil
}
