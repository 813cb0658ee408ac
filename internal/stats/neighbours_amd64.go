//go:build amd64 && !purego

package stats

// kernel6x16AVX2 and kernel12x16AVX512 are implemented in
// neighbours_amd64.s.

//go:noescape
func kernel6x16AVX2(a *float32, lda int, bp *float32, m int, na, nb, thr, thrc, out *float32) (lo, hi uint64)

//go:noescape
func kernel12x16AVX512(a *float32, lda int, bp *float32, m int, na, nb, thr, thrc, out *float32) (m0, m1, m2 uint64)

//go:noescape
func cpuid(leaf, sub uint32) (a, b, c, d uint32)

func xgetbv0() (lo uint32)

// cpuFeatures reports whether the CPU and OS support AVX2 with FMA, and
// AVX-512F: CPUID leaf 1 for FMA, AVX and OSXSAVE, XGETBV for the OS saving
// the YMM (and opmask and ZMM) state, and leaf 7 for AVX2 and AVX-512F.
func cpuFeatures() (avx2fma, avx512 bool) {
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 7 {
		return false, false
	}
	_, _, c1, _ := cpuid(1, 0)
	const fma, osxsave, avx = 1 << 12, 1 << 27, 1 << 28
	if c1&fma == 0 || c1&osxsave == 0 || c1&avx == 0 {
		return false, false
	}
	xcr0 := xgetbv0()
	if xcr0&0x6 != 0x6 { // XMM and YMM state
		return false, false
	}
	_, b7, _, _ := cpuid(7, 0)
	avx2fma = b7&(1<<5) != 0
	avx512 = avx2fma && b7&(1<<16) != 0 && xcr0&0xe0 == 0xe0 // opmask, ZMM0-15 high halves, ZMM16-31
	return avx2fma, avx512
}

// kernelAVX2 adapts the AVX2 assembly kernel, which handles six rows, to
// kernelFunc by calling it for rows 0-5 and 6-11.
func kernelAVX2(a, panel []float32, m int, na, nb, thr, thrc []float32, out *[kernRows * kernCols]float32) (mask [kernWords]uint64) {
	_ = a[kernRows*m-1]
	_ = panel[kernCols*m-1]
	_, _, _, _ = na[kernRows-1], nb[kernCols-1], thr[kernRows-1], thrc[kernCols-1]
	lo0, hi0 := kernel6x16AVX2(&a[0], m, &panel[0], m, &na[0], &nb[0], &thr[0], &thrc[0], &out[0])
	lo1, hi1 := kernel6x16AVX2(&a[6*m], m, &panel[0], m, &na[6], &nb[0], &thr[6], &thrc[0], &out[6*kernCols])
	// Rows 0-5 are bits 0-95, rows 6-11 bits 96-191.
	mask[0] = lo0
	mask[1] = hi0 | lo1<<32
	mask[2] = lo1>>32 | hi1<<32
	return mask
}

// kernelAVX512 adapts the AVX-512 assembly kernel to kernelFunc.
func kernelAVX512(a, panel []float32, m int, na, nb, thr, thrc []float32, out *[kernRows * kernCols]float32) (mask [kernWords]uint64) {
	_ = a[kernRows*m-1]
	_ = panel[kernCols*m-1]
	_, _, _, _ = na[kernRows-1], nb[kernCols-1], thr[kernRows-1], thrc[kernCols-1]
	mask[0], mask[1], mask[2] = kernel12x16AVX512(&a[0], m, &panel[0], m, &na[0], &nb[0], &thr[0], &thrc[0], &out[0])
	return mask
}

// asmKernels lists the assembly kernels this CPU can run, fastest first.
func asmKernels() []namedKernel {
	avx2, avx512 := cpuFeatures()
	var ks []namedKernel
	if avx512 {
		ks = append(ks, namedKernel{"avx512", kernelAVX512})
	}
	if avx2 {
		ks = append(ks, namedKernel{"avx2", kernelAVX2})
	}
	return ks
}

func init() {
	if ks := asmKernels(); len(ks) > 0 {
		kernel, kernelName = ks[0].fn, ks[0].name
	}
}
