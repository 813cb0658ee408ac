//go:build !amd64 || purego

package stats

// asmKernels reports no assembly kernels on this platform; the portable Go
// kernel is used.
func asmKernels() []namedKernel { return nil }
