// Package schedule chases tasks: it reminds owners before a task falls due,
// tells them when it is overdue, and escalates to the director after that.
// It reads everything from the record and writes down each notice before it
// goes out, so a restart picks up what is pending and never repeats itself.
// Its clock is given: the wall clock when serving, a virtual one in replay.
package schedule

import (
	"sort"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// Policy sets when notices go out relative to a task's due time.
type Policy struct {
	// Reminder is how long before the due time the owner is reminded.
	Reminder time.Duration
	// LongReminders are extra reminders for tasks given more than a day:
	// the 72-hour windows are chased a day and a few hours ahead.
	LongReminders []time.Duration
	// Escalate is how long after the due time the director is told.
	Escalate time.Duration
}

// DefaultPolicy reminds 15 minutes ahead (and 24 h and 6 h ahead for long
// tasks), and escalates 30 minutes after the due time.
var DefaultPolicy = Policy{
	Reminder:      15 * time.Minute,
	LongReminders: []time.Duration{24 * time.Hour, 6 * time.Hour},
	Escalate:      30 * time.Minute,
}

// planned is one notice a task should get.
type planned struct {
	kind crisis.NoticeKind
	at   time.Time
}

// plan lists the notices of a task, in time order. A reminder that would
// come before the task existed is left out.
func (p Policy) plan(t crisis.Task) []planned {
	if t.Due.IsZero() || !t.Active() {
		return nil
	}
	var out []planned
	leads := []time.Duration{p.Reminder}
	if t.Due.Sub(t.CreatedAt) > 24*time.Hour {
		leads = append(leads, p.LongReminders...)
	}
	for _, lead := range leads {
		if at := t.Due.Add(-lead); at.After(t.CreatedAt) {
			out = append(out, planned{crisis.NoticeReminder, at})
		}
	}
	out = append(out, planned{crisis.NoticeOverdue, t.Due}, planned{crisis.NoticeEscalation, t.Due.Add(p.Escalate)})
	sort.SliceStable(out, func(i, j int) bool { return out[i].at.Before(out[j].at) })
	return out
}
