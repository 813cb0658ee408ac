package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// revision is the VCS revision, set by the Makefile with -ldflags
// "-X main.revision=..." for builds where Go's own VCS stamping is off.
var revision string

var versionCommand = &command{
	name:    "version",
	summary: "print the version and the source revision it was built from",
	help:    `Print localup's module version, VCS revision and Go version.`,
	run: func(m *Main, ctx context.Context) error {
		fmt.Fprintln(m.Stdout, versionString())
		return nil
	},
}

// versionString describes this build from its embedded build information.
func versionString() string {
	version, rev, modified, when := "(devel)", revision, false, ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			case "vcs.time":
				when = s.Value
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "localup %s", version)
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		fmt.Fprintf(&b, " revision %s", rev)
		if modified {
			b.WriteString(" (modified)")
		}
		if when != "" {
			fmt.Fprintf(&b, " from %s", when)
		}
	} else {
		b.WriteString(" revision unknown")
	}
	fmt.Fprintf(&b, " %s %s/%s", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return b.String()
}
