// Command localup imports official local-area statistics and serves them
// as a web site and a JSON API. Run `localup -h` for its subcommands.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := NewMain()
	err := m.ParseFlags(ctx, os.Args[1:])
	if err == nil {
		err = m.Run(ctx)
	}
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	os.Exit(exitCode(err))
}

// exitCode prints err and returns the process's exit status: 0 for
// success or -h, 2 for a usage error, 1 for anything else.
func exitCode(err error) int {
	switch {
	case err == nil, errors.Is(err, errHelp):
		return 0
	}
	fmt.Fprintln(os.Stderr, "localup:", err)
	if errors.Is(err, errUsage) {
		return 2
	}
	return 1
}
