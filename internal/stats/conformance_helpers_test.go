package stats

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// The conformance tests read the PHEindicatormethods reference data from
// shared/conformance (see its README.md). The folder sits three levels above
// this package; LOCALUP_CONFORMANCE overrides the location. A missing folder
// fails the tests: the checks are mandatory, not optional extras.

const conformanceEnv = "LOCALUP_CONFORMANCE"

// testthatTolerance is testthat edition 3's default tolerance, √(double ε).
const testthatTolerance = 1.4901161193847656e-8

func conformanceDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv(conformanceEnv)
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "conformance")
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		t.Fatalf("conformance data folder %q not found (set %s): %v", dir, conformanceEnv, err)
	}
	return dir
}

// csvTable is a CSV file read into rows keyed by header name.
type csvTable struct {
	name string
	rows []map[string]string
}

func readConformance(t testing.TB, name string) csvTable {
	t.Helper()
	path := filepath.Join(conformanceDir(t), name)
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	if len(recs) < 2 {
		t.Fatalf("%s: no data rows", path)
	}
	head := recs[0]
	tab := csvTable{name: name}
	for _, rec := range recs[1:] {
		row := make(map[string]string, len(head))
		for i, h := range head {
			row[h] = rec[i]
		}
		tab.rows = append(tab.rows, row)
	}
	return tab
}

// num parses a numeric cell; an empty cell is NaN (R's NA).
func num(t testing.TB, row map[string]string, col string) float64 {
	t.Helper()
	s, ok := row[col]
	if !ok {
		t.Fatalf("no column %q", col)
	}
	if s == "" {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("column %q: %v", col, err)
	}
	return v
}

// column collects got/want pairs for one output column of one file so they
// can be judged the way testthat judges a data-frame column.
type column struct {
	name      string
	ids       []string
	got, want []float64
}

func (c *column) add(id string, got, want float64) {
	c.ids = append(c.ids, id)
	c.got = append(c.got, got)
	c.want = append(c.want, want)
}

// check applies two rules. First, testthat edition 3's rule for a numeric
// column (waldo's num_equal): missing values must coincide; over the
// elements that are not exactly equal, the mean absolute difference, divided
// by the mean absolute expected value when that exceeds the tolerance, must be
// below 1.49e-8. Second, a per-value relative check at perValueRel, so that a
// single bad row cannot hide inside a column average.
func (c *column) check(t *testing.T, perValueRel float64) {
	t.Helper()
	if len(c.got) == 0 {
		t.Errorf("%s: no values checked", c.name)
		return
	}
	var sumDiff, sumWant, worst float64
	var nDiff int
	for i := range c.got {
		g, w := c.got[i], c.want[i]
		gm, wm := math.IsNaN(g), math.IsNaN(w)
		if gm != wm {
			t.Errorf("%s %s: got %v, want %v (missingness differs)", c.name, c.ids[i], g, w)
			continue
		}
		if gm || g == w {
			continue
		}
		d := math.Abs(g - w)
		sumDiff += d
		sumWant += math.Abs(w)
		nDiff++
		scale := math.Max(math.Abs(w), 1e-300)
		worst = math.Max(worst, d/scale)
		if d/scale > perValueRel {
			t.Errorf("%s %s: got %.17g, want %.17g (relative difference %.3g > %.3g)", c.name, c.ids[i], g, w, d/scale, perValueRel)
		}
	}
	if nDiff == 0 {
		t.Logf("%s: %d values, all exactly equal", c.name, len(c.got))
		return
	}
	avgDiff := sumDiff / float64(nDiff)
	avgWant := sumWant / float64(nDiff)
	if !math.IsInf(avgWant, 0) && avgWant > testthatTolerance {
		avgDiff /= avgWant
	}
	t.Logf("%s: %d values, %d not bit-identical, worst relative difference %.3g, testthat column difference %.3g", c.name, len(c.got), nDiff, worst, avgDiff)
	if !(avgDiff < testthatTolerance) {
		t.Errorf("%s: testthat column difference %.3g >= %.3g over %d values", c.name, avgDiff, testthatTolerance, nDiff)
	}
}

// columns is an ordered set of named columns for one file.
type columns struct {
	file  string
	order []string
	byKey map[string]*column
}

func newColumns(file string) *columns {
	return &columns{file: file, byKey: map[string]*column{}}
}

func (cs *columns) add(col, id string, got, want float64) {
	c, ok := cs.byKey[col]
	if !ok {
		c = &column{name: fmt.Sprintf("%s[%s]", cs.file, col)}
		cs.byKey[col] = c
		cs.order = append(cs.order, col)
	}
	c.add(id, got, want)
}

func (cs *columns) check(t *testing.T, perValueRel float64) int {
	t.Helper()
	n := 0
	for _, k := range cs.order {
		cs.byKey[k].check(t, perValueRel)
		n += len(cs.byKey[k].got)
	}
	return n
}
