// Package store keeps the evidence base in SQLite or PostgreSQL through one
// database/sql implementation of localup.Store: raw SQL with explicit
// columns, one transaction per import, embedded numbered migrations, and
// driver errors turned into localup error codes. sqlite.go and postgres.go
// hold the few places where the two databases differ.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/localup/localup"
)

// DB is a localup.Store over SQLite or PostgreSQL, safe for concurrent
// use. A SQLite file is opened in WAL mode, so readers carry on while an
// import writes; ":memory:" has no WAL, and is meant for tests.
type DB struct {
	sql     *sql.DB
	dialect dialect
	keep    *sql.Conn // holds an in-memory SQLite database open while DB is

	// Now returns the current time; Import records it as a dataset's
	// ImportedAt. Tests replace it for reproducible results.
	Now func() time.Time
}

var _ localup.Store = (*DB)(nil)

// dialect is what differs between SQLite and PostgreSQL.
type dialect interface {
	// name is "sqlite" or "postgres", the migrations directory.
	name() string
	// rebind rewrites a query written with ? placeholders.
	rebind(query string) string
	// mapError turns a driver's constraint errors into *localup.Error.
	mapError(err error) error
	// timeArg is t as the driver should store it.
	timeArg(t time.Time) any
	// maxParams is how many placeholders one statement may hold.
	maxParams() int
}

// Open connects to the database dsn names and brings its schema up to
// date. A dsn starting postgres:// or postgresql:// is a PostgreSQL
// connection string; anything else is a SQLite file path, ":memory:" for a
// private in-memory database.
func Open(ctx context.Context, dsn string) (*DB, error) {
	db, err := open(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open: %w", err)
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func open(ctx context.Context, dsn string) (*DB, error) {
	db := &DB{Now: time.Now}
	var err error
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		db.sql, db.dialect, err = openPostgres(dsn)
	} else {
		db.sql, db.dialect, err = openSQLite(dsn)
	}
	if err != nil {
		return nil, err
	}
	if isMemory(dsn) {
		// A shared in-memory database lives only while a connection to it
		// is open, and database/sql closes idle connections at will.
		if db.keep, err = db.sql.Conn(ctx); err != nil {
			db.sql.Close()
			return nil, err
		}
	}
	if err := db.sql.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Ping checks that the database can be reached.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.sql.PingContext(ctx); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	return nil
}

// Close releases the connection pool.
func (db *DB) Close() error {
	if db.keep != nil {
		db.keep.Close()
		db.keep = nil
	}
	return db.sql.Close()
}

// Dialect is "sqlite" or "postgres".
func (db *DB) Dialect() string { return db.dialect.name() }

// now is the injected clock in UTC, to the microsecond that both
// databases keep.
func (db *DB) now() time.Time {
	return db.Now().UTC().Truncate(time.Microsecond)
}

// query runs a query written with ? placeholders on the pool.
func (db *DB) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	rows, err := db.sql.QueryContext(ctx, db.dialect.rebind(q), args...)
	return rows, db.dialect.mapError(err)
}

// queryRow runs a one-row query written with ? placeholders on the pool.
func (db *DB) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return db.sql.QueryRowContext(ctx, db.dialect.rebind(q), args...)
}
