package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"

	"github.com/localup/localup/internal/config"
	"github.com/localup/localup/internal/numfmt"
	"github.com/localup/localup/internal/store"
)

// errHelp is returned by ParseFlags after printing help; it is not a failure.
var errHelp = flag.ErrHelp

// errUsage marks a command line that could not be understood; the usage
// has already been printed.
var errUsage = errors.New("usage error")

// usageError returns an error matching errUsage with the given message.
func usageError(format string, args ...any) error {
	return &usageErr{msg: fmt.Sprintf(format, args...)}
}

type usageErr struct{ msg string }

// Error returns the message.
func (e *usageErr) Error() string { return e.msg }

// Is makes every usage error match errUsage.
func (e *usageErr) Is(target error) bool { return target == errUsage }

// command is one subcommand of localup.
type command struct {
	name    string
	args    string // the positional arguments, for the usage line
	summary string
	help    string
	flags   func(m *Main, fs *flag.FlagSet)
	maxArgs int // -1 for any number
	run     func(m *Main, ctx context.Context) error
}

// commands lists every subcommand, in the order help shows them.
var commands = []*command{importCommand, serveCommand, allocateCommand, migrateCommand, versionCommand}

// Main is the localup program, split from func main so that tests can run
// it: ParseFlags reads the command line, Run does the work and Close
// releases what Run opened.
type Main struct {
	// Config is filled in by ParseFlags: defaults, environment, flags.
	Config config.Config
	// Stdout receives results; Stderr receives logs, progress and help.
	Stdout, Stderr io.Writer
	// Getenv reads the environment; os.Getenv by default.
	Getenv func(string) string

	cmd      *command
	args     []string
	tidyID   string
	tidyMeta string
	alloc    allocateFlags
	log      *slog.Logger

	db       *store.DB
	ready    chan struct{}
	addr     string
	closeMu  sync.Mutex
	closeErr error
}

// NewMain returns a Main writing to the process's standard streams.
func NewMain() *Main {
	return &Main{Config: config.Default(), Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
		ready: make(chan struct{})}
}

// ParseFlags reads the subcommand, its flags and arguments, after applying
// defaults and environment variables, and validates the result. It returns
// errHelp after printing help, and an errUsage error after printing usage.
func (m *Main) ParseFlags(ctx context.Context, args []string) error {
	if len(args) == 0 {
		m.usage(m.Stderr)
		return usageError("no command given")
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		m.usage(m.Stdout)
		return errHelp
	}
	for _, c := range commands {
		if c.name == args[0] {
			m.cmd = c
		}
	}
	if m.cmd == nil {
		m.usage(m.Stderr)
		return usageError("unknown command %q", args[0])
	}
	if err := m.Config.ApplyEnv(m.Getenv); err != nil {
		return err
	}
	fs := flag.NewFlagSet("localup "+m.cmd.name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	if m.cmd.flags != nil {
		m.cmd.flags(m, fs)
	}
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: localup %s [flags]%s\n\n%s\n", m.cmd.name, m.cmd.args, m.cmd.help)
		if hasFlags(fs) {
			fmt.Fprintf(fs.Output(), "\nFlags:\n")
			fs.PrintDefaults()
		}
	}
	if err := parseInterspersed(fs, args[1:], &m.args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return usageError("%v", err)
	}
	if m.cmd.maxArgs >= 0 && len(m.args) > m.cmd.maxArgs {
		fs.Usage()
		if m.cmd.maxArgs == 0 {
			return usageError("%s takes no arguments, got %q", m.cmd.name, strings.Join(m.args, " "))
		}
		return usageError("%s takes at most %d %s, got %q", m.cmd.name, m.cmd.maxArgs,
			numfmt.Plural(m.cmd.maxArgs, "argument", "arguments"), strings.Join(m.args, " "))
	}
	if err := m.Config.Validate(); err != nil {
		return err
	}
	m.log = newLogger(m.Stderr, m.Config)
	return nil
}

// parseInterspersed parses flags that may come after positional
// arguments, as in "localup allocate FORMULA --pot N", appending the
// positional arguments to args. The flag package stops at the first
// positional argument, so parsing resumes after each one; "--" ends the
// flags as usual.
func parseInterspersed(fs *flag.FlagSet, rest []string, args *[]string) error {
	for len(rest) > 0 {
		if err := fs.Parse(rest); err != nil {
			return err
		}
		left := fs.Args()
		if used := len(rest) - len(left); used > 0 && rest[used-1] == "--" {
			*args = append(*args, left...)
			return nil
		}
		if len(left) == 0 {
			break
		}
		*args = append(*args, left[0])
		rest = left[1:]
	}
	return nil
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// usage prints the list of subcommands.
func (m *Main) usage(w io.Writer) {
	fmt.Fprintf(w, "localup explores official statistics about UK local areas.\n\nUsage: localup <command> [flags] [arguments]\n\nCommands:\n")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nRun localup <command> -h for a command's flags.\n")
}

// Run runs the parsed subcommand. serve runs until ctx is cancelled.
func (m *Main) Run(ctx context.Context) error {
	if m.cmd == nil {
		return errors.New("localup: Run called before ParseFlags")
	}
	return m.cmd.run(m, ctx)
}

// Close releases the database, if Run opened it. It is safe to call more
// than once.
func (m *Main) Close() error {
	m.closeMu.Lock()
	defer m.closeMu.Unlock()
	if m.db != nil {
		m.closeErr = m.db.Close()
		m.db = nil
	}
	return m.closeErr
}

// openStore opens the configured database, bringing its schema up to date.
func (m *Main) openStore(ctx context.Context) (*store.DB, error) {
	db, err := store.Open(ctx, m.Config.DB)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", m.Config.Fields()[0][1], err)
	}
	m.closeMu.Lock()
	m.db = db
	m.closeMu.Unlock()
	return db, nil
}

// newLogger returns the structured logger the configuration asks for.
func newLogger(w io.Writer, c config.Config) *slog.Logger {
	opts := &slog.HandlerOptions{Level: c.LogLevel}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// isTerminal reports whether w is a terminal, where progress lines that
// redraw themselves make sense.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
