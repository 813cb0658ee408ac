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

// func kernel12x16AVX512(a *float32, lda int, bp *float32, m int, na *float32, nb *float32, thr *float32, thrc *float32, out *float32) (m0 uint64, m1 uint64, m2 uint64)
//
// Twelve rows of a (stride lda floats) against one packed panel of sixteen
// columns: one ZMM register holds a panel row, so each dimension costs one
// panel load and twelve FMAs whose row value is broadcast from memory.
// Twelve accumulators (Z16-Z27) hold the 12×16 dot products. The epilogue
// forms (na + nb) − 2·dot, stores it to out (row-major 12×16) and compares
// it with the row threshold and the column thresholds; mask bit r*16+l,
// 64 bits per result word, is set where either comparison holds.
TEXT ·kernel12x16AVX512(SB), NOSPLIT, $0-96
	MOVQ a+0(FP), SI
	MOVQ lda+8(FP), R8
	SHLQ $2, R8                 // R8 = stride in bytes (rows 1, 2, 4, 8 via scale)
	LEAQ (R8)(R8*2), R9         // 3·stride (rows 3 and 6)
	LEAQ (R8)(R8*4), R10        // 5·stride (rows 5 and 10)
	LEAQ (R9)(R8*4), R11        // 7·stride
	LEAQ (R8)(R8*8), R12        // 9·stride
	LEAQ (R10)(R9*2), R13       // 11·stride
	MOVQ bp+16(FP), DI
	MOVQ m+24(FP), CX
	VPXORD Z16, Z16, Z16
	VPXORD Z17, Z17, Z17
	VPXORD Z18, Z18, Z18
	VPXORD Z19, Z19, Z19
	VPXORD Z20, Z20, Z20
	VPXORD Z21, Z21, Z21
	VPXORD Z22, Z22, Z22
	VPXORD Z23, Z23, Z23
	VPXORD Z24, Z24, Z24
	VPXORD Z25, Z25, Z25
	VPXORD Z26, Z26, Z26
	VPXORD Z27, Z27, Z27

loop512:
	VMOVUPS (DI), Z0
	VFMADD231PS.BCST (SI), Z0, Z16
	VFMADD231PS.BCST (SI)(R8*1), Z0, Z17
	VFMADD231PS.BCST (SI)(R8*2), Z0, Z18
	VFMADD231PS.BCST (SI)(R9*1), Z0, Z19
	VFMADD231PS.BCST (SI)(R8*4), Z0, Z20
	VFMADD231PS.BCST (SI)(R10*1), Z0, Z21
	VFMADD231PS.BCST (SI)(R9*2), Z0, Z22
	VFMADD231PS.BCST (SI)(R11*1), Z0, Z23
	VFMADD231PS.BCST (SI)(R8*8), Z0, Z24
	VFMADD231PS.BCST (SI)(R12*1), Z0, Z25
	VFMADD231PS.BCST (SI)(R10*2), Z0, Z26
	VFMADD231PS.BCST (SI)(R13*1), Z0, Z27
	ADDQ $64, DI
	ADDQ $4, SI
	DECQ CX
	JNZ  loop512

	MOVQ na+32(FP), BX
	MOVQ nb+40(FP), DX
	MOVQ thr+48(FP), R12
	MOVQ thrc+56(FP), R8
	MOVQ out+64(FP), DI
	VMOVUPS (DX), Z1            // nb
	VMOVUPS (R8), Z2            // thrc
	XORQ R9, R9
	XORQ R10, R10
	XORQ R11, R11

// ROW512 finishes row r (accumulator acc) and ORs its 16 mask bits into
// word at the given shift.
#define ROW512(acc, r4, off, shift, word) \
	VADDPS acc, acc, acc \
	VBROADCASTSS r4(BX), Z3 \
	VADDPS Z1, Z3, Z3 \
	VSUBPS acc, Z3, Z3 \
	VMOVUPS Z3, off(DI) \
	VBROADCASTSS r4(R12), Z4 \
	VCMPPS $2, Z4, Z3, K1 \
	VCMPPS $2, Z2, Z3, K2 \
	KORW K1, K2, K1 \
	KMOVW K1, AX \
	SHLQ $shift, AX \
	ORQ AX, word

	ROW512(Z16, 0, 0, 0, R9)
	ROW512(Z17, 4, 64, 16, R9)
	ROW512(Z18, 8, 128, 32, R9)
	ROW512(Z19, 12, 192, 48, R9)
	ROW512(Z20, 16, 256, 0, R10)
	ROW512(Z21, 20, 320, 16, R10)
	ROW512(Z22, 24, 384, 32, R10)
	ROW512(Z23, 28, 448, 48, R10)
	ROW512(Z24, 32, 512, 0, R11)
	ROW512(Z25, 36, 576, 16, R11)
	ROW512(Z26, 40, 640, 32, R11)
	ROW512(Z27, 44, 704, 48, R11)

	MOVQ R9, m0+72(FP)
	MOVQ R10, m1+80(FP)
	MOVQ R11, m2+88(FP)
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
