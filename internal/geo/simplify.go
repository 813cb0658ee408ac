package geo

import "math"

// Simplification settings, in viewBox units (see the package comment).
const (
	// Tolerance is the Douglas-Peucker tolerance: no simplified border
	// strays further than this from the published one (0.25 units ≈ 400 m).
	Tolerance = 0.25
	// CoarseTolerance is the tolerance of Area.Coarse (1 unit ≈ 1.6 km),
	// under half a pixel on a map drawn at a quarter of full size or less.
	CoarseTolerance = 1.0
	// MinIslandArea is the area, in square units, below which an island
	// belonging to one area only is dropped (0.5 units² ≈ 1.2 km²), unless
	// it is that area's largest part.
	MinIslandArea = 0.5
)

// vertex records which features use a position, so that borders shared by
// several features can be told from coasts and cut into common arcs.
type vertex struct {
	c     lonLat
	p     Point  // the position projected
	count int32  // distinct features using the position
	last  int32  // last feature counted, plus one
	set   uint64 // order-free hash of the features' indexes
}

// topology indexes every position of a layer's features; rings refer to
// positions by their index in verts.
type topology struct {
	verts []vertex
	rings [][][][]int32 // feature, polygon, ring (open), position

	// Scratch space reused by simplifyRing: a topology serves one layer,
	// simplified by one goroutine.
	vs    []*vertex
	keep  []bool
	arc   []*vertex
	pts   []Point
	fixed []int
}

// key packs a position into a map key. The files give 5 decimals, so
// 7-decimal fixed point keeps distinct positions distinct.
func key(c lonLat) uint64 {
	return uint64(uint32(int32(math.Round(c[0]*1e7))))<<32 | uint64(uint32(int32(math.Round(c[1]*1e7))))
}

func newTopology(fs []feature) *topology {
	n := 0
	for _, f := range fs {
		for _, p := range f.polys {
			for _, r := range p {
				n += len(r)
			}
		}
	}
	t := &topology{rings: make([][][][]int32, len(fs)), verts: make([]vertex, 0, n)}
	index := make(map[uint64]int32, n)
	for fi, f := range fs {
		t.rings[fi] = make([][][]int32, len(f.polys))
		for pi, p := range f.polys {
			t.rings[fi][pi] = make([][]int32, len(p))
			for ri, r := range p {
				r = openRing(r)
				ids := make([]int32, len(r))
				for i, c := range r {
					k := key(c)
					id, ok := index[k]
					if !ok {
						id = int32(len(t.verts))
						index[k] = id
						t.verts = append(t.verts, vertex{c: c, p: Project(c[0], c[1])})
					}
					ids[i] = id
					v := &t.verts[id]
					if v.last != int32(fi+1) {
						v.last = int32(fi + 1)
						v.count++
						v.set ^= mix(uint64(fi))
					}
				}
				t.rings[fi][pi][ri] = ids
			}
		}
	}
	return t
}

// mix is splitmix64's finaliser: a well-spread hash of a feature index.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// openRing drops a ring's closing position when it repeats the first.
func openRing(r []lonLat) []lonLat {
	if len(r) > 1 && r[0] == r[len(r)-1] {
		return r[:len(r)-1]
	}
	return r
}

// shared reports whether any position of a ring is used by another feature.
func (t *topology) shared(ring []int32) bool {
	for _, id := range ring {
		if t.verts[id].count > 1 {
			return true
		}
	}
	return false
}

// simplifyRing returns the projected positions of a ring that survive
// Douglas-Peucker at tol, cutting the ring into arcs at topology junctions
// so that a border shared with a neighbour is simplified identically there.
func (t *topology) simplifyRing(ring []int32, tol float64) []Point {
	n := len(ring)
	if n < 3 {
		return nil
	}
	vs := t.vs[:0]
	for _, id := range ring {
		vs = append(vs, &t.verts[id])
	}
	t.vs = vs
	fixed := t.fixed[:0]
	defer func() { t.fixed = fixed[:0] }()
	for i := range n {
		prev, next := vs[(i+n-1)%n], vs[(i+1)%n]
		if vs[i].count >= 3 || vs[i].set != prev.set || vs[i].set != next.set {
			fixed = append(fixed, i)
		}
	}
	if len(fixed) == 0 {
		fixed = anchors(vs)
	}
	keep := append(t.keep[:0], make([]bool, n)...)
	t.keep = keep
	arc, pts := t.arc[:0], t.pts[:0]
	defer func() { t.arc, t.pts = arc[:0], pts[:0] }()
	for k, a := range fixed {
		b := fixed[(k+1)%len(fixed)]
		if b <= a {
			b += n
		}
		arc = arc[:0]
		for i := a; i <= b; i++ {
			arc = append(arc, vs[i%n])
		}
		rev := canonicalReversed(arc)
		pts = pts[:0]
		for j := range arc {
			if rev {
				j = len(arc) - 1 - j
			}
			pts = append(pts, arc[j].p)
		}
		kept := douglasPeucker(pts, tol)
		for j, ok := range kept {
			if ok {
				if rev {
					j = len(kept) - 1 - j
				}
				keep[(a+j)%n] = true
			}
		}
	}
	out := make([]Point, 0, 16)
	for i, ok := range keep {
		if ok {
			out = append(out, vs[i].p)
		}
	}
	return out
}

// anchors picks two positions of a ring that touches no other feature's
// border changes: the least position and the one furthest from it. Both
// depend only on the set of positions, so an enclave and the hole around it
// pick the same anchors whichever way and wherever their rings start.
func anchors(r []*vertex) []int {
	lo := 0
	for i, v := range r {
		if less(v.c, r[lo].c) {
			lo = i
		}
	}
	far, best := -1, -1.0
	for i, v := range r {
		d := math.Hypot(v.c[0]-r[lo].c[0], v.c[1]-r[lo].c[1])
		if d > best || (d == best && less(v.c, r[far].c)) {
			far, best = i, d
		}
	}
	if far == lo {
		return []int{lo}
	}
	if far < lo {
		return []int{far, lo}
	}
	return []int{lo, far}
}

func less(a, b lonLat) bool {
	if a[0] != b[0] {
		return a[0] < b[0]
	}
	return a[1] < b[1]
}

// canonicalReversed reports whether an arc should be walked backwards so
// that the two rings sharing it (which run it in opposite directions) see
// the same sequence and so make the same choices.
func canonicalReversed(arc []*vertex) bool {
	for i, j := 0, len(arc)-1; i < j; i, j = i+1, j-1 {
		if arc[i] != arc[j] {
			return less(arc[j].c, arc[i].c)
		}
	}
	return false
}

// douglasPeucker marks the points of a line to keep: both ends, and every
// point further than tol (in viewBox units) from the simplified line.
func douglasPeucker(pts []Point, tol float64) []bool {
	n := len(pts)
	keep := make([]bool, n)
	keep[0], keep[n-1] = true, true
	tol2 := tol * tol
	stack := [][2]int{{0, n - 1}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		a, b := s[0], s[1]
		best, at := tol2, -1
		for i := a + 1; i < b; i++ {
			if d := segDist2(pts[i], pts[a], pts[b]); d > best {
				best, at = d, i
			}
		}
		if at >= 0 {
			keep[at] = true
			stack = append(stack, [2]int{a, at}, [2]int{at, b})
		}
	}
	return keep
}

// segDist2 is the squared distance from p to the segment a–b.
func segDist2(p, a, b Point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = math.Max(0, math.Min(1, ((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l2))
	}
	ex, ey := a.X+t*dx-p.X, a.Y+t*dy-p.Y
	return ex*ex + ey*ey
}
