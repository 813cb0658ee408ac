package geo

import (
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"sync"
)

// Kind names the geography of a boundary layer.
type Kind string

// Layer kinds, as the boundary files' names start.
const (
	KindLAD    = Kind("lad") // local authority districts of the UK
	KindRegion = Kind("rgn") // English regions, plus Wales, Scotland and Northern Ireland
)

// Atlas holds every boundary layer found in a data directory, projected,
// simplified and ready to draw. It is immutable after Load and safe for
// concurrent use.
type Atlas struct {
	layers []*Layer // by kind, then year
}

// Layer is one vintage of one geography: the areas whose boundaries were
// in force in Year.
type Layer struct {
	Kind   Kind
	Year   int
	File   string  // path relative to the data directory
	Areas  []*Area // sorted by code
	Bounds Rect    // box around every area
	byCode map[string]*Area
}

// Area is one area's boundary, ready to draw in the fixed viewBox.
type Area struct {
	Code     string
	Name     string
	Path     string // SVG path data, fill-rule evenodd, coordinates to 0.1 unit
	Coarse   string // Path simplified at CoarseTolerance, for maps drawn at a quarter of full size or less
	BBox     Rect
	Centroid Point  // area-weighted centroid; may fall outside a crescent or archipelago
	Interior Point  // a point inside the area, for labels and lookups
	Region   string // in a LAD layer, the code of the region-layer area holding it
	polys    [][][]Point
}

// fileName matches the boundary files the atlas reads: lad_2023_uk.geojson.
var fileName = regexp.MustCompile(`^(lad|rgn)_(\d{4})_uk\.geojson$`)

// Load reads every boundaries/{lad,rgn}_YYYY_uk.geojson file under the data
// directory, then projects and simplifies each layer once. Each LAD is
// placed in the region that holds it in the region layer nearest its year.
func Load(dataDir string) (*Atlas, error) {
	paths, err := filepath.Glob(filepath.Join(dataDir, "boundaries", "*_uk.geojson"))
	if err != nil {
		return nil, fmt.Errorf("geo: load %s: %w", dataDir, err)
	}
	var a Atlas
	for _, p := range paths {
		m := fileName.FindStringSubmatch(filepath.Base(p))
		if m == nil {
			continue
		}
		year, _ := strconv.Atoi(m[2])
		a.layers = append(a.layers, &Layer{Kind: Kind(m[1]), Year: year, File: filepath.Join("boundaries", filepath.Base(p))})
	}
	if len(a.layers) == 0 {
		return nil, fmt.Errorf("geo: load %s: no boundaries/{lad,rgn}_YYYY_uk.geojson files", dataDir)
	}
	sort.Slice(a.layers, func(i, j int) bool {
		x, y := a.layers[i], a.layers[j]
		if x.Kind != y.Kind {
			return x.Kind < y.Kind
		}
		return x.Year < y.Year
	})
	errs := make([]error, len(a.layers))
	var wg sync.WaitGroup
	for i, l := range a.layers {
		wg.Go(func() { errs[i] = l.load(filepath.Join(dataDir, l.File)) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	for _, l := range a.layers {
		if l.Kind != KindLAD {
			continue
		}
		rg := a.Layer(KindRegion, l.Year)
		if rg == nil {
			continue
		}
		for _, ar := range l.Areas {
			for _, r := range rg.Areas {
				if r.BBox.Overlaps(Rect{ar.Interior, ar.Interior}) && contains(r.polys, ar.Interior) {
					ar.Region = r.Code
					break
				}
			}
		}
	}
	return &a, nil
}

// load reads, projects and simplifies one layer's file.
func (l *Layer) load(path string) error {
	fs, err := readGeoJSON(path)
	if err != nil {
		return err
	}
	topo := newTopology(fs)
	l.Areas = make([]*Area, len(fs))
	l.byCode = make(map[string]*Area, len(fs))
	for i, f := range fs {
		polys := topo.simplify(i, Tolerance, MinIslandArea)
		coarse := topo.simplify(i, CoarseTolerance, 4*MinIslandArea)
		if len(polys) == 0 || len(coarse) == 0 {
			return fmt.Errorf("geo: %s: feature %d (%q): no polygon survives simplification", path, i, f.code)
		}
		ar := &Area{Code: f.code, Name: f.name, Path: pathData(polys), Coarse: pathData(coarse), polys: polys, BBox: bounds(polys)}
		ar.Centroid = centroid(polys)
		ar.Interior = interior(polys, ar.Centroid)
		l.Areas[i] = ar
		l.byCode[f.code] = ar
		l.Bounds = l.Bounds.Union(ar.BBox)
	}
	sort.Slice(l.Areas, func(i, j int) bool { return l.Areas[i].Code < l.Areas[j].Code })
	return nil
}

// simplify simplifies a feature's polygons, dropping rings that collapse
// and small islands of its own; if nothing is left it keeps its largest
// part at full detail, so that no area ever vanishes from a map.
func (t *topology) simplify(fi int, tol, minIsland float64) [][][]Point {
	var out [][][]Point
	for _, p := range t.rings[fi] {
		outer := t.simplifyRing(p[0], tol)
		if !t.keepRing(p[0], outer, minIsland) {
			continue
		}
		poly := [][]Point{outer}
		for _, h := range p[1:] {
			if hole := t.simplifyRing(h, tol); t.keepRing(h, hole, minIsland) {
				poly = append(poly, hole)
			}
		}
		out = append(out, poly)
	}
	if len(out) > 0 {
		return out
	}
	big, bigArea := -1, 0.0
	for i, p := range t.rings[fi] {
		r := t.simplifyRing(p[0], 0)
		if a := math.Abs(ringArea(r)); len(r) >= 3 && a > bigArea {
			big, bigArea = i, a
		}
	}
	if big < 0 {
		return nil
	}
	return [][][]Point{{t.simplifyRing(t.rings[fi][big][0], 0)}}
}

// keepRing decides whether a simplified ring stays: it must still enclose
// something, and an unshared ring (an island, a lake) must not be tiny.
func (t *topology) keepRing(raw []int32, r []Point, minIsland float64) bool {
	if len(tenths(r)) < 3 {
		return false
	}
	return t.shared(raw) || math.Abs(ringArea(r)) >= minIsland
}

// Layers returns every layer, by kind and then year.
func (a *Atlas) Layers() []*Layer { return a.layers }

// Layer returns the layer of a kind to draw data for a year: the latest
// vintage no later than year, or the earliest vintage when year precedes
// them all. It returns nil when the atlas has no layer of that kind.
func (a *Atlas) Layer(kind Kind, year int) *Layer {
	var pick *Layer
	for _, l := range a.layers {
		if l.Kind != kind {
			continue
		}
		if pick == nil || l.Year <= year {
			pick = l
		}
	}
	return pick
}

// Area returns the area with a code, or nil.
func (l *Layer) Area(code string) *Area { return l.byCode[code] }

// InRegion returns the areas placed in a region, sorted by code.
func (l *Layer) InRegion(region string) []*Area {
	var out []*Area
	for _, a := range l.Areas {
		if a.Region == region {
			out = append(out, a)
		}
	}
	return out
}

// Overlapping returns the areas whose bounding boxes meet r, sorted by code.
func (l *Layer) Overlapping(r Rect) []*Area {
	var out []*Area
	for _, a := range l.Areas {
		if a.BBox.Overlaps(r) {
			out = append(out, a)
		}
	}
	return out
}
