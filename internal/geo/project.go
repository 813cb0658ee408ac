package geo

import "math"

// The fixed frame every layer is drawn in.
const (
	// Width is the width of the map's SVG viewBox.
	Width = 600
	// Height is the height of the map's SVG viewBox.
	Height = 800
	// UnitsPerKm is the map scale: viewBox units per projected kilometre.
	UnitsPerKm = 0.64
)

// Projection parameters: British National Grid's central meridian, a false
// origin south-west of the Isles of Scilly, and a sphere of the Earth's mean
// radius.
const (
	lon0        = -2.0
	lat0        = 49.0
	earthKm     = 6371.0
	originX     = -400.0 // projected km at the left margin
	originY     = 1320.0 // projected km at the top margin (north of Shetland)
	marginUnits = 10.0
)

// Point is a position in the map's viewBox units (x right, y down).
type Point struct{ X, Y float64 }

// Rect is an axis-aligned box in viewBox units.
type Rect struct{ Min, Max Point }

// Dx returns the width of r.
func (r Rect) Dx() float64 { return r.Max.X - r.Min.X }

// Dy returns the height of r.
func (r Rect) Dy() float64 { return r.Max.Y - r.Min.Y }

// Union returns the smallest box holding r and s; an empty r is ignored.
func (r Rect) Union(s Rect) Rect {
	if r.Empty() {
		return s
	}
	if s.Empty() {
		return r
	}
	return Rect{
		Min: Point{math.Min(r.Min.X, s.Min.X), math.Min(r.Min.Y, s.Min.Y)},
		Max: Point{math.Max(r.Max.X, s.Max.X), math.Max(r.Max.Y, s.Max.Y)},
	}
}

// Empty reports whether r is the zero box.
func (r Rect) Empty() bool { return r == Rect{} }

// Overlaps reports whether r and s share any point.
func (r Rect) Overlaps(s Rect) bool {
	return r.Min.X <= s.Max.X && s.Min.X <= r.Max.X && r.Min.Y <= s.Max.Y && s.Min.Y <= r.Max.Y
}

// Project maps WGS84 longitude and latitude in degrees to viewBox units with
// the spherical transverse Mercator described in the package comment.
func Project(lon, lat float64) Point {
	const rad = math.Pi / 180
	l := (lon - lon0) * rad
	p := lat * rad
	b := math.Cos(p) * math.Sin(l)
	x := 0.5 * math.Log((1+b)/(1-b)) * earthKm
	y := (math.Atan2(math.Tan(p), math.Cos(l)) - lat0*rad) * earthKm
	return Point{
		X: marginUnits + (x-originX)*UnitsPerKm,
		Y: marginUnits + (originY-y)*UnitsPerKm,
	}
}
