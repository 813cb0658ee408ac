package snapshot_test

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/snapshot"
	"github.com/localup/localup/internal/stats"
)

func TestSimilarModel(t *testing.T) {
	s := loadProfile(t)
	m, ok := s.SimilarModel(localup.AreaLAD)
	if !ok {
		t.Fatal("no model for local authorities")
	}
	type col struct {
		ID, Period string
		Areas      int
	}
	var got []col
	for _, c := range m.Columns {
		got = append(got, col{c.Indicator.ID, c.Period.Label(), c.Areas})
	}
	// Every fixture indicator is from an els_ release; each is compared
	// in its latest period covering at least 75% of the 13 authorities.
	want := []col{{"smoking", "2022", 12}, {"admissions", "2022", 12}, {"life-expectancy", "2020-22", 13},
		{"median-age", "2022", 12}, {"population", "2022", 13}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("columns (-want +got):\n%s", diff)
	}
	if len(m.Areas) != 13 || len(m.LeftOut) != 0 || !m.Includes("E08000038") || m.Includes("E08000016") {
		t.Errorf("%d areas, %d left out", len(m.Areas), len(m.LeftOut))
	}
	if _, ok := s.SimilarModel(localup.AreaUK); ok {
		t.Error("a model for the UK")
	}
}

func TestSimilar(t *testing.T) {
	s := loadProfile(t)
	q, err := s.ParseSimilarQuery("", nil)
	if err != nil || q.K != snapshot.DefaultK || q.Indicators != nil {
		t.Fatalf("default query %+v, %v", q, err)
	}
	res, err := s.Similar("E06000001", snapshot.SimilarQuery{K: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Neighbours) != 3 || res.Note != "" || !res.Model.Default {
		t.Fatalf("result %+v", res)
	}
	// Nearest first, never the area itself.
	for i, n := range res.Neighbours {
		if n.Area.Code == "E06000001" || i > 0 && n.Distance < res.Neighbours[i-1].Distance {
			t.Errorf("neighbour %d: %s at %v", i, n.Area.Code, n.Distance)
		}
	}
	// The contributions are stats.Contributions' and add up to the
	// squared distance.
	m := res.Model
	rows := make([][]float64, len(m.Areas))
	for i, a := range m.Areas {
		for c := range m.Columns {
			rows[i] = append(rows[i], m.Value(a.Code, c))
		}
	}
	x, err := stats.NewMatrix(rows)
	if err != nil {
		t.Fatal(err)
	}
	self := slices.IndexFunc(m.Areas, func(a localup.Area) bool { return a.Code == "E06000001" })
	for _, n := range res.Neighbours {
		other := slices.IndexFunc(m.Areas, func(a localup.Area) bool { return a.Code == n.Area.Code })
		want, err := stats.Contributions(x, self, other)
		if err != nil {
			t.Fatal(err)
		}
		var sum float64
		for c, got := range n.Contributions {
			w := want[c]
			if got.ZA != w.ZA || got.ZB != w.ZB || got.SquaredDiff != w.SquaredDiff || got.Share != w.Share || got.Missing != w.Missing {
				t.Errorf("%s column %d: got %+v, stats %+v", n.Area.Code, c, got, w)
			}
			sum += got.SquaredDiff
		}
		if math.Abs(math.Sqrt(sum)-n.Distance) > 1e-9 {
			t.Errorf("%s: contributions give %v, distance %v", n.Area.Code, math.Sqrt(sum), n.Distance)
		}
		if len(n.Alike(2)) != 2 || len(n.Different(2)) != 2 || n.Alike(1)[0].SquaredDiff > n.Different(1)[0].SquaredDiff {
			t.Errorf("%s: alike %v different %v", n.Area.Code, n.Alike(2), n.Different(2))
		}
	}
	// The precomputed neighbours are those of a fresh exact scan.
	exact, err := stats.NeighboursOf(x, self, 3)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range exact {
		if res.Neighbours[i].Area.Code != m.Areas[e.Index].Code {
			t.Errorf("neighbour %d: %s, exact scan says %s", i, res.Neighbours[i].Area.Code, m.Areas[e.Index].Code)
		}
	}
	// k is capped by the number of other areas.
	if res, _ := s.Similar("E06000001", snapshot.SimilarQuery{K: 50}); len(res.Neighbours) != 12 {
		t.Errorf("k=50 gave %d", len(res.Neighbours))
	}
}

func TestSimilarCustom(t *testing.T) {
	s := loadProfile(t)
	q, err := s.ParseSimilarQuery("4", []string{"life-expectancy, smoking", "smoking"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(snapshot.SimilarQuery{K: 4, Indicators: []string{"life-expectancy", "smoking"}}, q); diff != "" {
		t.Errorf("query (-want +got):\n%s", diff)
	}
	res, err := s.Similar("E06000001", q)
	if err != nil {
		t.Fatal(err)
	}
	if res.Model.Default || len(res.Model.Columns) != 2 || len(res.Neighbours) != 4 || len(res.Neighbours[0].Contributions) != 2 {
		t.Fatalf("custom result %+v", res)
	}
	// With life expectancy alone, Hartlepool's (55) nearest is Manchester (58).
	res, _ = s.Similar("E06000001", snapshot.SimilarQuery{K: 1, Indicators: []string{"life-expectancy"}})
	if res.Neighbours[0].Area.Name != "Manchester" {
		t.Errorf("nearest on life expectancy: %s", res.Neighbours[0].Area.Name)
	}
}

func TestSimilarErrors(t *testing.T) {
	s := loadProfile(t)
	for _, tt := range []struct {
		k, ind, param string
	}{
		{"0", "", "k "}, {"51", "", "k "}, {"x", "", "k "}, {"1.5", "", "k "},
		{"", "nope", "indicators: "}, {"", "smoking,<b>", "indicators: "},
	} {
		_, err := s.ParseSimilarQuery(tt.k, []string{tt.ind})
		if localup.ErrorCode(err) != localup.EINVALID || !strings.HasPrefix(localup.ErrorMessage(err), tt.param) {
			t.Errorf("ParseSimilarQuery(%q, %q) = %v, want an error about %q", tt.k, tt.ind, err, tt.param)
		}
	}
	if _, err := s.Similar("E06999999", snapshot.SimilarQuery{K: 5}); localup.ErrorCode(err) != localup.ENOTFOUND {
		t.Errorf("unknown area: %v", err)
	}
	// Of the two countries only England has an admissions figure: too few.
	_, err := s.Similar("E92000001", snapshot.SimilarQuery{K: 1, Indicators: []string{"admissions"}})
	if localup.ErrorCode(err) != localup.EINVALID || !strings.Contains(localup.ErrorMessage(err), `"admissions"`) {
		t.Errorf("indicator with too few figures: %v", err)
	}
	// Areas that are not compared get a note, not an error.
	for code, note := range map[string]string{
		"E08000016": "no longer in use",
		"K02000001": "not calculated for united kingdom",
	} {
		res, err := s.Similar(code, snapshot.SimilarQuery{K: 5})
		if err != nil || len(res.Neighbours) != 0 || !strings.Contains(strings.ToLower(res.Note), note) {
			t.Errorf("Similar(%s) = %+v, %v; want a note about %q", code, res, err, note)
		}
	}
}
