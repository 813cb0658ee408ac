package store

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"

	"github.com/localup/localup"
)

// checkBatch rejects a batch that cannot be written, before any writing:
// a missing ID or version, an observation without a period, or a key the
// batch repeats (except observation keys, which groupSets finds as it
// sorts the observations).
func checkBatch(b *localup.Batch) error {
	d := b.Dataset
	if d.ID == "" {
		return localup.Errorf(localup.EINVALID, "dataset has no ID")
	}
	if d.Version == "" {
		return localup.Errorf(localup.EINVALID, "dataset %s has no version", d.ID)
	}
	for i := range b.Observations {
		if o := &b.Observations[i]; o.Period.IsZero() {
			return localup.Errorf(localup.EINVALID, "observation of %s for %s has no period", o.IndicatorID, o.AreaCode)
		}
	}
	dups := []struct {
		what string
		key  func() (string, bool)
	}{
		{"file", func() (string, bool) {
			return firstDup(d.Files, func(f localup.SourceFile) string { return f.Path })
		}},
		{"area", func() (string, bool) {
			return firstDup(b.Areas, func(a localup.Area) string { return a.Code })
		}},
		{"indicator", func() (string, bool) {
			return firstDup(b.Indicators, func(n localup.Indicator) string { return n.ID })
		}},
		{"code change", func() (string, bool) {
			return firstDup(b.CodeChanges, func(c localup.CodeChange) string {
				return fmt.Sprintf("%s to %s in %d", c.OldCode, c.NewCode, c.Year)
			})
		}},
		{"grant area", func() (string, bool) {
			for _, g := range b.Grants {
				if k, ok := firstDup(g.AreaCodes, func(c string) string { return c }); ok {
					return fmt.Sprintf("%s in %s grant to %s (line %d)", k, g.Fund, g.Recipient, g.Line), true
				}
			}
			return "", false
		}},
		{"group member", func() (string, bool) {
			return firstDup(b.Groups, func(g localup.AreaGroup) string { return g.Scheme + " " + g.AreaCode })
		}},
		{"group description", func() (string, bool) {
			return firstDup(b.Descriptions, func(g localup.GroupDescription) string { return g.Scheme + " " + g.Group })
		}},
		{"neighbour", func() (string, bool) {
			return firstDup(b.Neighbours, func(n localup.PublishedNeighbour) string {
				return fmt.Sprintf("%s %s rank %d", n.Scheme, n.AreaCode, n.Rank)
			})
		}},
	}
	for _, c := range dups {
		if k, ok := c.key(); ok {
			return localup.Errorf(localup.ECONFLICT, "%s %s appears twice in dataset %s", c.what, k, d.ID)
		}
	}
	return nil
}

// firstDup returns the first key that occurs twice in xs.
func firstDup[T any](xs []T, key func(T) string) (string, bool) {
	seen := make(map[string]bool, len(xs))
	for _, x := range xs {
		k := key(x)
		if seen[k] {
			return k, true
		}
		seen[k] = true
	}
	return "", false
}

// checkReferences makes sure that every area and indicator that the
// batch's observations name is in the batch or the store, so that the
// error can name the culprit. Observation sets have no foreign key to
// areas: this check is all there is. The codes the batch does not define
// are gathered first, then one pass over each table drops those the store
// knows; the pass allocates nothing for the codes it does not need.
func checkReferences(ctx context.Context, tx *Tx, b *localup.Batch, bs batchSets) error {
	inds := make(map[string]bool, len(b.Indicators))
	for _, n := range b.Indicators {
		inds[n.ID] = true
	}
	needInds := map[string]bool{}
	for i := range bs.sets {
		if !inds[bs.sets[i].indicator] {
			needInds[bs.sets[i].indicator] = true
		}
	}
	if k, err := firstUnknown(ctx, tx, `SELECT id FROM indicators`, needInds); err != nil || k != "" {
		if err == nil {
			err = localup.Errorf(localup.EINVALID, "an observation names indicator %q, which is neither in dataset %s nor in the store", k, b.Dataset.ID)
		}
		return err
	}
	areas := make(map[string]bool, len(b.Areas))
	for _, a := range b.Areas {
		areas[a.Code] = true
	}
	needAreas := map[string]bool{}
	for _, code := range bs.areas {
		if !areas[code] {
			needAreas[code] = true
		}
	}
	if k, err := firstUnknown(ctx, tx, `SELECT code FROM areas`, needAreas); err != nil || k != "" {
		if err == nil {
			err = localup.Errorf(localup.EINVALID, "an observation names area %q, which is neither in dataset %s nor in the store", k, b.Dataset.ID)
		}
		return err
	}
	return nil
}

// firstUnknown removes from need every key that query, which returns one
// column, lists, and returns the first key left in sorted order, or "" when
// none is.
func firstUnknown(ctx context.Context, tx *Tx, query string, need map[string]bool) (string, error) {
	if len(need) == 0 {
		return "", nil
	}
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var k sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&k); err != nil {
			return "", err
		}
		if need[string(k)] {
			delete(need, string(k))
		}
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	if len(need) == 0 {
		return "", nil
	}
	return slices.Min(slices.Collect(maps.Keys(need))), nil
}
