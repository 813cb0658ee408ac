package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/localup/localup/internal/allocation"
	"github.com/localup/localup/internal/numfmt"
	"github.com/localup/localup/internal/snapshot"
)

var allocateCommand = &command{
	name:    "allocate",
	args:    " FORMULA",
	summary: "divide a pot among places by a needs formula",
	help: `Apply a needs formula to the imported data and divide --pot (whole pounds)
among every place at the formula's geography. Allocations sum exactly to the
pot; the same formula, pot and data always give the same pounds.

FORMULA is a YAML or JSON formula file, the name of a built-in example
(` + exampleNames() + `), or a formula saved on the
web site, as NAME or NAME@VERSION. See examples/formulas/README.md.

The results table (need rank, code, name, population, need score,
allocation, per head, and each component's contribution) goes to --out:
CSV, or an Excel workbook when the name ends .xlsx. Without --out, CSV goes
to standard output and the summary to standard error.`,
	maxArgs: 1,
	flags: func(m *Main, fs *flag.FlagSet) {
		m.Config.StoreFlags(fs)
		fs.StringVar(&m.alloc.pot, "pot", "", "the pot to divide, in whole pounds (required), e.g. 1500000000")
		fs.StringVar(&m.alloc.out, "out", "", "write the results to this file (.csv or .xlsx) instead of standard output")
	},
	run: func(m *Main, ctx context.Context) error { return m.runAllocate(ctx) },
}

// allocateFlags are the allocate command's flags.
type allocateFlags struct {
	pot, out string
}

func exampleNames() string {
	exs, _ := allocation.Examples()
	var names []string
	for _, e := range exs {
		names = append(names, e.ID)
	}
	return strings.Join(names, ", ")
}

func (m *Main) runAllocate(ctx context.Context) error {
	if len(m.args) != 1 {
		return usageError("allocate needs a FORMULA: a file, an example (%s) or a saved formula's name", exampleNames())
	}
	if m.alloc.pot == "" {
		return usageError("allocate needs --pot, the pot in whole pounds")
	}
	pot, err := allocation.ParsePot(m.alloc.pot)
	if err != nil {
		return err
	}
	src, err := cliSource(m.args[0])
	if err != nil {
		return err
	}
	db, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	start := time.Now()
	snap, err := snapshot.Load(ctx, db)
	if err != nil {
		return fmt.Errorf("load data: %w", err)
	}
	if len(snap.Datasets()) == 0 {
		return errors.New("the database holds no data yet: run localup import first")
	}
	loaded := time.Since(start)
	svc := allocation.New(allocation.Options{Snapshot: func() *snapshot.Snapshot { return snap }, Evidence: db, Formulas: db})
	res, err := svc.Resolve(ctx, src)
	if err != nil {
		return err
	}
	run, err := svc.Allocate(ctx, res.Formula, pot)
	if err != nil {
		return err
	}
	summary := m.Stdout
	if m.alloc.out == "" || m.alloc.out == "-" {
		if err := run.WriteCSV(m.Stdout); err != nil {
			return err
		}
		summary = m.Stderr
	} else if err := writeFileAtomic(m.alloc.out, func(w io.Writer) error {
		if strings.EqualFold(filepath.Ext(m.alloc.out), ".xlsx") {
			return run.WriteXLSX(w)
		}
		return run.WriteCSV(w)
	}); err != nil {
		return err
	}
	printAllocation(summary, res, run, m.alloc.out, loaded)
	return nil
}

// cliSource reads FORMULA: an existing file, else an example, else a
// saved formula's NAME or NAME@VERSION.
func cliSource(arg string) (allocation.Source, error) {
	if b, err := os.ReadFile(arg); err == nil {
		return allocation.Source{Document: string(b)}, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return allocation.Source{}, fmt.Errorf("read formula %s: %w", arg, err)
	}
	if _, ok := allocation.LookupExample(arg); ok {
		return allocation.Source{Example: arg}, nil
	}
	if name, v, ok := strings.Cut(arg, "@"); ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return allocation.Source{}, usageError("%q: the version after @ must be 1 or more", arg)
		}
		return allocation.Source{Name: name, Version: n}, nil
	}
	return allocation.Source{Name: arg}, nil
}

// writeFileAtomic writes a file through a temporary file in the same
// folder, so that a failure never leaves half a file under the name.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(f.Name()) // after a successful rename there is nothing to remove
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// printAllocation summarises a run for a person.
func printAllocation(w io.Writer, res allocation.Resolved, run *allocation.Run, out string, loaded time.Duration) {
	d := run.Data
	fmt.Fprintf(w, "%s: £%s to %d %s (%s), total £%s\n", res.Label(), numfmt.Int(run.Pot), len(run.Result.Places),
		numfmt.Plural(len(run.Result.Places), "place", "places"), d.Geography.Label(), numfmt.Int(run.Total()))
	for _, c := range d.Components {
		fmt.Fprintf(w, "  %s, %s: %d places with a value\n", c.Indicator.ID, c.Period.Label(), c.WithValue)
	}
	if len(d.Dropped) > 0 {
		fmt.Fprintf(w, "%d left out:\n", len(d.Dropped))
		for _, x := range d.Dropped {
			fmt.Fprintf(w, "  %s %s: %s\n", x.Code, x.Name, x.Reason)
		}
	}
	for _, n := range run.Notes() {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	if out != "" && out != "-" {
		fmt.Fprintf(w, "wrote %s\n", out)
	}
	fmt.Fprintf(w, "data version %.12s, loaded in %s, allocated in %s\n", d.DataVersion,
		loaded.Round(time.Millisecond), run.Took.Round(time.Millisecond))
}
