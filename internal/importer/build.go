package importer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/localup/localup"
)

// builder accumulates one dataset's batch while checking it row by row:
// area codes must be known (from the lookups, the dataset's own area list,
// or a documented quirk of the source), and no key may repeat.
type builder struct {
	batch  localup.Batch
	known  map[string]localup.Area
	added  map[string]bool
	quirks map[string]bool // code prefixes this source may use beyond the lookups
	rows   []rowRef        // where each observation was read
	inds   map[string]bool
	// retired gives the last year of codes a source uses after ONS
	// retired them, so that they are not listed as current areas.
	retired map[string]int
}

func newBuilder(ds localup.Dataset, known map[string]localup.Area) *builder {
	return &builder{
		batch:   localup.Batch{Dataset: ds},
		known:   known,
		added:   map[string]bool{},
		quirks:  map[string]bool{},
		inds:    map[string]bool{},
		retired: map[string]int{},
	}
}

// allow lets codes with these prefixes through even when the lookups lack
// them, creating the area from the row's own name. Each call site says
// which documented quirk of its source it covers.
func (b *builder) allow(prefixes ...string) {
	for _, p := range prefixes {
		b.quirks[p] = true
	}
}

// addArea records an area this dataset defines (its own area list). An
// area the store already has is sent again only by the authoritative
// lookups, whose new version may rename or close it.
func (b *builder) addArea(a localup.Area) {
	if b.added[a.Code] {
		return
	}
	if _, ok := b.known[a.Code]; ok && !b.batch.AreasAuthoritative {
		return
	}
	b.known[a.Code] = a
	b.added[a.Code] = true
	b.batch.Areas = append(b.batch.Areas, a)
}

// area checks a code read from field of the current row.
func (b *builder) area(c *csvFile, field, code, name string) error {
	if _, ok := b.known[code]; ok {
		return nil
	}
	if !localup.ValidCode(code) {
		return c.errf(field, "%q is not an ONS area code", code)
	}
	for p := range b.quirks {
		if strings.HasPrefix(code, p) {
			if name == "" {
				name = code
			}
			b.addArea(localup.Area{Code: code, Name: name, Type: localup.ClassifyCode(code), Country: localup.CountryOf(code), ValidTo: b.retired[code]})
			return nil
		}
	}
	return c.errf(field, "unknown area code %q: it is in none of the lookups (lookups/) and is not a documented quirk of this file", code)
}

// indicator adds indicator metadata once.
func (b *builder) indicator(ind localup.Indicator) {
	if b.inds[ind.ID] {
		return
	}
	b.inds[ind.ID] = true
	ind.DatasetID = b.batch.Dataset.ID
	affixes(&ind)
	b.batch.Indicators = append(b.batch.Indicators, ind)
}

// unitAffixes are the prefix and suffix that show a unit beside a value,
// for indicators whose files give a unit but no prefix or suffix.
var unitAffixes = map[string][2]string{
	"%": {"", "%"}, "£": {"£", ""}, "£ million": {"£", "m"},
	"yrs": {"", " years"}, "years": {"", " years"}, "mins": {"", " minutes"}, "minutes": {"", " minutes"},
	"Score out of 10": {"", " out of 10"},
}

// affixes fills in an indicator's prefix and suffix from its unit when
// its file gave neither, so that every page, chart, download and summary
// writes its values the same way.
func affixes(ind *localup.Indicator) {
	if ind.Prefix != "" || ind.Suffix != "" {
		return
	}
	if a, ok := unitAffixes[ind.Unit]; ok {
		ind.Prefix, ind.Suffix = a[0], a[1]
	}
}

// obsKey is an observation's key within one batch. It holds the period as
// numbers rather than its ISO string so that checking 100,000 rows for
// duplicates formats no strings.
type obsKey struct {
	indicator, area, breakdown string
	start                      int64
	months                     int
}

// observe adds an observation from the current row, rejecting a lower
// limit above the upper. Repeated keys are found by the store, which
// groups the batch anyway; the builder keeps each row's file and line so
// that duplicate can then be reported where it is (see duplicate).
func (b *builder) observe(c *csvFile, o localup.Observation) error {
	if o.HasInterval() && o.Lower > o.Upper {
		return c.errf("lower confidence limit", "lower limit %g is above upper limit %g", o.Lower, o.Upper)
	}
	if !b.inds[o.IndicatorID] {
		return c.errf("indicator", "unknown indicator %q", o.IndicatorID)
	}
	o.DatasetID = b.batch.Dataset.ID
	b.batch.Observations = append(b.batch.Observations, o)
	b.rows = append(b.rows, rowRef{c.rel, int32(c.line)})
	return nil
}

// rowRef is where an observation was read.
type rowRef struct {
	file string
	line int32
}

// duplicate finds the first observation whose key an earlier row already
// used and reports it by file and line; nil when every key is unique.
func (b *builder) duplicate() error {
	seen := make(map[obsKey]int, len(b.batch.Observations))
	for i, o := range b.batch.Observations {
		k := obsKey{o.IndicatorID, o.AreaCode, o.Breakdown, o.Period.Start.Unix(), o.Period.Years*12 + o.Period.Months}
		if first, dup := seen[k]; dup {
			at, prev := b.rows[i], b.rows[first]
			where := fmt.Sprintf("line %d", prev.line)
			if prev.file != at.file {
				where = fmt.Sprintf("%s line %d", prev.file, prev.line)
			}
			return invalid(at.file, int(at.line), "", "duplicate row: %s for %s in %s already given on %s",
				o.IndicatorID, o.AreaCode, o.Period.Label(), where)
		}
		seen[k] = i
	}
	return nil
}

// reserve makes room for about n more observations, so that a large file
// does not grow the batch and the duplicate index step by step.
func (b *builder) reserve(n int) {
	b.batch.Observations = slices.Grow(b.batch.Observations, n)
	b.rows = slices.Grow(b.rows, n)
}

// file records a source file's provenance.
func (b *builder) file(sf localup.SourceFile) {
	b.batch.Dataset.Files = append(b.batch.Dataset.Files, sf)
}
