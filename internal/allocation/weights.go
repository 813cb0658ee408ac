package allocation

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/localup/localup/internal/formula"
)

// WeightSets is a formula.WeightSource held in memory: set name → mission
// number (1 to 12) → weight. It stands in until residents can set their
// own weights; a store-backed source only needs to implement
// formula.WeightSource (and, to list its sets in messages, Names).
type WeightSets map[string]map[int]float64

// MissionWeights returns a copy of the named set; an error wrapping
// formula.ErrUnknownWeightSet, listing the known names, if there is none.
func (w WeightSets) MissionWeights(_ context.Context, name string) (map[int]float64, error) {
	m, ok := w[name]
	if !ok {
		return nil, fmt.Errorf("%w %q (known sets: %s)", formula.ErrUnknownWeightSet, name, strings.Join(w.Names(), ", "))
	}
	return maps.Clone(m), nil
}

// Names lists the sets by name.
func (w WeightSets) Names() []string {
	return slices.Sorted(maps.Keys(w))
}

// DefaultWeightSets are the community weight sets available until
// residents set their own: "equal-missions" weighs the twelve Levelling Up
// missions alike, so a formula's weights_from splits weight evenly across
// the missions its indicators measure.
var DefaultWeightSets = WeightSets{
	"equal-missions": {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1, 9: 1, 10: 1, 11: 1, 12: 1},
}
