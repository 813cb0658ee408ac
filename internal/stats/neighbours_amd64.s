//go:build amd64 && !purego

#include "textflag.h"

// func kernel6x16AVX2(a *float32, lda int, bp *float32, m int, na *float32, nb *float32, thr *float32, thrc *float32, out *float32) (lo uint64, hi uint64)
//
// Six rows of a (stride lda floats) against one packed panel bp of sixteen
// columns (m dimensions, 16 floats per dimension). Twelve YMM accumulators
// hold the 6×16 dot products; each dimension costs two panel loads, six
// broadcasts and twelve FMAs. The epilogue turns dot products into
// (na + nb) − 2·dot, stores them to out (row-major 6×16) and compares each
// against its row threshold and column threshold.
TEXT ·kernel6x16AVX2(SB), NOSPLIT, $0-88
	MOVQ a+0(FP), SI
	MOVQ lda+8(FP), R8
	SHLQ $2, R8
	LEAQ (SI)(R8*1), R9
	LEAQ (R9)(R8*1), R10
	LEAQ (R10)(R8*1), R11
	LEAQ (R11)(R8*1), R12
	LEAQ (R12)(R8*1), R13
	MOVQ bp+16(FP), DI
	MOVQ m+24(FP), CX
	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7
	VXORPS Y8, Y8, Y8
	VXORPS Y9, Y9, Y9
	VXORPS Y10, Y10, Y10
	VXORPS Y11, Y11, Y11
	VXORPS Y12, Y12, Y12
	VXORPS Y13, Y13, Y13
	VXORPS Y14, Y14, Y14
	VXORPS Y15, Y15, Y15
	XORQ AX, AX

loop:
	VMOVUPS (DI), Y0
	VMOVUPS 32(DI), Y1
	VBROADCASTSS (SI)(AX*1), Y2
	VFMADD231PS Y0, Y2, Y4
	VFMADD231PS Y1, Y2, Y5
	VBROADCASTSS (R9)(AX*1), Y3
	VFMADD231PS Y0, Y3, Y6
	VFMADD231PS Y1, Y3, Y7
	VBROADCASTSS (R10)(AX*1), Y2
	VFMADD231PS Y0, Y2, Y8
	VFMADD231PS Y1, Y2, Y9
	VBROADCASTSS (R11)(AX*1), Y3
	VFMADD231PS Y0, Y3, Y10
	VFMADD231PS Y1, Y3, Y11
	VBROADCASTSS (R12)(AX*1), Y2
	VFMADD231PS Y0, Y2, Y12
	VFMADD231PS Y1, Y2, Y13
	VBROADCASTSS (R13)(AX*1), Y3
	VFMADD231PS Y0, Y3, Y14
	VFMADD231PS Y1, Y3, Y15
	ADDQ $64, DI
	ADDQ $4, AX
	DECQ CX
	JNZ  loop

	MOVQ out+64(FP), DI
	VMOVUPS Y4, 0(DI)
	VMOVUPS Y5, 32(DI)
	VMOVUPS Y6, 64(DI)
	VMOVUPS Y7, 96(DI)
	VMOVUPS Y8, 128(DI)
	VMOVUPS Y9, 160(DI)
	VMOVUPS Y10, 192(DI)
	VMOVUPS Y11, 224(DI)
	VMOVUPS Y12, 256(DI)
	VMOVUPS Y13, 288(DI)
	VMOVUPS Y14, 320(DI)
	VMOVUPS Y15, 352(DI)

	MOVQ na+32(FP), BX
	MOVQ nb+40(FP), DX
	MOVQ thr+48(FP), R12
	MOVQ thrc+56(FP), R8
	XORQ R13, R13
	XORQ R11, R11

// HALF handles 8 columns (half h) of row r: d = (na[r] + nb) − 2·dot,
// stored back over the dot products; mask bits set where d <= thr[r] or
// d <= thrc, shifted into place and ORed into acc.
#define HALF(off, naoff, hoff, shift, acc) \
	VMOVUPS off(DI), Y0 \
	VADDPS Y0, Y0, Y0 \
	VBROADCASTSS naoff(BX), Y1 \
	VADDPS hoff(DX), Y1, Y1 \
	VSUBPS Y0, Y1, Y1 \
	VMOVUPS Y1, off(DI) \
	VBROADCASTSS naoff(R12), Y2 \
	VCMPPS $2, Y2, Y1, Y3 \
	VCMPPS $2, hoff(R8), Y1, Y2 \
	VORPS Y2, Y3, Y3 \
	VMOVMSKPS Y3, AX \
	SHLQ $shift, AX \
	ORQ AX, acc

	HALF(0, 0, 0, 0, R13)
	HALF(32, 0, 32, 8, R13)
	HALF(64, 4, 0, 16, R13)
	HALF(96, 4, 32, 24, R13)
	HALF(128, 8, 0, 32, R13)
	HALF(160, 8, 32, 40, R13)
	HALF(192, 12, 0, 48, R13)
	HALF(224, 12, 32, 56, R13)
	HALF(256, 16, 0, 0, R11)
	HALF(288, 16, 32, 8, R11)
	HALF(320, 20, 0, 16, R11)
	HALF(352, 20, 32, 24, R11)

	MOVQ R13, lo+72(FP)
	MOVQ R11, hi+80(FP)
	VZEROUPPER
	RET

// func cpuid(leaf, sub uint32) (a, b, c, d uint32)
TEXT ·cpuid(SB), NOSPLIT, $0-24
	MOVL leaf+0(FP), AX
	MOVL sub+4(FP), CX
	CPUID
	MOVL AX, a+8(FP)
	MOVL BX, b+12(FP)
	MOVL CX, c+16(FP)
	MOVL DX, d+20(FP)
	RET

// func xgetbv0() (lo uint32)
TEXT ·xgetbv0(SB), NOSPLIT, $0-4
	MOVL $0, CX
	XGETBV
	MOVL AX, lo+0(FP)
	RET
