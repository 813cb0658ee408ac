package formula

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
)

// Transform says how a component's raw indicator values are put on a common
// scale before they are weighted. See the package documentation.
type Transform string

// The transforms a component may use.
const (
	TransformZScore          = Transform("zscore")
	TransformRank            = Transform("rank")
	TransformRankExponential = Transform("rank_exponential")
	TransformLog             = Transform("log")
	TransformMinMax          = Transform("minmax")
	TransformNone            = Transform("none")
)

// Transforms lists every transform in documentation order.
var Transforms = []Transform{TransformZScore, TransformRank, TransformRankExponential,
	TransformLog, TransformMinMax, TransformNone}

// Direction says which end of an indicator means more need.
type Direction string

// Directions. The zero value means "derive it from the indicator's polarity".
const (
	DirectionFromPolarity = Direction("")
	HigherIsMoreNeed      = Direction("higher_is_more_need")
	LowerIsMoreNeed       = Direction("lower_is_more_need")
)

// Basis says how need and population combine into shares of the pot.
type Basis string

// The population bases.
const (
	BasisPerHead             = Basis("per_head")
	BasisNeedWeightedPerHead = Basis("need_weighted_per_head")
	BasisNeedShare           = Basis("need_share")
)

// Bases lists every basis in documentation order.
var Bases = []Basis{BasisPerHead, BasisNeedWeightedPerHead, BasisNeedShare}

// Formula is an allocation formula document. The zero value is not valid;
// build one with Parse or fill it in and call Validate.
type Formula struct {
	Name        string      `json:"name" yaml:"name"`
	Version     int         `json:"version" yaml:"version"`
	Description string      `json:"description,omitempty" yaml:"description,omitempty"`
	Geography   string      `json:"geography" yaml:"geography"`
	Components  []Component `json:"components,omitempty" yaml:"components,omitempty"`
	WeightsFrom string      `json:"weights_from,omitempty" yaml:"weights_from,omitempty"`
	Population  Population  `json:"population" yaml:"population"`
	// Floor is the minimum allocation per place in pounds; 0 means none.
	Floor float64 `json:"floor,omitempty" yaml:"floor,omitempty"`
	// CeilingShare is the maximum share of the pot any place may receive,
	// in (0, 1]; 0 means none.
	CeilingShare float64  `json:"ceiling_share,omitempty" yaml:"ceiling_share,omitempty"`
	Damping      *Damping `json:"damping,omitempty" yaml:"damping,omitempty"`
}

// Component is one weighted indicator in a formula.
type Component struct {
	Indicator string    `json:"indicator" yaml:"indicator"`
	Period    string    `json:"period,omitempty" yaml:"period,omitempty"`
	Transform Transform `json:"transform" yaml:"transform"`
	Direction Direction `json:"direction,omitempty" yaml:"direction,omitempty"`
	Weight    float64   `json:"weight" yaml:"weight"`
}

// Key is the key under which Inputs.Values holds the component's values:
// the indicator id, or "indicator@period" when a period is pinned.
func (c Component) Key() string {
	if c.Period == "" {
		return c.Indicator
	}
	return c.Indicator + "@" + c.Period
}

// Population says which indicator counts people and how population enters
// the allocation.
type Population struct {
	Indicator string `json:"indicator,omitempty" yaml:"indicator,omitempty"`
	Basis     Basis  `json:"basis" yaml:"basis"`
	// NeedUplift applies to basis per_head only: each person counts
	// 1 + NeedUplift × (place's need index ÷ population-weighted average
	// need index), so a place of average need gets (1+NeedUplift) times
	// the per-head rate of a place with no need. 0 means pure per head.
	NeedUplift float64 `json:"need_uplift,omitempty" yaml:"need_uplift,omitempty"`
}

// Damping limits each place's change against a baseline allocation.
type Damping struct {
	Baseline  string  `json:"baseline" yaml:"baseline"`
	MaxChange float64 `json:"max_change" yaml:"max_change"`
}

// Problem is one thing wrong with a formula document, at a field path such
// as "components[2].weight".
type Problem struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	if p.Path == "" {
		return p.Message
	}
	return p.Path + ": " + p.Message
}

// ValidationError lists every problem found in a formula document.
type ValidationError struct {
	Problems []Problem `json:"problems"`
}

