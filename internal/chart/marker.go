package chart

// Marker is a point shape. Series and judgements differ by shape as well
// as colour, so that they can be told apart without colour vision.
type Marker int

// Markers, in the order series take them.
const (
	Circle Marker = iota
	Square
	Triangle
	Diamond
	TriangleDown
	Plus
)

// markerEl returns the element name and geometry attributes of a marker of
// size r (about the radius; shapes are scaled to look equally heavy)
// centred on x, y.
func markerEl(m Marker, x, y, r float64) (string, []string) {
	pts := func(p ...float64) []string {
		d := "M" + num(x+p[0]*r) + " " + num(y+p[1]*r)
		for i := 2; i+1 < len(p); i += 2 {
			d += "L" + num(x+p[i]*r) + " " + num(y+p[i+1]*r)
		}
		return []string{"d", d + "z"}
	}
	switch m {
	case Square:
		return "rect", []string{"x", num(x - 0.9*r), "y", num(y - 0.9*r), "width", num(1.8 * r), "height", num(1.8 * r)}
	case Triangle:
		return "path", pts(0, -1.25, 1.15, 0.8, -1.15, 0.8)
	case Diamond:
		return "path", pts(0, -1.3, 1.3, 0, 0, 1.3, -1.3, 0)
	case TriangleDown:
		return "path", pts(0, 1.25, 1.15, -0.8, -1.15, -0.8)
	case Plus:
		return "path", pts(-0.4, -1.2, 0.4, -1.2, 0.4, -0.4, 1.2, -0.4, 1.2, 0.4, 0.4, 0.4, 0.4, 1.2, -0.4, 1.2, -0.4, 0.4, -1.2, 0.4, -1.2, -0.4, -0.4, -0.4)
	}
	return "circle", []string{"cx", num(x), "cy", num(y), "r", num(r)}
}

// marker writes a marker with paint attributes and, if title is set, a
// <title> child.
func (w *svg) marker(m Marker, x, y, r float64, title string, attrs ...string) {
	name, geom := markerEl(m, x, y, r)
	all := append(geom, attrs...)
	if title == "" {
		w.leaf(name, all...)
		return
	}
	w.titled(name, title, all...)
}

// judgementMarker is the shape a judgement is drawn with in spine charts.
func judgementMarker(j Judgement) Marker {
	switch j {
	case Better:
		return Circle
	case Similar:
		return Diamond
	case Worse:
		return Square
	case Higher:
		return Triangle
	case Lower:
		return TriangleDown
	}
	return Circle
}
