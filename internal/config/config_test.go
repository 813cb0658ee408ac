package config

import (
	"flag"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestLayers(t *testing.T) {
	env := map[string]string{EnvDB: "env.db", EnvData: "/env/data", EnvAddr: ":9000", EnvLogLevel: "debug"}
	c := Default()
	if err := c.ApplyEnv(func(k string) string { return env[k] }); err != nil {
		t.Fatal(err)
	}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	c.StoreFlags(fs)
	c.DataFlags(fs)
	c.ServeFlags(fs)
	if err := fs.Parse([]string{"--addr", "127.0.0.1:0", "--reload", "0"}); err != nil {
		t.Fatal(err)
	}
	want := Config{DB: "env.db", DataDir: "/env/data", Addr: "127.0.0.1:0", LogLevel: slog.LevelDebug,
		LogFormat: "text", ShutdownTimeout: 10 * time.Second, ReloadInterval: 0}
	if diff := cmp.Diff(want, c); diff != "" {
		t.Errorf("config (-want +got):\n%s", diff)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
}

func TestBadEnv(t *testing.T) {
	c := Default()
	err := c.ApplyEnv(func(k string) string {
		if k == EnvLogLevel {
			return "loud"
		}
		return ""
	})
	if err == nil || !strings.Contains(err.Error(), EnvLogLevel) {
		t.Errorf("ApplyEnv with a bad level: %v, want an error naming %s", err, EnvLogLevel)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Config)
		want string // substring of the error; "" for none
	}{
		{"default", func(*Config) {}, ""},
		{"postgres", func(c *Config) { c.DB = "postgres://u:p@localhost:5432/db?sslmode=disable" }, ""},
		{"no db", func(c *Config) { c.DB = " " }, "--db"},
		{"other scheme", func(c *Config) { c.DB = "mysql://x" }, "only SQLite"},
		{"postgres no host", func(c *Config) { c.DB = "postgres://" }, "not a valid"},
		{"no data", func(c *Config) { c.DataDir = "" }, "--data"},
		{"bad addr", func(c *Config) { c.Addr = "8080" }, "--addr"},
		{"bad port", func(c *Config) { c.Addr = ":http-alt" }, "port"},
		{"big port", func(c *Config) { c.Addr = ":70000" }, "port"},
		{"log format", func(c *Config) { c.LogFormat = "xml" }, "--log-format"},
		{"shutdown", func(c *Config) { c.ShutdownTimeout = 0 }, "--shutdown-timeout"},
		{"reload", func(c *Config) { c.ReloadInterval = -time.Second }, "--reload"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			tt.edit(&c)
			err := c.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Validate() = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestStringHidesPassword(t *testing.T) {
	c := Default()
	c.DB = "postgres://localup:secret@127.0.0.1:5432/localup"
	s := c.String()
	if strings.Contains(s, "secret") {
		t.Errorf("String() shows the password:\n%s", s)
	}
	if !strings.Contains(s, "db=postgres://localup:xxxxx@127.0.0.1:5432/localup\n") {
		t.Errorf("String() = \n%s", s)
	}
	if !strings.Contains(s, "addr=:8080\n") {
		t.Errorf("String() lacks addr:\n%s", s)
	}
}
