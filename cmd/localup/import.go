package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/localup/localup"
	"github.com/localup/localup/internal/importer"
	"github.com/localup/localup/internal/numfmt"
)

var importCommand = &command{
	name:    "import",
	args:    " [FILE]",
	summary: "import the official datasets, or one council's own tidy CSV file",
	help: `With no FILE, import every known dataset in the data directory (--data,
by default ../shared/data; see shared/data/README.md). A dataset whose files
have not changed since its last import is skipped, so running import again
is quick.

With FILE, import one tidy CSV file of a council's own indicators, with
columns indicator,area_code,period,value[,lci,uci,numerator,denominator],
as dataset --tidy-id, described by the metadata CSV --tidy-metadata
(id,title,unit,polarity,value_type,decimal_places,topic,source,licence).
See README.md.`,
	maxArgs: 1,
	flags: func(m *Main, fs *flag.FlagSet) {
		m.Config.StoreFlags(fs)
		m.Config.DataFlags(fs)
		fs.StringVar(&m.tidyID, "tidy-id", "", "dataset ID for a tidy CSV FILE, e.g. hartlepool-council")
		fs.StringVar(&m.tidyMeta, "tidy-metadata", "", "metadata CSV describing the indicators of a tidy CSV FILE")
	},
	run: func(m *Main, ctx context.Context) error { return m.runImport(ctx) },
}

func (m *Main) runImport(ctx context.Context) error {
	if len(m.args) == 0 && (m.tidyID != "" || m.tidyMeta != "") {
		return localup.Errorf(localup.EINVALID, "--tidy-id and --tidy-metadata need a tidy CSV FILE argument")
	}
	if len(m.args) == 1 && (m.tidyID == "" || m.tidyMeta == "") {
		return localup.Errorf(localup.EINVALID, "importing %s needs --tidy-id and --tidy-metadata", m.args[0])
	}
	db, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	im := importer.New(db, m.Config.DataDir)
	im.Log = m.log
	if isTerminal(m.Stderr) {
		im.Progress = m.Stderr
	}
	start := time.Now()
	var sums []localup.ImportSummary
	if len(m.args) == 0 {
		sums, err = im.ImportAll(ctx)
	} else {
		var sum localup.ImportSummary
		sum, err = im.ImportTidy(ctx, m.tidyID, m.args[0], m.tidyMeta)
		if err == nil {
			sums = append(sums, sum)
		}
	}
	if len(sums) > 0 {
		printSummaries(m.Stdout, sums, time.Since(start))
	}
	return err
}

// printSummaries writes one line per dataset and a total.
func printSummaries(w io.Writer, sums []localup.ImportSummary, took time.Duration) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DATASET\tROWS\tAREAS\tINDICATORS\tPERIODS\tGRANTS\tSTATUS\tTIME")
	changed := 0
	for _, s := range sums {
		status := "unchanged"
		if s.Changed {
			status = "changed"
			changed++
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\n", s.DatasetID, s.Observations, s.Areas, s.Indicators,
			s.Periods, s.Grants, status, s.Duration.Round(time.Millisecond))
	}
	tw.Flush()
	fmt.Fprintf(w, "%d %s, %d changed, in %s\n", len(sums), numfmt.Plural(len(sums), "dataset", "datasets"), changed,
		took.Round(time.Millisecond))
}
