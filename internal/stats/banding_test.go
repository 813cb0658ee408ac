package stats

import (
	"errors"
	"math"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestConformanceQuantiles checks every row of quantiles.csv. Rows are
// grouped as the R test grouped them (the group column), with nquantiles and
// invert taken from the row.
func TestConformanceQuantiles(t *testing.T) {
	tab := readConformance(t, "quantiles.csv")
	type key struct{ scenario, group string }
	type grp struct {
		rows   []int
		values []float64
		invert bool
		nq     int
	}
	groups := map[key]*grp{}
	var order []key
	for i, r := range tab.rows {
		k := key{r["scenario"], r["group"]}
		g := groups[k]
		nq, err := strconv.Atoi(r["nquantiles"])
		if err != nil {
			t.Fatal(err)
		}
		inv := r["invert"] == "true"
		if g == nil {
			g = &grp{invert: inv, nq: nq}
			groups[k] = g
			order = append(order, k)
		} else if g.invert != inv || g.nq != nq {
			t.Fatalf("%s: group %v mixes settings", r["case_id"], k)
		}
		g.rows = append(g.rows, i)
		g.values = append(g.values, num(t, r, "value"))
	}
	checked, missing := 0, 0
	for _, k := range order {
		g := groups[k]
		got, tooFew, err := AssignQuantiles(g.values, g.nq, g.invert)
		if err != nil {
			t.Fatalf("%v: %v", k, err)
		}
		anyWant := false
		for j, ri := range g.rows {
			r := tab.rows[ri]
			want := 0
			if r["quantile"] != "" {
				want = int(num(t, r, "quantile"))
				anyWant = true
			} else {
				missing++
			}
			if got[j] != want {
				t.Errorf("%s (%s, value %s): quantile %d, want %d", r["case_id"], k.group, r["value"], got[j], want)
			}
			checked++
		}
		if tooFew == anyWant {
			t.Errorf("%v: tooFew = %v but expected quantiles present = %v", k, tooFew, anyWant)
		}
	}
	if checked != 982 || missing != 30 {
		t.Errorf("checked %d rows (%d without a quantile), want 982 (30)", checked, missing)
	}
}

// TestConformanceQuantilesGrouped runs the indicator_region scenario through
// the grouped entry point, with invert derived from the polarity column.
func TestConformanceQuantilesGrouped(t *testing.T) {
	tab := readConformance(t, "quantiles.csv")
	var values []float64
	var groups []string
	var invert []bool
	var want []int
	for _, r := range tab.rows {
		if r["scenario"] != "indicator_region" {
			continue
		}
		values = append(values, num(t, r, "value"))
		groups = append(groups, r["group"])
		var inv bool
		switch r["polarity_in_source"] {
		case "RAG - Low is good", "TRUE (boolean cell)":
			inv = true
		case "RAG - High is good", "FALSE (boolean cell)":
		default:
			t.Fatalf("unknown polarity %q", r["polarity_in_source"])
		}
		invert = append(invert, inv)
		q := 0
		if r["quantile"] != "" {
			q = int(num(t, r, "quantile"))
		}
		want = append(want, q)
	}
	got, _, err := AssignQuantilesGrouped(values, groups, invert, 10)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestAssignQuantilesHandWorked(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name   string
		values []float64
		nq     int
		invert bool
		want   []int
		tooFew bool
	}{
		{"quintiles of 1..10, low first", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 5, false,
			[]int{1, 1, 2, 2, 3, 3, 4, 4, 5, 5}, false},
		{"quintiles of 1..10, inverted", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 5, true,
			[]int{5, 5, 4, 4, 3, 3, 2, 2, 1, 1}, false},
		// Ties take the lowest rank, so both 2s fall in quartile 1 although
		// quartiles would otherwise hold two values each.
		{"ties share a band", []float64{1, 2, 2, 3, 4, 5, 6, 7}, 4, false,
			[]int{1, 1, 1, 2, 3, 3, 4, 4}, false},
		{"missing values are unassigned", []float64{5, nan, 1, 3, nan, 2, 4}, 5, false,
			[]int{5, 0, 1, 3, 0, 2, 4}, false},
		{"too few values", []float64{1, 2, nan}, 4, false, []int{0, 0, 0}, true},
		// ⌊4 − ⌈(8 − r)/(7/3)⌉⌋ for r = 1…7 gives 1,1,1,2,2,3,3: the
		// formula puts the remainder in the lowest band.
		{"unequal sizes: 7 into 3", []float64{10, 20, 30, 40, 50, 60, 70}, 3, false,
			[]int{1, 1, 1, 2, 2, 3, 3}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, tooFew, err := AssignQuantiles(tc.values, tc.nq, tc.invert)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" || tooFew != tc.tooFew {
				t.Errorf("tooFew %v (want %v), bands (-want +got):\n%s", tooFew, tc.tooFew, diff)
			}
		})
	}
}

func TestQuantileBandsPolarity(t *testing.T) {
	v := []float64{10, 20, 30, 40, 50}
	for _, tc := range []struct {
		pol  Polarity
		want []int
	}{
		{HigherIsBetter, []int{1, 2, 3, 4, 5}}, // band 1 = lowest = worst
		{LowerIsBetter, []int{5, 4, 3, 2, 1}},  // band 1 = highest = worst
		{NoPolarity, []int{1, 2, 3, 4, 5}},
	} {
		got, _, err := Quintiles(v, tc.pol)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%v (-want +got):\n%s", tc.pol, diff)
		}
	}
	q4, _, _ := Quartiles([]float64{1, 2, 3, 4, 5, 6, 7, 8}, HigherIsBetter)
	d10, _, _ := Deciles([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, LowerIsBetter)
	if diff := cmp.Diff([]int{1, 1, 2, 2, 3, 3, 4, 4}, q4); diff != "" {
		t.Errorf("quartiles (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, d10); diff != "" {
		t.Errorf("deciles (-want +got):\n%s", diff)
	}
	if _, _, err := QuantileBands(v, 5, Polarity(3)); !errors.Is(err, ErrInvalid) {
		t.Errorf("bad polarity: %v", err)
	}
	if _, _, err := AssignQuantiles(v, 0, false); !errors.Is(err, ErrInvalid) {
		t.Errorf("nq = 0: %v", err)
	}
}
