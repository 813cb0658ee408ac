package chart

import (
	"math"
	"strconv"

	"github.com/localup/localup/internal/stats"
)

// Colours, each checked against white by TestContrast: text 4.5:1 or more,
// shapes and lines 3:1 or more.
const (
	colText      = "#0b0c0c" // GOV.UK text
	colSecondary = "#505a5f" // GOV.UK secondary text, axis lines
	colGrid      = "#b1b4b6" // gridlines: a reading aid, not meaning (2:1)
	colNoDataInk = "#6f777b" // hatching of "no data"
	colFocus     = "#ffdd00" // GOV.UK focus colour, used in CSS only
	colHighlight = "#0b0c0c"
	colPoint     = "#1d70b8" // GOV.UK blue
)

// SequentialColours is a five-step blue ramp for quintiles, light to dark.
// Its lightest step still has 3:1 contrast with white; steps are about
// 10 L* apart so that neighbours stay distinguishable for colour-blind
// readers, for whom it is a lightness ramp.
var SequentialColours = [5]string{"#4099cc", "#1f7dbb", "#0062a8", "#004790", "#00306f"}

// Pattern is a texture drawn over a fill so that meaning does not rest on
// colour alone.
type Pattern int

// Patterns. Each is drawn in the style's Ink over its Fill.
const (
	Plain  Pattern = iota
	Dots           // better
	Hatch          // worse: diagonal lines
	HLines         // higher (no judgement): horizontal lines
	VLines         // lower (no judgement): vertical lines
	Grid           // not compared
)

// Style is how a band or judgement is painted.
type Style struct {
	Fill    string // "#rrggbb"
	Pattern Pattern
	Ink     string // colour of the pattern; "" for Plain
}

// Band is one class of a map's legend: its label and paint.
type Band struct {
	Label string
	Style Style
}

// NoDataStyle paints areas without a value: grey hatching on white.
var NoDataStyle = Style{Fill: "#ffffff", Pattern: Hatch, Ink: colNoDataInk}

// QuintileBands returns five bands on the sequential ramp with the given
// labels, lowest first (e.g. "Lowest 20%", ..., "Highest 20%").
func QuintileBands(labels [5]string) []Band {
	out := make([]Band, 5)
	for i, l := range labels {
		out[i] = Band{Label: l, Style: Style{Fill: SequentialColours[i]}}
	}
	return out
}

// Judgement is how an area compares with a benchmark. The values follow
// stats.Comparison, so chart.Judgement(c) converts one (a test holds them
// together).
type Judgement int

// Judgements.
const (
	NotCompared Judgement = iota
	Better
	Similar
	Worse
	Higher
	Lower
)

// String returns the judgement in words, as stats.Comparison writes it.
func (j Judgement) String() string { return stats.Comparison(j).String() }

// Style returns the paint of a judgement: distinct hues (blue, grey,
// orange, dark and light purple) and distinct patterns (dots for better,
// hatching for worse, plain for similar, lines for higher and lower).
func (j Judgement) Style() Style {
	switch j {
	case Better:
		return Style{Fill: "#0072b2", Pattern: Dots, Ink: "#ffffff"}
	case Similar:
		return Style{Fill: "#8a8f93"}
	case Worse:
		return Style{Fill: "#c2410c", Pattern: Hatch, Ink: "#ffffff"}
	case Higher:
		return Style{Fill: "#4c2c92", Pattern: HLines, Ink: "#ffffff"}
	case Lower:
		return Style{Fill: "#7e5fb8", Pattern: VLines, Ink: "#ffffff"}
	}
	return Style{Fill: "#ffffff", Pattern: Grid, Ink: colSecondary}
}

// JudgementBands returns legend bands for the judgements given, labelled
// against a benchmark, e.g. JudgementBands("England", Better, Similar,
// Worse) gives "Better than England", "Similar to England", "Worse than
// England". A map's values then use the index of the judgement in js.
func JudgementBands(benchmark string, js ...Judgement) []Band {
	out := make([]Band, len(js))
	for i, j := range js {
		var l string
		switch j {
		case Similar:
			l = "Similar to " + benchmark
		case NotCompared:
			l = "Not compared"
		default:
			l = capitalise(j.String()) + " than " + benchmark
		}
		out[i] = Band{Label: l, Style: j.Style()}
	}
	return out
}

func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// paint returns the fill attribute value for a style: a colour, or a
// reference to the pattern that defs writes for it under key.
func paint(s Style, id, key string) string {
	if s.Pattern == Plain {
		return s.Fill
	}
	return "url(#" + id + "-" + key + ")"
}

// pattern writes the <pattern> for a style under key (nothing when plain).
// Patterns are 6 user units square so that they show on small areas.
func (w *svg) pattern(s Style, id, key string) {
	if s.Pattern == Plain {
		return
	}
	w.el("pattern", false, "id", id+"-"+key, "width", "6", "height", "6", "patternUnits", "userSpaceOnUse")
	w.el("rect", true, "width", "6", "height", "6", "fill", s.Fill)
	switch s.Pattern {
	case Dots:
		w.el("circle", true, "cx", "3", "cy", "3", "r", "1.4", "fill", s.Ink)
	case Hatch:
		w.el("path", true, "d", "M-1 1l2-2M0 6l6-6M5 7l2-2", "stroke", s.Ink, "stroke-width", "1.5")
	case HLines:
		w.el("rect", true, "y", "2", "width", "6", "height", "1.5", "fill", s.Ink)
	case VLines:
		w.el("rect", true, "x", "2", "width", "1.5", "height", "6", "fill", s.Ink)
	case Grid:
		w.el("path", true, "d", "M3 0v6M0 3h6", "stroke", s.Ink, "stroke-width", "1")
	}
	w.raw("</pattern>\n")
}

// contrast is the WCAG 2 contrast ratio of two "#rrggbb" colours.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(hex string) float64 {
	if len(hex) != 7 || hex[0] != '#' {
		return math.NaN()
	}
	var l float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			return math.NaN()
		}
		c := float64(v) / 255
		if c <= 0.03928 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		l += w * c
	}
	return l
}
