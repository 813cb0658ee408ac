package allocation

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/localup/localup/examples/formulas"
	"github.com/localup/localup/internal/formula"
)

// Example is one of the example formulas built into the binary from
// examples/formulas.
type Example struct {
	ID       string // file name without .yaml, e.g. deprivation-index
	Title    string // the formula's name
	Document string
	Formula  formula.Formula
}

var (
	examplesOnce sync.Once
	examples     []Example
	examplesErr  error
)

// Examples lists the built-in example formulas by ID. Each is parsed once;
// a broken example is a build error, reported by the first call.
func Examples() ([]Example, error) {
	examplesOnce.Do(func() {
		names, err := fs.Glob(formulas.FS, "*.yaml")
		if err != nil {
			examplesErr = err
			return
		}
		slices.Sort(names)
		for _, name := range names {
			b, err := fs.ReadFile(formulas.FS, name)
			if err != nil {
				examplesErr = err
				return
			}
			f, err := formula.Parse(b)
			if err != nil {
				examplesErr = fmt.Errorf("example formula %s: %w", name, err)
				return
			}
			examples = append(examples, Example{ID: strings.TrimSuffix(path.Base(name), ".yaml"),
				Title: f.Name, Document: string(b), Formula: f})
		}
	})
	return examples, examplesErr
}

// LookupExample returns the example with the given ID.
func LookupExample(id string) (Example, bool) {
	exs, err := Examples()
	if err != nil {
		return Example{}, false
	}
	for _, e := range exs {
		if e.ID == id {
			return e, true
		}
	}
	return Example{}, false
}