// Error joins the problems with "; ".
func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.String()
	}
	return "invalid formula: " + strings.Join(parts, "; ")
}

// Parse reads a formula document. A document whose first non-blank
// character is '{' is read as JSON, anything else as YAML; both follow the
// same schema, unknown fields are errors, and the result is validated. The
// error, if any, is a *ValidationError naming every problem it found.
func Parse(data []byte) (Formula, error) {
	if t := bytes.TrimLeft(data, " \t\r\n\ufeff"); len(t) > 0 && t[0] == '{' {
		return ParseJSON(data)
	}
	return ParseYAML(data)
}

// ParseYAML reads a YAML formula document (see Parse).
func ParseYAML(data []byte) (Formula, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data), yaml.UseOrderedMap())
	var tree any
	if err := dec.Decode(&tree); err != nil {
		if errors.Is(err, io.EOF) {
			return Formula{}, &ValidationError{[]Problem{{"", "empty document"}}}
		}
		return Formula{}, &ValidationError{[]Problem{{"", "not valid YAML: " + oneLine(err.Error())}}}
	}
	var extra any
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return Formula{}, &ValidationError{[]Problem{{"", "more than one YAML document; a formula file holds exactly one"}}}
	}
	return build(tree, true)
}

// ParseJSON reads a JSON formula document (see Parse). Duplicate keys are
// errors, as in YAML.
func ParseJSON(data []byte) (Formula, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tree, err := jsonValue(dec, "")
	if err == nil {
		if _, e := dec.Token(); !errors.Is(e, io.EOF) {
			err = errors.New("unexpected data after the top-level object")
		}
	}
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = errors.New("unexpected end of input")
		}
		return Formula{}, &ValidationError{[]Problem{{"", "not valid JSON: " + err.Error()}}}
	}
	return build(tree, false)
}

// jsonValue reads one JSON value into the same tree shapes the YAML decoder
// produces: yaml.MapSlice for objects, []any, string, json.Number, bool, nil.
func jsonValue(dec *json.Decoder, path string) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			var m yaml.MapSlice
			seen := map[string]bool{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, _ := kt.(string)
				if seen[k] {
					return nil, fmt.Errorf("%s: duplicate key", joinPath(path, k))
				}
				seen[k] = true
				v, err := jsonValue(dec, joinPath(path, k))
				if err != nil {
					return nil, err
				}
				m = append(m, yaml.MapItem{Key: k, Value: v})
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			if m == nil {
				m = yaml.MapSlice{}
			}
			return m, nil
		case '[':
			l := []any{}
			for dec.More() {
				v, err := jsonValue(dec, fmt.Sprintf("%s[%d]", path, len(l)))
				if err != nil {
					return nil, err
				}
				l = append(l, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return l, nil
		}
		return nil, fmt.Errorf("unexpected %v", t)
	default:
		return tok, nil
	}
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func oneLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// decoder turns a generic tree into a Formula, collecting problems.
type decoder struct {
	yaml     bool // YAML decoders leave some numbers (1e6) as strings
	problems []Problem
}

func (d *decoder) add(path, format string, args ...any) {
	d.problems = append(d.problems, Problem{path, fmt.Sprintf(format, args...)})
}

// object is a decoded mapping with its field path.
type object struct {
	path string
	vals map[string]any
}

func (d *decoder) object(path string, v any, allowed ...string) (object, bool) {
	ms, ok := v.(yaml.MapSlice)
	if !ok {
		d.add(path, "must be a mapping (an object), got %s", describe(v))
		return object{}, false
	}
	o := object{path: path, vals: map[string]any{}}
	for _, it := range ms {
		k := fmt.Sprint(it.Key)
		if !slices.Contains(allowed, k) {
			d.add(joinPath(path, k), "unknown field (want one of %s)", strings.Join(allowed, ", "))
			continue
		}
		if it.Value != nil { // null is the same as absent
			o.vals[k] = it.Value
		}
	}
	return o, true
}

func (o object) has(key string) bool { _, ok := o.vals[key]; return ok }

func (d *decoder) str(o object, key string) string {
	v, ok := o.vals[key]
	if !ok {
		return ""
	}
	switch s := v.(type) {
	case string:
		return s
	case uint64:
		return strconv.FormatUint(s, 10) // period: 2023
	case int64:
		return strconv.FormatInt(s, 10)
	}
	d.add(joinPath(o.path, key), "must be a string, got %s", describe(v))
	return ""
}

func (d *decoder) number(o object, key string) float64 {
	v, ok := o.vals[key]
	if !ok {
		return 0
	}
	switch x := v.(type) {
	case uint64:
		return float64(x)
	case int64:
		return float64(x)
	case float64:
		return x
	case json.Number:
		f, err := x.Float64()
		if err == nil {
			return f
		}
	case string:
		if d.yaml {
			if f, err := strconv.ParseFloat(strings.ReplaceAll(x, "_", ""), 64); err == nil {
				return f
			}
		}
	}
	d.add(joinPath(o.path, key), "must be a number, got %s", describe(v))
	return 0
}

func (d *decoder) integer(o object, key string) int {
	v, ok := o.vals[key]
	if !ok {
		return 0
	}
	switch x := v.(type) {
	case uint64:
		if x <= math.MaxInt32 {
			return int(x)
		}
	case int64:
		if x >= math.MinInt32 && x <= math.MaxInt32 {
			return int(x)
		}
	case json.Number:
		if i, err := strconv.ParseInt(string(x), 10, 32); err == nil {
			return int(i)
		}
	}
	d.add(joinPath(o.path, key), "must be a whole number, got %s", describe(v))
	return 0
}

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nothing"
	case string:
		return strconv.Quote(x)
	case bool:
		return strconv.FormatBool(x)
	case yaml.MapSlice:
		return "a mapping"
	case []any:
		return "a list"
	}
	return fmt.Sprint(v)
}

