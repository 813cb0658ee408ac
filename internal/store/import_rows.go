package store

import (
	"context"
	"strings"

	"github.com/localup/localup"
)

// maxInsertBytes bounds the encoded observations one INSERT carries, so
// that a large release does not make the driver build one huge message.
const maxInsertBytes = 4 << 20

// setColumns are the columns of observation_sets an import writes.
var setColumns = []string{"dataset_id", "indicator_id", "period", "period_start", "period_months", "breakdown", "n", "data"}

// insertSets writes a dataset's sets: PostgreSQL bulk-loads them with COPY
// (one round trip, no parameter copies of the encoded data); SQLite, which
// runs in process, takes multi-row INSERTs.
func insertSets(ctx context.Context, tx *Tx, id string, sets []obsSet) error {
	if tx.db.dialect.name() == "postgres" {
		return copySets(ctx, tx, id, sets)
	}
	for len(sets) > 0 {
		n, size := 1, len(sets[0].data)
		for n < len(sets) && size+len(sets[n].data) <= maxInsertBytes {
			size += len(sets[n].data)
			n++
		}
		chunk := sets[:n]
		sets = sets[n:]
		err := insertRows(ctx, tx, "observation_sets", strings.Join(setColumns, ", "), "",
			len(chunk), func(i int, args []any) []any {
				s := &chunk[i]
				return append(args, id, s.indicator, s.period, s.start, s.months, s.breakdown, s.n, s.data)
			})
		if err != nil {
			return err
		}
	}
	return nil
}

func insertCodeChanges(ctx context.Context, tx *Tx, id string, cs []localup.CodeChange) error {
	return insertRows(ctx, tx, "code_changes", "dataset_id, seq, old_code, old_name, new_code, new_name, type, year", "",
		len(cs), func(i int, args []any) []any {
			c := cs[i]
			return append(args, id, i, c.OldCode, c.OldName, c.NewCode, c.NewName, string(c.Type), c.Year)
		})
}

// insertGrants keeps grants in source order by their position in the
// batch, and each grant's areas in the order given.
func insertGrants(ctx context.Context, tx *Tx, id string, gs []localup.Grant) error {
	err := insertRows(ctx, tx, "grants",
		"dataset_id, seq, fund, round, type, recipient, project, place_ref, amount, capital, revenue, year, line", "",
		len(gs), func(i int, args []any) []any {
			g := gs[i]
			return append(args, id, i, g.Fund, g.Round, string(g.Type), g.Recipient, g.Project, g.PlaceRef,
				g.Amount, nullMoney(g.Capital), nullMoney(g.Revenue), g.Year, g.Line)
		})
	if err != nil {
		return err
	}
	type grantArea struct{ seq, pos int }
	var links []grantArea
	for i, g := range gs {
		for j := range g.AreaCodes {
			links = append(links, grantArea{i, j})
		}
	}
	return insertRows(ctx, tx, "grant_areas", "dataset_id, grant_seq, pos, area_code", "", len(links),
		func(i int, args []any) []any {
			l := links[i]
			return append(args, id, l.seq, l.pos, gs[l.seq].AreaCodes[l.pos])
		})
}

func insertGroups(ctx context.Context, tx *Tx, id string, b *localup.Batch) error {
	err := insertRows(ctx, tx, "area_groups", "dataset_id, scheme, group_name, area_code", "", len(b.Groups),
		func(i int, args []any) []any {
			g := b.Groups[i]
			return append(args, id, g.Scheme, g.Group, g.AreaCode)
		})
	if err != nil {
		return err
	}
	err = insertRows(ctx, tx, "group_descriptions", "dataset_id, scheme, group_name, description", "", len(b.Descriptions),
		func(i int, args []any) []any {
			d := b.Descriptions[i]
			return append(args, id, d.Scheme, d.Group, d.Description)
		})
	if err != nil {
		return err
	}
	return insertRows(ctx, tx, "published_neighbours", "dataset_id, scheme, area_code, rank_no, neighbour", "",
		len(b.Neighbours), func(i int, args []any) []any {
			n := b.Neighbours[i]
			return append(args, id, n.Scheme, n.AreaCode, n.Rank, n.Neighbour)
		})
}
