// Package localup holds the domain of the localup platform: areas, indicators,
// observations, datasets and the store interface through which they are read
// and written. It imports neither net/http nor database/sql so that the
// statistics, the importer, the web layer and the stores can all speak it
// without depending on each other.
package localup
