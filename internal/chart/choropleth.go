package chart

import (
	"fmt"
	"html/template"
	"sort"
	"strconv"

	"github.com/localup/localup/internal/geo"
)

// NoData is the band of an area without a value; areas missing from a
// map's values get it too.
const NoData = -1

// MapValue is one area's value on a map.
type MapValue struct {
	Band int    // index into MapOptions.Bands, or NoData
	Text string // the value as people read it, e.g. "23.4%"
}

// MapOptions configure a choropleth.
type MapOptions struct {
	Meta
	Bands       []Band // legend classes, in legend order
	LegendTitle string // e.g. "Median weekly pay, quintiles"
	NoDataLabel string // legend label for areas without a value; default "No data"
	// Highlight outlines one area (the area a page is about), drawn over
	// its neighbours with a thick black line and named in the legend.
	Highlight string
	// Static leaves areas out of the keyboard order (for a small or
	// repeated map); the map is then one image with role="img".
	Static bool
	// Attribution is the licence line drawn in the corner; default
	// "Contains OS data © Crown copyright and database right".
	Attribution string
}

// DefaultAttribution is the Ordnance Survey acknowledgement the boundary
// licence requires.
const DefaultAttribution = "Contains OS data © Crown copyright and database right"

// Choropleth draws every area of a boundary layer filled by its band.
// Each area is a <path> with class "lu-map-area lu-band-N" (lu-band-none
// without data) and a <title> "Name: value" shown on hover. Unless Static,
// each area is also focusable (tabindex="0", role="img", aria-label
// "Name: value"), in alphabetical order of name so that keyboard users
// meet them in a predictable order, and the root element is a named
// role="group" (an image's children are hidden from assistive technology,
// which would silence the focused area's name). Values for codes the layer
// lacks are ignored; the legend sits in the sea east of Scotland.
func Choropleth(layer *geo.Layer, values map[string]MapValue, opt MapOptions) (template.HTML, error) {
	if err := opt.validate("choropleth"); err != nil {
		return "", err
	}
	if layer == nil {
		return "", fmt.Errorf("chart: choropleth %s: no boundary layer", opt.ID)
	}
	codes := make([]string, 0, len(values))
	for c := range values {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		if b := values[c].Band; b != NoData && (b < 0 || b >= len(opt.Bands)) {
			return "", fmt.Errorf("chart: choropleth %s: area %s has band %d, want 0 to %d or NoData", opt.ID, c, b, len(opt.Bands)-1)
		}
	}
	noData := opt.NoDataLabel
	if noData == "" {
		noData = "No data"
	}
	attribution := opt.Attribution
	if attribution == "" {
		attribution = DefaultAttribution
	}
	areas := append([]*geo.Area(nil), layer.Areas...)
	sort.SliceStable(areas, func(i, j int) bool { return areas[i].Name < areas[j].Name })

	var w svg
	w.b.Grow(len(areas) * 800)
	role := "group"
	if opt.Static {
		role = "img"
	}
	w.start(opt.Meta, "map", role, geo.Width, geo.Height)
	fills := make([]string, len(opt.Bands))
	w.raw("<defs>\n")
	for i, b := range opt.Bands {
		key := "b" + strconv.Itoa(i)
		w.pattern(b.Style, opt.ID, key)
		fills[i] = paint(b.Style, opt.ID, key)
	}
	w.pattern(NoDataStyle, opt.ID, "none")
	noDataFill := paint(NoDataStyle, opt.ID, "none")
	w.raw("</defs>\n")

	w.raw(`<g class="lu-map-areas" stroke="#ffffff" stroke-width="0.4" stroke-linejoin="round" fill-rule="evenodd">`, "\n")
	missing := false
	var highlight *geo.Area
	for _, a := range areas {
		v, ok := values[a.Code]
		if !ok {
			v = MapValue{Band: NoData}
		}
		class, fill, text := "lu-map-area lu-band-none", noDataFill, "no data"
		if v.Band == NoData {
			missing = true
		} else {
			class, fill, text = "lu-map-area lu-band-"+strconv.Itoa(v.Band), fills[v.Band], v.Text
		}
		label := esc(a.Name + ": " + text)
		w.raw(`<path d="`, a.Path, `" class="`, class, `" fill="`, esc(fill), `"`)
		if !opt.Static {
			w.raw(` tabindex="0" role="img" aria-label="`, label, `"`)
		}
		w.raw("><title>", label, "</title></path>\n")
		if a.Code == opt.Highlight {
			highlight = a
		}
	}
	w.raw("</g>\n")
	if highlight != nil {
		w.raw(`<g class="lu-map-highlight" fill="none" stroke-linejoin="round" pointer-events="none" aria-hidden="true">`, "\n")
		w.raw(`<path d="`, highlight.Path, `" stroke="#ffffff" stroke-width="4"/>`, "\n")
		w.raw(`<path d="`, highlight.Path, `" stroke="`, colHighlight, `" stroke-width="2"/>`, "\n")
		w.raw("</g>\n")
	}

	items := make([]legendItem, 0, len(opt.Bands)+2)
	for i, b := range opt.Bands {
		items = append(items, legendItem{label: b.Label, fill: fills[i]})
	}
	if missing {
		items = append(items, legendItem{label: noData, fill: noDataFill})
	}
	if highlight != nil {
		items = append(items, legendItem{label: highlight.Name, outline: true})
	}
	w.legend(330, 20, geo.Width-340, opt.LegendTitle, items)
	w.text(geo.Width-10, geo.Height-8, attribution, "font-size", "11", "text-anchor", "end", "fill", colSecondary)
	return w.end(), nil
}
