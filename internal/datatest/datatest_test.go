package datatest

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDir(t *testing.T) {
	dir := Dir(t)
	if !filepath.IsAbs(dir) {
		t.Errorf("Dir = %q, not absolute", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "README.md")); err != nil {
		t.Errorf("no README.md in %s: %v", dir, err)
	}
	// Without LOCALUP_DATA it is found by walking up to shared/data.
	t.Setenv("LOCALUP_DATA", "")
	if got := Dir(t); filepath.Base(got) != "data" || filepath.Base(filepath.Dir(got)) != "shared" {
		t.Errorf("Dir without LOCALUP_DATA = %q", got)
	}
}
