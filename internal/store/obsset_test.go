package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/localup/localup"
)

// setObs returns observations of one set, one per code, with figures
// that exercise every flag.
func setObs(codes ...string) []localup.Observation {
	var obs []localup.Observation
	for i, c := range codes {
		o := localup.NewObservation("i", c, localup.MustPeriod("2023"))
		switch i % 4 {
		case 0:
			o.Value = float64(i) + 0.5
		case 1:
			o.Value, o.Lower, o.Upper, o.Numerator, o.Denominator = 0, -1, math.Inf(1), 3, 7
			o.Status = "u"
		case 2:
			o.Missing, o.Status = "[c]", "c"
		case 3:
			o.Value = math.Float64frombits(0x7ff8_0000_dead_beef) // a NaN that is not math.NaN()
			o.Lower = math.Copysign(0, -1)
		}
		obs = append(obs, o)
	}
	return obs
}

// appendSet appends the encoding of obs, which are in ascending order of
// area code without repeats.
func appendSet(dst []byte, obs []localup.Observation) []byte {
	dst = appendSetHeader(dst, len(obs))
	for i := range obs {
		dst = appendSetRow(dst, &obs[i])
	}
	return dst
}

// decodeAll decodes every row of data as observations of indicator "i"
// in 2023.
func decodeAll(data []byte) ([]localup.Observation, error) {
	d, err := newSetDecoder(data)
	if err != nil {
		return nil, err
	}
	var out []localup.Observation
	for range d.n {
		r, err := d.next()
		if err != nil {
			return nil, err
		}
		o := localup.Observation{IndicatorID: "i", AreaCode: string(r.area), Period: localup.MustPeriod("2023"),
			Status: string(r.status), Missing: string(r.missing)}
		o.Value, o.Lower, o.Upper, o.Numerator, o.Denominator = r.nums[0], r.nums[1], r.nums[2], r.nums[3], r.nums[4]
		out = append(out, o)
	}
	return out, nil
}

// sameBits reports whether two observations hold the same strings and
// the same float64 bits.
func sameBits(a, b localup.Observation) bool {
	fa := [5]float64{a.Value, a.Lower, a.Upper, a.Numerator, a.Denominator}
	fb := [5]float64{b.Value, b.Lower, b.Upper, b.Numerator, b.Denominator}
	for k := range fa {
		if math.Float64bits(fa[k]) != math.Float64bits(fb[k]) {
			return false
		}
	}
	return a.AreaCode == b.AreaCode && a.Status == b.Status && a.Missing == b.Missing
}

func TestSetRoundTrip(t *testing.T) {
	long := strings.Repeat("x", 300) // a length of two varint bytes
	tests := map[string][]localup.Observation{
		"one row":      setObs("E06000001"),
		"every flag":   setObs("E06000001", "E06000002", "E08000001", "W06000001"),
		"long strings": {{AreaCode: long, Value: 1, Lower: math.NaN(), Upper: math.NaN(), Numerator: math.NaN(), Denominator: math.NaN(), Status: long, Missing: long + "y"}},
		"all absent":   {localup.NewObservation("i", "E1", localup.MustPeriod("2023"))},
	}
	var many []string
	for i := range 40000 {
		many = append(many, fmt.Sprintf("E01%06d", i))
	}
	tests["many areas"] = setObs(many...)
	for name, obs := range tests {
		t.Run(name, func(t *testing.T) {
			data := appendSet(nil, obs)
			got, err := decodeAll(data)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(obs) {
				t.Fatalf("decoded %d rows, want %d", len(got), len(obs))
			}
			for i := range obs {
				if !sameBits(obs[i], got[i]) {
					t.Errorf("row %d: got %+v, want %+v", i, got[i], obs[i])
				}
			}
		})
	}
}

// TestSetAbsentIsCheap checks that absent numbers and strings take no
// room: a row with only a value is its code, its flags and 8 bytes.
func TestSetAbsentIsCheap(t *testing.T) {
	o := localup.NewObservation("i", "E06000001", localup.MustPeriod("2023"))
	o.Value = 1
	if got, want := len(appendSet(nil, []localup.Observation{o})), 2+1+9+1+8; got != want {
		t.Errorf("encoded size = %d, want %d", got, want)
	}
}

func TestSetCorrupt(t *testing.T) {
	good := appendSet(nil, setObs("E06000001", "E06000002", "E08000001", "W06000001"))
	edit := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(good)) }
	row := func(area string, flags byte, rest ...byte) []byte {
		b := binary.AppendUvarint(nil, uint64(len(area)))
		return append(append(append(b, area...), flags), rest...)
	}
	set := func(n uint64, rows ...[]byte) []byte {
		b := binary.AppendUvarint([]byte{setVersion}, n)
		for _, r := range rows {
			b = append(b, r...)
		}
		return b
	}
	tests := map[string][]byte{
		"empty":              {},
		"unknown version":    edit(func(b []byte) []byte { b[0] = 2; return b }),
		"no row count":       {setVersion},
		"zero rows":          set(0),
		"bad varint":         append([]byte{setVersion}, bytes.Repeat([]byte{0xff}, 11)...),
		"huge row count":     set(math.MaxUint64, row("E1", 0)),
		"more rows than fit": set(3, row("E1", 0), row("E2", 0)),
		"truncated":          good[:len(good)-1],
		"trailing bytes":     append(bytes.Clone(good), 0),
		"area past end":      set(1, []byte{50, 'E'}),
		"area length varint": set(1, []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0}),
		"no flags":           set(1, binary.AppendUvarint(nil, 2), []byte("E1")),
		"reserved flag":      set(1, row("E1", setReserved)),
		"short number":       set(1, row("E1", 1, 1, 2, 3)),
		"status past end":    set(1, row("E1", setStatus, 9, 'u')),
		"missing no length":  set(1, row("E1", setMissing)),
		"repeated area":      set(2, row("E1", 0), row("E1", 0)),
		"areas out of order": set(2, row("E2", 0), row("E1", 0)),
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := decodeAll(data); !errors.Is(err, errCorruptSet) {
				t.Errorf("decode = %v, want a corrupt set error", err)
			}
		})
	}
	if _, err := decodeAll(set(2, row("E1", 0), row("E2", 0))); err != nil {
		t.Errorf("hand-made valid set: %v", err)
	}
}

