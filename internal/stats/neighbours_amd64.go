//go:build amd64 && !purego

package stats

// kernel6x16AVX2 is implemented in neighbours_amd64.s.
//
//go:noescape
func kernel6x16AVX2(a *float32, lda int, bp *float32, m int, na, nb, thr, thrc, out *float32) (lo, hi uint64)

//go:noescape
func cpuid(leaf, sub uint32) (a, b, c, d uint32)

func xgetbv0() (lo uint32)

// hasAVX2FMA reports whether the CPU and OS support AVX2 and FMA: CPUID
// leaf 1 for FMA, AVX and OSXSAVE, XGETBV for the OS saving YMM state, and
// leaf 7 for AVX2.
func hasAVX2FMA() bool {
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 7 {
		return false
	}
	_, _, c1, _ := cpuid(1, 0)
	const fma, osxsave, avx = 1 << 12, 1 << 27, 1 << 28
	if c1&fma == 0 || c1&osxsave == 0 || c1&avx == 0 {
		return false
	}
	if xgetbv0()&6 != 6 { // XMM and YMM state enabled
		return false
	}
	_, b7, _, _ := cpuid(7, 0)
	return b7&(1<<5) != 0
}

// kernelAVX2 adapts the assembly kernel to kernelFunc.
func kernelAVX2(a, panel []float32, m int, na, nb, thr, thrc []float32, out *[kernRows * kernCols]float32) (lo, hi uint64) {
	_ = a[kernRows*m-1]
	_ = panel[kernCols*m-1]
	_, _, _, _ = na[kernRows-1], nb[kernCols-1], thr[kernRows-1], thrc[kernCols-1]
	return kernel6x16AVX2(&a[0], m, &panel[0], m, &na[0], &nb[0], &thr[0], &thrc[0], &out[0])
}

func init() {
	if hasAVX2FMA() {
		kernel = kernelAVX2
	}
}
