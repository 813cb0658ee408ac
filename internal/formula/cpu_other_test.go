//go:build !linux

package formula

import "time"

// cpuTime is not measured off Linux; benchmarks then report 0.
func cpuTime() time.Duration { return 0 }
