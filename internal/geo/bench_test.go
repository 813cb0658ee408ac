package geo

import "testing"

// BenchmarkLoad measures start-up: reading, projecting and simplifying
// every boundary layer.
func BenchmarkLoad(b *testing.B) {
	dir := dataDir(b)
	for b.Loop() {
		if _, err := Load(dir); err != nil {
			b.Fatal(err)
		}
	}
}
