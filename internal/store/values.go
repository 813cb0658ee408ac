package store

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/localup/localup"
)

// isDomain reports whether err already carries a localup error code.
func isDomain(err error) bool {
	var e *localup.Error
	return errors.As(err, &e)
}

// nullMoney stores the domain's -1 ("not published") as NULL.
func nullMoney(n int64) any {
	if n < 0 {
		return nil
	}
	return n
}

func moneyOrUnknown(n sql.NullInt64) int64 {
	if !n.Valid {
		return -1
	}
	return n.Int64
}

// periodCache remembers canonical period strings: a dataset has few
// periods and many rows.
type periodCache struct {
	last localup.Period
	str  string
	m    map[localup.Period]string
}

func (c *periodCache) key(p localup.Period) string {
	if c.str != "" && p == c.last {
		return c.str
	}
	s, ok := c.m[p]
	if !ok {
		if c.m == nil {
			c.m = make(map[localup.Period]string)
		}
		s = p.String()
		c.m[p] = s
	}
	c.last, c.str = p, s
	return s
}

// timeValue scans a time stored as text (SQLite) or as a timestamp
// (PostgreSQL).
type timeValue struct{ t *time.Time }

func (v timeValue) Scan(src any) error {
	switch x := src.(type) {
	case nil:
		*v.t = time.Time{}
	case time.Time:
		*v.t = x.UTC()
	case string:
		return v.parse(x)
	case []byte:
		return v.parse(string(x))
	default:
		return fmt.Errorf("cannot scan %T as a time", src)
	}
	return nil
}

func (v timeValue) parse(s string) error {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return err
	}
	*v.t = t.UTC()
	return nil
}
