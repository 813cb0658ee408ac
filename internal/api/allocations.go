package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/allocation"
)

// maxAllocationBody bounds a request body: a formula document is at most
// 64 KB, and the rest of a request is small.
const maxAllocationBody = 256 << 10

// SetAllocation lets the API answer the allocation endpoints from svc.
// Without it they answer 404.
func (a *API) SetAllocation(svc *allocation.Service) { a.alloc = svc }

// AllocationRequest is the JSON body of POST /api/v1/allocations when the
// body is not itself a formula document. Exactly one of Formula (a saved
// formula's name, or a formula document as an object), Example and
// Document (an object, or YAML or JSON text in a string) names the
// formula.
type AllocationRequest struct {
	Formula     json.RawMessage     `json:"formula,omitempty"`
	Version     int                 `json:"version,omitempty"`
	Example     string              `json:"example,omitempty"`
	Document    json.RawMessage     `json:"document,omitempty"`
	Pot         int64               `json:"pot,omitempty"`
	Sensitivity *SensitivityRequest `json:"sensitivity,omitempty"`
	Comparison  *ComparisonRequest  `json:"comparison,omitempty"`
	Explain     []string            `json:"explain,omitempty"`
}

// requestKeys are top-level keys of an AllocationRequest that a formula
// document never has (version is shared, so it does not count): a JSON
// body with none of them is a formula document.
var requestKeys = []string{"formula", "example", "document", "pot", "sensitivity", "comparison", "explain"}

// maxExplain bounds the places one request may explain.
const maxExplain = 50

// Allocations answers POST /api/v1/allocations: it applies a formula to
// the current data and divides a pot. The body is a formula document
// (JSON or YAML, with the pot in ?pot=) or an AllocationRequest.
func (a *API) Allocations(w http.ResponseWriter, r *http.Request) error {
	if a.alloc == nil {
		return localup.Errorf(localup.ENOTFOUND, "Allocations are not available here.")
	}
	req, err := readAllocationRequest(w, r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	src, err := a.alloc.Resolve(ctx, req.source)
	if err != nil {
		return err
	}
	run, err := a.alloc.Allocate(ctx, src.Formula, req.pot)
	if err != nil {
		return err
	}
	out := newAllocation(src, run)
	if req.sens != nil {
		opt := allocation.SensitivityOptions{Runs: req.sens.Runs, Seed: allocation.DefaultSeed, Sigma: req.sens.Sigma,
			Delta: req.sens.Delta, Threshold: req.sens.Threshold}
		if req.sens.Seed != nil {
			opt.Seed = *req.sens.Seed
		}
		s, err := a.alloc.Sensitivity(ctx, src.Formula, req.pot, opt)
		if err != nil {
			return err
		}
		out.Sensitivity = newSensitivity(s)
	}
	if req.comp != nil {
		c, err := a.alloc.Compare(ctx, src.Formula, req.pot, allocation.CompareOptions{CostPerBid: req.comp.CostPerBid,
			SuccessRate: req.comp.SuccessRate, Split: allocation.Split(req.comp.Split)})
		if err != nil {
			return err
		}
		out.Comparison = newComparison(c)
	}
	for _, code := range req.explain {
		x, err := a.alloc.Explain(ctx, src.Formula, req.pot, strings.ToUpper(strings.TrimSpace(code)))
		if err != nil {
			return err
		}
		out.Explanations = append(out.Explanations, newExplanation(x))
	}
	return writeJSON(w, out)
}

// allocationRequest is a decoded request.
type allocationRequest struct {
	source  allocation.Source
	pot     int64
	sens    *SensitivityRequest
	comp    *ComparisonRequest
	explain []string
}

// readAllocationRequest decodes the body. Problems are EINVALID and name
// the field.
func readAllocationRequest(w http.ResponseWriter, r *http.Request) (allocationRequest, error) {
	var req allocationRequest
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxAllocationBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return req, localup.Errorf(localup.EINVALID, "The request body must be at most %d KB.", maxAllocationBody>>10)
		}
		return req, fmt.Errorf("api: read allocation request: %w", err)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return req, localup.Errorf(localup.EINVALID, "formula: the request body is empty; send a formula document or {\"formula\": name, \"pot\": pounds}")
	}
	wrapped, err := isWrapped(body)
	if err != nil {
		return req, err
	}
	if !wrapped {
		req.source = allocation.Source{Document: string(body)}
	} else if err := decodeWrapped(body, &req); err != nil {
		return req, err
	}
	if p := r.URL.Query().Get("pot"); p != "" {
		if req.pot != 0 {
			return req, localup.Errorf(localup.EINVALID, "pot: give the pot in the body or in ?pot=, not both")
		}
		if req.pot, err = allocation.ParsePot(p); err != nil {
			return req, err
		}
	}
	if req.pot == 0 {
		return req, localup.Errorf(localup.EINVALID, "pot: missing; give the pot in whole pounds, e.g. \"pot\": 1500000000 or ?pot=1500000000")
	}
	return req, nil
}

