package allocation

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"strings"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/formula"
)

// Source says where a formula comes from: exactly one of a built-in
// example, a saved formula (a name and a version, 0 for the latest) or
// the document itself.
type Source struct {
	Example  string
	Name     string
	Version  int
	Document string
}

// IsZero reports whether no formula was chosen.
func (s Source) IsZero() bool { return s.Example == "" && s.Name == "" && s.Document == "" }

// Query encodes the source as URL parameters: example=ID,
// formula=NAME&version=N, or document=TEXT. These are the parameters
// SourceFromQuery reads, so a page's address reproduces it.
func (s Source) Query() url.Values {
	q := url.Values{}
	switch {
	case s.Example != "":
		q.Set("example", s.Example)
	case s.Name != "":
		q.Set("formula", s.Name)
		if s.Version > 0 {
			q.Set("version", strconv.Itoa(s.Version))
		}
	case s.Document != "":
		q.Set("document", s.Document)
	}
	return q
}

// MaxQueryDocument bounds a document passed in a URL, which must fit in a
// request line; longer documents should be saved and shared by name.
const MaxQueryDocument = 16 << 10

// SourceFromQuery reads a Source from URL parameters (see Query). A zero
// Source and no error means none was given. Documents that are only
// white space count as none.
func SourceFromQuery(q url.Values) (Source, error) {
	s := Source{Example: strings.TrimSpace(q.Get("example")), Name: q.Get("formula"), Document: q.Get("document")}
	if strings.TrimSpace(s.Document) == "" {
		s.Document = ""
	}
	if len(s.Document) > MaxQueryDocument {
		return Source{}, invalidf("document: a formula in the address can be at most %d KB; save it and share it by name", MaxQueryDocument>>10)
	}
	if v := q.Get("version"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return Source{}, invalidf("version: %q is not a version number (1, 2, 3...)", v)
		}
		if s.Name == "" {
			return Source{}, invalidf("version: a version needs a formula name")
		}
		s.Version = n
	}
	return s, nil
}

// Resolved is a parsed formula and where it came from.
type Resolved struct {
	// Source pins the version of a saved formula, so that links made
	// from it keep showing this version after a newer one is saved.
	Source   Source
	Document string
	Formula  formula.Formula
	// Saved is the stored formula, for a saved source.
	Saved *localup.SavedFormula
}

// Label names the formula for headings: its own name, and the saved name
// and version or the example it came from.
func (r Resolved) Label() string {
	switch {
	case r.Saved != nil:
		return r.Saved.Name + " (version " + strconv.Itoa(r.Saved.Version) + ")"
	case r.Source.Example != "":
		return r.Formula.Name + " (example)"
	}
	return r.Formula.Name
}

// Resolve loads and parses the formula src names. An example or saved
// formula that does not exist is ENOTFOUND; a document that does not parse
// is EINVALID with every problem and its field path.
func (s *Service) Resolve(ctx context.Context, src Source) (Resolved, error) {
	n := 0
	for _, set := range []bool{src.Example != "", src.Name != "", src.Document != ""} {
		if set {
			n++
		}
	}
	switch {
	case n == 0:
		return Resolved{}, invalidf("formula: choose an example, a saved formula or enter a formula document")
	case n > 1:
		return Resolved{}, invalidf("formula: choose one of an example, a saved formula or a document, not several")
	}
	r := Resolved{Source: src}
	switch {
	case src.Example != "":
		ex, ok := LookupExample(src.Example)
		if !ok {
			return Resolved{}, localup.Errorf(localup.ENOTFOUND, "There is no example formula called %q.", src.Example)
		}
		r.Document, r.Formula = ex.Document, ex.Formula
		return r, nil
	case src.Name != "":
		if s.formulas == nil {
			return Resolved{}, localup.Errorf(localup.ENOTFOUND, "Saved formulas are not available here.")
		}
		saved, err := s.formulas.Formula(ctx, src.Name, src.Version)
		if err != nil {
			return Resolved{}, err
		}
		r.Saved = &saved
		r.Source.Version = saved.Version
		r.Document = saved.Document
	default:
		r.Document = src.Document
	}
	f, err := formula.Parse([]byte(r.Document))
	if err != nil {
		var ve *formula.ValidationError
		if errors.As(err, &ve) {
			return Resolved{}, &localup.Error{Code: localup.EINVALID, Message: ve.Error(), Err: err}
		}
		return Resolved{}, err
	}
	r.Formula = f
	return r, nil
}

// ParsePot reads a pot of whole pounds as people type it: digits, with
// commas, spaces or underscores between them and an optional leading £,
// so "£1,500,000,000" is 1500000000. Decimals and words ("1.5bn") are
// refused rather than guessed at. It returns an EINVALID error naming the
// pot field.
func ParsePot(s string) (int64, error) {
	t := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "£"))
	t = strings.NewReplacer(",", "", " ", "", "_", "").Replace(t)
	n, err := strconv.ParseInt(t, 10, 64)
	if t == "" || err != nil {
		return 0, invalidf("pot: enter the pot as a whole number of pounds, for example 1500000000")
	}
	if err := checkPot(n); err != nil {
		return 0, err
	}
	return n, nil
}

// WebURL is the address of the web page that shows src's allocation of
// pot, so that a result can be shared.
func WebURL(src Source, pot int64) string {
	q := src.Query()
	q.Set("pot", strconv.FormatInt(pot, 10))
	return "/allocate?" + q.Encode()
}
