package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/localup/localup"
)

func openPostgres(dsn string) (*sql.DB, dialect, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, nil, err
	}
	db := sql.OpenDB(pgConnector{cfg: cfg})
	db.SetMaxIdleConns(4)
	return db, postgresDialect{}, nil
}

type postgresDialect struct{}

func (postgresDialect) name() string            { return "postgres" }
func (postgresDialect) maxParams() int          { return 65535 }
func (postgresDialect) timeArg(t time.Time) any { return t.UTC() }

func (postgresDialect) bulk(context.Context, *sql.Conn) (func(), error) { return func() {}, nil }

// rebind turns ? placeholders into $1, $2... Queries in this package
// never hold a ? inside a literal.
func (postgresDialect) rebind(q string) string {
	n := strings.Count(q, "?")
	if n == 0 {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 3*n)
	i := 0
	for {
		j := strings.IndexByte(q, '?')
		if j < 0 {
			b.WriteString(q)
			return b.String()
		}
		i++
		b.WriteString(q[:j])
		b.WriteByte('$')
		b.WriteString(strconv.Itoa(i))
		q = q[j+1:]
	}
}

func (postgresDialect) mapError(err error) error {
	var pe *pgconn.PgError
	if err == nil || isDomain(err) || !errors.As(err, &pe) {
		return err
	}
	switch pe.Code {
	case "23505": // unique_violation
		return &localup.Error{Code: localup.ECONFLICT, Message: "duplicate key", Err: err}
	case "23503": // foreign_key_violation
		return &localup.Error{Code: localup.EINVALID, Message: "reference to a missing row", Err: err}
	case "23502", "23514": // not_null_violation, check_violation
		return &localup.Error{Code: localup.EINVALID, Message: "value breaks a rule", Err: err}
	}
	return err
}

// insertObservations streams the rows with COPY on the transaction's own
// connection: the server has the transaction open on it, so the rows
// commit or roll back with the rest of the import.
func (postgresDialect) insertObservations(ctx context.Context, tx *Tx, datasetID string, obs []localup.Observation) error {
	cols := []string{"dataset_id", "indicator_id", "area_code", "period", "period_start", "period_months",
		"breakdown", "value", "lower", "upper", "numerator", "denominator", "status", "missing"}
	rows := newObsRows(obs)
	row := make([]any, len(cols))
	src := pgx.CopyFromSlice(len(obs), func(k int) ([]any, error) {
		o, period := rows.at(k)
		row[0], row[1], row[2] = datasetID, o.IndicatorID, o.AreaCode
		row[3], row[4], row[5] = period, o.Period.Start, periodMonths(o.Period)
		row[6], row[7], row[8] = o.Breakdown, nullFloat(o.Value), nullFloat(o.Lower)
		row[9], row[10], row[11] = nullFloat(o.Upper), nullFloat(o.Numerator), nullFloat(o.Denominator)
		row[12], row[13] = o.Status, o.Missing
		return row, nil
	})
	err := tx.conn.Raw(func(dc any) error {
		c, ok := dc.(*pgDriverConn)
		if !ok {
			return errors.New("store: not a PostgreSQL connection")
		}
		_, err := c.conn.CopyFrom(ctx, pgx.Identifier{"observations"}, cols, src)
		return err
	})
	return tx.db.dialect.mapError(err)
}
