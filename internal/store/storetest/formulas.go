package storetest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/localup/localup"
)

// testFormulas checks saved formulas: versions per name, verbatim text,
// latest-version listing, validation and concurrent saves. Stores that
// do not keep formulas skip it.
func testFormulas(t *testing.T, s localup.Store) {
	fs, ok := s.(localup.FormulaStore)
	if !ok {
		t.Skipf("%T does not implement localup.FormulaStore", s)
	}
	ctx := context.Background()

	t.Run("empty", func(t *testing.T) {
		if got, err := fs.Formulas(ctx); err != nil || len(got) != 0 {
			t.Fatalf("Formulas of an empty store = %v, %v", got, err)
		}
		if got, err := fs.FormulaVersions(ctx, "nothing"); err != nil || len(got) != 0 {
			t.Fatalf("FormulaVersions(nothing) = %v, %v", got, err)
		}
		_, err := fs.Formula(ctx, "nothing", 0)
		wantCode(t, err, localup.ENOTFOUND, "nothing")
	})

	// Untrusted text comes back exactly as it went in: markup, quotes,
	// SQL, spreadsheet formulas, non-ASCII and surrounding blank lines.
	name := `Deprivation <b>"&'</b>; DROP TABLE formulas; -- Ynys Môn`
	doc1 := "\n# =HYPERLINK(\"http://x\")\nname: \"<script>alert(1)</script>\"\nversion: 1\r\n\t\n"
	doc2 := `{"name": "second", "version": 2}`

	t.Run("versions", func(t *testing.T) {
		f1, err := fs.SaveFormula(ctx, name, doc1)
		if err != nil {
			t.Fatal(err)
		}
		diff(t, "first save", localup.SavedFormula{Name: name, Version: 1, Document: doc1, CreatedAt: Clock}, f1)
		f2, err := fs.SaveFormula(ctx, name, doc2)
		if err != nil {
			t.Fatal(err)
		}
		if f2.Version != 2 {
			t.Errorf("second save has version %d, want 2", f2.Version)
		}
		other, err := fs.SaveFormula(ctx, "another", doc1)
		if err != nil || other.Version != 1 {
			t.Fatalf("save another name = %+v, %v; want version 1", other, err)
		}
		// Names are exact: a different case is a different name.
		if upper, err := fs.SaveFormula(ctx, "ANOTHER", doc2); err != nil || upper.Version != 1 {
			t.Fatalf("save ANOTHER = %+v, %v; want version 1", upper, err)
		}

		latest, err := fs.Formula(ctx, name, 0)
		if err != nil {
			t.Fatal(err)
		}
		diff(t, "latest", localup.SavedFormula{Name: name, Version: 2, Document: doc2, CreatedAt: Clock}, latest)
		old, err := fs.Formula(ctx, name, 1)
		if err != nil {
			t.Fatal(err)
		}
		diff(t, "version 1", f1, old)
		_, err = fs.Formula(ctx, name, 3)
		wantCode(t, err, localup.ENOTFOUND, "3")

		versions, err := fs.FormulaVersions(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		diff(t, "versions", []localup.SavedFormula{f1, f2}, versions)

		all, err := fs.Formulas(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range all {
			got = append(got, fmt.Sprintf("%s@%d", f.Name, f.Version))
		}
		diff(t, "Formulas", []string{"ANOTHER@1", name + "@2", "another@1"}, got)
	})

	t.Run("invalid", func(t *testing.T) {
		for _, tt := range []struct{ name, doc, word string }{
			{"", doc2, "name"},
			{" padded", doc2, "space"},
			{"tab\tinside", doc2, "control"},
			{strings.Repeat("n", localup.MaxFormulaNameLength+1), doc2, "100"},
			{"empty document", " \n", "empty"},
			{"huge document", strings.Repeat("x", localup.MaxFormulaDocumentLength+1), "KB"},
			{"not utf-8", "name: \xff", "UTF-8"},
		} {
			_, err := fs.SaveFormula(ctx, tt.name, tt.doc)
			wantCode(t, err, localup.EINVALID, tt.word)
		}
		// A name of exactly the limit, in multi-byte characters, is fine.
		long := strings.Repeat("ô", localup.MaxFormulaNameLength)
		if f, err := fs.SaveFormula(ctx, long, doc2); err != nil || f.Name != long {
			t.Fatalf("save a %d-character name: %+v, %v", localup.MaxFormulaNameLength, f, err)
		}
	})

	t.Run("concurrent", func(t *testing.T) {
		const n = 8
		versions := make([]int, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				f, err := fs.SaveFormula(ctx, "busy", fmt.Sprintf("version: %d", i))
				versions[i], errs[i] = f.Version, err
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("concurrent save %d: %v", i, err)
			}
		}
		slices.Sort(versions)
		diff(t, "concurrent versions", []int{1, 2, 3, 4, 5, 6, 7, 8}, versions)
	})
}
