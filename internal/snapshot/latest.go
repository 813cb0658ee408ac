package snapshot

import "github.com/localup/localup"

// Latest is an area's most recent whole-population value of one indicator,
// with what is needed to show it honestly: the indicator's metadata and
// the dataset (source, licence) the figure came from.
type Latest struct {
	Indicator   localup.Indicator
	Observation localup.Observation
	Dataset     localup.Dataset
}

// Latest lists, for every indicator with a value for the area, the value
// of its latest period that has one, in Indicators order.
func (s *Snapshot) Latest(area string) []Latest { return clip(s.latest[area]) }

func (s *Snapshot) deriveLatest() {
	s.latest = make(map[string][]Latest, len(s.byArea))
	for area, byInd := range s.byArea {
		var rows []Latest
		for _, ind := range s.indicators {
			sp, ok := byInd[ind.ID]
			if !ok {
				continue
			}
			// The total breakdown sorts first, so walk back from the
			// end of its run.
			end := sp.lo
			for end < sp.hi && s.obs[end].Breakdown == "" {
				end++
			}
			for k := end - 1; k >= sp.lo; k-- {
				if o := s.obs[k]; o.HasValue() {
					d, _ := s.Dataset(o.DatasetID)
					rows = append(rows, Latest{Indicator: ind, Observation: o, Dataset: d})
					break
				}
			}
		}
		if len(rows) > 0 {
			s.latest[area] = rows
		}
	}
}