// isWrapped reports whether a JSON body is an AllocationRequest rather
// than a formula document. YAML bodies are always documents.
func isWrapped(body []byte) (bool, error) {
	t := bytes.TrimLeft(body, " \t\r\n\ufeff")
	if len(t) == 0 || t[0] != '{' {
		return false, nil
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(t, &top); err != nil {
		// Not valid JSON: let the formula parser say where.
		return false, nil
	}
	for _, k := range requestKeys {
		if _, ok := top[k]; ok {
			return true, nil
		}
	}
	return false, nil
}

func decodeWrapped(body []byte, req *allocationRequest) error {
	var ar AllocationRequest
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimLeft(body, "\ufeff")))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ar); err != nil {
		return jsonError(err)
	}
	if dec.More() {
		return localup.Errorf(localup.EINVALID, "The request body holds more than one JSON value.")
	}
	src := allocation.Source{Example: ar.Example, Version: ar.Version}
	if len(ar.Formula) > 0 {
		var name string
		switch ar.Formula[0] {
		case '"':
			if err := json.Unmarshal(ar.Formula, &name); err != nil {
				return jsonError(err)
			}
			src.Name = name
		case '{':
			src.Document = string(ar.Formula)
		default:
			return localup.Errorf(localup.EINVALID, "formula: give a saved formula's name or a formula document object")
		}
	}
	if len(ar.Document) > 0 {
		if src.Document != "" {
			return localup.Errorf(localup.EINVALID, "document: give the formula once, as formula or as document")
		}
		switch ar.Document[0] {
		case '"':
			var s string
			if err := json.Unmarshal(ar.Document, &s); err != nil {
				return jsonError(err)
			}
			src.Document = s
		case '{':
			src.Document = string(ar.Document)
		default:
			return localup.Errorf(localup.EINVALID, "document: give a formula document as an object or as YAML or JSON text")
		}
	}
	if src.Version != 0 && src.Name == "" {
		return localup.Errorf(localup.EINVALID, "version: a version needs a saved formula's name in formula")
	}
	if src.Version < 0 {
		return localup.Errorf(localup.EINVALID, "version: must be 1 or more")
	}
	if len(ar.Explain) > maxExplain {
		return localup.Errorf(localup.EINVALID, "explain: at most %d places per request", maxExplain)
	}
	req.source, req.pot, req.sens, req.comp, req.explain = src, ar.Pot, ar.Sensitivity, ar.Comparison, ar.Explain
	if ar.Pot < 0 {
		return localup.Errorf(localup.EINVALID, "pot: must be a whole number of pounds from 1 to %d", allocation.MaxPot)
	}
	return nil
}

// jsonError names the field of a JSON decoding error.
func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te):
		return &localup.Error{Code: localup.EINVALID, Message: fmt.Sprintf("%s: must be %s, not %s", te.Field, jsonKind(te.Type.Kind().String()), te.Value), Err: err}
	case errors.As(err, &se):
		return &localup.Error{Code: localup.EINVALID, Message: fmt.Sprintf("The request body is not valid JSON (at byte %d).", se.Offset), Err: err}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return &localup.Error{Code: localup.EINVALID, Message: strings.TrimPrefix(err.Error(), "json: ") + " in the request", Err: err}
	}
	return &localup.Error{Code: localup.EINVALID, Message: "The request body is not valid JSON.", Err: err}
}

func jsonKind(k string) string {
	switch k {
	case "int", "int64", "uint64":
		return "a whole number"
	case "float64":
		return "a number"
	case "string":
		return "text"
	case "slice":
		return "a list"
	case "struct", "ptr":
		return "an object"
	}
	return k
}

// Formulas answers GET /api/v1/formulas: the built-in examples and the
// latest version of every saved formula.
func (a *API) Formulas(w http.ResponseWriter, r *http.Request) error {
	if a.alloc == nil {
		return localup.Errorf(localup.ENOTFOUND, "Formulas are not available here.")
	}
	exs, err := allocation.Examples()
	if err != nil {
		return fmt.Errorf("api: formulas: %w", err)
	}
	out := FormulaList{Examples: []ExampleFormula{}, Saved: []SavedFormula{}}
	for _, e := range exs {
		out.Examples = append(out.Examples, ExampleFormula{ID: e.ID, Name: e.Title, Document: e.Document,
			WebURL: "/allocate?" + allocation.Source{Example: e.ID}.Query().Encode()})
	}
	if fs := a.alloc.Formulas(); fs != nil {
		saved, err := fs.Formulas(r.Context())
		if err != nil {
			return err
		}
		for _, f := range saved {
			out.Saved = append(out.Saved, SavedFormula{Name: f.Name, Version: f.Version, CreatedAt: f.CreatedAt,
				Document: f.Document, WebURL: "/allocate?" + allocation.Source{Name: f.Name, Version: f.Version}.Query().Encode()})
		}
	}
	return writeJSON(w, out)
}
