// Package datatest finds the real open data that tests and benchmarks
// read: the folder LOCALUP_DATA names, or shared/data in a folder above
// the working directory (the repository's sibling, as the README lays it
// out). It is the one place that knows where the data lives.
package datatest

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the absolute path of the real data folder, failing t with
// what to set when there is none.
func Dir(t testing.TB) string {
	t.Helper()
	if dir := os.Getenv("LOCALUP_DATA"); dir != "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(abs); err != nil {
			t.Fatalf("LOCALUP_DATA: %v", err)
		}
		return abs
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		cand := filepath.Join(dir, "shared", "data")
		if _, err := os.Stat(filepath.Join(cand, "README.md")); err == nil {
			return cand
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	t.Fatalf("real data not found in shared/data above %s (set LOCALUP_DATA)", wd)
	return ""
}
