package missions

import (
	"encoding/csv"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/localup/localup/internal/datatest"
)

// The catalogue's metric IDs must be the IDs internal/importer produces,
// and each must carry the mission the importer gives it. Rather than copy
// the importer's alias tables (which would drift), this test reads them
// from the importer's source and replays its rules over the real data
// files:
//
//   - els_2024/indicators-lookup.csv: code is the ID; the mission comes
//     from ids-indicator-catalogue.csv, via missionAliases (meta.go).
//   - lu_missions_ids/m<NN>_<slug>_<m>_<yyyy>.csv: idsAliases[slug] or the
//     slug is the ID (ids.go); NN is the mission.
//   - els_current: the IDs in the elsCurrent(...) maps (elscurrent.go),
//     classified through the catalogue like els_2024.

// dataDir finds the real open data: LOCALUP_DATA, or shared/data in a
// folder above the working directory.
func dataDir(t *testing.T) string { return datatest.Dir(t) }

// importerSource parses one file of internal/importer.
func importerSource(t *testing.T, name string) *ast.File {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), filepath.Join("..", "importer", name), nil, 0)
	if err != nil {
		t.Fatalf("parse importer source: %v", err)
	}
	return f
}

func unquote(t *testing.T, e ast.Expr) string {
	t.Helper()
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		t.Fatalf("expected a string literal, got %T", e)
	}
	s, err := strconv.Unquote(lit.Value)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// mapLiteral returns the string-to-string map literal in composite lit.
func mapLiteral(t *testing.T, lit *ast.CompositeLit) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			t.Fatalf("map literal element %T", el)
		}
		m[unquote(t, kv.Key)] = unquote(t, kv.Value)
	}
	return m
}

// packageVar returns the value expression of the package-level var name.
func packageVar(t *testing.T, f *ast.File, name string) ast.Expr {
	t.Helper()
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR {
			continue
		}
		for _, s := range g.Specs {
			vs := s.(*ast.ValueSpec)
			for i, n := range vs.Names {
				if n.Name == name && i < len(vs.Values) {
					return vs.Values[i]
				}
			}
		}
	}
	t.Fatalf("var %s not found in the importer source", name)
	return nil
}

func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	head[0] = strings.TrimPrefix(head[0], "\ufeff")
	var rows []map[string]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		row := map[string]string{}
		for i, h := range head {
			if i < len(rec) {
				row[h] = rec[i]
			}
		}
		rows = append(rows, row)
	}
}

// importerMissions returns every indicator ID the importer produces from
// the mission-bearing datasets, with the mission it gives each (0 for
// none).
func importerMissions(t *testing.T) map[string]int {
	t.Helper()
	dir := dataDir(t)
	ids := importerSource(t, "ids.go")
	idsAliases := mapLiteral(t, packageVar(t, ids, "idsAliases").(*ast.CompositeLit))
	call := packageVar(t, ids, "idsName").(*ast.CallExpr)
	idsName := regexp.MustCompile(unquote(t, call.Args[0]))
	missionAliases := mapLiteral(t, packageVar(t, importerSource(t, "meta.go"), "missionAliases").(*ast.CompositeLit))

	catalogue := map[string]int{}
	for _, row := range readCSV(t, filepath.Join(dir, "lu_missions_ids", "ids-indicator-catalogue.csv")) {
		if n, ok := strings.CutPrefix(row["mission"], "Mission "); ok {
			v, err := strconv.Atoi(n)
			if err != nil {
				t.Fatalf("catalogue mission %q", row["mission"])
			}
			catalogue[row["dataset_dir"]] = v
		}
	}
	classify := func(id string) int {
		if a, ok := missionAliases[id]; ok {
			return catalogue[a]
		}
		return catalogue[id]
	}

	got := map[string]int{}
	add := func(id string, mission int) {
		if prev, ok := got[id]; ok && prev != 0 && mission != 0 && prev != mission {
			t.Errorf("indicator %q gets mission %d from one dataset and %d from another", id, prev, mission)
		}
		if mission != 0 || got[id] == 0 {
			got[id] = mission
		}
	}
	for _, row := range readCSV(t, filepath.Join(dir, "els_2024", "indicators-lookup.csv")) {
		add(row["code"], classify(row["code"]))
	}
	entries, err := os.ReadDir(filepath.Join(dir, "lu_missions_ids"))
	if err != nil {
		t.Fatal(err)
	}
	files := 0
	for _, e := range entries {
		m := idsName.FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		files++
		mission, _ := strconv.Atoi(m[1])
		id := m[2]
		if a, ok := idsAliases[id]; ok {
			id = a
		}
		add(id, mission)
	}
	if files < 15 {
		t.Errorf("found %d IDS files in %s, want the 16 the data README lists", files, dir)
	}
	ast.Inspect(importerSource(t, "elscurrent.go"), func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if fn, ok := c.Fun.(*ast.Ident); ok && fn.Name == "elsCurrent" && len(c.Args) > 0 {
			if lit, ok := c.Args[len(c.Args)-1].(*ast.CompositeLit); ok {
				for _, id := range mapLiteral(t, lit) {
					add(id, classify(id))
				}
			}
		}
		return true
	})
	return got
}

func TestMetricsAreTheImportersMissionIndicators(t *testing.T) {
	produced := importerMissions(t)
	for _, m := range All() {
		want := []string{}
		for id, n := range produced {
			if n == m.Number {
				want = append(want, id)
			}
		}
		got := m.MetricIDs()
		for _, id := range got {
			if _, ok := produced[id]; !ok {
				t.Errorf("mission %d: metric %q is not an indicator the importer produces", m.Number, id)
			}
		}
		slices.Sort(want)
		slices.Sort(got)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("mission %d: metrics differ from the indicators the importer tags with it (-importer +catalogue):\n%s", m.Number, diff)
		}
	}
}

func TestGreaterSouthEast(t *testing.T) {
	names := map[string]string{}
	for _, row := range readCSV(t, filepath.Join(dataDir(t), "els_2024", "areas.csv")) {
		names[row["areacd"]] = row["areanm"]
	}
	var got []string
	for _, c := range GreaterSouthEast() {
		got = append(got, names[c])
	}
	slices.Sort(got)
	if diff := cmp.Diff([]string{"East of England", "London", "South East"}, got); diff != "" {
		t.Errorf("GreaterSouthEast names (-want +got):\n%s", diff)
	}
}
