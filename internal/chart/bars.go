package chart

import (
	"fmt"
	"html/template"
	"math"
	"sort"
	"strings"
)

// MaxBars is the most bars a chart draws; beyond it use a beeswarm.
const MaxBars = 40

// Bar is one area's bar, with an optional confidence interval.
type Bar struct {
	Code  string
	Name  string
	Value float64 // NaN where the area has no value
	Lower float64 // NaN, or the lower confidence limit
	Upper float64 // NaN, or the upper confidence limit
}

// BarOptions configure ranked bars.
type BarOptions struct {
	Meta
	Format     Format
	Selected   string      // code of the area the page is about: black bar, bold name
	References []Reference // e.g. England; dashed lines labelled above the bars
	Width      float64     // default 640; the height follows from the number of bars
}

// Bars draws horizontal bars ranked from the highest value down (ties by
// name), each labelled with the area's name on the left and its value at
// the bar's end, with whiskers for confidence intervals. Areas without a
// value come last, marked "no data".
func Bars(bars []Bar, opt BarOptions) (template.HTML, error) {
	if err := opt.validate("bars"); err != nil {
		return "", err
	}
	if len(bars) == 0 || len(bars) > MaxBars {
		return "", fmt.Errorf("chart: bars %s: %d bars, want 1 to %d", opt.ID, len(bars), MaxBars)
	}
	width := opt.Width
	if width <= 0 {
		width = 640
	}
	rows := rankBars(bars)
	var vals, refs []float64
	nameW, valW := 0.0, 0.0
	for _, b := range rows {
		vals = append(vals, b.Value, b.Lower, b.Upper)
		nameW = math.Max(nameW, textWidth(b.Name, 14))
		valW = math.Max(valW, textWidth(opt.Format.Text(b.Value), 14))
	}
	for _, r := range opt.References {
		refs = append(refs, r.Value)
	}
	nameW = math.Min(nameW, 0.45*width)
	lo, hi := extent(vals, refs)
	lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	ts, dec := ticks(lo, hi, 5)
	left := 10 + nameW + 10
	right := width - valW - 16
	xs := scale{ts[0], ts[len(ts)-1], left, right}
	const row, barH = 28.0, 18.0
	top := 10 + 20*float64(len(opt.References)) + 6
	bottom := top + row*float64(len(rows))
	height := bottom + 30

	var w svg
	w.start(opt.Meta, "bars", "img", width, height)
	w.raw(`<g class="lu-axis" font-size="13" fill="`, colSecondary, `">`, "\n")
	for _, t := range ts {
		x := xs.at(t)
		w.leaf("line", "x1", num(x), "y1", num(top), "x2", num(x), "y2", num(bottom), "stroke", colGrid, "stroke-width", "1")
		w.text(x, bottom+20, opt.Format.text(t, dec), "text-anchor", "middle")
	}
	w.leaf("line", "x1", num(left), "y1", num(bottom), "x2", num(right), "y2", num(bottom), "stroke", colSecondary, "stroke-width", "1")
	w.raw("</g>\n")
	zero := xs.at(0)
	var labels svg // drawn last, over the reference lines
	for i, b := range rows {
		y := top + row*float64(i)
		cy := y + row/2
		fill, weight := colPoint, ""
		if b.Code == opt.Selected && opt.Selected != "" {
			fill, weight = colText, "bold"
		}
		name := b.Name
		for textWidth(name, 14) > nameW && len([]rune(name)) > 2 {
			name = trimLastRune(strings.TrimSuffix(name, "…")) + "…"
		}
		w.text(left-10, cy+5, name, "text-anchor", "end", "font-weight", weight)
		text := b.Name + ": " + opt.Format.Text(b.Value)
		if math.IsNaN(b.Value) {
			labels.text(zero+6, cy+5, "no data", "fill", colSecondary)
			continue
		}
		if ci := opt.Format.interval(b.Lower, b.Upper); ci != "" {
			text += " (95% confidence interval " + ci + ")"
		}
		x0, x1 := math.Min(zero, xs.at(b.Value)), math.Max(zero, xs.at(b.Value))
		w.titled("rect", text, "x", num(x0), "y", num(cy-barH/2), "width", num(x1-x0), "height", num(barH), "fill", fill)
		end := x1
		if !math.IsNaN(b.Lower) && !math.IsNaN(b.Upper) {
			l, u := xs.at(b.Lower), xs.at(b.Upper)
			w.leaf("path", "d", "M"+num(l)+" "+num(cy-5)+"v10M"+num(l)+" "+num(cy)+"H"+num(u)+"M"+num(u)+" "+num(cy-5)+"v10",
				"stroke", colText, "stroke-width", "1.5", "fill", "none")
			end = math.Max(end, math.Max(l, u))
		}
		value := opt.Format.Text(b.Value)
		if b.Value < 0 {
			labels.text(x0-6, cy+5, value, withHalo("text-anchor", "end", "font-weight", weight)...)
			continue
		}
		// Step the value past any reference line it would straddle.
		start := end + 6
		for _, ref := range opt.References {
			if rx := xs.at(ref.Value); rx > start-3 && rx < start+textWidth(value, 14)+3 {
				start = rx + 5
			}
		}
		labels.text(start, cy+5, value, withHalo("font-weight", weight)...)
	}
	for i, r := range opt.References {
		x := xs.at(r.Value)
		ly := 10 + 20*float64(i+1) - 4
		anchor, dx := "start", 5.0
		if x > (left+right)/2 {
			anchor, dx = "end", -5
		}
		label := r.Label + ": " + opt.Format.Text(r.Value)
		w.text(x+dx, ly, label, "text-anchor", anchor)
		w.titled("line", label, "x1", num(x), "y1", num(ly-12), "x2", num(x), "y2", num(bottom),
			"stroke", colText, "stroke-width", "1.5", "stroke-dasharray", "5 3")
	}
	w.raw(labels.b.String())
	return w.end(), nil
}

func trimLastRune(s string) string {
	r := []rune(s)
	return string(r[:len(r)-1])
}

// rankBars orders bars highest first, ties by name then code, bars
// without a value last.
func rankBars(bars []Bar) []Bar {
	out := append([]Bar(nil), bars...)
	sort.SliceStable(out, func(i, j int) bool {
		return rankLess(Dot{out[i].Code, out[i].Name, out[i].Value}, Dot{out[j].Code, out[j].Name, out[j].Value})
	})
	return out
}

// BarTable returns ranked bars' table, in the chart's order.
func BarTable(bars []Bar, opt BarOptions) Table {
	t := Table{Caption: opt.Title, Head: []string{"Rank", "Area", "Value", "95% confidence interval"}, Numeric: []bool{true, false, true, true}}
	for i, b := range rankBars(bars) {
		rank := fmt.Sprint(i + 1)
		if math.IsNaN(b.Value) {
			rank = ""
		}
		t.Rows = append(t.Rows, []string{rank, b.Name, opt.Format.Text(b.Value), opt.Format.interval(b.Lower, b.Upper)})
	}
	return t
}
