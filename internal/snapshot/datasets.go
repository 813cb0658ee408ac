package snapshot

import "github.com/localup/localup"

// Datasets lists the imported datasets by ID.
func (s *Snapshot) Datasets() []localup.Dataset { return clip(s.datasets) }

// Dataset returns one imported dataset.
func (s *Snapshot) Dataset(id string) (localup.Dataset, bool) {
	i, ok := s.datasetByID[id]
	if !ok {
		return localup.Dataset{}, false
	}
	return s.datasets[i], true
}
