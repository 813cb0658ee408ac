package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Tx is a transaction on one connection. Its methods take queries written
// with ? placeholders, whatever the database.
type Tx struct {
	tx   *sql.Tx
	conn *sql.Conn
	db   *DB
}

// Transact runs fn in a transaction and commits if fn returns nil. It
// rolls back if fn returns an error or panics, and then re-panics. Driver
// errors come back as *localup.Error where a constraint was broken.
func (db *DB) Transact(ctx context.Context, fn func(*Tx) error) (err error) {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: transact: %w", err)
	}
	defer conn.Close()
	stx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", db.dialect.mapError(err))
	}
	defer func() {
		if p := recover(); p != nil {
			stx.Rollback()
			panic(p)
		}
		if err != nil {
			stx.Rollback()
			return
		}
		if err = stx.Commit(); err != nil {
			err = fmt.Errorf("store: commit: %w", db.dialect.mapError(err))
		}
	}()
	return db.dialect.mapError(fn(&Tx{tx: stx, conn: conn, db: db}))
}

// ExecContext runs a statement that returns no rows.
func (tx *Tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := tx.tx.ExecContext(ctx, tx.db.dialect.rebind(query), args...)
	return res, tx.db.dialect.mapError(err)
}

// QueryContext runs a query that returns rows.
func (tx *Tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	rows, err := tx.tx.QueryContext(ctx, tx.db.dialect.rebind(query), args...)
	return rows, tx.db.dialect.mapError(err)
}

// QueryRowContext runs a query that returns at most one row.
func (tx *Tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return tx.tx.QueryRowContext(ctx, tx.db.dialect.rebind(query), args...)
}

// PrepareContext prepares a statement for repeated use in the transaction.
func (tx *Tx) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	st, err := tx.tx.PrepareContext(ctx, tx.db.dialect.rebind(query))
	return st, tx.db.dialect.mapError(err)
}