var (
	topFields        = []string{"name", "version", "description", "geography", "components", "weights_from", "population", "floor", "ceiling_share", "damping"}
	componentFields  = []string{"indicator", "period", "transform", "direction", "weight"}
	populationFields = []string{"indicator", "basis", "need_uplift"}
	dampingFields    = []string{"baseline", "max_change"}
)

func build(tree any, isYAML bool) (Formula, error) {
	d := &decoder{yaml: isYAML}
	var f Formula
	top, ok := d.object("", tree, topFields...)
	if ok {
		f.Name = d.str(top, "name")
		f.Version = d.integer(top, "version")
		f.Description = d.str(top, "description")
		f.Geography = d.str(top, "geography")
		f.WeightsFrom = d.str(top, "weights_from")
		if v, ok := top.vals["components"]; ok {
			list, isList := v.([]any)
			if !isList {
				d.add("components", "must be a list, got %s", describe(v))
			}
			for i, item := range list {
				var c Component
				if o, ok := d.object(fmt.Sprintf("components[%d]", i), item, componentFields...); ok {
					c.Indicator = d.str(o, "indicator")
					c.Period = d.str(o, "period")
					c.Transform = Transform(d.str(o, "transform"))
					c.Direction = Direction(d.str(o, "direction"))
					c.Weight = d.number(o, "weight")
					if !o.has("weight") && f.WeightsFrom == "" {
						d.add(o.path+".weight", "required (may be left out only with weights_from)")
					}
				}
				f.Components = append(f.Components, c)
			}
		}
		if v, ok := top.vals["population"]; ok {
			if o, ok := d.object("population", v, populationFields...); ok {
				f.Population.Indicator = d.str(o, "indicator")
				f.Population.Basis = Basis(d.str(o, "basis"))
				f.Population.NeedUplift = d.number(o, "need_uplift")
			}
		}
		f.Floor = d.number(top, "floor")
		if top.has("ceiling_share") {
			f.CeilingShare = d.number(top, "ceiling_share")
			if f.CeilingShare == 0 {
				d.add("ceiling_share", "must be > 0 and <= 1 (leave it out for no ceiling)")
			}
		}
		if v, ok := top.vals["damping"]; ok {
			if o, ok := d.object("damping", v, dampingFields...); ok {
				f.Damping = &Damping{Baseline: d.str(o, "baseline"), MaxChange: d.number(o, "max_change")}
				if !o.has("max_change") {
					d.add("damping.max_change", "required")
				}
			}
		}
	}
	if !ok {
		return f, &ValidationError{d.problems}
	}
	seen := map[string]bool{}
	for _, p := range d.problems {
		seen[p.Path] = true
	}
	if err := f.Validate(); err != nil {
		var ve *ValidationError
		errors.As(err, &ve)
		for _, p := range ve.Problems {
			if !seen[p.Path] {
				d.problems = append(d.problems, p)
			}
		}
	}
	if len(d.problems) > 0 {
		return f, &ValidationError{d.problems}
	}
	return f, nil
}

