package store

import (
	"context"
	"database/sql/driver"
	"fmt"
	"math"
	"strings"

	"github.com/localup/localup"
)

// sqliteObsRows is how many observations one INSERT carries, well inside
// SQLite's variable limit and large enough that statement overhead
// vanishes.
const sqliteObsRows = 500

// Binding is a good part of an insert's cost, so observations go in by
// one of two row shapes: the wide one binds every column; the narrow one,
// for rows with nothing but a value and its limits (most of them), binds
// seven. In both ?1 is the dataset ID, bound once per statement, and
// empty strings travel as NULL, which binds without copying.
const (
	sqliteObsWide   = "(?1,?,?,?,?,coalesce(?,''),?,?,?,?,?,coalesce(?,''),coalesce(?,''))"
	sqliteObsNarrow = "(?1,?,?,?,?,'',?,?,?,NULL,NULL,'','')"
)

const obsColumns = "dataset_id, indicator_id, area_code, period, period_months, breakdown, " +
	"value, lower, upper, numerator, denominator, status, missing"

// narrow reports whether o fits the narrow row shape.
func narrow(o *localup.Observation) bool {
	return o.Breakdown == "" && o.Status == "" && o.Missing == "" &&
		math.IsNaN(o.Numerator) && math.IsNaN(o.Denominator)
}

// sqliteObsInsert returns an INSERT of n rows of one shape.
func sqliteObsInsert(shape string, n int) string {
	var b strings.Builder
	b.Grow(100 + n*(len(shape)+1))
	b.WriteString("INSERT INTO observations (" + obsColumns + ") VALUES ")
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(shape)
	}
	return b.String()
}

// insertObservations runs its statements on the driver connection under
// the transaction, skipping database/sql, which would check every one of
// the million-odd arguments of a full release and allocate a fresh
// argument slice per statement. Rows go in index order (see obsRows).
func (sqliteDialect) insertObservations(ctx context.Context, tx *Tx, datasetID string, obs []localup.Observation) error {
	err := tx.conn.Raw(func(dc any) error {
		conn, ok := dc.(driver.ConnPrepareContext)
		if !ok {
			return fmt.Errorf("SQLite driver connection %T cannot prepare statements", dc)
		}
		stmts := &sqliteStmts{conn: conn, m: map[stmtKey]execStmt{}}
		defer stmts.close()
		rows := newObsRows(obs)
		args := make([]driver.NamedValue, 0, 1+12*sqliteObsRows)
		add := func(v any) { args = append(args, driver.NamedValue{Ordinal: len(args) + 1, Value: v}) }
		for start := 0; start < len(obs); start += sqliteObsRows {
			end := min(start+sqliteObsRows, len(obs))
			shape := sqliteObsNarrow
			for k := start; k < end; k++ {
				if o, _ := rows.at(k); !narrow(o) {
					shape = sqliteObsWide
					break
				}
			}
			args = args[:0]
			add(datasetID)
			for k := start; k < end; k++ {
				o, period := rows.at(k)
				add(o.IndicatorID)
				add(o.AreaCode)
				add(period)
				add(periodMonths(o.Period))
				if shape == sqliteObsWide {
					add(nullString(o.Breakdown))
				}
				add(nullFloat(o.Value))
				add(nullFloat(o.Lower))
				add(nullFloat(o.Upper))
				if shape == sqliteObsWide {
					add(nullFloat(o.Numerator))
					add(nullFloat(o.Denominator))
					add(nullString(o.Status))
					add(nullString(o.Missing))
				}
			}
			if err := stmts.exec(ctx, shape, end-start, args); err != nil {
				return err
			}
		}
		return nil
	})
	return tx.db.dialect.mapError(err)
}

// execStmt is a driver statement that runs with a context.
type execStmt interface {
	driver.Stmt
	driver.StmtExecContext
}

type stmtKey struct {
	shape string
	rows  int
}

// sqliteStmts prepares each INSERT an import needs once and closes them
// all at the end: two full-sized shapes and the last, shorter chunk.
type sqliteStmts struct {
	conn driver.ConnPrepareContext
	m    map[stmtKey]execStmt
}

func (s *sqliteStmts) exec(ctx context.Context, shape string, rows int, args []driver.NamedValue) error {
	k := stmtKey{shape, rows}
	st, ok := s.m[k]
	if !ok {
		ds, err := s.conn.PrepareContext(ctx, sqliteObsInsert(shape, rows))
		if err != nil {
			return err
		}
		if st, ok = ds.(execStmt); !ok {
			ds.Close()
			return fmt.Errorf("SQLite statement %T cannot execute with a context", ds)
		}
		s.m[k] = st
	}
	_, err := st.ExecContext(ctx, args)
	return err
}

func (s *sqliteStmts) close() {
	for _, st := range s.m {
		st.Close()
	}
}
