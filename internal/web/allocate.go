package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/allocation"
	"github.com/localup/localup/internal/formula"
	"github.com/localup/localup/internal/numfmt"
)

// maxFormBody bounds a POSTed allocate form: a document of at most 64 KB,
// URL-encoded, and a few short fields.
const maxFormBody = 256 << 10

// allocatePage is the /allocate page: choose or write a formula, run it,
// see the ranked allocation.
type allocatePage struct {
	basePage
	Errors   fieldErrors
	Notice   string
	Examples []option
	Saved    []option
	CanSave  bool
	CSRF     string
	Document string
	PotText  string
	SaveName string
	Ref      allocRef
	Result   *allocResult
}

// allocResult is one run, formatted.
type allocResult struct {
	Label, Name, Description, Basis, Geography string
	Version                                    int
	Pot, Total, DataVersion                    string
	TooLong                                    bool
	Places, DroppedCount                       int
	EnglandOnly                                bool
	ShareURL, CSVURL, XLSXURL                  string
	SensitivityURL, CompareURL                 string
	Components                                 []componentRow
	Population                                 string
	Rows                                       []placeRow
	Map                                        template.HTML // allocation per head; "" without boundaries
	LinkRows                                   bool
	PlaceOptions                               []option
	Dropped                                    []allocation.Dropped
	Notes                                      []string
	Bound                                      []string
	Versions                                   []versionLink
	Weights                                    string
}

type componentRow struct {
	Title, ID, Period, Transform, Direction string
	Weight, Effective, WithValue, Missing   string
}

type placeRow struct {
	Rank                              int
	Code, Name, Parent, URL           string
	Population, NeedScore, Allocation string
	PerHead, Share, Bound             string
}

type versionLink struct {
	Version int
	Created string
	URL     string
	Current bool
}

// allocate answers GET /allocate: the form, and the results when the
// address names a formula.
func (s *Server) allocate(w http.ResponseWriter, r *http.Request) error {
	ref, errs := readAllocRef(r, r.URL.Query())
	p := s.newAllocatePage(w, r, ref)
	if len(errs) > 0 {
		p.Errors = errs
		return s.renderAllocate(w, http.StatusBadRequest, p)
	}
	if ref.Source.IsZero() {
		return s.renderAllocate(w, http.StatusOK, p)
	}
	if r.URL.Query().Get("saved") != "" && ref.Source.Name != "" {
		p.Notice = "Saved as ‘" + ref.Source.Name + "’, version " + strconv.Itoa(ref.Source.Version) + "."
	}
	return s.runAllocate(w, r, p)
}

// runAllocate resolves and runs p.Ref and renders the page with the
// results, or with the problems the user can fix.
func (s *Server) runAllocate(w http.ResponseWriter, r *http.Request, p *allocatePage) error {
	ctx := r.Context()
	res, err := s.alloc.Resolve(ctx, p.Ref.Source)
	if err != nil {
		return s.allocateProblem(w, p, err)
	}
	p.Document = res.Document
	if p.SaveName == "" {
		p.SaveName = res.Formula.Name
		if res.Saved != nil {
			p.SaveName = res.Saved.Name
		}
	}
	run, err := s.alloc.Allocate(ctx, res.Formula, p.Ref.Pot)
	if err != nil {
		return s.allocateProblem(w, p, err)
	}
	p.Ref.Source = res.Source
	p.Result = s.newAllocResult(r, p.Ref, res, run)
	if p.Result.Map, err = s.allocationMap(run); err != nil {
		return err
	}
	if res.Saved != nil {
		if p.Result.Versions, err = s.versionLinks(r, p.Ref, res.Saved); err != nil {
			return err
		}
	}
	return s.renderAllocate(w, http.StatusOK, p)
}

// allocateProblem shows a user error in the page's error summary; other
// errors become the error page.
func (s *Server) allocateProblem(w http.ResponseWriter, p *allocatePage, err error) error {
	switch localup.ErrorCode(err) {
	case localup.EINVALID:
		p.Errors = fieldErrorsOf(err, "document")
		return s.renderAllocate(w, http.StatusBadRequest, p)
	case localup.ENOTFOUND:
		p.Errors = []fieldError{fieldErrorOf(err, "example")}
		return s.renderAllocate(w, http.StatusNotFound, p)
	}
	return err
}