func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func quoteList[T ~string](vals []T) string {
	s := make([]string, len(vals))
	for i, v := range vals {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}

// Validate checks the formula against the schema and returns a
// *ValidationError listing every problem, or nil.
func (f Formula) Validate() error {
	var ps []Problem
	add := func(path, format string, args ...any) {
		ps = append(ps, Problem{path, fmt.Sprintf(format, args...)})
	}
	if strings.TrimSpace(f.Name) == "" {
		add("name", "required")
	}
	if f.Version < 1 {
		add("version", "must be a whole number >= 1")
	}
	if f.Geography == "" {
		add("geography", "required (an area type such as lad or lsoa)")
	} else if !isIdentifier(f.Geography) {
		add("geography", "%q is not an area type (lower case letters, digits and _, e.g. lad)", f.Geography)
	}
	basis := f.Population.Basis
	switch {
	case basis == "":
		add("population.basis", "required (want %s)", quoteList(Bases))
	case !slices.Contains(Bases, basis):
		add("population.basis", "unknown value %q (want %s)", basis, quoteList(Bases))
	}
	if basis != BasisNeedShare && f.Population.Indicator == "" && slices.Contains(Bases, basis) {
		add("population.indicator", "required for basis %s", basis)
	}
	u := f.Population.NeedUplift
	if !finite(u) || u < 0 {
		add("population.need_uplift", "must be >= 0")
	} else if u != 0 && basis != BasisPerHead && basis != "" {
		add("population.need_uplift", "only applies to basis per_head")
	}
	needUsed := basis != BasisPerHead || u > 0
	if len(f.Components) == 0 && needUsed {
		add("components", "at least one component is required")
	}
	anyWeight := false
	keys := map[string]int{}
	for i, c := range f.Components {
		p := fmt.Sprintf("components[%d]", i)
		if c.Indicator == "" {
			add(p+".indicator", "required")
		} else if j, dup := keys[c.Key()]; dup {
			add(p, "repeats components[%d] (same indicator and period)", j)
		} else {
			keys[c.Key()] = i
		}
		switch {
		case c.Transform == "":
			add(p+".transform", "required (want %s)", quoteList(Transforms))
		case !slices.Contains(Transforms, c.Transform):
			add(p+".transform", "unknown value %q (want %s)", c.Transform, quoteList(Transforms))
		}
		if c.Direction != DirectionFromPolarity && c.Direction != HigherIsMoreNeed && c.Direction != LowerIsMoreNeed {
			add(p+".direction", "unknown value %q (want higher_is_more_need, lower_is_more_need, or leave it out to follow the indicator's polarity)", c.Direction)
		}
		if !finite(c.Weight) || c.Weight < 0 {
			add(p+".weight", "must be >= 0")
		} else if c.Weight > 0 {
			anyWeight = true
		}
	}
	if len(f.Components) > 0 && !anyWeight && f.WeightsFrom == "" {
		add("components", "every weight is zero; at least one must be > 0 (weights need not sum to 1)")
	}
	if f.WeightsFrom != "" && strings.TrimSpace(f.WeightsFrom) == "" {
		add("weights_from", "must name a weight set")
	}
	if !finite(f.Floor) || f.Floor < 0 {
		add("floor", "must be >= 0")
	}
	if !finite(f.CeilingShare) || f.CeilingShare < 0 || f.CeilingShare > 1 {
		add("ceiling_share", "must be > 0 and <= 1")
	}
	if dm := f.Damping; dm != nil {
		if dm.Baseline == "" {
			add("damping.baseline", "required")
		}
		if !finite(dm.MaxChange) || dm.MaxChange < 0 {
			add("damping.max_change", "must be >= 0 (a fraction, e.g. 0.05)")
		}
	}
	if len(ps) > 0 {
		return &ValidationError{ps}
	}
	return nil
}
