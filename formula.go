package localup

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// SavedFormula is one version of an allocation formula document saved
// under a name, so that it can be shared by URL and reproduced later.
// Saving under an existing name adds a version; old versions stay, since a
// published allocation must always be traceable to the exact document that
// produced it.
type SavedFormula struct {
	Name      string // chosen by whoever saved it; untrusted text, stored verbatim
	Version   int    // 1 for the first save of a name, then 2, 3...
	Document  string // the YAML or JSON document exactly as submitted
	CreatedAt time.Time
}

// Limits on saved formulas, checked by ValidateSavedFormula.
const (
	MaxFormulaNameLength     = 100      // characters
	MaxFormulaDocumentLength = 64 << 10 // bytes
)

// ValidateSavedFormula checks a name and document before they are saved:
// the name is 1 to MaxFormulaNameLength characters of printable text with
// no leading or trailing space, and the document is non-empty UTF-8 of at
// most MaxFormulaDocumentLength bytes. Whether the document is a valid
// formula is the formula engine's business, not the store's. It returns an
// EINVALID *Error or nil.
func ValidateSavedFormula(name, document string) error {
	switch {
	case name == "":
		return Errorf(EINVALID, "Enter a name for the formula.")
	case !utf8.ValidString(name) || utf8.RuneCountInString(name) > MaxFormulaNameLength:
		return Errorf(EINVALID, "The formula name must be at most %d characters.", MaxFormulaNameLength)
	case strings.TrimSpace(name) != name:
		return Errorf(EINVALID, "The formula name must not start or end with a space.")
	case strings.IndexFunc(name, func(r rune) bool { return !unicode.IsPrint(r) && r != ' ' }) >= 0:
		return Errorf(EINVALID, "The formula name must not contain control characters.")
	case strings.TrimSpace(document) == "":
		return Errorf(EINVALID, "The formula document is empty.")
	case len(document) > MaxFormulaDocumentLength:
		return Errorf(EINVALID, "The formula document must be at most %d KB.", MaxFormulaDocumentLength>>10)
	case !utf8.ValidString(document):
		return Errorf(EINVALID, "The formula document must be UTF-8 text.")
	}
	return nil
}

// FormulaStore keeps saved formulas. It is separate from Store so that
// stores of evidence alone need not implement it; internal/store's DB
// implements both.
type FormulaStore interface {
	// SaveFormula stores document as the next version of name (1 if the
	// name is new) and returns what was stored. Concurrent saves of one
	// name get distinct versions. EINVALID when ValidateSavedFormula
	// rejects the name or document.
	SaveFormula(ctx context.Context, name, document string) (SavedFormula, error)
	// Formula returns one version of a saved formula, the latest when
	// version is 0. ENOTFOUND when there is no such name or version.
	Formula(ctx context.Context, name string, version int) (SavedFormula, error)
	// FormulaVersions lists every version of name, oldest first; empty
	// (no error) when the name was never saved.
	FormulaVersions(ctx context.Context, name string) ([]SavedFormula, error)
	// Formulas lists the latest version of every saved name, by name.
	Formulas(ctx context.Context) ([]SavedFormula, error)
}
