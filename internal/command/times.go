package command

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// Why ParseTime refuses a time it can read; both wrap crisis.ErrInvalid.
// (A duration over crisis.MaxDuration wraps crisis.ErrDurationTooLong.)
var (
	errTimeEarly = fmt.Errorf("time before 1970: %w", crisis.ErrInvalid)
	errDueFar    = fmt.Errorf("due time more than a year ahead: %w", crisis.ErrInvalid)
)

// ParseTime reads a time option: "HH:MM" (today, in loc), "YYYY-MM-DD HH:MM"
// (in loc), RFC 3339, or a duration — that long ago for a past time, that
// long from now for a due time. Nothing before crisis.Earliest is a time
// the cell means, nor a due time more than crisis.Year ahead: both are
// refused, so that a time given is never mistaken for no time.
func ParseTime(s string, now time.Time, loc *time.Location, typ Type) (time.Time, error) {
	t, err := parseTime(strings.TrimSpace(s), now, loc, typ)
	switch {
	case err != nil:
		return time.Time{}, err
	case t.Before(crisis.Earliest):
		return time.Time{}, fmt.Errorf("%q: %w", s, errTimeEarly)
	case typ == DueTime && t.After(now.Add(crisis.Year)):
		return time.Time{}, fmt.Errorf("%q: %w", s, errDueFar)
	}
	return t, nil
}

func parseTime(s string, now time.Time, loc *time.Location, typ Type) (time.Time, error) {
	if t, err := time.ParseInLocation("15:04", s, loc); err == nil {
		y, m, d := now.In(loc).Date()
		return time.Date(y, m, d, t.Hour(), t.Minute(), 0, 0, loc), nil
	}
	// "14h30" is how French speakers write a time; "14h" alone stays a
	// duration, as the written form defines it.
	if t, err := time.ParseInLocation("15h04", s, loc); err == nil {
		y, m, d := now.In(loc).Date()
		return time.Date(y, m, d, t.Hour(), t.Minute(), 0, 0, loc), nil
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	d, err := crisis.ParseDuration(s)
	switch {
	case errors.Is(err, crisis.ErrDurationTooLong):
		return time.Time{}, err
	case err != nil:
		return time.Time{}, locale.Errorf(crisis.ErrInvalid, "err.time", s)
	case typ == PastTime:
		return now.Add(-d), nil
	}
	return now.Add(d), nil
}
