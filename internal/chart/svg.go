package chart

import (
	"fmt"
	"html/template"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Meta names and describes a chart. ID must be unique on the page: it
// prefixes the ids of the chart's <title>, <desc> and patterns.
type Meta struct {
	ID    string // e.g. "pay-map"; letters, digits, '-' and '_', starting with a letter
	Title string // the accessible name, e.g. "Median weekly pay by local authority, 2023"
	Desc  string // one or two sentences saying what the chart shows and where the table is
}

var idPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)

func (m Meta) validate(kind string) error {
	if !idPattern.MatchString(m.ID) {
		return fmt.Errorf("chart: %s: id %q must start with a letter and hold only letters, digits, '-' and '_'", kind, m.ID)
	}
	if strings.TrimSpace(m.Title) == "" {
		return fmt.Errorf("chart: %s %s: a title is required (it is the accessible name)", kind, m.ID)
	}
	return nil
}

// escaper escapes text for XML content and attribute values alike.
var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")

func esc(s string) string { return escaper.Replace(s) }

// num writes a coordinate rounded to 0.1, without a trailing ".0" and
// never as "-0", so output is stable across platforms.
func num(x float64) string {
	r := math.Round(x*10) / 10
	if r == 0 || math.IsNaN(r) {
		return "0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// svg builds a chart's markup.
type svg struct{ b strings.Builder }

// start opens the root element and writes the title and description. role
// is "img" for a picture read as a whole, "group" when parts take focus.
func (w *svg) start(m Meta, kind, role string, width, height float64) {
	w.raw(`<svg xmlns="http://www.w3.org/2000/svg" id="`, esc(m.ID), `" class="lu-chart lu-chart--`, kind,
		`" viewBox="0 0 `, num(width), " ", num(height), `" width="`, num(width), `" height="`, num(height),
		`" role="`, role, `" aria-labelledby="`, esc(m.ID), `-title`)
	if m.Desc != "" {
		w.raw(" ", esc(m.ID), "-desc")
	}
	w.raw(`" font-family="arial, sans-serif" font-size="14" fill="`, colText, `">`, "\n")
	w.raw(`<title id="`, esc(m.ID), `-title">`, esc(m.Title), "</title>\n")
	if m.Desc != "" {
		w.raw(`<desc id="`, esc(m.ID), `-desc">`, esc(m.Desc), "</desc>\n")
	}
}

// end closes the root element and returns the markup.
func (w *svg) end() template.HTML {
	w.raw("</svg>\n")
	return template.HTML(w.b.String())
}

// raw writes trusted markup.
func (w *svg) raw(s ...string) {
	for _, x := range s {
		w.b.WriteString(x)
	}
}

// el writes <name a="v" ...> (or .../> when selfClose) with escaped values;
// attributes with empty values are left out.
func (w *svg) el(name string, selfClose bool, attrs ...string) {
	w.b.WriteByte('<')
	w.b.WriteString(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i+1] == "" {
			continue
		}
		w.b.WriteByte(' ')
		w.b.WriteString(attrs[i])
		w.b.WriteString(`="`)
		w.b.WriteString(esc(attrs[i+1]))
		w.b.WriteByte('"')
	}
	if selfClose {
		w.b.WriteString("/>")
	} else {
		w.b.WriteByte('>')
	}
}

// leaf writes a self-closing element on its own line.
func (w *svg) leaf(name string, attrs ...string) {
	w.el(name, true, attrs...)
	w.b.WriteByte('\n')
}

// titled writes an element whose <title> child shows text on hover.
func (w *svg) titled(name, title string, attrs ...string) {
	w.el(name, false, attrs...)
	w.raw("<title>", esc(title), "</title></", name, ">\n")
}

// text writes a <text> element with escaped content.
func (w *svg) text(x, y float64, s string, attrs ...string) {
	w.el("text", false, append([]string{"x", num(x), "y", num(y)}, attrs...)...)
	w.raw(esc(s), "</text>\n")
}

// textWidth estimates the rendered width of s in Arial at size px: charts
// lay text out without a browser, so the estimate errs on the wide side.
func textWidth(s string, size float64) float64 {
	var em float64
	for _, r := range s {
		switch {
		case r == ' ' || r == '.' || r == ',' || r == 'i' || r == 'l' || r == 'j' || r == '\'' || r == 'I' || r == 'f' || r == 't':
			em += 0.3
		case r == 'm' || r == 'w' || r == 'M' || r == 'W':
			em += 0.85
		case r >= 'A' && r <= 'Z':
			em += 0.68
		default:
			em += 0.56
		}
	}
	return em * size
}
