package store

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// fmtTime stores a time as RFC 3339 in UTC; the zero time is "".
func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// parseTime reads what fmtTime wrote. The store writes every time itself,
// so a value it cannot read is left zero rather than failing a whole listing.
func parseTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// notFound turns sql.ErrNoRows into crisis.ErrNotFound, naming what was sought.
func notFound(err error, what string, key any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s %v: %w", what, key, crisis.ErrNotFound)
	}
	return fmt.Errorf("read %s %v: %w", what, key, err)
}

// scanner is what *sql.Row and *sql.Rows have in common.
type scanner interface {
	Scan(dest ...any) error
}
