package store

import (
	"context"
	"strings"
)

// maxRowsPerInsert bounds a multi-row INSERT: past a few hundred rows a
// longer statement saves nothing and costs parse time.
const maxRowsPerInsert = 500

// insertRows inserts n rows into table with multi-row INSERT statements,
// as many rows to a statement as the database's placeholder limit allows.
// row appends the i-th row's values, in columns order, to args. suffix
// follows the VALUES list (an ON CONFLICT clause). table, columns and
// suffix are constants of this package, never user input.
func insertRows(ctx context.Context, tx *Tx, table, columns, suffix string, n int,
	row func(i int, args []any) []any) error {
	if n == 0 {
		return nil
	}
	ncol := strings.Count(columns, ",") + 1
	per := min(maxRowsPerInsert, tx.db.dialect.maxParams()/ncol)
	tuple := "(" + strings.Repeat("?,", ncol-1) + "?)"
	queries := map[int]string{}
	args := make([]any, 0, min(n, per)*ncol)
	for start := 0; start < n; start += per {
		end := min(start+per, n)
		args = args[:0]
		for i := start; i < end; i++ {
			args = row(i, args)
		}
		q, ok := queries[end-start]
		if !ok {
			var b strings.Builder
			b.WriteString("INSERT INTO " + table + " (" + columns + ") VALUES ")
			for i := range end - start {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString(tuple)
			}
			b.WriteString(" " + suffix)
			q = b.String()
			queries[end-start] = q
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
	}
	return nil
}
