package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/localup/localup"
)

// An observation set is one cross-section of a release: every area's
// figure for one indicator, period and breakdown. The store keeps each set
// as one row of observation_sets whose data column holds the areas'
// figures in the binary form below, because every read of observations
// goes through the in-memory snapshot: one SQL row per observation only
// made imports and start-up slow.
//
// Format version 1, byte by byte (uvarint is encoding/binary's unsigned
// varint, a little-endian base-128 integer of 1 to 10 bytes):
//
//	1 byte     version, 1
//	uvarint    n, the number of rows, at least 1
//	n rows, in strictly ascending byte order of area code (so no area
//	twice), each:
//	  uvarint  length of the area code
//	  bytes    area code
//	  1 byte   flags: bit k (k = 0…4) says that number k of value, lower,
//	           upper, numerator, denominator follows; bit 5 that status
//	           follows; bit 6 that missing follows; bit 7 is reserved, 0
//	  8 bytes  per flagged number, in that order: its IEEE 754 binary64
//	           bits, little-endian
//	  uvarint  length of status, then its bytes, if flagged
//	  uvarint  length of missing, then its bytes, if flagged
//
// Nothing follows the last row. An unflagged number is absent, and reads
// back as math.NaN(); every other bit pattern, other NaNs included, is
// written out, so each float64 round-trips bit for bit while the common
// absent limits, numerators and denominators cost nothing. An unflagged
// string is "". A later format changes the version byte; a reader refuses
// versions it does not know rather than guess.
const setVersion = 1

// Flag bits of a row.
const (
	setStatus   = 1 << 5
	setMissing  = 1 << 6
	setReserved = 1 << 7
)

// setNumbers is how many numbers a row can carry.
const setNumbers = 5

// absentBits is how the domain's "absent" (math.NaN()) is stored: by its
// omission.
var absentBits = math.Float64bits(math.NaN())

// setRow is one decoded row. Its byte slices alias the encoding.
type setRow struct {
	area, status, missing []byte
	nums                  [setNumbers]float64 // value, lower, upper, numerator, denominator
}

// appendSetHeader starts a set of n rows, which appendSetRow appends, in
// ascending order of area code without repeats. Only area codes and
// figures are written: the set's own row carries the rest.
func appendSetHeader(dst []byte, n int) []byte {
	dst = append(dst, setVersion)
	return binary.AppendUvarint(dst, uint64(n))
}

// appendSetRow appends o's row.
func appendSetRow(dst []byte, o *localup.Observation) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(o.AreaCode)))
	dst = append(dst, o.AreaCode...)
	nums := [setNumbers]float64{o.Value, o.Lower, o.Upper, o.Numerator, o.Denominator}
	// Reserve the flags byte and room for every number, then write them
	// in place and cut back: cheaper than an append per number.
	at := len(dst)
	dst = slices.Grow(dst, 1+8*setNumbers)[:at+1+8*setNumbers]
	var flags byte
	w := at + 1
	for k, f := range nums {
		if b := math.Float64bits(f); b != absentBits {
			flags |= 1 << k
			binary.LittleEndian.PutUint64(dst[w:], b)
			w += 8
		}
	}
	dst = dst[:w]
	if o.Status != "" {
		flags |= setStatus
		dst = binary.AppendUvarint(dst, uint64(len(o.Status)))
		dst = append(dst, o.Status...)
	}
	if o.Missing != "" {
		flags |= setMissing
		dst = binary.AppendUvarint(dst, uint64(len(o.Missing)))
		dst = append(dst, o.Missing...)
	}
	dst[at] = flags
	return dst
}

// errCorruptSet is wrapped by every decoding error.
var errCorruptSet = errors.New("corrupt observation set")

// setDecoder reads the rows of one encoded set in order. It checks every
// length against the bytes left and the order of the area codes, so that
// a damaged set is an error rather than a panic or wrong figures. It
// keeps offsets rather than re-slicing, which keeps its hot loop to plain
// integer arithmetic.
type setDecoder struct {
	data          []byte
	off           int // where the next row starts
	n             int // rows in the set
	left          int // rows not yet read
	prev, prevEnd int // the last row's area code is data[prev:prevEnd]
}

// newSetDecoder reads the header of data.
func newSetDecoder(data []byte) (setDecoder, error) {
	if len(data) == 0 {
		return setDecoder{}, fmt.Errorf("%w: empty", errCorruptSet)
	}
	if data[0] != setVersion {
		return setDecoder{}, fmt.Errorf("%w: unknown format version %d", errCorruptSet, data[0])
	}
	n, w := binary.Uvarint(data[1:])
	// A row takes at least two bytes, which also bounds n well inside int.
	if w <= 0 || n == 0 || n > uint64(len(data)-1-w)/2 {
		return setDecoder{}, fmt.Errorf("%w: bad row count", errCorruptSet)
	}
	return setDecoder{data: data, off: 1 + w, n: int(n), left: int(n)}, nil
}

// next decodes the next row. It must be called at most n times; the last
// call also checks that nothing follows the last row.
func (d *setDecoder) next() (setRow, error) {
	var r setRow
	if d.left == 0 {
		return r, fmt.Errorf("%w: read past the last row", errCorruptSet)
	}
	row := d.n - d.left
	data := d.data
	start, end, ok := d.span(d.off)
	if !ok {
		return r, fmt.Errorf("%w: row %d: bad area code length", errCorruptSet, row)
	}
	if row > 0 && string(data[start:end]) <= string(data[d.prev:d.prevEnd]) {
		return r, fmt.Errorf("%w: row %d: area codes out of order", errCorruptSet, row)
	}
	if end == len(data) {
		return r, fmt.Errorf("%w: row %d: no flags", errCorruptSet, row)
	}
	flags := data[end]
	if flags&setReserved != 0 {
		return r, fmt.Errorf("%w: row %d: reserved flag set", errCorruptSet, row)
	}
	off := end + 1
	for k := range r.nums {
		if flags&(1<<k) == 0 {
			r.nums[k] = math.NaN()
			continue
		}
		if len(data)-off < 8 {
			return r, fmt.Errorf("%w: row %d: truncated number", errCorruptSet, row)
		}
		r.nums[k] = math.Float64frombits(binary.LittleEndian.Uint64(data[off:]))
		off += 8
	}
	if flags&setStatus != 0 {
		s, e, ok := d.span(off)
		if !ok {
			return r, fmt.Errorf("%w: row %d: bad status length", errCorruptSet, row)
		}
		r.status, off = data[s:e:e], e
	}
	if flags&setMissing != 0 {
		s, e, ok := d.span(off)
		if !ok {
			return r, fmt.Errorf("%w: row %d: bad missing length", errCorruptSet, row)
		}
		r.missing, off = data[s:e:e], e
	}
	r.area = data[start:end:end]
	d.off, d.prev, d.prevEnd = off, start, end
	d.left--
	if d.left == 0 && off != len(data) {
		return r, fmt.Errorf("%w: %d bytes after the last row", errCorruptSet, len(data)-off)
	}
	return r, nil
}

// span reads a uvarint length at off and returns where the bytes it
// counts start and end.
func (d *setDecoder) span(off int) (start, end int, ok bool) {
	if off >= len(d.data) {
		return 0, 0, false
	}
	var n uint64
	w := 1
	if b := d.data[off]; b < 0x80 { // nearly every length fits one byte
		n = uint64(b)
	} else if n, w = binary.Uvarint(d.data[off:]); w <= 0 {
		return 0, 0, false
	}
	start = off + w
	if n > uint64(len(d.data)-start) {
		return 0, 0, false
	}
	return start, start + int(n), true
}
