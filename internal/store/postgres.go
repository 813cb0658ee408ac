package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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

// copySets streams the sets with COPY on the transaction's own connection:
// the server has the transaction open on it, so the rows commit or roll
// back with the rest of the import.
func copySets(ctx context.Context, tx *Tx, id string, sets []obsSet) error {
	row := make([]any, len(setColumns))
	src := pgx.CopyFromSlice(len(sets), func(i int) ([]any, error) {
		s := &sets[i]
		start, err := time.Parse(time.DateOnly, s.start)
		if err != nil {
			return nil, fmt.Errorf("set %s %s: period start %q: %w", s.indicator, s.period, s.start, err)
		}
		row[0], row[1], row[2], row[3] = id, s.indicator, s.period, start
		row[4], row[5], row[6], row[7] = s.months, s.breakdown, s.n, s.data
		return row, nil
	})
	err := tx.conn.Raw(func(dc any) error {
		c, ok := dc.(*pgDriverConn)
		if !ok {
			return errors.New("store: COPY needs a PostgreSQL connection")
		}
		_, err := c.conn.CopyFrom(ctx, pgx.Identifier{"observation_sets"}, setColumns, src)
		return err
	})
	return tx.db.dialect.mapError(err)
}
