package crisis

import (
	"time"

	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// Earliest is the earliest time of anything recorded, 1970-01-01 UTC.
// Before it, and outside the bounds Year sets, a time is a slip of the
// keyboard (a year typed 0001 or 9999), not a fact, and is refused with a
// sentence rather than stored.
var Earliest = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

// Year is how far a time may stray: a fact logged at most a year before the
// crisis began (its start, detection or opening, whichever is earliest),
// a detection or start at most a year before the crisis is opened, a due
// time at most a year ahead. 366 days, so the same date a year on is
// always within.
const Year = 366 * 24 * time.Hour

// checkPast refuses a time given for a fact that is before Earliest, before
// floor, or in the future; name is the option it came from.
func (op *Op) checkPast(name string, at, floor time.Time, floorKey string) error {
	switch {
	case at.Before(Earliest):
		return locale.Errorf(ErrInvalid, "err.time.early", name)
	case at.Before(floor):
		return locale.Errorf(ErrInvalid, floorKey, name)
	case at.After(op.Now.Add(time.Minute)):
		return locale.Errorf(ErrInvalid, "err.future", name)
	}
	return nil
}

// Beginning is the earliest time the crisis knows of: the attack's start,
// its detection or the crisis's opening, whichever came first.
func (c Crisis) Beginning() time.Time {
	b := c.OpenedAt
	for _, t := range []time.Time{c.StartedAt, c.DetectedAt} {
		if !t.IsZero() && t.Before(b) {
			b = t
		}
	}
	return b
}
