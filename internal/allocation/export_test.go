package allocation_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/localup/localup/internal/allocation"
)

func TestSafeCell(t *testing.T) {
	for in, want := range map[string]string{
		"":                         "",
		"Blackpool":                "Blackpool",
		"=HYPERLINK(\"http://x\")": "'=HYPERLINK(\"http://x\")",
		"+1":                       "'+1",
		"-2+3":                     "'-2+3",
		"@SUM(A1)":                 "'@SUM(A1)",
		"\t=1":                     "'\t=1",
		"a=b":                      "a=b",
	} {
		if got := allocation.SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestExports writes a real allocation as CSV and XLSX and reads both
// back: a header and one row per place in need-rank order, pounds that
// sum to the pot, and text that no spreadsheet would evaluate.
func TestExports(t *testing.T) {
	svc, _ := realService(t)
	f := example(t, "per-head-need-uplift")
	f.Name = "=HYPERLINK(\"http://evil.example\",\"click\")"
	run, err := svc.Allocate(context.Background(), f, pot)
	if err != nil {
		t.Fatal(err)
	}
	n := len(run.Result.Places)

	var buf bytes.Buffer
	if err := run.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != n+1 {
		t.Fatalf("%d CSV records, want %d", len(recs), n+1)
	}
	header := recs[0]
	if diff := cmp.Diff(run.Header(), header); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	col := func(name string) int {
		for i, h := range header {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	var total int64
	for i, rec := range recs[1:] {
		a, err := strconv.ParseInt(rec[col("allocation")], 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		total += a
		if rec[col("need_rank")] != strconv.Itoa(i+1) {
			t.Fatalf("row %d has need rank %s", i+1, rec[col("need_rank")])
		}
	}
	if total != pot {
		t.Errorf("CSV allocations sum to %d, want %d", total, pot)
	}
	if recs[1][col("area_code")] != "E06000001" || recs[1][col("area_name")] != "Hartlepool" {
		t.Errorf("first row %v", recs[1][:3])
	}

	buf.Reset()
	if err := run.WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("XLSX does not open: %v", err)
	}
	defer x.Close()
	if diff := cmp.Diff([]string{allocation.SheetAllocation, allocation.SheetAbout}, x.GetSheetList()); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
	rows, err := x.GetRows(allocation.SheetAllocation)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != n+1 || rows[1][1] != "E06000001" {
		t.Fatalf("%d XLSX rows, want %d; first %v", len(rows), n+1, rows[1])
	}
	total = 0
	for r := 2; r <= n+1; r++ {
		ref, _ := excelize.CoordinatesToCellName(col("allocation")+1, r)
		v, err := x.GetCellValue(allocation.SheetAllocation, ref, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		a, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			t.Fatalf("allocation cell %s = %q is not a whole number", ref, v)
		}
		total += a
	}
	if total != pot {
		t.Errorf("XLSX allocations sum to %d", total)
	}
	// The formula's name is stored as text exactly as given, not as a
	// formula.
	if v, _ := x.GetCellValue(allocation.SheetAbout, "B1"); v != f.Name {
		t.Errorf("About!B1 = %q, want the name verbatim", v)
	}
	if ft, _ := x.GetCellFormula(allocation.SheetAbout, "B1"); ft != "" {
		t.Errorf("About!B1 became a formula: %q", ft)
	}
	if typ, _ := x.GetCellType(allocation.SheetAbout, "B1"); typ == excelize.CellTypeFormula {
		t.Error("About!B1 has formula type")
	}
}
