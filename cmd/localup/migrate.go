package main

import (
	"context"
	"flag"
	"fmt"
)

var migrateCommand = &command{
	name:    "migrate",
	summary: "bring the database schema up to date and print its version",
	help: `Apply every database migration not yet applied, each in its own
transaction, and print the schema version. import and serve do this too.`,
	flags: func(m *Main, fs *flag.FlagSet) { m.Config.StoreFlags(fs) },
	run: func(m *Main, ctx context.Context) error {
		db, err := m.openStore(ctx) // Open applies the migrations
		if err != nil {
			return err
		}
		v, err := db.SchemaVersion(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "schema version %d (%s)\n", v, db.Dialect())
		return nil
	},
}
