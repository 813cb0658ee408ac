package formula

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"strings"
)

// WeightSource supplies community weight sets: for a named set, a weight per
// Levelling Up mission number (1 to 12). The store-backed implementation
// lives elsewhere; StaticWeights is an in-memory one.
type WeightSource interface {
	MissionWeights(ctx context.Context, name string) (map[int]float64, error)
}

// ErrUnknownWeightSet is wrapped by StaticWeights when a name is not found.
var ErrUnknownWeightSet = errors.New("unknown weight set")

// StaticWeights is a WeightSource held in memory: set name → mission → weight.
type StaticWeights map[string]map[int]float64

// MissionWeights returns a copy of the named set.
func (s StaticWeights) MissionWeights(_ context.Context, name string) (map[int]float64, error) {
	m, ok := s[name]
	if !ok {
		return nil, fmt.Errorf("%w %q", ErrUnknownWeightSet, name)
	}
	return maps.Clone(m), nil
}

// WeightSet is a resolved community weight set, as carried in Inputs.
type WeightSet struct {
	Name     string          `json:"name"`
	Missions map[int]float64 `json:"missions"`
}

// LoadWeightSet fetches the set a formula's weights_from names. It returns
// nil and no error when the formula has no weights_from.
func LoadWeightSet(ctx context.Context, src WeightSource, f Formula) (*WeightSet, error) {
	if f.WeightsFrom == "" {
		return nil, nil
	}
	if src == nil {
		return nil, fmt.Errorf("weights_from: %q is set but no weight source is available", f.WeightsFrom)
	}
	m, err := src.MissionWeights(ctx, f.WeightsFrom)
	if err != nil {
		return nil, fmt.Errorf("weights_from: %w", err)
	}
	return &WeightSet{Name: f.WeightsFrom, Missions: m}, nil
}

// effectiveWeights returns the normalised weight of each component (summing
// to 1) and, when weights_from is set, each component's mission.
//
// Without weights_from the formula's weights are divided by their sum. With
// it, each mission's community weight is shared among the formula's
// components mapped to that mission, in proportion to their formula weights
// (equally if they are all zero); missions no component maps to are
// ignored; the result is then normalised.
func effectiveWeights(f Formula, in Inputs) (weights []float64, missions []int, err error) {
	m := len(f.Components)
	raw := make([]float64, m)
	for i, c := range f.Components {
		raw[i] = c.Weight
	}
	if f.WeightsFrom != "" {
		ws := in.Weights
		if ws == nil {
			return nil, nil, fmt.Errorf("weights_from: the formula takes its weights from %q but Inputs.Weights is empty", f.WeightsFrom)
		}
		if ws.Name != f.WeightsFrom {
			return nil, nil, fmt.Errorf("weights_from: the formula names weight set %q but Inputs.Weights is %q", f.WeightsFrom, ws.Name)
		}
		missions = make([]int, m)
		sum := map[int]float64{}
		count := map[int]int{}
		var unmapped []string
		for i, c := range f.Components {
			mi, ok := in.Missions[c.Indicator]
			if !ok {
				unmapped = append(unmapped, c.Indicator)
				continue
			}
			w, ok := ws.Missions[mi]
			if !ok {
				return nil, nil, fmt.Errorf("weights_from: weight set %q has no weight for mission %d (components[%d] %s)", ws.Name, mi, i, c.Indicator)
			}
			if !finite(w) || w < 0 {
				return nil, nil, fmt.Errorf("weights_from: weight set %q gives mission %d the weight %v; weights must be >= 0", ws.Name, mi, w)
			}
			missions[i] = mi
			sum[mi] += c.Weight
			count[mi]++
		}
		if len(unmapped) > 0 {
			return nil, nil, fmt.Errorf("weights_from: no mission is mapped for indicator(s) %s (Inputs.Missions)", strings.Join(unmapped, ", "))
		}
		for i, c := range f.Components {
			mi := missions[i]
			if sum[mi] > 0 {
				raw[i] = ws.Missions[mi] * c.Weight / sum[mi]
			} else {
				raw[i] = ws.Missions[mi] / float64(count[mi])
			}
		}
	}
	total := 0.0
	for _, w := range raw {
		total += w
	}
	if m > 0 && (total <= 0 || math.IsInf(total, 0)) {
		if f.WeightsFrom != "" {
			return nil, nil, fmt.Errorf("weights_from: weight set %q gives every component's mission a weight of zero", f.WeightsFrom)
		}
		return nil, nil, errors.New("components: every weight is zero")
	}
	weights = make([]float64, m)
	for i, w := range raw {
		weights[i] = w / total
	}
	return weights, missions, nil
}
