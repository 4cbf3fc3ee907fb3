// Package timeline draws a picture of a crisis: its log's facts on a time
// axis (with the time each was written when it differs), each service's
// state over time, and the deadlines. One layout (Lay) feeds both the SVG
// (for the status page, the export and the after-action report) and the
// complaint PDF, which draws the same shapes with its own primitives.
package timeline

import "time"

// Input is the crisis record as the timeline reads it. FromRecord fills it
// from the database; a caller may fill it by hand.
type Input struct {
	Title    string    // the crisis's title
	Opened   time.Time // when the crisis was opened in the tool
	Detected time.Time // when the attack was detected; zero when unknown
	Closed   time.Time // zero while open
	// Now ends the axis of an open crisis: the picture shows nothing later
	// than when it was drawn, but for deadlines still to come.
	Now       time.Time
	Entries   []Entry
	Services  []Service
	Deadlines []Deadline
	// Public draws the picture residents may see: its entries are the
	// published updates, not the log's facts, and its words say so.
	Public bool
}

// Entry is one line of the crisis log.
type Entry struct {
	Seq     int64
	At      time.Time // when the fact happened
	Written time.Time // when it was logged; differs from At when back-dated
	Kind    string    // crisis.LogKind: "note" for what a member wrote
	Text    string
}

// Service is one line of the service board and how its state changed.
type Service struct {
	Name    string
	Changes []Change // in time order
}

// Change is a service's state from At until its next change.
type Change struct {
	At     time.Time
	Status string // "up", "degraded" or "down"
}

// Deadline is a time something must be done by.
type Deadline struct {
	At    time.Time
	Label string // what is due: "72 h CNIL", "#3 Porter plainte"
	Legal bool   // a legal deadline (the 72 hours), drawn stronger than a task's due time
	Done  bool   // met: drawn fainter
}

// BackDated reports whether an entry was written later than its fact, by
// at least a minute (seconds between a command and its log are not news).
func (e Entry) BackDated() bool {
	return !e.Written.IsZero() && e.Written.Sub(e.At) >= time.Minute
}
