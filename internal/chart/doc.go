// Package chart draws localup's charts and maps as deterministic, accessible
// SVG: a choropleth and a locator map, a line chart, a beeswarm and a
// spine chart.
//
// Every chart is an <svg> with role="img" (or role="group" for a map whose
// areas take keyboard focus), named by its <title> and described by its
// <desc> through aria-labelledby, and is meant to sit beside an HTML table
// of the same numbers (LineTable returns a line chart's rows). Colour never
// carries meaning alone: judgements also differ by pattern (dots for
// better, hatching for worse, plain for similar) or marker shape, series
// by marker and dash. Every fill and line that carries meaning has a
// contrast of at least 3:1 against white and all text at least 4.5:1.
//
// Only presentation attributes are used, never style attributes or
// <style> elements, so the charts need no 'unsafe-inline' in a Content
// Security Policy; the optional CSS constant adds focus and scaling rules
// for the site's own stylesheet.
//
// Output is a pure function of the input: maps are iterated in sorted order
// and numbers are written with fixed rounding, so the same data always gives
// the same bytes and golden files can pin the output. All text (area names,
// series names, titles) is escaped.
package chart
