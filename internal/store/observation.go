package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/localup/localup"
)

// observationWheres turns f into one WHERE clause, or several when
// f.AreaCodes is longer than one statement's placeholders should be:
// their results together are the answer, since the chunks do not overlap.
func observationWheres(f localup.ObservationFilter) []where {
	var w where
	if f.IndicatorID != "" {
		w.add("indicator_id = ?", f.IndicatorID)
	}
	if f.AreaCode != "" {
		w.add("area_code = ?", f.AreaCode)
	}
	if f.DatasetID != "" {
		w.add("dataset_id = ?", f.DatasetID)
	}
	if f.Breakdown != nil {
		w.add("breakdown = ?", *f.Breakdown)
	}
	if len(f.AreaCodes) == 0 {
		return []where{w}
	}
	codes := slices.Clone(f.AreaCodes)
	slices.Sort(codes)
	codes = slices.Compact(codes)
	var ws []where
	for start := 0; start < len(codes); start += maxRowsPerInsert {
		chunk := codes[start:min(start+maxRowsPerInsert, len(codes))]
		c := where{conds: slices.Clone(w.conds), args: slices.Clone(w.args)}
		args := make([]any, len(chunk))
		for i, code := range chunk {
			args[i] = code
		}
		c.add("area_code IN ("+placeholders(len(chunk))+")", args...)
		ws = append(ws, c)
	}
	return ws
}

// Observations calls fn for every stored observation matching f, every
// release included, in no promised order. It streams: nothing is held
// beyond the current row, except that repeated strings and periods are
// shared between rows. An error from fn stops the scan and is returned
// as it is. fn runs while the query is open: it may read from the store,
// but on an in-memory SQLite store it must not write to it.
func (db *DB) Observations(ctx context.Context, f localup.ObservationFilter, fn func(localup.Observation) error) error {
	r := newObservationReader()
	for _, w := range observationWheres(f) {
		stop, err := r.read(ctx, db, w, fn)
		if stop {
			return err
		}
		if err != nil {
			return fmt.Errorf("store: observations: %w", err)
		}
	}
	return nil
}

// CountObservations counts the observations matching f.
func (db *DB) CountObservations(ctx context.Context, f localup.ObservationFilter) (int, error) {
	total := 0
	for _, w := range observationWheres(f) {
		var n int
		if err := db.queryRow(ctx, `SELECT count(*) FROM observations`+w.String(), w.args...).Scan(&n); err != nil {
			return 0, fmt.Errorf("store: count observations: %w", err)
		}
		total += n
	}
	return total, nil
}

// observationReader decodes rows, sharing the strings and periods that
// repeat across them so that a full snapshot costs little memory.
type observationReader struct {
	strs    map[string]string
	periods map[string]localup.Period
}

func newObservationReader() *observationReader {
	return &observationReader{strs: map[string]string{}, periods: map[string]localup.Period{}}
}

func (r *observationReader) str(b []byte) string {
	if s, ok := r.strs[string(b)]; ok {
		return s
	}
	s := string(b)
	r.strs[s] = s
	return s
}

func (r *observationReader) period(b []byte) (localup.Period, error) {
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

// read runs one query. stop reports that fn failed, with its error.
func (r *observationReader) read(ctx context.Context, db *DB, w where, fn func(localup.Observation) error) (stop bool, err error) {
	rows, err := db.query(ctx, `SELECT dataset_id, indicator_id, area_code, period, breakdown,
		value, lower, upper, numerator, denominator, status, missing FROM observations`+w.String(), w.args...)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	var ds, ind, area, period, breakdown, status, missing sql.RawBytes
	var value, lower, upper, num, den sql.NullFloat64
	for rows.Next() {
		if err := rows.Scan(&ds, &ind, &area, &period, &breakdown, &value, &lower, &upper, &num, &den,
			&status, &missing); err != nil {
			return false, err
		}
		p, err := r.period(period)
		if err != nil {
			return false, err
		}
		o := localup.Observation{
			DatasetID: r.str(ds), IndicatorID: r.str(ind), AreaCode: r.str(area), Period: p,
			Breakdown: r.str(breakdown), Status: r.str(status), Missing: r.str(missing),
			Value: floatOrNaN(value), Lower: floatOrNaN(lower), Upper: floatOrNaN(upper),
			Numerator: floatOrNaN(num), Denominator: floatOrNaN(den),
		}
		if err := fn(o); err != nil {
			return true, err
		}
	}
	return false, rows.Err()
}
