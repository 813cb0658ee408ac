package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/localup/localup"
)

// checkBatch rejects a batch that cannot be written, before any writing:
// a missing ID or version, an observation without a period, or a key the
// batch repeats (except observation keys, which the database's unique
// constraint catches faster; see duplicateObservation).
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

// duplicateObservation finds the key that broke the unique constraint.
// It runs only after a failed insert, so a clean import never pays for it.
func duplicateObservation(obs []localup.Observation) (localup.ObservationKey, bool) {
	seen := make(map[localup.ObservationKey]bool, len(obs))
	for i := range obs {
		k := obs[i].Key()
		if seen[k] {
			return k, true
		}
		seen[k] = true
	}
	return localup.ObservationKey{}, false
}

// checkReferences makes sure that every area and indicator the batch's
// observations name exists, so that the error can name the culprit rather
// than report a bare foreign key violation.
func checkReferences(ctx context.Context, tx *Tx, b *localup.Batch) error {
	batchAreas := make(map[string]bool, len(b.Areas))
	for _, a := range b.Areas {
		batchAreas[a.Code] = true
	}
	batchInds := make(map[string]bool, len(b.Indicators))
	for _, n := range b.Indicators {
		batchInds[n.ID] = true
	}
	var areas, inds []string
	var lastArea, lastInd string
	for i := range b.Observations {
		o := &b.Observations[i]
		// Rows come grouped by indicator and often by area, so comparing
		// with the previous row skips most map lookups.
		if o.IndicatorID != lastInd || i == 0 {
			lastInd = o.IndicatorID
			if !batchInds[lastInd] {
				batchInds[lastInd] = true
				inds = append(inds, lastInd)
			}
		}
		if o.AreaCode != lastArea || i == 0 {
			lastArea = o.AreaCode
			if !batchAreas[lastArea] {
				batchAreas[lastArea] = true
				areas = append(areas, lastArea)
			}
		}
	}
	if k, err := firstMissing(ctx, tx, "indicators", "id", inds); err != nil || k != "" {
		if err == nil {
			err = localup.Errorf(localup.EINVALID, "an observation names indicator %q, which is neither in dataset %s nor in the store", k, b.Dataset.ID)
		}
		return err
	}
	if k, err := firstMissing(ctx, tx, "areas", "code", areas); err != nil || k != "" {
		if err == nil {
			err = localup.Errorf(localup.EINVALID, "an observation names area %q, which is neither in dataset %s nor in the store", k, b.Dataset.ID)
		}
		return err
	}
	return nil
}

// firstMissing returns the first of keys, in sorted order, that column of
// table does not hold, or "" when all are there.
func firstMissing(ctx context.Context, tx *Tx, table, column string, keys []string) (string, error) {
	slices.Sort(keys)
	found := make(map[string]bool, len(keys))
	for start := 0; start < len(keys); start += maxRowsPerInsert {
		chunk := keys[start:min(start+maxRowsPerInsert, len(keys))]
		args := make([]any, len(chunk))
		for i, k := range chunk {
			args[i] = k
		}
		q := "SELECT " + column + " FROM " + table + " WHERE " + column + " IN (" +
			strings.TrimSuffix(strings.Repeat("?,", len(chunk)), ",") + ")"
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return "", err
		}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return "", err
			}
			found[k] = true
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return "", err
		}
	}
	for _, k := range keys {
		if !found[k] {
			return k, nil
		}
	}
	return "", nil
}
