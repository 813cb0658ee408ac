package chart

import (
	"fmt"
	"html/template"
	"math"

	"github.com/localup/localup"
)

// SpineData is one indicator for one area against the spread of all areas.
type SpineData struct {
	Name      string // the area
	Value     float64
	Judgement Judgement // how the area compares with the benchmark
	Benchmark Reference // e.g. England; drawn at the centre line
	Min, Q1   float64   // lowest value and 25th percentile of all areas
	Q3, Max   float64   // 75th percentile and highest value
	// Polarity orients the chart: when lower is better the axis is
	// reversed, so that better is always to the right.
	Polarity localup.Polarity
}

// SpineOptions configure a spine chart. Title defaults to a sentence
// giving every number the chart shows.
type SpineOptions struct {
	Meta
	Format Format
	Width  float64 // default 300
	Height float64 // default 28
}

// Spine draws a one-row spine chart, compact enough for a table cell: a
// grey bar from the lowest to the highest area, a dark box from the 25th
// to the 75th percentile, a black line for the benchmark at the centre
// (the scale is symmetric about it, as in OHID's Fingertips), and the
// area's marker, whose shape and paint both say the judgement (circle
// better, diamond similar, square worse, triangles higher or lower).
func Spine(d SpineData, opt SpineOptions) (template.HTML, error) {
	if opt.Title == "" {
		opt.Title = spineSentence(d, opt.Format)
	}
	if err := opt.validate("spine"); err != nil {
		return "", err
	}
	for _, v := range []float64{d.Benchmark.Value, d.Min, d.Q1, d.Q3, d.Max} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return "", fmt.Errorf("chart: spine %s: benchmark, minimum, quartiles and maximum are all required", opt.ID)
		}
	}
	if d.Min > d.Q1 || d.Q1 > d.Q3 || d.Q3 > d.Max {
		return "", fmt.Errorf("chart: spine %s: want min ≤ Q1 ≤ Q3 ≤ max, got %g, %g, %g, %g", opt.ID, d.Min, d.Q1, d.Q3, d.Max)
	}
	width, height := opt.Width, opt.Height
	if width <= 0 {
		width = 300
	}
	if height <= 0 {
		height = 28
	}
	b := d.Benchmark.Value
	half := math.Max(math.Abs(d.Max-b), math.Abs(b-d.Min))
	if half == 0 {
		half = 1
	}
	const margin = 9.0
	dir := 1.0
	if d.Polarity == localup.LowerIsBetter {
		dir = -1
	}
	cx := width / 2
	xAt := func(v float64) float64 { return cx + dir*(v-b)/half*(cx-margin) }
	cy := height / 2
	x0, x1 := math.Min(xAt(d.Min), xAt(d.Max)), math.Max(xAt(d.Min), xAt(d.Max))
	q0, q1 := math.Min(xAt(d.Q1), xAt(d.Q3)), math.Max(xAt(d.Q1), xAt(d.Q3))
	f := opt.Format

	var w svg
	w.start(opt.Meta, "spine", "img", width, height)
	w.titled("rect", "Range of areas: "+f.Text(d.Min)+" to "+f.Text(d.Max), "x", num(x0), "y", num(cy-5), "width", num(x1-x0), "height", "10",
		"fill", colGrid, "stroke", colSecondary, "stroke-width", "1")
	w.titled("rect", "25th to 75th percentile: "+f.Text(d.Q1)+" to "+f.Text(d.Q3), "x", num(q0), "y", num(cy-5), "width", num(q1-q0), "height", "10",
		"fill", colSecondary)
	w.titled("line", d.Benchmark.Label+": "+f.Text(b), "x1", num(cx), "y1", "1", "x2", num(cx), "y2", num(height-1),
		"stroke", colText, "stroke-width", "2")
	if !math.IsNaN(d.Value) {
		st := d.Judgement.Style()
		var defs svg
		defs.pattern(st, opt.ID, "mark")
		if defs.b.Len() > 0 {
			w.raw("<defs>", defs.b.String(), "</defs>\n")
		}
		v := math.Max(d.Min, math.Min(d.Max, d.Value))
		w.marker(judgementMarker(d.Judgement), xAt(v), cy, 6.5, d.Name+": "+f.Text(d.Value)+", "+judgementPhrase(d.Judgement, d.Benchmark.Label),
			"fill", paint(st, opt.ID, "mark"), "stroke", colText, "stroke-width", "1.5")
	}
	return w.end(), nil
}

// judgementPhrase says a judgement against a benchmark in words.
func judgementPhrase(j Judgement, benchmark string) string {
	switch j {
	case Similar:
		return "similar to " + benchmark
	case NotCompared:
		return "not compared with " + benchmark
	}
	return j.String() + " than " + benchmark
}

// spineSentence is a spine chart's default accessible name.
func spineSentence(d SpineData, f Format) string {
	s := d.Name + ": " + f.Text(d.Value)
	if !math.IsNaN(d.Value) {
		s += ", " + judgementPhrase(d.Judgement, d.Benchmark.Label)
	}
	return s + ". " + d.Benchmark.Label + ": " + f.Text(d.Benchmark.Value) +
		". Areas range from " + f.Text(d.Min) + " to " + f.Text(d.Max) +
		", the middle half from " + f.Text(d.Q1) + " to " + f.Text(d.Q3) + "."
}
