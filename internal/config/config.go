// Package config holds localup's settings in one Config struct, filled in
// three layers: defaults, then environment variables, then command-line
// flags, and validated once all three have been applied.
package config

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/localup/localup"
)

// Environment variable names, one per setting that can be set outside flags.
const (
	EnvDB       = "LOCALUP_DB"
	EnvData     = "LOCALUP_DATA"
	EnvAddr     = "LOCALUP_ADDR"
	EnvLogLevel = "LOCALUP_LOG_LEVEL"
	EnvLogJSON  = "LOCALUP_LOG_FORMAT"
)

// Config is every setting the localup binary reads.
type Config struct {
	// DB is a SQLite file path or a postgres:// URL.
	DB string
	// DataDir is the folder holding the official data files (shared/data).
	DataDir string
	// Addr is the address serve listens on; port 0 picks a free port.
	Addr string
	// LogLevel is the lowest level logged.
	LogLevel slog.Level
	// LogFormat is "text" or "json".
	LogFormat string
	// ShutdownTimeout bounds how long serve waits for requests in flight.
	ShutdownTimeout time.Duration
	// ReloadInterval is how often serve checks the store for a newer
	// import; 0 turns the check off.
	ReloadInterval time.Duration
}

// Default returns the settings used when nothing else is said.
func Default() Config {
	return Config{
		DB:              "localup.db",
		DataDir:         "../shared/data",
		Addr:            ":8080",
		LogLevel:        slog.LevelInfo,
		LogFormat:       "text",
		ShutdownTimeout: 10 * time.Second,
		ReloadInterval:  30 * time.Second,
	}
}

// ApplyEnv overrides c with the environment variables that are set.
// getenv is os.Getenv outside tests.
func (c *Config) ApplyEnv(getenv func(string) string) error {
	if v := getenv(EnvDB); v != "" {
		c.DB = v
	}
	if v := getenv(EnvData); v != "" {
		c.DataDir = v
	}
	if v := getenv(EnvAddr); v != "" {
		c.Addr = v
	}
	if v := getenv(EnvLogLevel); v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			return localup.Errorf(localup.EINVALID, "%s=%q: want debug, info, warn or error", EnvLogLevel, v)
		}
	}
	if v := getenv(EnvLogJSON); v != "" {
		c.LogFormat = v
	}
	return nil
}

// StoreFlags registers the flags every subcommand that opens the store takes.
func (c *Config) StoreFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.DB, "db", c.DB, "SQLite database file, or a postgres:// URL (env "+EnvDB+")")
	fs.TextVar(&c.LogLevel, "log-level", c.LogLevel, "lowest log level: debug, info, warn or error (env "+EnvLogLevel+")")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "log format: text or json (env "+EnvLogJSON+")")
}

// DataFlags registers the flags of subcommands that read the data directory.
func (c *Config) DataFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.DataDir, "data", c.DataDir, "folder of official data files, shared/data (env "+EnvData+")")
}

// ServeFlags registers the flags of the serve subcommand.
func (c *Config) ServeFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.Addr, "addr", c.Addr, "address to listen on; port 0 picks a free port (env "+EnvAddr+")")
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", c.ShutdownTimeout, "how long to wait for requests in flight on shutdown")
	fs.DurationVar(&c.ReloadInterval, "reload", c.ReloadInterval, "how often to look for newly imported data; 0 never")
}

// Validate reports every setting that cannot work, joined into one error.
func (c Config) Validate() error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, localup.Errorf(localup.EINVALID, format, args...))
	}
	switch {
	case strings.TrimSpace(c.DB) == "":
		bad("--db: a database file or postgres:// URL is required")
	case IsPostgres(c.DB):
		if u, err := url.Parse(c.DB); err != nil || u.Host == "" {
			bad("--db: %s is not a valid postgres:// URL", redact(c.DB))
		}
	case strings.Contains(c.DB, "://"):
		bad("--db: %s: only SQLite files and postgres:// URLs are supported", redact(c.DB))
	}
	if strings.TrimSpace(c.DataDir) == "" {
		bad("--data: a data directory is required")
	}
	if _, port, err := net.SplitHostPort(c.Addr); err != nil {
		bad("--addr %q: want host:port, e.g. :8080 or 127.0.0.1:0", c.Addr)
	} else if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		bad("--addr %q: the port must be a number from 0 to 65535", c.Addr)
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		bad("--log-format %q: want text or json", c.LogFormat)
	}
	if c.ShutdownTimeout <= 0 {
		bad("--shutdown-timeout must be positive, not %s", c.ShutdownTimeout)
	}
	if c.ReloadInterval < 0 {
		bad("--reload must not be negative, not %s", c.ReloadInterval)
	}
	return errors.Join(errs...)
}

// IsPostgres reports whether dsn names a PostgreSQL database rather than a
// SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// String prints the settings one per line, with any database password
// hidden, so that they can be logged or shown.
func (c Config) String() string {
	var b strings.Builder
	for _, kv := range c.Fields() {
		fmt.Fprintf(&b, "%s=%s\n", kv[0], kv[1])
	}
	return b.String()
}

// Fields returns the settings as name, value pairs in a fixed order, with
// any database password hidden.
func (c Config) Fields() [][2]string {
	return [][2]string{
		{"db", redact(c.DB)},
		{"data", c.DataDir},
		{"addr", c.Addr},
		{"log-level", c.LogLevel.String()},
		{"log-format", c.LogFormat},
		{"shutdown-timeout", c.ShutdownTimeout.String()},
		{"reload", c.ReloadInterval.String()},
	}
}

// LogValue lets a Config be logged with slog as a group of its fields.
func (c Config) LogValue() slog.Value {
	var attrs []slog.Attr
	for _, kv := range c.Fields() {
		attrs = append(attrs, slog.String(kv[0], kv[1]))
	}
	return slog.GroupValue(attrs...)
}

// redact hides the password of a URL-shaped DSN.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil && IsPostgres(dsn) {
		return "postgres://(unreadable URL hidden)"
	}
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
