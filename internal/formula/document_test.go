package formula

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/google/go-cmp/cmp"
)

const goodYAML = `
name: Test formula
version: 2
description: A test.
geography: lad
components:
  - indicator: gross-disposable-household-income-per-head
    transform: rank
    direction: lower_is_more_need
    weight: 3
  - indicator: employment-rate-long-Economic Inactivity Rate
    period: "2023"
    transform: zscore
    weight: 1e0
population:
  indicator: population-count
  basis: need_weighted_per_head
floor: 1_000
ceiling_share: 0.25
damping:
  baseline: last-year
  max_change: 0.05
`

func TestParseGood(t *testing.T) {
	want := Formula{
		Name: "Test formula", Version: 2, Description: "A test.", Geography: "lad",
		Components: []Component{
			{Indicator: idGDHI, Transform: TransformRank, Direction: LowerIsMoreNeed, Weight: 3},
			{Indicator: idInactivity, Period: "2023", Transform: TransformZScore, Weight: 1},
		},
		Population:   Population{Indicator: idPopulation, Basis: BasisNeedWeightedPerHead},
		Floor:        1000,
		CeilingShare: 0.25,
		Damping:      &Damping{Baseline: "last-year", MaxChange: 0.05},
	}
	got, err := Parse([]byte(goodYAML))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("YAML (-want +got):\n%s", d)
	}
	if k := got.Components[1].Key(); k != idInactivity+"@2023" {
		t.Errorf("Key() = %q", k)
	}

	const goodJSON = `{"name": "Test formula", "version": 2, "description": "A test.", "geography": "lad",
	  "components": [
	    {"indicator": "gross-disposable-household-income-per-head", "transform": "rank", "direction": "lower_is_more_need", "weight": 3},
	    {"indicator": "employment-rate-long-Economic Inactivity Rate", "period": "2023", "transform": "zscore", "weight": 1}],
	  "population": {"indicator": "population-count", "basis": "need_weighted_per_head"},
	  "floor": 1000, "ceiling_share": 0.25, "damping": {"baseline": "last-year", "max_change": 0.05}}`
	got, err = Parse([]byte(goodJSON))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("JSON (-want +got):\n%s", d)
	}
}

