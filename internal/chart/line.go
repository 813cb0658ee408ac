package chart

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Series is one line of a line chart: an area, England, a region, or the
// mean of similar areas.
type Series struct {
	Name   string
	Values []float64 // one per period; NaN where there is no value (the line breaks)
	Lower  []float64 // optional lower confidence limits, one per period (NaN where absent)
	Upper  []float64 // optional upper confidence limits, as Lower
}

// LineOptions configure a line chart.
type LineOptions struct {
	Meta
	Periods []string // x-axis labels, one per value, oldest first
	Format  Format   // for axis labels and point titles
	YLabel  string   // axis title above the y axis, e.g. "Percentage of adults"
	Zero    bool     // start the y axis at zero (for counts and rates)
	Width   float64  // default 640
	Height  float64  // default 360
}

// lineStyle is how the n-th series is drawn: colour, marker and dash all
// differ, so that no series is told apart by colour alone.
type lineStyle struct {
	colour string
	marker Marker
	dash   string
}

var lineStyles = []lineStyle{
	{"#1d70b8", Circle, ""},
	{"#0b0c0c", Square, "6 3"},
	{"#b45309", Triangle, "2 3"},
	{"#6b21a8", Diamond, "8 3 2 3"},
	{"#00703c", TriangleDown, "4 2"},
	{"#505a5f", Plus, "1 3"},
}

// LineChart draws time series over the same periods. Each series has its
// own colour, marker shape and dash; confidence intervals are translucent
// bands (a whisker for a lone point); a missing value breaks the line. The
// first series is drawn on top, so put the area the page is about first.
func LineChart(series []Series, opt LineOptions) (template.HTML, error) {
	if err := opt.validate("line chart"); err != nil {
		return "", err
	}
	n := len(opt.Periods)
	if len(series) == 0 || n == 0 {
		return "", fmt.Errorf("chart: line chart %s: want at least one series and one period", opt.ID)
	}
	var all [][]float64
	for _, s := range series {
		if len(s.Values) != n || (s.Lower != nil && len(s.Lower) != n) || (s.Upper != nil && len(s.Upper) != n) {
			return "", fmt.Errorf("chart: line chart %s: series %q has %d values (%d lower, %d upper) for %d periods",
				opt.ID, s.Name, len(s.Values), len(s.Lower), len(s.Upper), n)
		}
		all = append(all, s.Values, s.Lower, s.Upper)
	}
	width, height := opt.Width, opt.Height
	if width <= 0 {
		width = 640
	}
	if height <= 0 {
		height = 360
	}
	const pad = 12.0

	// Legend: swatches flowing left to right, wrapping.
	type placed struct{ x, y float64 }
	legend := make([]placed, len(series))
	lx, ly := 10.0, 20.0
	for i, s := range series {
		wd := 34 + textWidth(s.Name, 14)
		if lx > 10 && lx+wd > width-10 {
			lx, ly = 10, ly+24
		}
		legend[i] = placed{lx, ly}
		lx += wd + 20
	}
	top := ly + 16
	if opt.YLabel != "" {
		top += 22
	}
	top += 8

	lo, hi := extent(all...)
	if opt.Zero {
		lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	}
	ts, dec := ticks(lo, hi, 5)
	left := 0.0
	for _, t := range ts {
		left = math.Max(left, textWidth(opt.Format.text(t, dec), 13))
	}
	left += 18
	right := width - 16 - math.Min(textWidth(opt.Periods[n-1], 13)/2, 40)
	bottom := height - 44
	ys := scale{ts[0], ts[len(ts)-1], bottom, top}
	xAt := func(i int) float64 {
		if n == 1 {
			return (left + right) / 2
		}
		return left + pad + float64(i)*(right-left-2*pad)/float64(n-1)
	}

	var w svg
	w.start(opt.Meta, "line", "img", width, height)
	// Legend.
	for i, s := range series {
		st := lineStyles[i%len(lineStyles)]
		p := legend[i]
		w.leaf("line", "x1", num(p.x), "y1", num(p.y-5), "x2", num(p.x+28), "y2", num(p.y-5),
			"stroke", st.colour, "stroke-width", "2", "stroke-dasharray", st.dash)
		w.marker(st.marker, p.x+14, p.y-5, 5, "", "fill", st.colour, "stroke", "#ffffff", "stroke-width", "1")
		w.text(p.x+34, p.y, s.Name)
	}
	if opt.YLabel != "" {
		w.text(10, ly+38, opt.YLabel, "fill", colSecondary)
	}
	// Axes and gridlines.
	w.raw(`<g class="lu-axis" font-size="13" fill="`, colSecondary, `">`, "\n")
	for _, t := range ts {
		y := ys.at(t)
		w.leaf("line", "x1", num(left), "y1", num(y), "x2", num(right), "y2", num(y), "stroke", colGrid, "stroke-width", "1")
		w.text(left-8, y+4.5, opt.Format.text(t, dec), "text-anchor", "end")
	}
	w.leaf("line", "x1", num(left), "y1", num(bottom), "x2", num(right), "y2", num(bottom), "stroke", colSecondary, "stroke-width", "1")
	step := 1.0
	if n > 1 {
		widest := 0.0
		for _, p := range opt.Periods {
			widest = math.Max(widest, textWidth(p, 13))
		}
		step = math.Ceil((widest + 10) / ((right - left - 2*pad) / float64(n-1)))
	}
	k := int(step)
	for i, p := range opt.Periods {
		x := xAt(i)
		w.leaf("line", "x1", num(x), "y1", num(bottom), "x2", num(x), "y2", num(bottom+5), "stroke", colSecondary, "stroke-width", "1")
		if i%k == (n-1)%k {
			w.text(x, bottom+20, p, "text-anchor", "middle")
		}
	}
	w.raw("</g>\n")

	// Confidence intervals under every line.
	for i, s := range series {
		if s.Lower == nil || s.Upper == nil {
			continue
		}
		st := lineStyles[i%len(lineStyles)]
		for _, run := range runs(n, func(j int) bool { return !math.IsNaN(s.Lower[j]) && !math.IsNaN(s.Upper[j]) }) {
			if len(run) == 1 {
				j := run[0]
				x := xAt(j)
				w.leaf("path", "d", "M"+num(x-4)+" "+num(ys.at(s.Upper[j]))+"h8M"+num(x)+" "+num(ys.at(s.Upper[j]))+
					"V"+num(ys.at(s.Lower[j]))+"M"+num(x-4)+" "+num(ys.at(s.Lower[j]))+"h8",
					"stroke", st.colour, "stroke-width", "1.5", "fill", "none")
				continue
			}
			var d strings.Builder
			for k, j := range run {
				d.WriteString(moveOrLine(k) + num(xAt(j)) + " " + num(ys.at(s.Upper[j])))
			}
			for k := len(run) - 1; k >= 0; k-- {
				j := run[k]
				d.WriteString("L" + num(xAt(j)) + " " + num(ys.at(s.Lower[j])))
			}
			d.WriteString("z")
			w.leaf("path", "d", d.String(), "fill", st.colour, "fill-opacity", "0.15", "stroke", "none")
		}
	}
	// Lines and markers, last series first so the first is on top.
	for i := len(series) - 1; i >= 0; i-- {
		s := series[i]
		st := lineStyles[i%len(lineStyles)]
		w.raw(`<g class="lu-series">`, "\n")
		var d strings.Builder
		for _, run := range runs(n, func(j int) bool { return !math.IsNaN(s.Values[j]) }) {
			if len(run) < 2 {
				continue
			}
			for k, j := range run {
				d.WriteString(moveOrLine(k) + num(xAt(j)) + " " + num(ys.at(s.Values[j])))
			}
		}
		if d.Len() > 0 {
			w.leaf("path", "d", d.String(), "fill", "none", "stroke", st.colour, "stroke-width", "2.5",
				"stroke-dasharray", st.dash, "stroke-linejoin", "round")
		}
		for j, v := range s.Values {
			if math.IsNaN(v) {
				continue
			}
			title := s.Name + ", " + opt.Periods[j] + ": " + opt.Format.Text(v)
			if s.Lower != nil && s.Upper != nil {
				if ci := opt.Format.interval(s.Lower[j], s.Upper[j]); ci != "" {
					title += " (95% confidence interval " + ci + ")"
				}
			}
			w.marker(st.marker, xAt(j), ys.at(v), 5, title, "fill", st.colour, "stroke", "#ffffff", "stroke-width", "1.5")
		}
		w.raw("</g>\n")
	}
	return w.end(), nil
}

