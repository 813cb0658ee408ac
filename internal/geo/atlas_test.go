package geo

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/localup/localup/internal/datatest"
)

// dataDir finds the real data: LOCALUP_DATA, or shared/data beside the
// repository. The boundary files are part of the project, so their absence
// fails the test rather than skipping it.
func dataDir(t testing.TB) string { return datatest.Dir(t) }

var (
	atlasOnce sync.Once
	atlas     *Atlas
	atlasErr  error
)

// testAtlas loads the real atlas once for all tests.
func testAtlas(t testing.TB) *Atlas {
	t.Helper()
	dir := dataDir(t)
	atlasOnce.Do(func() { atlas, atlasErr = Load(dir) })
	if atlasErr != nil {
		t.Fatal(atlasErr)
	}
	return atlas
}

func TestLoadLayers(t *testing.T) {
	a := testAtlas(t)
	for _, tc := range []struct {
		kind  Kind
		year  int
		file  string
		areas int
	}{
		{KindLAD, 2023, "lad_2023_uk.geojson", 361},
		{KindLAD, 2024, "lad_2023_uk.geojson", 361},
		{KindLAD, 2022, "lad_2022_uk.geojson", 374},
		{KindLAD, 2015, "lad_2022_uk.geojson", 374},
		{KindRegion, 2023, "rgn_2023_uk.geojson", 12},
	} {
		l := a.Layer(tc.kind, tc.year)
		if l == nil {
			t.Fatalf("Layer(%s, %d) = nil", tc.kind, tc.year)
		}
		if filepath.Base(l.File) != tc.file || len(l.Areas) != tc.areas {
			t.Errorf("Layer(%s, %d) = %s with %d areas, want %s with %d", tc.kind, tc.year, l.File, len(l.Areas), tc.file, tc.areas)
		}
	}
	if got := a.Layer(Kind("nope"), 2023); got != nil {
		t.Errorf("unknown kind gave %s", got.File)
	}
}

func TestHartlepool(t *testing.T) {
	l := testAtlas(t).Layer(KindLAD, 2023)
	h := l.Area("E06000001")
	if h == nil {
		t.Fatal("E06000001 missing")
	}
	if h.Name != "Hartlepool" || !strings.HasPrefix(h.Path, "M") || !strings.HasSuffix(h.Path, "z") || len(h.Path) < 50 {
		t.Errorf("Hartlepool = %q with path %q", h.Name, h.Path)
	}
	if h.Region != "E12000001" {
		t.Errorf("Hartlepool region = %q, want E12000001 (North East)", h.Region)
	}
	// Hartlepool is on the north-east coast: right of centre, upper half.
	if c := h.Centroid; c.X < 250 || c.X > 350 || c.Y < 350 || c.Y > 500 {
		t.Errorf("Hartlepool centroid %v is not in the north east", c)
	}
	if !h.BBox.Overlaps(Rect{h.Centroid, h.Centroid}) || !contains(h.polys, h.Interior) {
		t.Errorf("Hartlepool box %v, centroid %v, interior %v", h.BBox, h.Centroid, h.Interior)
	}
}

func TestEveryArea(t *testing.T) {
	a := testAtlas(t)
	frame := Rect{Point{0, 0}, Point{Width, Height}}
	for _, l := range a.Layers() {
		var total int
		for i, ar := range l.Areas {
			if i > 0 && l.Areas[i-1].Code >= ar.Code {
				t.Errorf("%s: areas not sorted at %s", l.File, ar.Code)
			}
			if ar.Path == "" || !contains(ar.polys, ar.Interior) {
				t.Errorf("%s: %s %s: empty path or interior point outside", l.File, ar.Code, ar.Name)
			}
			if !frame.Overlaps(ar.BBox) || ar.BBox.Min.X < 0 || ar.BBox.Max.X > Width || ar.BBox.Min.Y < 0 || ar.BBox.Max.Y > Height {
				t.Errorf("%s: %s box %v outside the frame", l.File, ar.Code, ar.BBox)
			}
			if l.Kind == KindLAD && ar.Region == "" {
				t.Errorf("%s: %s %s in no region", l.File, ar.Code, ar.Name)
			}
			total += len(ar.Path)
		}
		t.Logf("%s: %d areas, %d bytes of path data", l.File, len(l.Areas), total)
	}
	lads := a.Layer(KindLAD, 2023)
	for region, want := range map[string]int{"E12000007": 33, "W92000004": 22, "S92000003": 32, "N92000002": 11} {
		if got := len(lads.InRegion(region)); got != want {
			t.Errorf("InRegion(%s) = %d areas, want %d", region, got, want)
		}
	}
}

// Neighbours must keep identical borders after simplification, so the
// count of distinct simplified edges used by exactly one area (coast, or a
// border the neighbour simplified differently) must stay near the coast's.
func TestSharedBordersMatch(t *testing.T) {
	l := testAtlas(t).Layer(KindLAD, 2023)
	type edge [2][2]int
	uses := map[edge]int{}
	for _, ar := range l.Areas {
		for _, p := range ar.polys {
			for _, r := range p {
				ts := tenths(r)
				for i := range ts {
					a, b := ts[i], ts[(i+1)%len(ts)]
					if b[0] < a[0] || (b[0] == a[0] && b[1] < a[1]) {
						a, b = b, a
					}
					uses[edge{a, b}]++
				}
			}
		}
	}
	var one, two int
	for _, n := range uses {
		if n == 1 {
			one++
		} else {
			two++
		}
	}
	t.Logf("edges used once %d, shared %d", one, two)
	if two < one/2 {
		t.Errorf("only %d shared edges against %d unshared: neighbours were simplified apart", two, one)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "no boundaries") {
		t.Errorf("empty dir: %v", err)
	}
	if err := os.Mkdir(filepath.Join(dir, "boundaries"), 0o755); err != nil {
		t.Fatal(err)
	}
	bad := `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"areacd":"E06000001","areanm":"Hartlepool"},"geometry":{"type":"Polygon","coordinates":[[[-1.2,54.7],[-1.1,54.7],[-1.1,54.6],[-1.2,54.7]]]}},
{"type":"Feature","properties":{"areacd":"E06000002","areanm":"Middlesbrough"},"geometry":{"type":"Point","coordinates":[-1.2,54.5]}}]}`
	if err := os.WriteFile(filepath.Join(dir, "boundaries", "lad_2023_uk.geojson"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(dir)
	if err == nil || !strings.Contains(err.Error(), "lad_2023_uk.geojson") || !strings.Contains(err.Error(), "feature 1") {
		t.Errorf("bad feature: got %v, want the file and feature 1 named", err)
	}
}

func TestPathData(t *testing.T) {
	polys := [][][]Point{{{{10, 20}, {10.04, 20}, {11.26, 20}, {11.26, 18.5}, {0.3, 18.5}}}}
	if got, want := pathData(polys), "M10 20l1.3 0 0-1.5-11 0z"; got != want {
		t.Errorf("pathData = %q, want %q", got, want)
	}
	var b strings.Builder
	for _, n := range []int{0, 5, -5, 10, 123, -123} {
		writeTenths(&b, n)
		b.WriteByte(',')
	}
	if got, want := b.String(), "0,.5,-.5,1,12.3,-12.3,"; got != want {
		t.Errorf("writeTenths = %q, want %q", got, want)
	}
}
