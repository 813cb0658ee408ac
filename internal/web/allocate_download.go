package web

import (
	"bytes"
	"net/http"

	"github.com/localup/localup"
)

// allocateDownload answers GET /allocate/download.csv and .xlsx: the
// results table as a file.
func (s *Server) allocateDownload(format string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		ref, errs := readAllocRef(r, r.URL.Query())
		if len(errs) > 0 {
			return localup.Errorf(localup.EINVALID, "%s", errs[0].Message)
		}
		ctx := r.Context()
		res, err := s.alloc.Resolve(ctx, ref.Source)
		if err != nil {
			return err
		}
		run, err := s.alloc.Allocate(ctx, res.Formula, ref.Pot)
		if err != nil {
			return err
		}
		// The file is built before any header is set, so that a failure
		// becomes an error page rather than a download of half a file.
		var buf bytes.Buffer
		contentType := csvType
		if format == "csv" {
			err = run.WriteCSV(&buf)
		} else {
			contentType = xlsxType
			err = run.WriteXLSX(&buf)
		}
		if err != nil {
			return err
		}
		return writeDownload(w, contentType, downloadName(res.Formula.Name, format), buf.Bytes())
	}
}