// allocateRun answers POST /allocate, the editor's Run button. A document
// short enough for an address is redirected to GET /allocate, so that the
// results have an address to share; a longer one is run in place.
func (s *Server) allocateRun(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBody)
	if err := r.ParseForm(); err != nil {
		return localup.Errorf(localup.EINVALID, "The form is too large; a formula can be at most %d KB.", localup.MaxFormulaDocumentLength>>10)
	}
	if err := s.checkCSRF(r); err != nil {
		return err
	}
	form := url.Values{"document": {r.PostForm.Get("document")}, "pot": {r.PostForm.Get("pot")}}
	if len(form.Get("document")) > allocation.MaxQueryDocument {
		form.Del("document")
	}
	ref, errs := readAllocRef(r, form)
	ref.Source.Document = r.PostForm.Get("document")
	p := s.newAllocatePage(w, r, ref)
	p.Document = ref.Source.Document
	p.SaveName = r.PostForm.Get("name")
	switch {
	case len(errs) > 0:
		p.Errors = errs
		return s.renderAllocate(w, http.StatusBadRequest, p)
	case strings.TrimSpace(ref.Source.Document) == "":
		p.Errors = []fieldError{{"document", "Enter a formula document, or choose an example above"}}
		return s.renderAllocate(w, http.StatusBadRequest, p)
	case len(ref.Source.Document) <= allocation.MaxQueryDocument:
		http.Redirect(w, r, ref.Link("/allocate"), http.StatusSeeOther)
		return nil
	}
	return s.runAllocate(w, r, p)
}

// allocateSave answers POST /allocate/formulas: it saves the editor's
// document under a name, as the next version of that name, and shows its
// results.
func (s *Server) allocateSave(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBody)
	if err := r.ParseForm(); err != nil {
		return localup.Errorf(localup.EINVALID, "The form is too large; a formula can be at most %d KB.", localup.MaxFormulaDocumentLength>>10)
	}
	if err := s.checkCSRF(r); err != nil {
		return err
	}
	fs := s.alloc.Formulas()
	if fs == nil {
		return localup.Errorf(localup.ENOTFOUND, "Formulas cannot be saved here.")
	}
	name, doc := strings.TrimSpace(r.PostForm.Get("name")), r.PostForm.Get("document")
	ref, errs := readAllocRef(r, url.Values{"pot": {r.PostForm.Get("pot")}})
	p := s.newAllocatePage(w, r, ref)
	p.Document, p.SaveName = doc, name
	if name == "" {
		errs = append(errs, fieldError{"name", "Enter a name to save the formula under"})
	} else if err := localup.ValidateSavedFormula(name, "x"); err != nil {
		errs = append(errs, fieldError{"name", localup.ErrorMessage(err)})
	}
	if strings.TrimSpace(doc) == "" {
		errs = append(errs, fieldError{"document", "Enter a formula document to save"})
	} else if _, err := formula.Parse([]byte(doc)); err != nil {
		errs = append(errs, fieldErrorsOf(err, "document")...)
	} else if err := localup.ValidateSavedFormula("x", doc); err != nil {
		errs = append(errs, fieldError{"document", localup.ErrorMessage(err)})
	}
	if len(errs) > 0 {
		p.Errors = errs
		return s.renderAllocate(w, http.StatusBadRequest, p)
	}
	saved, err := fs.SaveFormula(r.Context(), name, doc)
	if err != nil {
		if userError(err) {
			p.Errors = []fieldError{{"name", localup.ErrorMessage(err)}}
			return s.renderAllocate(w, http.StatusBadRequest, p)
		}
		return err
	}
	ref.Source = allocation.Source{Name: saved.Name, Version: saved.Version}
	q := ref.Query()
	q.Set("saved", "1")
	http.Redirect(w, r, "/allocate?"+q.Encode(), http.StatusSeeOther)
	return nil
}

// newAllocatePage fills in the form: examples, saved formulas, the pot,
// and a CSRF token for the editor.
func (s *Server) newAllocatePage(w http.ResponseWriter, r *http.Request, ref allocRef) *allocatePage {
	p := &allocatePage{basePage: s.base(r, "Allocate a single pot by need"), Ref: ref, PotText: ref.PotText,
		CSRF: s.csrfToken(w, r), Document: ref.Source.Document}
	exs, _ := allocation.Examples() // checked at start-up by the tests; an error leaves the list empty
	for _, e := range exs {
		p.Examples = append(p.Examples, option{Value: e.ID, Label: e.Title, Selected: ref.Source.Example == e.ID})
	}
	if fs := s.alloc.Formulas(); fs != nil {
		p.CanSave = true
		if saved, err := fs.Formulas(r.Context()); err == nil {
			for _, f := range saved {
				p.Saved = append(p.Saved, option{Value: f.Name, Label: f.Name + " (version " + strconv.Itoa(f.Version) + ")",
					Selected: ref.Source.Name == f.Name})
			}
		} else {
			s.log.Error("list saved formulas", "err", err)
		}
	}
	return p
}

// renderAllocate renders the page, its title marked when there are errors.
func (s *Server) renderAllocate(w http.ResponseWriter, status int, p *allocatePage) error {
	if len(p.Errors) > 0 {
		p.Title = "Error: " + p.Title
	}
	return s.render(w, status, "allocate", p)
}