// TestParseBad feeds malformed documents and checks that the error names
// the field at fault.
func TestParseBad(t *testing.T) {
	const comp = "components:\n  - {indicator: a, transform: rank, weight: 1}\n"
	const head = "name: x\nversion: 1\ngeography: lad\npopulation: {indicator: p, basis: need_share}\n"
	tests := []struct {
		name string
		doc  string
		want []string // substrings of the error
	}{
		{"empty", "", []string{"empty document"}},
		{"not yaml", "name: [", []string{"not valid YAML"}},
		{"not a mapping", "- 1\n- 2\n", []string{"must be a mapping"}},
		{"two documents", head + comp + "---\nname: y\n", []string{"more than one YAML document"}},
		{"unknown top-level field", head + comp + "weigths_from: x\n", []string{"weigths_from: unknown field"}},
		{"unknown component field", head + "components:\n  - {indicator: a, transform: rank, wieght: 1}\n",
			[]string{"components[0].wieght: unknown field", "components[0].weight: required"}},
		{"unknown population field", "name: x\nversion: 1\ngeography: lad\npopulation: {basis: need_share, bassis: x}\n" + comp,
			[]string{"population.bassis: unknown field"}},
		{"unknown damping field", head + comp + "damping: {baseline: b, max_change: 0.1, min_change: 0}\n",
			[]string{"damping.min_change: unknown field"}},
		{"missing name", "version: 1\ngeography: lad\npopulation: {basis: need_share}\n" + comp, []string{"name: required"}},
		{"version zero", "name: x\nversion: 0\ngeography: lad\npopulation: {basis: need_share}\n" + comp,
			[]string{"version: must be a whole number >= 1"}},
		{"version fractional", "name: x\nversion: 1.5\ngeography: lad\npopulation: {basis: need_share}\n" + comp,
			[]string{"version: must be a whole number, got 1.5"}},
		{"version text", "name: x\nversion: one\ngeography: lad\npopulation: {basis: need_share}\n" + comp,
			[]string{`version: must be a whole number, got "one"`}},
		{"missing geography", "name: x\nversion: 1\npopulation: {basis: need_share}\n" + comp, []string{"geography: required"}},
		{"bad geography", "name: x\nversion: 1\ngeography: Local Authorities\npopulation: {basis: need_share}\n" + comp,
			[]string{"geography: \"Local Authorities\" is not an area type"}},
		{"unknown basis", "name: x\nversion: 1\ngeography: lad\npopulation: {indicator: p, basis: foo}\n" + comp,
			[]string{`population.basis: unknown value "foo" (want per_head, need_weighted_per_head, need_share)`}},
		{"missing population", "name: x\nversion: 1\ngeography: lad\n" + comp, []string{"population.basis: required"}},
		{"population indicator needed", "name: x\nversion: 1\ngeography: lad\npopulation: {basis: per_head}\n",
			[]string{"population.indicator: required for basis per_head"}},
		{"uplift with need_share", "name: x\nversion: 1\ngeography: lad\npopulation: {basis: need_share, need_uplift: 0.2}\n" + comp,
			[]string{"population.need_uplift: only applies to basis per_head"}},
		{"negative uplift", "name: x\nversion: 1\ngeography: lad\npopulation: {indicator: p, basis: per_head, need_uplift: -1}\n" + comp,
			[]string{"population.need_uplift: must be >= 0"}},
		{"no components", head, []string{"components: at least one component is required"}},
		{"components not a list", head + "components: {indicator: a}\n", []string{"components: must be a list, got a mapping"}},
		{"component not a mapping", head + "components:\n  - gdhi\n", []string{"components[0]: must be a mapping"}},
		{"negative weight", head + comp + "  - {indicator: b, transform: rank, weight: 1}\n  - {indicator: c, transform: rank, weight: -2}\n",
			[]string{"components[2].weight: must be >= 0"}},
		{"weight text", head + "components:\n  - {indicator: a, transform: rank, weight: heavy}\n",
			[]string{`components[0].weight: must be a number, got "heavy"`}},
		{"all weights zero", head + "components:\n  - {indicator: a, transform: rank, weight: 0}\n  - {indicator: b, transform: rank, weight: 0}\n",
			[]string{"components: every weight is zero"}},
		{"unknown transform", head + "components:\n  - {indicator: a, transform: sqrt, weight: 1}\n",
			[]string{`components[0].transform: unknown value "sqrt" (want zscore, rank, rank_exponential, log, minmax, none)`}},
		{"missing transform", head + "components:\n  - {indicator: a, weight: 1}\n", []string{"components[0].transform: required"}},
		{"missing indicator", head + "components:\n  - {transform: rank, weight: 1}\n", []string{"components[0].indicator: required"}},
		{"unknown direction", head + "components:\n  - {indicator: a, transform: rank, direction: up, weight: 1}\n",
			[]string{`components[0].direction: unknown value "up"`}},
		{"duplicate component", head + comp + "  - {indicator: a, transform: zscore, weight: 1}\n",
			[]string{"components[1]: repeats components[0]"}},
		{"negative floor", head + comp + "floor: -5\n", []string{"floor: must be >= 0"}},
		{"ceiling above one", head + comp + "ceiling_share: 1.5\n", []string{"ceiling_share: must be > 0 and <= 1"}},
		{"ceiling zero", head + comp + "ceiling_share: 0\n", []string{"ceiling_share: must be > 0 and <= 1"}},
		{"damping without baseline", head + comp + "damping: {max_change: 0.1}\n", []string{"damping.baseline: required"}},
		{"damping without max_change", head + comp + "damping: {baseline: b}\n", []string{"damping.max_change: required"}},
		{"negative max_change", head + comp + "damping: {baseline: b, max_change: -0.1}\n",
			[]string{"damping.max_change: must be >= 0"}},
		{"several problems at once", "name: x\nversion: 1\ngeography: lad\npopulation: {basis: foo}\ncomponents:\n  - {indicator: a, transform: rank, weight: -1}\nfloor: -1\n",
			[]string{"population.basis: unknown value", "components[0].weight: must be >= 0", "floor: must be >= 0"}},
		{"json unknown field", `{"name": "x", "version": 1, "geography": "lad", "population": {"basis": "need_share"},
			"components": [{"indicator": "a", "transform": "rank", "weight": 1, "colour": "red"}]}`,
			[]string{"components[0].colour: unknown field"}},
		{"json duplicate key", `{"name": "x", "name": "y"}`, []string{"name: duplicate key"}},
		{"json weight as string", `{"name": "x", "version": 1, "geography": "lad", "population": {"basis": "need_share"},
			"components": [{"indicator": "a", "transform": "rank", "weight": "1"}]}`,
			[]string{`components[0].weight: must be a number, got "1"`}},
		{"json trailing data", `{"name": "x"} {}`, []string{"not valid JSON"}},
		{"json truncated", `{"name": "x"`, []string{"not valid JSON"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.doc))
			if err == nil {
				t.Fatalf("no error; want %q", tt.want)
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("error %T %v is not a *ValidationError", err, err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\ndoes not contain %q", err, w)
				}
			}
		})
	}
}

