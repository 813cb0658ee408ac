package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/localup/localup"
)

// sqliteParams are applied to every connection. WAL lets readers carry on
// during an import; NORMAL synchronous is safe with WAL; IMMEDIATE
// transactions take the write lock up front so that two writers queue on
// busy_timeout instead of failing to upgrade; the page cache is large
// enough to hold an import's indexes.
var sqliteParams = []string{
	"_pragma=busy_timeout(10000)",
	"_pragma=foreign_keys(1)",
	"_pragma=synchronous(NORMAL)",
	"_pragma=cache_size(-65536)",
	"_pragma=temp_store(MEMORY)",
	"_txlock=immediate",
}

var memSeq atomic.Int64

func isMemory(dsn string) bool {
	return dsn == ":memory:" || strings.Contains(dsn, "mode=memory") || strings.Contains(dsn, "vfs=memdb")
}

func openSQLite(dsn string) (*sql.DB, dialect, error) {
	if dsn == "" {
		return nil, nil, localup.Errorf(localup.EINVALID, "no database path given")
	}
	name, params := dsn, sqliteParams
	if dsn == ":memory:" {
		// memdb databases named with a leading slash are shared by every
		// connection of the process, and they lock like files do.
		name = fmt.Sprintf("file:/localup-%d-%d?vfs=memdb", time.Now().UnixNano(), memSeq.Add(1))
	}
	if !isMemory(dsn) {
		params = append(params[:len(params):len(params)], "_pragma=journal_mode(WAL)")
	}
	sep := "?"
	if strings.Contains(name, "?") {
		sep = "&"
	}
	db, err := sql.Open("sqlite", name+sep+strings.Join(params, "&"))
	if err != nil {
		return nil, nil, err
	}
	db.SetMaxIdleConns(4)
	return db, sqliteDialect{}, nil
}

type sqliteDialect struct{}

func (sqliteDialect) name() string           { return "sqlite" }
func (sqliteDialect) rebind(q string) string { return q }
func (sqliteDialect) maxParams() int         { return 32766 }

// timeArg stores times as fixed-width UTC text, which sorts as time does.
func (sqliteDialect) timeArg(t time.Time) any {
	return t.UTC().Format("2006-01-02T15:04:05.000000Z")
}

func (sqliteDialect) mapError(err error) error {
	var se *sqlite.Error
	if err == nil || isDomain(err) || !errors.As(err, &se) {
		return err
	}
	switch se.Code() {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return &localup.Error{Code: localup.ECONFLICT, Message: "duplicate key", Err: err}
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return &localup.Error{Code: localup.EINVALID, Message: "reference to a missing row", Err: err}
	case sqlite3.SQLITE_CONSTRAINT_NOTNULL, sqlite3.SQLITE_CONSTRAINT_CHECK:
		return &localup.Error{Code: localup.EINVALID, Message: "value breaks a rule", Err: err}
	}
	return err
}
