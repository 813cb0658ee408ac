package importer

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/localup/localup"
)

// InputError locates a problem in a source file for the person who must
// fix it: the file (relative to the data directory), the line and the
// field. Line is 0 when the problem is the file as a whole.
type InputError struct {
	File  string
	Line  int
	Field string
	Msg   string
}

// Error implements error: "file:line: field "x": message".
func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Field != "" {
		fmt.Fprintf(&b, "field %q: ", e.Field)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// invalid wraps an InputError as a domain EINVALID error so that the CLI
// and the web layer treat it as the user's input, not our fault.
func invalid(file string, line int, field, format string, args ...any) error {
	ie := &InputError{File: file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)}
	return &localup.Error{Code: localup.EINVALID, Message: ie.Error(), Err: ie}
}

// hashingReader feeds everything read through a SHA-256 and counts bytes,
// so provenance costs no second pass over the file.
type hashingReader struct {
	r io.Reader
	h hash.Hash
	n int64
}

func (h *hashingReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	if h.h != nil {
		h.h.Write(p[:n])
	}
	h.n += int64(n)
	return n, err
}

// csvFile reads one CSV file row by row with the header's columns by name.
type csvFile struct {
	rel    string // path relative to the data directory, used in errors
	f      *os.File
	hr     *hashingReader
	r      *csv.Reader
	header []string
	col    map[string]int
	rec    []string
	line   int
	skip   int // lines before the header, so reported lines match the file
	sum    *localup.SourceFile
	done   bool
}

var bom = []byte{0xEF, 0xBB, 0xBF}

// openCSV opens a file of the data directory, drops a UTF-8 byte-order mark, and reads the
// header (after skip leading lines). CRLF line ends are handled by
// encoding/csv. Required columns must all be present.
func (im *Importer) openCSV(rel string, skip int, required ...string) (*csvFile, error) {
	// The importer digests every file of a dataset before parsing it, to
	// skip unchanged datasets; that digest is the file's provenance, so
	// the file is hashed as it is read only when it was not digested.
	var sum *localup.SourceFile
	if sf, ok := im.digests[rel]; ok {
		sum = &sf
	}
	dir := im.DataDir
	f, err := os.Open(filepath.Join(dir, rel))
	if err != nil {
		return nil, missingFile(dir, rel, err)
	}
	hr := &hashingReader{r: f}
	if sum == nil {
		hr.h = sha256.New()
	}
	br := bufio.NewReaderSize(hr, 256<<10)
	if head, err := br.Peek(3); err == nil && bytes.Equal(head, bom) {
		br.Discard(3)
	}
	c := &csvFile{rel: rel, f: f, hr: hr, skip: skip, sum: sum}
	for i := 0; i < skip; i++ {
		if _, err := br.ReadString('\n'); err != nil {
			f.Close()
			return nil, invalid(rel, i+1, "", "file ends before its header")
		}
	}
	c.r = csv.NewReader(br)
	c.r.ReuseRecord = true
	c.r.FieldsPerRecord = 0
	c.line = skip
	header, err := c.r.Read()
	if err != nil {
		f.Close()
		if errors.Is(err, io.EOF) {
			return nil, invalid(rel, skip+1, "", "file is empty: expected a header row")
		}
		return nil, c.csvErr(err)
	}
	c.line = skip + 1
	c.header = append([]string(nil), header...)
	c.col = make(map[string]int, len(header))
	for i, h := range c.header {
		if !utf8.ValidString(h) {
			f.Close()
			return nil, invalid(rel, c.line, "", "header is not valid UTF-8")
		}
		h = strings.TrimSpace(h)
		c.header[i] = h
		c.col[h] = i
	}
	for _, name := range required {
		if _, ok := c.col[name]; !ok {
			f.Close()
			return nil, invalid(rel, c.line, name, "missing column; the header is %q", strings.Join(c.header, ","))
		}
	}
	return c, nil
}