// newAllocResult formats a run for the page.
func (s *Server) newAllocResult(r *http.Request, ref allocRef, res allocation.Resolved, run *allocation.Run) *allocResult {
	d := run.Data
	out := &allocResult{Label: res.Label(), Name: res.Formula.Name, Description: strings.TrimSpace(res.Formula.Description),
		Version: res.Formula.Version, Basis: basisText(run.Result.Basis), Geography: d.Geography.Label(),
		Pot: pounds(run.Pot), Total: pounds(run.Total()), DataVersion: shortVersion(d.DataVersion),
		Places: len(run.Result.Places), DroppedCount: len(d.Dropped),
		EnglandOnly: d.EnglandOnly, ShareURL: ref.Link("/allocate"), CSVURL: ref.Link("/allocate/download.csv"),
		XLSXURL: ref.Link("/allocate/download.xlsx"), SensitivityURL: ref.Link("/allocate/sensitivity"),
		CompareURL: ref.Link("/allocate/compare"), Dropped: d.Dropped, Notes: run.Notes(), LinkRows: ref.compact()}
	if run.Weights != nil {
		out.Weights = run.Weights.Name
	}
	// A document too long for an address cannot be linked to; saving it
	// gives it a short one.
	out.TooLong = len(ref.Source.Document) > allocation.MaxQueryDocument
	for i, c := range run.Result.Components {
		dc := d.Components[i]
		period := dc.Period.Label()
		if dc.Pinned {
			period += " (chosen)"
		}
		out.Components = append(out.Components, componentRow{Title: dc.Indicator.Title, ID: c.Indicator, Period: period,
			Transform: string(c.Transform), Direction: directionText(c.Direction), Weight: decimal(c.Weight, 2),
			Effective: percentText(c.EffectiveWeight, 1), WithValue: strconv.Itoa(dc.WithValue), Missing: strconv.Itoa(c.Missing)})
	}
	if pop := d.Population; pop != nil {
		out.Population = pop.Indicator.Title + ", " + pop.Period.Label()
	}
	for _, b := range run.Result.Bound {
		out.Bound = append(out.Bound, boundText(b.Constraint)+": "+strconv.Itoa(len(b.Codes))+" "+numfmt.Plural(len(b.Codes), "place", "places"))
	}
	for _, i := range run.ByRank {
		p, pl := run.Result.Places[i], d.Places[i]
		row := placeRow{Rank: p.NeedRank, Code: p.Code, Name: pl.Name, Parent: pl.Parent,
			Population: formatNumber(p.Population, 0), NeedScore: decimal(p.NeedScore, 2), Allocation: pounds(p.Allocation),
			PerHead: perHeadText(perHead(p.Population, p.PerHead)), Share: percentText(p.Share, 2), Bound: boundText(p.Bound)}
		if out.LinkRows {
			row.URL = ref.Link("/allocate/places/" + url.PathEscape(p.Code))
		} else {
			out.PlaceOptions = append(out.PlaceOptions, option{Value: p.Code, Label: pl.Name + " (" + p.Code + ")"})
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

// perHead is a place's pounds per head, NaN (shown as nothing) without a
// population, when the engine's figure means nothing.
func perHead(population, value float64) float64 {
	if population > 0 {
		return value
	}
	return nanValue
}

// versionLinks lists every version of a saved formula, linked.
func (s *Server) versionLinks(r *http.Request, ref allocRef, cur *localup.SavedFormula) ([]versionLink, error) {
	vs, err := s.alloc.Formulas().FormulaVersions(r.Context(), cur.Name)
	if err != nil {
		return nil, err
	}
	var out []versionLink
	for _, v := range vs {
		vr := ref
		vr.Source = allocation.Source{Name: v.Name, Version: v.Version}
		out = append(out, versionLink{Version: v.Version, Created: formatDateTime(v.CreatedAt), URL: vr.Link("/allocate"),
			Current: v.Version == cur.Version})
	}
	return out, nil
}

func basisText(b formula.Basis) string {
	switch b {
	case formula.BasisPerHead:
		return "Per head (with any need uplift)"
	case formula.BasisNeedWeightedPerHead:
		return "Population × need"
	case formula.BasisNeedShare:
		return "Need alone"
	}
	return string(b)
}

func directionText(d formula.Direction) string {
	switch d {
	case formula.HigherIsMoreNeed:
		return "Higher is more need"
	case formula.LowerIsMoreNeed:
		return "Lower is more need"
	}
	return string(d)
}

// shortVersion abbreviates a data version digest for display.
func shortVersion(v string) string {
	if len(v) > 12 {
		return v[:12]
	}
	return v
}

// allocateExplainRedirect answers GET /allocate/places, the "explain a
// place" form: it sends the browser to that place's explanation.
func (s *Server) allocateExplainRedirect(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	code := strings.ToUpper(strings.TrimSpace(q.Get("code")))
	if !localup.ValidCode(code) {
		return localup.Errorf(localup.EINVALID, "Choose a place to explain.")
	}
	q.Del("code")
	http.Redirect(w, r, "/allocate/places/"+url.PathEscape(code)+"?"+q.Encode(), http.StatusSeeOther)
	return nil
}
