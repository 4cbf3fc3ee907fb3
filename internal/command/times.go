package command

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// Why ParseTime refuses a time it can read; each wraps crisis.ErrInvalid.
// (A duration over crisis.MaxDuration wraps crisis.ErrDurationTooLong.)
var (
	errTimeEarly = fmt.Errorf("time before 1970: %w", crisis.ErrInvalid)
	errDueFar    = fmt.Errorf("due time more than a year ahead: %w", crisis.ErrInvalid)
	errDuePast   = fmt.Errorf("due time already past: %w", crisis.ErrInvalid)
)

// ParseTime reads a time option: a clock time today, in loc ("14:30",
// "14h30", "14h"), "YYYY-MM-DD HH:MM" (in loc), RFC 3339, or a duration
// ("30m", "2h", "3d") — that long ago for a past time, that long from now
// for a due time. A clock time is what a French speaker means by it: in a
// past time, one later than now is yesterday's (at 00:10, "23:50" is last
// night); in a due time, one already past is refused rather than making a
// task overdue at once. Nothing before crisis.Earliest is a time the cell
// means, nor a due time more than crisis.Year ahead: both are refused, so
// that a time given is never mistaken for no time.
func ParseTime(s string, now time.Time, loc *time.Location, typ Type) (time.Time, error) {
	t, clock, err := parseTime(strings.TrimSpace(s), now, loc, typ)
	switch {
	case err != nil:
		return time.Time{}, err
	case clock && typ == PastTime && t.After(now.Add(time.Minute)):
		t = t.AddDate(0, 0, -1)
	case clock && typ == DueTime && t.Before(now.Truncate(time.Minute)):
		return time.Time{}, fmt.Errorf("%q: %w", s, errDuePast)
	}
	switch {
	case t.Before(crisis.Earliest):
		return time.Time{}, fmt.Errorf("%q: %w", s, errTimeEarly)
	case typ == DueTime && t.After(now.Add(crisis.Year)):
		return time.Time{}, fmt.Errorf("%q: %w", s, errDueFar)
	}
	return t, nil
}

// clockRe matches a time of day as people write it: "14:30", "9h30",
// "14 h 30", and a whole hour written with two digits, "14h" or "09h". A
// single digit and "h" alone ("2h") stays a duration, as the written form
// has always read it.
var clockRe = regexp.MustCompile(`^(?:(\d{1,2}) ?[:hH] ?(\d{2})|(\d{2}) ?[hH])$`)

// clockTime reads s as a time of day today in loc.
func clockTime(s string, now time.Time, loc *time.Location) (time.Time, bool) {
	m := clockRe.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	hour, min := m[1], m[2]
	if hour == "" {
		hour, min = m[3], "0"
	}
	h, _ := strconv.Atoi(hour)
	mi, _ := strconv.Atoi(min)
	if h > 23 || mi > 59 {
		return time.Time{}, false
	}
	y, mo, d := now.In(loc).Date()
	return time.Date(y, mo, d, h, mi, 0, 0, loc), true
}

// parseTime reads s; clock reports a time of day, whose date is implied.
func parseTime(s string, now time.Time, loc *time.Location, typ Type) (t time.Time, clock bool, err error) {
	if t, ok := clockTime(s, now, loc); ok {
		return t, true, nil
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, false, nil
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, false, nil
	}
	d, err := crisis.ParseDuration(s)
	switch {
	case errors.Is(err, crisis.ErrDurationTooLong):
		return time.Time{}, false, err
	case err != nil:
		return time.Time{}, false, locale.Errorf(crisis.ErrInvalid, "err.time", s)
	case typ == PastTime:
		return now.Add(-d), false, nil
	}
	return now.Add(d), false, nil
}
