package geo

import (
	"math"
	"sort"
)

// ringArea is the signed area of a ring by the shoelace formula.
func ringArea(r []Point) float64 {
	var s float64
	for i := range r {
		j := (i + 1) % len(r)
		s += r[i].X*r[j].Y - r[j].X*r[i].Y
	}
	return s / 2
}

// ringCentroid is the centroid of a ring's enclosed area, or its first
// point when the ring encloses none.
func ringCentroid(r []Point) Point {
	var cx, cy, a float64
	for i := range r {
		j := (i + 1) % len(r)
		c := r[i].X*r[j].Y - r[j].X*r[i].Y
		a += c
		cx += (r[i].X + r[j].X) * c
		cy += (r[i].Y + r[j].Y) * c
	}
	if a == 0 {
		return r[0]
	}
	return Point{cx / (3 * a), cy / (3 * a)}
}

// bounds is the bounding box of polygons.
func bounds(polys [][][]Point) Rect {
	r := Rect{Min: Point{math.Inf(1), math.Inf(1)}, Max: Point{math.Inf(-1), math.Inf(-1)}}
	for _, p := range polys {
		for _, ring := range p {
			for _, q := range ring {
				r.Min.X, r.Min.Y = math.Min(r.Min.X, q.X), math.Min(r.Min.Y, q.Y)
				r.Max.X, r.Max.Y = math.Max(r.Max.X, q.X), math.Max(r.Max.Y, q.Y)
			}
		}
	}
	return r
}

// centroid is the area-weighted centroid of polygons, holes subtracted.
func centroid(polys [][][]Point) Point {
	var sx, sy, sa float64
	for _, p := range polys {
		for i, ring := range p {
			a := math.Abs(ringArea(ring))
			if i > 0 {
				a = -a
			}
			c := ringCentroid(ring)
			sx, sy, sa = sx+c.X*a, sy+c.Y*a, sa+a
		}
	}
	if sa <= 0 {
		return polys[0][0][0]
	}
	return Point{sx / sa, sy / sa}
}

// contains reports whether q lies inside polygons, by the even-odd rule
// that the SVG paths are filled with.
func contains(polys [][][]Point, q Point) bool {
	in := false
	for _, p := range polys {
		for _, r := range p {
			for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
				a, b := r[i], r[j]
				if (a.Y > q.Y) != (b.Y > q.Y) && q.X < (b.X-a.X)*(q.Y-a.Y)/(b.Y-a.Y)+a.X {
					in = !in
				}
			}
		}
	}
	return in
}

// interior returns a point inside polygons: the centroid when it is inside
// (the usual case), otherwise the middle of the widest stretch of the
// horizontal line through the centroid, or through the middle of the
// largest part, that lies inside.
func interior(polys [][][]Point, c Point) Point {
	if contains(polys, c) {
		return c
	}
	if p, ok := widestSpan(polys, c.Y); ok {
		return p
	}
	big := 0
	for i, p := range polys {
		if math.Abs(ringArea(p[0])) > math.Abs(ringArea(polys[big][0])) {
			big = i
		}
	}
	b := bounds(polys[big : big+1])
	if p, ok := widestSpan(polys, (b.Min.Y+b.Max.Y)/2); ok {
		return p
	}
	return c
}

// widestSpan finds the widest run of the line y = const inside polygons.
func widestSpan(polys [][][]Point, y float64) (Point, bool) {
	var xs []float64
	for _, p := range polys {
		for _, r := range p {
			for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
				a, b := r[i], r[j]
				if (a.Y > y) != (b.Y > y) {
					xs = append(xs, (b.X-a.X)*(y-a.Y)/(b.Y-a.Y)+a.X)
				}
			}
		}
	}
	sort.Float64s(xs)
	best, at := 0.0, -1
	for i := 0; i+1 < len(xs); i += 2 {
		if w := xs[i+1] - xs[i]; w > best {
			best, at = w, i
		}
	}
	if at < 0 {
		return Point{}, false
	}
	return Point{(xs[at] + xs[at+1]) / 2, y}, true
}
