package allocation

import (
	"math"
	"strings"

	"github.com/localup/localup/internal/snapshot"
)

// Baselines a formula's damping.baseline may name. See the package
// documentation, "Baselines for damping".
const (
	BaselinePerHead           = "per-head"
	BaselineCoreSpendingPower = "core-spending-power"
)

// Baselines lists the baseline names damping accepts.
var Baselines = []string{BaselinePerHead, BaselineCoreSpendingPower}

// bindBaseline reads the named baseline for the places, unscaled.
func (d *Data) bindBaseline(snap *snapshot.Snapshot, lin *lineage, name string) error {
	switch name {
	case BaselinePerHead:
		if d.Inputs.Population == nil {
			return invalidf("damping.baseline: %q needs population figures, and the data has none", name)
		}
		d.baselineRaw = d.Inputs.Population
		return nil
	case BaselineCoreSpendingPower:
		ind, ok := snap.Indicator(name)
		if !ok {
			return invalidf("damping.baseline: the data has no %s indicator", name)
		}
		p, _, err := componentPeriod(snap, ind, "", d.Inputs.Codes)
		if err != nil {
			return invalidf("damping.baseline: %s", err)
		}
		// Carried values are not recorded here: Carried describes the
		// formula's own figures.
		scratch := &Data{Carried: map[string][]string{}}
		weight := func(code string) float64 { return latestValue(snap, DefaultPopulation, code) }
		d.baselineRaw, _, _ = scratch.column(snap, lin, ind, p, d.Inputs.Codes, weight)
		return nil
	}
	return invalidf("damping.baseline: unknown baseline %q (use %s)", name, strings.Join(Baselines, " or "))
}

// baselines returns the engine's Baselines for a pot: the raw baseline
// scaled so that the places that have one share the pot in proportion to
// it, since damping compares cash with cash.
func (d *Data) baselines(pot int64) map[string][]float64 {
	if d.Formula.Damping == nil || d.baselineRaw == nil {
		return nil
	}
	total := 0.0
	for _, v := range d.baselineRaw {
		if !math.IsNaN(v) {
			total += v
		}
	}
	out := make([]float64, len(d.baselineRaw))
	for i, v := range d.baselineRaw {
		switch {
		case math.IsNaN(v) || total <= 0:
			out[i] = math.NaN()
		default:
			out[i] = v / total * float64(pot)
		}
	}
	return map[string][]float64{d.Formula.Damping.Baseline: out}
}