func TestValidateZeroWeightsWithWeightsFrom(t *testing.T) {
	doc := "name: x\nversion: 1\ngeography: lad\nweights_from: panel\npopulation: {basis: need_share}\ncomponents:\n  - {indicator: a, transform: rank}\n"
	if _, err := Parse([]byte(doc)); err != nil {
		t.Fatalf("weights may be left out with weights_from: %v", err)
	}
}

// knownIndicators are the ELS ids the examples may use.
var knownIndicators = []string{idGDHI, idGVA, idPay, idEmployment, idInactivity, idLevel3,
	idFemaleHLE, idMaleHLE, idTravel, idWellbeing, idPopulation}

// TestExamples parses and validates every example formula, checks that it
// only names known indicators, and applies it to synthetic places.
func TestExamples(t *testing.T) {
	files, err := filepath.Glob("../../examples/formulas/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"deprivation-index.yaml", "growth-and-productivity.yaml", "per-head-need-uplift.yaml"}
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	if d := cmp.Diff(want, names); d != "" {
		t.Errorf("example files (-want +got):\n%s", d)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			f, err := Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			ids := []string{f.Population.Indicator}
			for _, c := range f.Components {
				ids = append(ids, c.Indicator)
			}
			for _, id := range ids {
				if !slices.Contains(knownIndicators, id) {
					t.Errorf("unknown indicator id %q", id)
				}
			}
			// Apply it: 350 synthetic local authorities, £1bn.
			_, in := synthetic(350, 7, TransformNone, BasisPerHead)
			for i, c := range f.Components {
				src := in.Values[[]string{idGDHI, idEmployment, idLevel3, idFemaleHLE, idTravel}[i%5]]
				in.Values[c.Key()] = src
			}
			in.Population = slices.Clone(in.Population)
			for i := range in.Population {
				in.Population[i] *= 100
			}
			const pot = 1_000_000_000
			r, err := Allocate(f, in, pot)
			if err != nil {
				t.Fatal(err)
			}
			var sum int64
			for _, p := range r.Places {
				sum += p.Allocation
				if f.Floor > 0 && float64(p.Allocation) < f.Floor-1 {
					t.Errorf("%s gets %d, below the floor", p.Code, p.Allocation)
				}
				if f.CeilingShare > 0 && float64(p.Allocation) > f.CeilingShare*pot+1 {
					t.Errorf("%s gets %d, above the ceiling", p.Code, p.Allocation)
				}
			}
			if sum != pot {
				t.Errorf("allocations sum to %d, want %d", sum, pot)
			}
		})
	}
}

// TestRoundTrip: a Formula marshalled by goccy/go-yaml or encoding/json
// parses back to itself, so the struct tags and the schema agree.
func TestRoundTrip(t *testing.T) {
	want, err := Parse([]byte(goodYAML))
	if err != nil {
		t.Fatal(err)
	}
	y, err := yaml.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse(y)
	if err != nil {
		t.Fatalf("%v\n%s", err, y)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("YAML round trip (-want +got):\n%s", d)
	}
	j, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	if got, err = Parse(j); err != nil {
		t.Fatalf("%v\n%s", err, j)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", d)
	}
}
