package web

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/snapshot"
	"github.com/localup/localup/internal/stats"
)

// Spine chart geometry, in SVG user units.
const (
	spineWidth  = 160
	spineHeight = 24
	spinePad    = 7 // room for the marker at either end
	spineMinN   = 5 // fewer areas than this make no chart
)

// spine is what one spine chart row draws: where an area sits in the
// national distribution of areas of its type, beside its national
// benchmark, in the Fingertips style: worst on the left, best on the
// right (lowest to highest when the indicator has no polarity).
type spine struct {
	Min, P25, P75, Max float64
	N                  int
	TypeName           string // "local authorities"
	Benchmark          float64
	BenchmarkName      string
	Value              float64
	AreaName           string
	Comparison         stats.Comparison // with the benchmark: decides the marker
	Polarity           localup.Polarity
	Format             func(float64) string
}

// markerShape names the area marker's shape for each judgement, so that
// shape, not only colour, carries it; the legend and the table say it in
// words too.
var markerShape = map[stats.Comparison]string{
	stats.Better:      "circle",
	stats.Similar:     "diamond",
	stats.Worse:       "square",
	stats.Higher:      "upward triangle",
	stats.Lower:       "downward triangle",
	stats.NotCompared: "hollow circle",
}

// markerFill is each judgement's colour, from the GOV.UK palette.
var markerFill = map[stats.Comparison]string{
	stats.Better:      "#00703c",
	stats.Similar:     "#ffdd00",
	stats.Worse:       "#d4351c",
	stats.Higher:      "#1d70b8",
	stats.Lower:       "#5694ca",
	stats.NotCompared: "#ffffff",
}

// SVG renders the chart as inline SVG with role="img" and a label that
// says everything it shows. Output is deterministic: the same spine gives
// the same bytes. Colours are presentation attributes, which the
// Content-Security-Policy allows where style attributes are not.
func (sp spine) SVG() template.HTML {
	lo, hi := sp.Min, sp.Max
	x := func(v float64) float64 {
		if hi == lo {
			return spineWidth / 2
		}
		f := (math.Max(lo, math.Min(hi, v)) - lo) / (hi - lo)
		if sp.Polarity == localup.LowerIsBetter {
			f = 1 - f
		}
		return spinePad + f*(spineWidth-2*spinePad)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="app-spine" xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" focusable="false" aria-label="%s">`,
		spineWidth, spineHeight, spineWidth, spineHeight, html.EscapeString(sp.label()))
	rect := func(a, c float64, y, h int, fill string) {
		l, r := math.Min(x(a), x(c)), math.Max(x(a), x(c))
		fmt.Fprintf(&b, `<rect x="%s" y="%d" width="%s" height="%d" fill="%s"/>`, num(l), y, num(math.Max(r-l, 1)), h, fill)
	}
	rect(sp.Min, sp.Max, 8, 8, "#dddddd")
	rect(sp.P25, sp.P75, 8, 8, "#8b8b8b")
	if !math.IsNaN(sp.Benchmark) {
		bx := num(x(sp.Benchmark))
		fmt.Fprintf(&b, `<line x1="%s" y1="3" x2="%s" y2="21" stroke="#0b0c0c" stroke-width="2"/>`, bx, bx)
	}
	if !math.IsNaN(sp.Value) {
		b.WriteString(marker(sp.Comparison, x(sp.Value), spineHeight/2))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// marker draws the area's marker centred at (cx, cy).
func marker(c stats.Comparison, cx, cy float64) string {
	fill := markerFill[c]
	const r = 5.5
	stroke := `stroke="#0b0c0c" stroke-width="1"`
	switch c {
	case stats.Better, stats.NotCompared:
		return fmt.Sprintf(`<circle cx="%s" cy="%s" r="%s" fill="%s" %s/>`, num(cx), num(cy), num(r), fill, stroke)
	case stats.Similar:
		return fmt.Sprintf(`<polygon points="%s" fill="%s" %s/>`, points(cx, cy-r-1, cx+r+1, cy, cx, cy+r+1, cx-r-1, cy), fill, stroke)
	case stats.Worse:
		return fmt.Sprintf(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s" %s/>`, num(cx-r+0.5), num(cy-r+0.5), num(2*r-1), num(2*r-1), fill, stroke)
	case stats.Higher:
		return fmt.Sprintf(`<polygon points="%s" fill="%s" %s/>`, points(cx, cy-r-1, cx+r+1, cy+r, cx-r-1, cy+r), fill, stroke)
	case stats.Lower:
		return fmt.Sprintf(`<polygon points="%s" fill="%s" %s/>`, points(cx-r-1, cy-r, cx+r+1, cy-r, cx, cy+r+1), fill, stroke)
	}
	return ""
}

// legendMarker is one judgement's marker as a small standalone SVG, for the
// key beside the tables.
func legendMarker(c stats.Comparison) template.HTML {
	return template.HTML(`<svg class="app-spine-key" xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">` +
		marker(c, 8, 8) + `</svg>`)
}

// label is the chart's accessible name: the area, its judgement and marker,
// the benchmark, and the distribution's range and middle half.
func (sp spine) label() string {
	f := sp.Format
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", sp.AreaName, f(sp.Value))
	if !math.IsNaN(sp.Benchmark) {
		fmt.Fprintf(&b, ", %s (%s)", snapshot.Judgement(sp.Comparison, sp.BenchmarkName), markerShape[sp.Comparison])
		fmt.Fprintf(&b, "; %s: %s (line)", sp.BenchmarkName, f(sp.Benchmark))
	} else {
		fmt.Fprintf(&b, " (%s)", markerShape[sp.Comparison])
	}
	low, high := "lowest", "highest"
	if sp.Polarity != localup.NoPolarity {
		low, high = "worst", "best"
	}
	first, last := sp.Min, sp.Max
	if sp.Polarity == localup.LowerIsBetter {
		first, last = sp.Max, sp.Min
	}
	fmt.Fprintf(&b, "; %d %s range from %s (%s, left) to %s (%s, right), middle half %s to %s",
		sp.N, sp.TypeName, f(first), low, f(last), high, f(sp.P25), f(sp.P75))
	return b.String()
}

// num writes a coordinate with at most one decimal place, so that output
// is short and stable.
func num(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

func points(xy ...float64) string {
	parts := make([]string, 0, len(xy)/2)
	for i := 0; i+1 < len(xy); i += 2 {
		parts = append(parts, num(xy[i])+","+num(xy[i+1]))
	}
	return strings.Join(parts, " ")
}
