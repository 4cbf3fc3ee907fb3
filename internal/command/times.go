package command

import (
	"strings"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// ParseTime reads a time option: "HH:MM" (today, in loc), "YYYY-MM-DD HH:MM"
// (in loc), RFC 3339, or a duration — that long ago for a past time, that
// long from now for a due time.
func ParseTime(s string, now time.Time, loc *time.Location, typ Type) (time.Time, error) {
	s = strings.TrimSpace(s)
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
	if d, err := crisis.ParseDuration(s); err == nil {
		if typ == PastTime {
			return now.Add(-d), nil
		}
		return now.Add(d), nil
	}
	return time.Time{}, locale.Errorf(crisis.ErrInvalid, "err.time", s)
}
