package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/localup/localup"
)

// setQuery turns f into the WHERE clause on observation_sets and the area
// codes every row must be one of, sorted and without repeats: nil when any
// area will do. Areas are filtered in Go because a set holds many. none
// reports that no observation can match.
func setQuery(f localup.ObservationFilter) (w where, areas []string, none bool) {
	if f.IndicatorID != "" {
		w.add("indicator_id = ?", f.IndicatorID)
	}
	if f.DatasetID != "" {
		w.add("dataset_id = ?", f.DatasetID)
	}
	if f.Breakdown != nil {
		w.add("breakdown = ?", *f.Breakdown)
	}
	switch {
	case f.AreaCode != "" && len(f.AreaCodes) > 0:
		if !slices.Contains(f.AreaCodes, f.AreaCode) {
			return w, nil, true
		}
		areas = []string{f.AreaCode}
	case f.AreaCode != "":
		areas = []string{f.AreaCode}
	case len(f.AreaCodes) > 0:
		areas = slices.Clone(f.AreaCodes)
		slices.Sort(areas)
		areas = slices.Compact(areas)
	}
	return w, areas, false
}

// Observations calls fn for every stored observation matching f, every
// release included, in no promised order. It streams, one set at a time:
// nothing is held beyond the current set, except that repeated strings
// and periods are shared between observations. An error from fn stops
// the scan and is returned as it is. fn runs while the query is open: it
// may read from the store, but on an in-memory SQLite store it must not
// write to it.
func (db *DB) Observations(ctx context.Context, f localup.ObservationFilter, fn func(localup.Observation) error) error {
	w, areas, none := setQuery(f)
	if none {
		return nil
	}
	stop, err := newSetReader(areas).read(ctx, db, w, fn)
	if stop {
		return err
	}
	if err != nil {
		return fmt.Errorf("store: observations: %w", err)
	}
	return nil
}

// CountObservations counts the observations matching f. Without an area
// filter the sets' sizes answer it; with one, the sets are read.
func (db *DB) CountObservations(ctx context.Context, f localup.ObservationFilter) (int, error) {
	w, areas, none := setQuery(f)
	if none {
		return 0, nil
	}
	var n int
	if areas == nil {
		err := db.queryRow(ctx, `SELECT coalesce(sum(n), 0) FROM observation_sets`+w.String(), w.args...).Scan(&n)
		if err != nil {
			return 0, fmt.Errorf("store: count observations: %w", err)
		}
		return n, nil
	}
	if _, err := newSetReader(areas).read(ctx, db, w, func(localup.Observation) error { n++; return nil }); err != nil {
		return 0, fmt.Errorf("store: count observations: %w", err)
	}
	return n, nil
}

// setReader decodes sets into observations. It shares the strings and
// periods that repeat across them, so that a full snapshot costs little
// memory and the scan allocates only for values it has not seen.
type setReader struct {
	areas   []string // nil: every area; otherwise sorted, the only ones wanted
	strs    map[string]string
	periods map[string]localup.Period
	// prev and cur are the area codes of the last set and this one by
	// position: sets of a release mostly list the same areas, and
	// comparing with the code in the same place is cheaper than hashing.
	prev, cur []string
}

func newSetReader(areas []string) *setReader {
	return &setReader{areas: areas, strs: map[string]string{}, periods: map[string]localup.Period{}}
}

func (r *setReader) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if s, ok := r.strs[string(b)]; ok {
		return s
	}
	s := string(b)
	r.strs[s] = s
	return s
}

// area interns the code of the i-th row of the current set, when every
// row of the set is read.
func (r *setReader) area(i int, b []byte) string {
	var s string
	if i < len(r.prev) && r.prev[i] == string(b) {
		s = r.prev[i]
	} else {
		s = r.str(b)
	}
	r.cur = append(r.cur, s)
	return s
}

func (r *setReader) period(b []byte) (localup.Period, error) {
	if p, ok := r.periods[string(b)]; ok {
		return p, nil
	}
	p, err := localup.ParsePeriod(string(b))
	if err != nil {
		return p, err
	}
	r.periods[string(b)] = p
	return p, nil
}

// read runs the query. stop reports that fn failed, with its error.
func (r *setReader) read(ctx context.Context, db *DB, w where, fn func(localup.Observation) error) (stop bool, err error) {
	rows, err := db.query(ctx, `SELECT dataset_id, indicator_id, period, breakdown, n, data
		FROM observation_sets`+w.String(), w.args...)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	var ds, ind, period, breakdown, data sql.RawBytes
	var n int
	for rows.Next() {
		if err := rows.Scan(&ds, &ind, &period, &breakdown, &n, &data); err != nil {
			return false, err
		}
		p, err := r.period(period)
		if err != nil {
			return false, err
		}
		o := localup.Observation{DatasetID: r.str(ds), IndicatorID: r.str(ind), Period: p, Breakdown: r.str(breakdown)}
		if stop, err := r.set(o, n, data, fn); err != nil {
			if !stop {
				err = fmt.Errorf("set %s %s %s %q: %w", o.DatasetID, o.IndicatorID, period, o.Breakdown, err)
			}
			return stop, err
		}
	}
	return false, rows.Err()
}

// set calls fn for each wanted row of one set, o carrying the set's own
// fields. n is the row count the set's row records.
func (r *setReader) set(o localup.Observation, n int, data []byte, fn func(localup.Observation) error) (stop bool, err error) {
	d, err := newSetDecoder(data)
	if err != nil {
		return false, err
	}
	if d.n != n {
		return false, fmt.Errorf("%w: %d rows, but n is %d", errCorruptSet, d.n, n)
	}
	r.prev, r.cur = r.cur, r.prev[:0]
	want := r.areas
	for i := range d.n {
		row, err := d.next()
		if err != nil {
			return false, err
		}
		if r.areas != nil {
			// Both lists are sorted: walk them together, and stop when
			// no wanted area is left.
			for len(want) > 0 && want[0] < string(row.area) {
				want = want[1:]
			}
			if len(want) == 0 {
				break
			}
			if want[0] != string(row.area) {
				continue
			}
		}
		if r.areas == nil {
			o.AreaCode = r.area(i, row.area)
		} else {
			o.AreaCode = r.str(row.area)
		}
		o.Value, o.Lower, o.Upper, o.Numerator, o.Denominator = row.nums[0], row.nums[1], row.nums[2], row.nums[3], row.nums[4]
		o.Status, o.Missing = r.str(row.status), r.str(row.missing)
		if err := fn(o); err != nil {
			return true, err
		}
	}
	return false, nil
}