// FuzzDecodeSet checks that decoding never panics, and that whatever
// decodes encodes again to the same observations.
func FuzzDecodeSet(f *testing.F) {
	f.Add(appendSet(nil, setObs("E06000001", "E06000002", "E08000001", "W06000001")))
	f.Add(appendSet(nil, setObs("E1")))
	f.Add([]byte{setVersion, 1, 0, 0})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		obs, err := decodeAll(data)
		if err != nil {
			if !errors.Is(err, errCorruptSet) {
				t.Fatalf("error %v does not wrap errCorruptSet", err)
			}
			return
		}
		again, err := decodeAll(appendSet(nil, obs))
		if err != nil {
			t.Fatalf("re-encoded set does not decode: %v", err)
		}
		if len(again) != len(obs) {
			t.Fatalf("re-encoded %d rows as %d", len(obs), len(again))
		}
		for i := range obs {
			if !sameBits(obs[i], again[i]) {
				t.Fatalf("row %d: %+v became %+v", i, obs[i], again[i])
			}
		}
	})
}

// elsLike returns observations shaped like the ELS combined file: by
// indicator, then area, then period, so that neighbouring rows belong to
// different sets.
func elsLike(indicators, areas, periods int) []localup.Observation {
	ps := make([]localup.Period, periods)
	for k := range ps {
		ps[k] = localup.MustPeriod(fmt.Sprint(2010 + k))
	}
	codes := make([]string, areas)
	for a := range codes {
		codes[a] = fmt.Sprintf("E06%06d", (a*7919)%areas) // not in code order
	}
	obs := make([]localup.Observation, 0, indicators*areas*periods)
	for i := range indicators {
		id := fmt.Sprintf("indicator-%02d", i)
		for _, c := range codes {
			for k, p := range ps {
				o := localup.NewObservation(id, c, p)
				o.Value = float64(i + k)
				if k%2 == 0 {
					o.Lower, o.Upper = o.Value-1, o.Value+1
				}
				obs = append(obs, o)
			}
		}
	}
	return obs
}

func TestGroupSets(t *testing.T) {
	obs := elsLike(3, 50, 4)
	slices.Reverse(obs)
	bs, err := groupSets("d", obs)
	if err != nil {
		t.Fatal(err)
	}
	if len(bs.sets) != 12 {
		t.Fatalf("%d sets, want 12", len(bs.sets))
	}
	if !slices.IsSortedFunc(bs.sets, func(a, b obsSet) int {
		return strings.Compare(a.indicator+" "+a.period, b.indicator+" "+b.period)
	}) {
		t.Error("sets are not in key order")
	}
	if len(bs.areas) != 50 || !slices.IsSorted(bs.areas) {
		t.Errorf("areas = %v, want the 50 codes in order", bs.areas)
	}
	want := map[localup.ObservationKey]localup.Observation{}
	for _, o := range obs {
		want[o.Key()] = o
	}
	seen := 0
	for _, s := range bs.sets {
		got, err := decodeAll(s.data)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != s.n || s.n != 50 || s.start != s.period[:10] || s.months != 12 {
			t.Fatalf("set %+v: %d rows decoded", s, len(got))
		}
		for _, g := range got {
			o := want[localup.ObservationKey{IndicatorID: s.indicator, AreaCode: g.AreaCode, Period: s.period}]
			if !sameBits(o, g) {
				t.Errorf("set %s %s: %+v, want %+v", s.indicator, s.period, g, o)
			}
		}
		seen += len(got)
	}
	if seen != len(obs) {
		t.Errorf("sets hold %d observations, want %d", seen, len(obs))
	}

	// The first duplicate in key order is the one named.
	dup := append(slices.Clone(obs), obs[len(obs)-1], obs[0])
	_, err = groupSets("d", dup)
	if localup.ErrorCode(err) != localup.ECONFLICT || !strings.Contains(err.Error(), obs[len(obs)-1].AreaCode) ||
		!strings.Contains(err.Error(), "indicator-00") {
		t.Errorf("groupSets(duplicates) = %v", err)
	}
}

func BenchmarkGroupSets(b *testing.B) {
	obs := elsLike(46, 500, 5)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := groupSets("d", obs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(obs))*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkDecodeSet(b *testing.B) {
	obs := elsLike(1, 100000, 1)
	bs, err := groupSets("d", obs)
	if err != nil {
		b.Fatal(err)
	}
	data := bs.sets[0].data
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		d, err := newSetDecoder(data)
		if err != nil {
			b.Fatal(err)
		}
		for range d.n {
			if _, err := d.next(); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(obs))*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
