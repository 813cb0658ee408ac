package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/store"
)

// transactor is a store with the Transact helper; the suite tests it
// where the store has it.
type transactor interface {
	Transact(ctx context.Context, fn func(*store.Tx) error) error
}

func insertArea(ctx context.Context, tx *store.Tx, code string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO areas (code, name, type) VALUES (?, ?, ?)`, code, "Test", "other")
	return err
}

func testTransactRollsBack(t *testing.T, s localup.Store) {
	db, ok := s.(transactor)
	if !ok {
		t.Skip("store has no Transact")
	}
	ctx := context.Background()
	mustImport(t, s, lookups())
	oops := errors.New("oops")
	err := db.Transact(ctx, func(tx *store.Tx) error {
		if err := insertArea(ctx, tx, "X01000001"); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM areas WHERE code = ?`, "X01000001").Scan(&n); err != nil || n != 1 {
			t.Errorf("inside the transaction: %d rows, %v", n, err)
		}
		return oops
	})
	if !errors.Is(err, oops) {
		t.Errorf("Transact = %v, want fn's error", err)
	}
	if _, err := s.Area(ctx, "X01000001"); localup.ErrorCode(err) != localup.ENOTFOUND {
		t.Errorf("after rollback Area = %v, want not found", err)
	}

	// Constraint errors come back as domain errors.
	err = db.Transact(ctx, func(tx *store.Tx) error { return insertArea(ctx, tx, "E06000001") })
	wantCode(t, err, localup.ECONFLICT)
	err = db.Transact(ctx, func(tx *store.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO indicators (id, title, dataset_id, released) VALUES (?, ?, ?, ?)`,
			"orphan", "Orphan", "no-such-dataset", "2024-01-01T00:00:00.000000Z")
		return err
	})
	wantCode(t, err, localup.EINVALID)

	if err := db.Transact(ctx, func(tx *store.Tx) error { return insertArea(ctx, tx, "X01000002") }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Area(ctx, "X01000002"); err != nil {
		t.Errorf("after commit Area = %v", err)
	}
}

func testTransactPanic(t *testing.T, s localup.Store) {
	db, ok := s.(transactor)
	if !ok {
		t.Skip("store has no Transact")
	}
	ctx := context.Background()
	func() {
		defer func() {
			if p := recover(); p != "boom" {
				t.Errorf("recovered %v, want the panic to pass through", p)
			}
		}()
		db.Transact(ctx, func(tx *store.Tx) error {
			if err := insertArea(ctx, tx, "X01000001"); err != nil {
				t.Fatal(err)
			}
			panic("boom")
		})
	}()
	if _, err := s.Area(ctx, "X01000001"); localup.ErrorCode(err) != localup.ENOTFOUND {
		t.Errorf("after a panic Area = %v, want not found", err)
	}
	// The connection went back to the pool usable.
	for range 3 {
		if err := db.Transact(ctx, func(tx *store.Tx) error { return nil }); err != nil {
			t.Fatal(err)
		}
	}
	mustImport(t, s, lookups())
}