// next reads the next row; false at the end of the file or on error (see err).
func (c *csvFile) next() (bool, error) {
	if c.done {
		return false, nil
	}
	rec, err := c.r.Read()
	if errors.Is(err, io.EOF) {
		c.done = true
		return false, nil
	}
	if err != nil {
		return false, c.csvErr(err)
	}
	c.line, _ = c.r.FieldPos(0)
	c.line += c.skip
	for i, v := range rec {
		if !utf8.ValidString(v) {
			return false, invalid(c.rel, c.line, c.name(i), "not valid UTF-8")
		}
	}
	c.rec = rec
	return true, nil
}

func (c *csvFile) name(i int) string {
	if i < len(c.header) {
		return c.header[i]
	}
	return fmt.Sprintf("column %d", i+1)
}

// csvErr turns encoding/csv's parse errors into ones naming file and line,
// explaining the likely cause.
func (c *csvFile) csvErr(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		switch {
		case errors.Is(pe.Err, csv.ErrFieldCount):
			msg = fmt.Sprintf("expected %d fields as in the header, got a different number (truncated or malformed line)", len(c.header))
		case errors.Is(pe.Err, csv.ErrQuote), errors.Is(pe.Err, csv.ErrBareQuote):
			msg = "malformed quoting: " + msg + " (truncated line?)"
		}
		field := ""
		if pe.Column > 0 {
			field = fmt.Sprintf("column %d", pe.Column)
		}
		return invalid(c.rel, pe.Line+c.skip, field, "%s", msg)
	}
	return fmt.Errorf("read %s: %w", c.rel, err)
}

// get returns the named column of the current row, trimmed.
func (c *csvFile) get(name string) string {
	i, ok := c.col[name]
	if !ok || i >= len(c.rec) {
		return ""
	}
	return strings.TrimSpace(c.rec[i])
}

// has reports whether the header has a column.
func (c *csvFile) has(name string) bool { _, ok := c.col[name]; return ok }

// errf reports a problem with a field of the current row.
func (c *csvFile) errf(field, format string, args ...any) error {
	return invalid(c.rel, c.line, field, format, args...)
}

// close finishes the file, draining it so that the digest covers every
// byte, and returns its provenance.
func (c *csvFile) close() (localup.SourceFile, error) {
	defer c.f.Close()
	if c.sum != nil {
		return *c.sum, nil
	}
	if _, err := io.Copy(io.Discard, c.hr); err != nil {
		return localup.SourceFile{}, fmt.Errorf("read %s: %w", c.rel, err)
	}
	return localup.SourceFile{Path: c.rel, SHA256: hex.EncodeToString(c.hr.h.Sum(nil)), Bytes: c.hr.n}, nil
}

// readFile reads a whole (non-CSV) file, dropping a BOM, and returns its
// provenance with the content: the digest taken before parsing (see
// openCSV), or one taken now.
func (im *Importer) readFile(rel string) ([]byte, localup.SourceFile, error) {
	b, err := os.ReadFile(filepath.Join(im.DataDir, rel))
	if err != nil {
		return nil, localup.SourceFile{}, missingFile(im.DataDir, rel, err)
	}
	sf, ok := im.digests[rel]
	if !ok {
		sum := sha256.Sum256(b)
		sf = localup.SourceFile{Path: rel, SHA256: hex.EncodeToString(sum[:]), Bytes: int64(len(b))}
	}
	if !utf8.Valid(b) {
		line := 1 + bytes.Count(b[:firstInvalidUTF8(b)], []byte{'\n'})
		return nil, sf, invalid(rel, line, "", "not valid UTF-8")
	}
	return bytes.TrimPrefix(b, bom), sf, nil
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// missingFile explains where a missing file should come from.
func missingFile(dir, rel string, err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return localup.Errorf(localup.EINVALID,
			"%s is missing from the data directory %s: localup reads the open datasets described in shared/data/README.md (set --data or LOCALUP_DATA to the folder that holds them)",
			rel, dir)
	}
	return fmt.Errorf("open %s: %w", filepath.Join(dir, rel), err)
}
