package snapshot

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/localup/localup"
)

// Match ranks, best first.
const (
	matchCode      = iota // the query is the area's code
	matchExact            // the whole name
	matchPrefix           // the start of the name
	matchWordStart        // the start of a later word of the name
	matchSubstring        // anywhere in the name
)

// Search finds areas whose name contains query, ignoring case and accents,
// or whose code is query. Best matches come first: a code, then every
// area but neighbourhoods (LSOAs, thousands of which share each council's
// name) before neighbourhoods; within those, the whole name, then names
// that start with the query, then names with a word that starts with it,
// then any other; current areas before abolished ones, wider areas before
// narrower, then by name. An empty query finds nothing.
func (s *Snapshot) Search(query string) []localup.Area {
	q := fold(query)
	if q == "" {
		return nil
	}
	code := strings.ToUpper(strings.TrimSpace(query))
	type hit struct {
		rank int
		i    int
	}
	var hits []hit
	for i, name := range s.names {
		a := s.areas[i]
		rank := -1
		switch {
		case a.Code == code:
			rank = matchCode
		case name == q:
			rank = matchExact
		case strings.HasPrefix(name, q):
			rank = matchPrefix
		default:
			if j := strings.Index(name, q); j >= 0 {
				rank = matchSubstring
				if wordStartMatch(name, q) {
					rank = matchWordStart
				}
			}
		}
		if rank >= 0 {
			hits = append(hits, hit{rank, i})
		}
	}
	slices.SortFunc(hits, func(x, y hit) int {
		ax, ay := s.areas[x.i], s.areas[y.i]
		return cmp.Or(compareBool(x.rank != matchCode, y.rank != matchCode),
			compareBool(ax.Type == localup.AreaLSOA, ay.Type == localup.AreaLSOA),
			cmp.Compare(x.rank, y.rank), compareBool(!ax.Current(), !ay.Current()), cmp.Compare(x.i, y.i))
	})
	out := make([]localup.Area, len(hits))
	for k, h := range hits {
		out[k] = s.areas[h.i]
	}
	return out
}

// wordStartMatch reports whether q occurs in name right after a space,
// hyphen or other non-letter.
func wordStartMatch(name, q string) bool {
	for off := 0; ; {
		j := strings.Index(name[off:], q)
		if j < 0 {
			return false
		}
		j += off
		if j == 0 {
			return true
		}
		r := rune(name[j-1])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return true
		}
		off = j + 1
	}
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// fold lower-cases s, strips accents (so "Mon" finds "Ynys Môn"), turns
// "&" into "and" and collapses runs of spaces, for matching names.
func fold(s string) string {
	s = norm.NFD.String(strings.ToLower(strings.TrimSpace(s)))
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		if r == '&' {
			b.WriteString("and")
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
