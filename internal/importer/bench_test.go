package importer

import (
	"bufio"
	"context"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/localup/localup/internal/datatest"
	"github.com/localup/localup/internal/store"
)

func benchDataDir(b *testing.B) string { return datatest.Dir(b) }

// BenchmarkELS2024 measures, in one run, (a) Go alone parsing every CSV
// file of the Explore Local Statistics release (encoding/csv and
// strconv.ParseFloat on the numbers) and (b) the full import of that
// release into SQLite: checking every row and committing one
// transaction. The target is import ≥ half the speed of parse,
// i.e. ns/op(import) ≤ 2 × ns/op(parse).
func BenchmarkELS2024(b *testing.B) {
	dir := benchDataDir(b)
	b.Run("parse", func(b *testing.B) {
		var bytes int64
		for _, f := range els2024Source.files {
			st, _ := os.Stat(filepath.Join(dir, f))
			bytes += st.Size()
		}
		b.SetBytes(bytes)
		for i := 0; i < b.N; i++ {
			for _, f := range els2024Source.files {
				parseOnly(b, filepath.Join(dir, f))
			}
		}
	})
	b.Run("import", func(b *testing.B) {
		ctx := context.Background()
		tmp := b.TempDir()
		base := filepath.Join(tmp, "base.db")
		s, err := store.Open(ctx, base)
		if err != nil {
			b.Fatal(err)
		}
		im := New(s, dir)
		if _, err := im.importSource(ctx, lookupsSource); err != nil {
			b.Fatal(err)
		}
		s.Close()
		seed, err := os.ReadFile(base)
		if err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			db := filepath.Join(tmp, "run"+strconv.Itoa(i)+".db")
			if err := os.WriteFile(db, seed, 0o644); err != nil {
				b.Fatal(err)
			}
			s, err := store.Open(ctx, db)
			if err != nil {
				b.Fatal(err)
			}
			im := New(s, dir)
			b.StartTimer()
			if _, err := im.importSource(ctx, els2024Source); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			s.Close()
			os.Remove(db)
			b.StartTimer()
		}
	})
}

func parseOnly(b *testing.B, path string) {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(f, 256<<10))
	r.ReuseRecord = true
	r.FieldsPerRecord = -1
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			b.Fatal(err)
		}
		for _, v := range rec {
			strconv.ParseFloat(v, 64)
		}
	}
}
