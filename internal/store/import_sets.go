package store

import (
	"cmp"
	"encoding/binary"
	"math"
	"slices"
	"time"

	"github.com/localup/localup"
)

// obsSet is one cross-section of a batch (see obsset.go): the
// observations of one indicator, period and breakdown, encoded.
type obsSet struct {
	indicator, period, breakdown string
	start                        string // the period's first day, YYYY-MM-DD
	months                       int    // the period's length
	n                            int    // observations
	data                         []byte
}

// batchSets is a batch's observations grouped into sets.
type batchSets struct {
	sets  []obsSet // by indicator, period, breakdown
	areas []string // every area code the observations name, once
}

// groupSets sorts a batch's observations into sets, ordered by key, each
// with its rows in area code order, so that the same batch is always
// stored the same way. ECONFLICT names the first repeated key in that
// order.
//
// A release lists its rows in its own order, by indicator and area for
// ELS, so that neighbouring rows belong to different sets, and a large
// batch does not fit in the processor's caches. So the observations are
// read once, in order: each is encoded into a scratch buffer and given
// its set and the rank of its area code, and only those compact numbers
// are sorted, before the encoded rows are copied into place.
func groupSets(id string, obs []localup.Observation) (batchSets, error) {
	if len(obs) > math.MaxInt32 {
		return batchSets{}, localup.Errorf(localup.EINVALID, "dataset %s has %d observations, more than a store can take", id, len(obs))
	}
	setOf := make([]int32, len(obs))
	areaOf := make([]uint32, len(obs))
	ends := make([]int, len(obs)) // where each row's encoding ends in scratch
	scratch := make([]byte, 0, 32*len(obs))
	var f setFinder
	areaIDs := map[string]uint32{}
	var codes []string // by ID
	var lastArea uint32
	for i := range obs {
		o := &obs[i]
		setOf[i] = f.find(o)
		// Neighbouring rows often share an area: skip the map then.
		if i == 0 || o.AreaCode != codes[lastArea] {
			a, ok := areaIDs[o.AreaCode]
			if !ok {
				a = uint32(len(codes))
				areaIDs[o.AreaCode] = a
				codes = append(codes, o.AreaCode)
			}
			lastArea = a
		}
		areaOf[i] = lastArea
		scratch = appendSetRow(scratch, o)
		ends[i] = len(scratch)
	}
	rank := make([]uint32, len(codes))
	byCode := make([]uint32, len(codes))
	for a := range byCode {
		byCode[a] = uint32(a)
	}
	slices.SortFunc(byCode, func(a, b uint32) int { return cmp.Compare(codes[a], codes[b]) })
	for r, a := range byCode {
		rank[a] = uint32(r)
	}

	// Bucket the rows by set, each as its area's rank and its row number
	// packed into one integer, which sorts fast.
	sets := f.sets
	first := make([]int, len(sets)+1) // sets[s]'s rows are keys[first[s]:first[s+1]]
	for _, s := range setOf {
		first[s+1]++
	}
	for s := range sets {
		first[s+1] += first[s]
	}
	keys := make([]uint64, len(obs))
	next := slices.Clone(first[:len(sets)])
	for i, s := range setOf {
		keys[next[s]] = uint64(rank[areaOf[i]])<<32 | uint64(i)
		next[s]++
	}
	order := make([]int, len(sets))
	for s := range order {
		order[s] = s
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(sets[a].indicator, sets[b].indicator), cmp.Compare(sets[a].period, sets[b].period),
			cmp.Compare(sets[a].breakdown, sets[b].breakdown))
	})

	buf := make([]byte, 0, len(scratch)+(1+binary.MaxVarintLen64)*len(sets))
	out := make([]obsSet, len(sets))
	for k, s := range order {
		set := sets[s]
		rows := keys[first[s]:first[s+1]]
		slices.Sort(rows)
		for j := 1; j < len(rows); j++ {
			if rows[j]>>32 == rows[j-1]>>32 {
				return batchSets{}, localup.Errorf(localup.ECONFLICT,
					"observation of %s for %s in %s (breakdown %q) appears twice in dataset %s",
					set.indicator, obs[uint32(rows[j])].AreaCode, set.period, set.breakdown, id)
			}
		}
		start := len(buf)
		buf = appendSetHeader(buf, len(rows))
		for _, key := range rows {
			i := int(uint32(key))
			from := 0
			if i > 0 {
				from = ends[i-1]
			}
			buf = append(buf, scratch[from:ends[i]]...)
		}
		set.n = len(rows)
		set.data = buf[start:len(buf):len(buf)]
		out[k] = set
	}
	slices.Sort(codes)
	return batchSets{sets: out, areas: codes}, nil
}

// setFinder gives each observation the number of its set in f.sets.
type setFinder struct {
	sets  []obsSet
	index map[setKey]int32
	pc    periodCache
	// cur lists the sets of the last observation's indicator and breakdown
	// by period: rows come grouped by indicator, and comparing a period
	// with a few others is cheaper than hashing the key.
	cur    *[]periodSet
	curKey [2]string
	groups map[[2]string]*[]periodSet
	hint   int // where in *cur the last period was found
}

type setKey struct{ indicator, period, breakdown string }

type periodSet struct {
	p   localup.Period
	set int32
}

// maxScan bounds the periods compared before the finder hashes the key.
const maxScan = 16

func (f *setFinder) find(o *localup.Observation) int32 {
	if f.cur == nil || o.IndicatorID != f.curKey[0] || o.Breakdown != f.curKey[1] {
		if f.groups == nil {
			f.groups, f.index = map[[2]string]*[]periodSet{}, map[setKey]int32{}
		}
		f.curKey = [2]string{o.IndicatorID, o.Breakdown}
		f.hint = 0
		if f.cur = f.groups[f.curKey]; f.cur == nil {
			f.cur = new([]periodSet)
			f.groups[f.curKey] = f.cur
		}
	}
	ps := *f.cur
	// Start from the last hit: rows often repeat a period or cycle
	// through them.
	for j := range ps {
		k := f.hint + j
		if k >= len(ps) {
			k -= len(ps)
		}
		if ps[k].p == o.Period {
			f.hint = k
			return ps[k].set
		}
	}
	k := setKey{o.IndicatorID, f.pc.key(o.Period), o.Breakdown}
	s, ok := f.index[k]
	if !ok {
		s = int32(len(f.sets))
		f.index[k] = s
		f.sets = append(f.sets, obsSet{indicator: k.indicator, period: k.period, breakdown: k.breakdown,
			start: o.Period.Start.Format(time.DateOnly), months: o.Period.Years*12 + o.Period.Months})
	}
	// Periods equal as strings may differ as values (another time zone
	// for the same day): remember each value met.
	if len(ps) < maxScan {
		*f.cur = append(ps, periodSet{o.Period, s})
		f.hint = len(ps)
	}
	return s
}
