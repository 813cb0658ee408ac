package chart

import "strings"

// legendItem is one row of a legend: a swatch painted with fill (a colour
// or pattern reference) and a label. An outline item is drawn as a thick
// black frame, the way a highlighted area is drawn.
type legendItem struct {
	label   string
	fill    string
	outline bool
}

// legend writes a vertical legend with its top-left corner at x, y, its
// title wrapped to width, and returns the height it took.
func (w *svg) legend(x, y, width float64, title string, items []legendItem) float64 {
	const row, sw, sh = 24.0, 24.0, 16.0
	w.raw(`<g class="lu-legend">`, "\n")
	h := 0.0
	for _, line := range wrap(title, width, 14) {
		h += 18
		w.text(x, y+h-4, line, "font-weight", "bold")
	}
	if h > 0 {
		h += 6
	}
	for _, it := range items {
		if it.outline {
			w.leaf("rect", "x", num(x+1.5), "y", num(y+h+1.5), "width", num(sw-3), "height", num(sh-3),
				"fill", "#ffffff", "stroke", colHighlight, "stroke-width", "2.5")
		} else {
			w.leaf("rect", "x", num(x), "y", num(y+h), "width", num(sw), "height", num(sh),
				"fill", it.fill, "stroke", colSecondary, "stroke-width", "1")
		}
		w.text(x+sw+8, y+h+sh-3, it.label)
		h += row
	}
	w.raw("</g>\n")
	return h
}

// wrap breaks s into lines no wider than width at the font size.
func wrap(s string, width, size float64) []string {
	var lines []string
	var cur string
	for _, word := range strings.Fields(s) {
		next := word
		if cur != "" {
			next = cur + " " + word
		}
		if cur != "" && textWidth(next, size) > width {
			lines = append(lines, cur)
			next = word
		}
		cur = next
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}
