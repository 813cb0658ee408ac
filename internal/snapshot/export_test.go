package snapshot

// DeriveProfiles and DeriveSimilar expose the profile build steps to the
// external benchmarks, which run them on a snapshot of the real data.
var (
	DeriveProfiles = (*Snapshot).deriveProfiles
	DeriveSimilar  = (*Snapshot).deriveSimilar
)
