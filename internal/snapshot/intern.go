package snapshot

import "github.com/localup/localup"

// interner shares one copy of each repeated string (codes, IDs, flags),
// since a store scan allocates a fresh string per row and the same few
// hundred values repeat across hundreds of thousands of observations.
type interner map[string]string

func (in interner) get(s string) string {
	if s == "" {
		return ""
	}
	if t, ok := in[s]; ok {
		return t
	}
	in[s] = s
	return s
}

func (in interner) observation(o *localup.Observation) {
	o.IndicatorID = in.get(o.IndicatorID)
	o.AreaCode = in.get(o.AreaCode)
	o.Breakdown = in.get(o.Breakdown)
	o.DatasetID = in.get(o.DatasetID)
	o.Status = in.get(o.Status)
	o.Missing = in.get(o.Missing)
}
