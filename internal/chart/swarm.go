package chart

import (
	"fmt"
	"html/template"
	"math"
	"sort"
)

// Dot is one area's value in a beeswarm.
type Dot struct {
	Code  string
	Name  string
	Value float64 // NaN where the area has no value
}

// Reference is a benchmark value drawn as a labelled line, e.g. England.
type Reference struct {
	Label string
	Value float64
}

// SwarmOptions configure a beeswarm.
type SwarmOptions struct {
	Meta
	Format     Format
	XLabel     string      // axis title, e.g. "Median weekly pay (£)"
	Selected   string      // code of the area the page is about
	References []Reference // e.g. England; each a dashed line labelled above the swarm
	Width      float64     // default 640; the height follows from the swarm
	Radius     float64     // dot radius; default 4
}

// Beeswarm draws every area's value as a dot on one axis, dots nudged up
// and down so that none overlap (a greedy swarm, placed in order of value
// then code, so the layout is deterministic). The selected area is a large
// black diamond labelled with its name and value; each reference is a
// labelled dashed line. Areas without a value are left out.
func Beeswarm(dots []Dot, opt SwarmOptions) (template.HTML, error) {
	if err := opt.validate("beeswarm"); err != nil {
		return "", err
	}
	width := opt.Width
	if width <= 0 {
		width = 640
	}
	r := opt.Radius
	if r <= 0 {
		r = 4
	}
	var vals, refs []float64
	var live []Dot
	for _, d := range dots {
		if !math.IsNaN(d.Value) {
			live = append(live, d)
			vals = append(vals, d.Value)
		}
	}
	for _, ref := range opt.References {
		refs = append(refs, ref.Value)
	}
	if len(live) == 0 {
		return "", fmt.Errorf("chart: beeswarm %s: no values", opt.ID)
	}
	sort.Slice(live, func(i, j int) bool {
		if live[i].Value != live[j].Value {
			return live[i].Value < live[j].Value
		}
		return live[i].Code < live[j].Code
	})
	lo, hi := extent(vals, refs)
	ts, dec := ticks(lo, hi, 6)
	left, right := 24.0, width-24
	xs := scale{ts[0], ts[len(ts)-1], left, right}
	x := make([]float64, len(live))
	for i, d := range live {
		x[i] = xs.at(d.Value)
	}
	y := swarm(x, 2*r+1)
	spread := 0.0
	for _, v := range y {
		spread = math.Max(spread, math.Abs(v))
	}

	sel := -1
	for i := range live {
		if opt.Selected != "" && live[i].Code == opt.Selected {
			sel = i
		}
	}
	labels := len(opt.References)
	if sel >= 0 {
		labels++
	}
	top := 10 + 20*float64(labels)
	mid := top + spread + 2.5*r + 4
	axis := mid + spread + 2.5*r + 4
	height := axis + 26
	if opt.XLabel != "" {
		height += 22
	}

	var w svg
	w.start(opt.Meta, "swarm", "img", width, height)
	w.raw(`<g class="lu-axis" font-size="13" fill="`, colSecondary, `">`, "\n")
	w.leaf("line", "x1", num(left), "y1", num(axis), "x2", num(right), "y2", num(axis), "stroke", colSecondary, "stroke-width", "1")
	for _, t := range ts {
		tx := xs.at(t)
		w.leaf("line", "x1", num(tx), "y1", num(axis), "x2", num(tx), "y2", num(axis+5), "stroke", colSecondary, "stroke-width", "1")
		w.text(tx, axis+20, opt.Format.text(t, dec), "text-anchor", "middle")
	}
	if opt.XLabel != "" {
		w.text((left+right)/2, axis+42, opt.XLabel, "text-anchor", "middle")
	}
	w.raw("</g>\n")

	// Labels stack one per row above the swarm, each beside its line and
	// on whichever side keeps it clear of the lines from the rows above.
	row := 0
	var lines []float64
	label := func(lx float64, s string) float64 {
		row++
		ly := 10 + 20*float64(row) - 4
		tw := textWidth(s, 14)
		clear := func(a, b float64) bool {
			if a < 0 || b > width {
				return false
			}
			for _, x := range lines {
				if x > a-3 && x < b+3 {
					return false
				}
			}
			return true
		}
		toRight := lx <= (left+right)/2
		if r, l := clear(lx+5, lx+5+tw), clear(lx-5-tw, lx-5); r != l {
			toRight = r
		}
		x0 := lx + 5
		if !toRight {
			x0 = lx - 5 - tw
		}
		x0 = math.Max(2, math.Min(x0, width-2-tw))
		if !clear(x0, x0+tw) {
			// No side is clear: back the label so lines pass behind it.
			w.leaf("rect", "x", num(x0-2), "y", num(ly-14), "width", num(tw+4), "height", "18", "fill", "#ffffff")
		}
		w.text(x0, ly, s)
		lines = append(lines, lx)
		return ly - 12
	}
	for _, ref := range opt.References {
		rx := xs.at(ref.Value)
		text := ref.Label + ": " + opt.Format.Text(ref.Value)
		ly := label(rx, text)
		w.titled("line", text, "x1", num(rx), "y1", num(ly), "x2", num(rx), "y2", num(axis),
			"stroke", colText, "stroke-width", "1.5", "stroke-dasharray", "5 3")
	}
	w.raw(`<g class="lu-dots" fill="`, colPoint, `" stroke="#ffffff" stroke-width="0.75">`, "\n")
	for i, d := range live {
		if i != sel {
			w.titled("circle", d.Name+": "+opt.Format.Text(d.Value), "cx", num(x[i]), "cy", num(mid+y[i]), "r", num(r))
		}
	}
	w.raw("</g>\n")
	if sel >= 0 {
		d := live[sel]
		text := d.Name + ": " + opt.Format.Text(d.Value)
		ly := label(x[sel], text)
		w.leaf("line", "x1", num(x[sel]), "y1", num(ly), "x2", num(x[sel]), "y2", num(mid+y[sel]), "stroke", colText, "stroke-width", "1")
		w.marker(Diamond, x[sel], mid+y[sel], 1.6*r, text, "fill", colText, "stroke", "#ffffff", "stroke-width", "1.5")
	}
	return w.end(), nil
}

// swarm returns a vertical offset for each of the points at xs (sorted
// ascending) so that no two are closer than d: each point takes the offset
// nearest zero (upwards first on a tie) that clears every point already
// placed within d of it horizontally.
func swarm(xs []float64, d float64) []float64 {
	ys := make([]float64, len(xs))
	start := 0
	cand := make([]float64, 0, 64)
	for i, x := range xs {
		for xs[start] < x-d {
			start++
		}
		cand = append(cand[:0], 0)
		for j := start; j < i; j++ {
			dx := x - xs[j]
			h := math.Sqrt(d*d - dx*dx)
			cand = append(cand, ys[j]-h, ys[j]+h)
		}
		sort.Slice(cand, func(a, b int) bool {
			if math.Abs(cand[a]) != math.Abs(cand[b]) {
				return math.Abs(cand[a]) < math.Abs(cand[b])
			}
			return cand[a] < cand[b]
		})
	next:
		for _, c := range cand {
			for j := start; j < i; j++ {
				dx, dy := x-xs[j], c-ys[j]
				if dx*dx+dy*dy < d*d-1e-6 {
					continue next
				}
			}
			ys[i] = c
			break
		}
	}
	return ys
}
