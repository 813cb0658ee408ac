//go:build linux

package formula

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used, user and system, so that
// benchmarks can report it beside wall time, which on a shared 2-core
// machine swings with other load.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
