package main

import (
	"encoding/csv"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/localup/localup/internal/allocation"
)

// readAllocationCSV parses an allocation CSV and returns its records and
// the sum of its allocation column.
func readAllocationCSV(t *testing.T, text string) ([][]string, int64) {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range recs[0] {
		if h == "allocation" {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("no allocation column in %v", recs[0])
	}
	var sum int64
	for _, r := range recs[1:] {
		n, err := strconv.ParseInt(r[col], 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		sum += n
	}
	return recs, sum
}

// TestAllocateCommand imports the real data and runs allocate with an
// example, a formula file and an .xlsx output.
func TestAllocateCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the full data set")
	}
	data := dataDir(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "localup.db")
	if _, stderr, err := runMain(t, "import", "--db", db, "--data", data, "--log-level", "warn"); err != nil {
		t.Fatalf("import: %v\n%s", err, stderr)
	}

	out := filepath.Join(dir, "allocations.csv")
	stdout, stderr, err := runMain(t, "allocate", "deprivation-index", "--db", db, "--pot", "1500000000", "--out", out)
	if err != nil {
		t.Fatalf("allocate: %v\n%s", err, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	recs, sum := readAllocationCSV(t, string(b))
	if len(recs) != 362 || sum != 1_500_000_000 {
		t.Errorf("%d records summing to %d; want 361 places and the pot", len(recs)-1, sum)
	}
	if got := strings.Join(recs[4][:3], ","); got != "4,E06000009,Blackpool" {
		t.Errorf("fourth place %q", got)
	}
	for _, want := range []string{"Deprivation index (IMD-style) (example)", "£1,500,000,000 to 361 places", "wrote " + out} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}

	// A formula file, CSV to standard output and the summary to standard
	// error; the England-only formula says who was left out.
	ex, _ := allocation.LookupExample("growth-and-productivity")
	file := filepath.Join(dir, "growth.yaml")
	if err := os.WriteFile(file, []byte(ex.Document), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, err = runMain(t, "allocate", file, "--db", db, "--pot", "£1,000,000,000")
	if err != nil {
		t.Fatalf("allocate file: %v\n%s", err, stderr)
	}
	recs, sum = readAllocationCSV(t, stdout)
	if len(recs) != 297 || sum != 1_000_000_000 {
		t.Errorf("%d records summing to %d", len(recs)-1, sum)
	}
	if !strings.Contains(stderr, "65 left out") || !strings.Contains(stderr, "W06000024 Merthyr Tydfil: outside England") {
		t.Errorf("summary does not list the places left out:\n%.600s", stderr)
	}

	xlsx := filepath.Join(dir, "per-head.xlsx")
	if _, stderr, err := runMain(t, "allocate", "per-head-need-uplift", "--db", db, "--pot", "2000000000", "--out", xlsx); err != nil {
		t.Fatalf("allocate xlsx: %v\n%s", err, stderr)
	}
	x, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if rows, err := x.GetRows(allocation.SheetAllocation); err != nil || len(rows) != 362 {
		t.Errorf("XLSX: %d rows, %v", len(rows), err)
	}

	// Problems: no pot, an unknown formula, infeasible constraints.
	_, _, err = runMain(t, "allocate", "deprivation-index", "--db", db)
	if !errors.Is(err, errUsage) {
		t.Errorf("no --pot: %v", err)
	}
	_, _, err = runMain(t, "allocate", "no-such-formula", "--db", db, "--pot", "100")
	if err == nil || !strings.Contains(err.Error(), "no-such-formula") {
		t.Errorf("unknown formula: %v", err)
	}
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte(strings.Replace(ex.Document, "floor: 500000", "floor: 50000000", 1)), 0o644)
	_, _, err = runMain(t, "allocate", bad, "--db", db, "--pot", "1000000000", "--out", filepath.Join(dir, "bad.csv"))
	if err == nil || !strings.Contains(err.Error(), "floor: infeasible") {
		t.Errorf("infeasible floor: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "bad.csv")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed allocation left a file: %v", err)
	}
}

// TestParseInterspersed checks that flags may follow positional
// arguments, and that "--" still ends the flags.
func TestParseInterspersed(t *testing.T) {
	for _, tt := range []struct {
		in        []string
		wantArgs  string
		wantPot   string
		wantError bool
	}{
		{[]string{"formula.yaml", "--pot", "100"}, "formula.yaml", "100", false},
		{[]string{"--pot", "100", "a", "b"}, "a b", "100", false},
		{[]string{"a", "--pot=5", "b", "--out", "x.csv"}, "a b", "5", false},
		{[]string{"a", "--", "--pot", "7"}, "a --pot 7", "", false},
		{[]string{"a", "--nope"}, "", "", true},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		pot := fs.String("pot", "", "")
		fs.String("out", "", "")
		var args []string
		err := parseInterspersed(fs, tt.in, &args)
		if (err != nil) != tt.wantError {
			t.Errorf("%q: error %v", tt.in, err)
			continue
		}
		if err == nil && (strings.Join(args, " ") != tt.wantArgs || *pot != tt.wantPot) {
			t.Errorf("%q: args %q, pot %q; want %q, %q", tt.in, args, *pot, tt.wantArgs, tt.wantPot)
		}
	}
}
