package web

import (
	"cmp"
	"errors"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/allocation"
	"github.com/localup/localup/internal/formula"
)

// defaultPot is the pot the allocate form starts with: £1.5 billion, of
// the order of one Levelling Up Fund round.
const defaultPot int64 = 1_500_000_000

// nanValue stands for an absent figure.
var nanValue = math.NaN()

// fieldError is one problem shown in a page's error summary, linked to
// the field it is about.
type fieldError struct {
	Field   string // the input's id, without #
	Message string
}

// fieldErrors are a form's problems.
type fieldErrors []fieldError

// For joins the messages about one field, for the message above it.
func (e fieldErrors) For(field string) string {
	var msgs []string
	for _, x := range e {
		if x.Field == field {
			msgs = append(msgs, x.Message)
		}
	}
	return strings.Join(msgs, "; ")
}

// allocRef is a formula source and pot, as every allocate page reads them
// from its address.
type allocRef struct {
	Source  allocation.Source
	Pot     int64
	PotText string // as typed, to show back in the form
}

// Query is the address parameters that reproduce the reference.
func (a allocRef) Query() url.Values {
	q := a.Source.Query()
	q.Set("pot", strconv.FormatInt(a.Pot, 10))
	return q
}

// Link is path with the reference's parameters.
func (a allocRef) Link(path string) string { return path + "?" + a.Query().Encode() }

// compact reports whether the reference is short enough to put in every
// row's links: an example or a saved formula, not a whole document.
func (a allocRef) compact() bool { return a.Source.Document == "" }

// readAllocRef reads the formula source and pot from the request's query
// (GET) or form (POST). Problems come back as field errors.
func readAllocRef(r *http.Request, form url.Values) (allocRef, []fieldError) {
	var errs []fieldError
	ref := allocRef{Pot: defaultPot, PotText: formatNumber(float64(defaultPot), 0)}
	src, err := allocation.SourceFromQuery(form)
	if err != nil {
		errs = append(errs, fieldErrorOf(err, "document"))
	}
	ref.Source = src
	if p := form.Get("pot"); p != "" {
		ref.PotText = p
		if ref.Pot, err = allocation.ParsePot(p); err != nil {
			errs = append(errs, fieldError{"pot", "Enter the pot as a whole number of pounds, for example 1,500,000,000 (at most £1 trillion)"})
		}
	}
	return ref, errs
}

// fieldErrorOf turns an error from the allocation service into field
// errors: one per problem of a formula document, linked to the editor;
// otherwise the user-safe message, linked to field.
func fieldErrorsOf(err error, field string) []fieldError {
	var ve *formula.ValidationError
	if errors.As(err, &ve) {
		var out []fieldError
		for _, p := range ve.Problems {
			out = append(out, fieldError{"document", p.String()})
		}
		return out
	}
	return []fieldError{fieldErrorOf(err, field)}
}

func fieldErrorOf(err error, field string) fieldError {
	msg := localup.ErrorMessage(err)
	switch {
	case strings.HasPrefix(msg, "pot:"):
		field = "pot"
	case strings.HasPrefix(msg, "formula:") && field == "document":
		field = "example"
	}
	return fieldError{field, msg}
}

// userError reports whether err is the user's to fix, so that the page
// shows it in its error summary rather than as an error page.
func userError(err error) bool {
	code := localup.ErrorCode(err)
	return code == localup.EINVALID
}

// Pounds and figures, formatted as GOV.UK style asks.

func pounds(v int64) string { return "£" + formatNumber(float64(v), 0) }

func poundsF(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	s := formatNumber(math.Round(v), 0)
	if strings.HasPrefix(s, "-") {
		return "−£" + s[1:]
	}
	return "£" + s
}

// signedPounds writes a change with its sign: +£1,234 or −£1,234.
func signedPounds(v float64) string {
	r := math.Round(v)
	switch {
	case r > 0:
		return "+" + poundsF(r)
	case r < 0:
		return poundsF(r)
	}
	return "£0"
}

func perHeadText(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return "£" + formatNumber(v, 2)
}

func percentText(share float64, dp int) string {
	if math.IsNaN(share) || math.IsInf(share, 0) {
		return "–"
	}
	return formatNumber(share*100, dp) + "%"
}

func decimal(v float64, dp int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	s := formatNumber(v, dp)
	if strings.HasPrefix(s, "-") {
		return "−" + s[1:]
	}
	return s
}

func statText(s allocation.Stat, dp int) string {
	if !s.OK {
		return "Not available"
	}
	return decimal(s.Value, dp)
}

// boundText names a constraint in words.
func boundText(b string) string {
	switch b {
	case formula.ConstraintFloor:
		return "Held at the floor"
	case formula.ConstraintCeiling:
		return "Held at the ceiling"
	case formula.ConstraintDampingLower:
		return "Held by damping (lowest change allowed)"
	case formula.ConstraintDampingUpper:
		return "Held by damping (highest change allowed)"
	}
	return ""
}

// downloadName makes a file name from untrusted text: lower-case letters,
// digits and dashes only.
func downloadName(name, ext string) string {
	s := slug(name)
	if len(s) > 60 {
		s = strings.TrimRight(s[:60], "-")
	}
	return "allocation-" + cmp.Or(s, "formula") + "." + ext
}
