package localup

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Period is the time an observation describes: a start date and a length,
// kept as ISO 8601 (a date, or a date with a duration such as P1Y or P3Y).
// A zero Length is an instant ("as of 13 January 2023"). Publishers write
// periods many ways; ParsePeriod turns each of them into this one form so
// that series sort and join properly.
type Period struct {
	Start  time.Time // midnight UTC on the first day
	Years  int
	Months int
}

// Instant reports whether p is a single date rather than an interval.
func (p Period) Instant() bool { return p.Years == 0 && p.Months == 0 }

// End returns the first instant after the period (Start for an instant).
func (p Period) End() time.Time { return p.Start.AddDate(p.Years, p.Months, 0) }

// IsZero reports whether p is unset.
func (p Period) IsZero() bool { return p.Start.IsZero() }

// String returns the canonical ISO 8601 form, e.g. "2021-04-01/P1Y" or
// "2023-01-13". It is the key under which observations are stored.
func (p Period) String() string {
	d := p.Start.Format(time.DateOnly)
	if p.Instant() {
		return d
	}
	var b strings.Builder
	b.WriteString(d)
	b.WriteString("/P")
	if p.Years > 0 {
		b.WriteString(strconv.Itoa(p.Years))
		b.WriteByte('Y')
	}
	if p.Months > 0 {
		b.WriteString(strconv.Itoa(p.Months))
		b.WriteByte('M')
	}
	return b.String()
}

// Before orders periods by start, then by length.
func (p Period) Before(q Period) bool {
	if !p.Start.Equal(q.Start) {
		return p.Start.Before(q.Start)
	}
	return p.Years*12+p.Months < q.Years*12+q.Months
}

// Compare orders periods as Before does: -1 when p is before q, +1 when
// after, 0 when they are the same period.
func (p Period) Compare(q Period) int {
	switch {
	case p.Before(q):
		return -1
	case q.Before(p):
		return 1
	}
	return 0
}

// Equal reports whether p and q are the same period (same start and
// length), however their start times were made.
func (p Period) Equal(q Period) bool { return p.Compare(q) == 0 }

// Label returns the form people read, following ONS conventions:
// "2023" for a calendar year, "2021-22" for a financial or academic year,
// "2011-13" for a three-year period, "Sep 2023" for a month and
// "13 Jan 2023" for a date.
func (p Period) Label() string {
	y := p.Start.Year()
	switch {
	case p.IsZero():
		return ""
	case p.Instant():
		return p.Start.Format("2 Jan 2006")
	case p.Months == 0 && p.Years == 1 && p.Start.Month() == time.January && p.Start.Day() == 1:
		return strconv.Itoa(y)
	case p.Months == 0 && p.Start.Month() == time.January && p.Start.Day() == 1:
		return fmt.Sprintf("%d-%02d", y, (y+p.Years-1)%100)
	case p.Months == 0:
		return fmt.Sprintf("%d-%02d", y, (y+p.Years)%100)
	case p.Years == 0 && p.Months == 1:
		return p.Start.Format("Jan 2006")
	case p.Years == 0 && p.Months == 3:
		return p.Start.Format("Jan 2006") + " (quarter)"
	}
	return p.String()
}

// Year is the year the period starts in, used as a numeric axis in charts.
func (p Period) Year() int { return p.Start.Year() }

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// ParsePeriod reads the period notations found in ONS, DfE, OHID and DLUHC
// files. Split-year forms ("2021-22", "202122", "2021-2022") are financial
// years starting in April, as the ONS subnational indicators use them;
// ParsePeriodFrom lets a caller that knows better (academic years) say so.
//
//	2023                      calendar year            2023-01-01/P1Y
//	2011-13                   three calendar years     2011-01-01/P3Y
//	2021-22, 202122, 2021-2022 financial year          2021-04-01/P1Y
//	201922                    three financial years    2019-04-01/P3Y
//	2023-09                   month                    2023-09-01/P1M
//	2025-04-30                date                     2025-04-30
//	2021-04-01T00:00:00/P1Y   ISO 8601 interval        2021-04-01/P1Y
//	As of 13 January 2023     date                     2023-01-13
func ParsePeriod(s string) (Period, error) { return ParsePeriodFrom(s, time.April) }

