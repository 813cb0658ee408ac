package chart

import (
	"fmt"
	"html/template"
	"math"

	"github.com/localup/localup/internal/geo"
)

// LocatorOptions configure a locator map.
type LocatorOptions struct {
	Meta         // Title defaults to "Map showing where <area> is in <region>"
	Size float64 // the longer side in pixels; default 200
}

// Locator draws a small map showing where one area lies: a local authority
// within its region (or nation), or a region within the UK. The area is
// filled GOV.UK blue with a black outline, its region mid grey and the
// regions around it pale grey; an area too small to see is ringed. Paths
// are the atlas's coarse ones when the map is small enough for them. It is
// a single image (role="img").
func Locator(atlas *geo.Atlas, year int, code string, opt LocatorOptions) (template.HTML, error) {
	if atlas == nil {
		return "", fmt.Errorf("chart: locator %s: no atlas", code)
	}
	regions := atlas.Layer(geo.KindRegion, year)
	if regions == nil {
		return "", fmt.Errorf("chart: locator %s: no region boundaries for %d", code, year)
	}
	var area, region *geo.Area
	if lads := atlas.Layer(geo.KindLAD, year); lads != nil {
		area = lads.Area(code)
	}
	if area != nil {
		region = regions.Area(area.Region)
	} else if area = regions.Area(code); area == nil {
		return "", fmt.Errorf("chart: locator: no boundary for %q in %d", code, year)
	}
	view := regions.Bounds
	context := "the United Kingdom"
	if region != nil {
		view, context = region.BBox, region.Name
	}
	if opt.Title == "" {
		opt.Title = "Map showing where " + area.Name + " is in " + context
	}
	if err := opt.validate("locator"); err != nil {
		return "", err
	}
	size := opt.Size
	if size <= 0 {
		size = 200
	}
	pad := 0.05 * math.Max(view.Dx(), view.Dy())
	vx, vy := view.Min.X-pad, view.Min.Y-pad
	vw, vh := view.Dx()+2*pad, view.Dy()+2*pad
	pw, ph := size, size*vh/vw
	if vh > vw {
		pw, ph = size*vw/vh, size
	}
	px := vw / pw // user units per pixel, so lines keep their width in pixels
	var w svg
	w.raw(`<svg xmlns="http://www.w3.org/2000/svg" id="`, esc(opt.ID), `" class="lu-chart lu-chart--locator" viewBox="`,
		num(vx), " ", num(vy), " ", num(vw), " ", num(vh), `" width="`, num(pw), `" height="`, num(ph),
		`" role="img" aria-labelledby="`, esc(opt.ID), `-title`)
	if opt.Desc != "" {
		w.raw(" ", esc(opt.ID), "-desc")
	}
	w.raw(`">`, "\n", `<title id="`, esc(opt.ID), `-title">`, esc(opt.Title), "</title>\n")
	if opt.Desc != "" {
		w.raw(`<desc id="`, esc(opt.ID), `-desc">`, esc(opt.Desc), "</desc>\n")
	}
	pathOf := func(a *geo.Area) string { return a.Path }
	if px >= 2 {
		pathOf = func(a *geo.Area) string { return a.Coarse }
	}
	frame := geo.Rect{Min: geo.Point{X: vx, Y: vy}, Max: geo.Point{X: vx + vw, Y: vy + vh}}
	w.raw(`<g fill-rule="evenodd" stroke-linejoin="round">`, "\n")
	for _, r := range regions.Overlapping(frame) {
		if r == region || r == area {
			continue
		}
		fill := colGrid // regions around a region
		if region != nil {
			fill = "#dee0e2" // regions around the area's own region
		}
		// Context only, drawn under the area's region: coarse paths do.
		w.leaf("path", "d", r.Coarse, "fill", fill, "stroke", "#ffffff", "stroke-width", num(px))
	}
	if region != nil {
		w.leaf("path", "d", pathOf(region), "fill", colGrid, "stroke", colSecondary, "stroke-width", num(px))
	}
	w.leaf("path", "d", pathOf(area), "fill", colPoint, "stroke", colHighlight, "stroke-width", num(1.5*px))
	w.raw("</g>\n")
	if math.Max(area.BBox.Dx(), area.BBox.Dy()) < 8*px {
		// Too small to see at this size: ring it.
		w.leaf("circle", "cx", num(area.Interior.X), "cy", num(area.Interior.Y), "r", num(9*px),
			"fill", "none", "stroke", colHighlight, "stroke-width", num(2*px))
	}
	return w.end(), nil
}