// runs splits 0..n-1 into maximal runs of consecutive indexes where ok holds.
func runs(n int, ok func(int) bool) [][]int {
	var out [][]int
	var cur []int
	for i := range n {
		if ok(i) {
			cur = append(cur, i)
			continue
		}
		if cur != nil {
			out = append(out, cur)
			cur = nil
		}
	}
	if cur != nil {
		out = append(out, cur)
	}
	return out
}

// LineTable returns a line chart's table: a row per period, a column per
// series (with its confidence interval in a further column when it has one).
func LineTable(series []Series, opt LineOptions) Table {
	t := Table{Caption: opt.Title, Head: []string{"Period"}, Numeric: []bool{false}}
	for _, s := range series {
		t.Head = append(t.Head, s.Name)
		t.Numeric = append(t.Numeric, true)
		if s.Lower != nil && s.Upper != nil {
			t.Head = append(t.Head, s.Name+" 95% confidence interval")
			t.Numeric = append(t.Numeric, true)
		}
	}
	for j, p := range opt.Periods {
		row := []string{p}
		for _, s := range series {
			row = append(row, opt.Format.Text(at(s.Values, j)))
			if s.Lower != nil && s.Upper != nil {
				row = append(row, opt.Format.interval(at(s.Lower, j), at(s.Upper, j)))
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// at returns vs[i], or NaN past its end.
func at(vs []float64, i int) float64 {
	if i < len(vs) {
		return vs[i]
	}
	return math.NaN()
}

// moveOrLine is the path command for the k-th point of a polyline.
func moveOrLine(k int) string {
	if k == 0 {
		return "M"
	}
	return "L"
}