// ParsePeriodFrom is ParsePeriod with the month in which split years start.
func ParsePeriodFrom(s string, splitYearStart time.Month) (Period, error) {
	s = strings.TrimSpace(s)
	bad := func() (Period, error) {
		return Period{}, Errorf(EINVALID, "unrecognised period %q", s)
	}
	if s == "" {
		return bad()
	}
	if rest, ok := strings.CutPrefix(s, "As of "); ok {
		t, err := time.Parse("2 January 2006", rest)
		if err != nil {
			return bad()
		}
		return Period{Start: t}, nil
	}
	if strings.ContainsAny(s, "T/") || (len(s) == 10 && s[4] == '-' && s[7] == '-') {
		return parseISOPeriod(s)
	}
	digits := func(x string) (int, bool) {
		if x == "" {
			return 0, false
		}
		for _, c := range x {
			if c < '0' || c > '9' {
				return 0, false
			}
		}
		n, err := strconv.Atoi(x)
		return n, err == nil
	}
	// spanYears turns a start year and an end year written with two or four
	// digits into a number of years, or 0 when the end is before the start.
	span := func(start int, end string) int {
		e, ok := digits(end)
		if !ok {
			return 0
		}
		if len(end) == 2 {
			e += start / 100 * 100
			if e < start {
				e += 100
			}
		}
		return e - start
	}
	split := func(y, n int) (Period, error) {
		if n < 1 || n > 20 {
			return bad()
		}
		return Period{Start: date(y, splitYearStart, 1), Years: n}, nil
	}
	switch {
	case len(s) == 4:
		if y, ok := digits(s); ok {
			return Period{Start: date(y, time.January, 1), Years: 1}, nil
		}
	case len(s) == 6:
		y, ok := digits(s[:4])
		if !ok {
			return bad()
		}
		return split(y, span(y, s[4:]))
	case len(s) == 7 && s[4] == '-':
		// "2021-22" is a split year, "2011-13" a run of calendar years and
		// "2023-09" a month: the two digits after the dash decide. A span is
		// read when they are after the start year's last two digits.
		y, ok := digits(s[:4])
		xx, ok2 := digits(s[5:])
		if !ok || !ok2 {
			return bad()
		}
		switch n := xx - y%100; {
		case n == 1 || (y%100 == 99 && xx == 0):
			return split(y, 1)
		case n > 1 && n <= 20:
			return Period{Start: date(y, time.January, 1), Years: n + 1}, nil
		case xx >= 1 && xx <= 12:
			return Period{Start: date(y, time.Month(xx), 1), Months: 1}, nil
		}
	case len(s) == 9 && s[4] == '-':
		y, ok := digits(s[:4])
		if !ok {
			return bad()
		}
		if n := span(y, s[5:]); n == 1 {
			return split(y, 1)
		} else if n > 1 && n <= 20 {
			return Period{Start: date(y, time.January, 1), Years: n + 1}, nil
		}
	}
	return bad()
}

// parseISOPeriod reads "2021-04-01T00:00:00/P1Y", "2021-04-01/P3M",
// "2023-07-31T00:00:00" and "2025-04-30".
func parseISOPeriod(s string) (Period, error) {
	start, dur, hasDur := strings.Cut(s, "/")
	start, _, _ = strings.Cut(start, "T")
	t, err := time.Parse(time.DateOnly, start)
	if err != nil {
		return Period{}, Errorf(EINVALID, "unrecognised period %q", s)
	}
	p := Period{Start: t}
	if !hasDur {
		return p, nil
	}
	rest, ok := strings.CutPrefix(dur, "P")
	if !ok || rest == "" {
		return Period{}, Errorf(EINVALID, "unrecognised duration in period %q", s)
	}
	for rest != "" {
		i := strings.IndexAny(rest, "YMD")
		if i <= 0 {
			return Period{}, Errorf(EINVALID, "unrecognised duration in period %q", s)
		}
		n, err := strconv.Atoi(rest[:i])
		if err != nil || n < 0 {
			return Period{}, Errorf(EINVALID, "unrecognised duration in period %q", s)
		}
		switch rest[i] {
		case 'Y':
			p.Years += n
		case 'M':
			p.Months += n
		case 'D':
			return Period{}, Errorf(EINVALID, "day durations are not supported in period %q", s)
		}
		rest = rest[i+1:]
	}
	p.Years += p.Months / 12
	p.Months %= 12
	return p, nil
}

// MustPeriod parses s and panics on error; for tests and constants only.
func MustPeriod(s string) Period {
	p, err := ParsePeriod(s)
	if err != nil {
		panic(err)
	}
	return p
}
