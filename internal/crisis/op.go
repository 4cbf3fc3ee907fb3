package crisis

import (
	"errors"
	"fmt"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// Planner is what the record asks of the playbook engine. The record calls it
// inside the command's transaction, so a playbook's tasks appear with the
// change that caused them, or not at all.
type Planner interface {
	// Attach records the playbook on the crisis and turns its ready steps into tasks.
	Attach(op *Op, c Crisis, playbook string) error
	// TaskDone readies the steps the finished task unblocks and re-arms recurring ones.
	TaskDone(op *Op, c Crisis, t Task) error
	// FactSet re-evaluates the steps whose condition reads the crisis's facts.
	FactSet(op *Op, c Crisis) error
	// Roles lists the roles the crisis's playbooks define; nil means any role is accepted.
	Roles(op *Op, c Crisis) ([]string, error)
	// Questions lists the facts the crisis's playbooks ask about that nobody has answered.
	Questions(op *Op, c Crisis) ([]Question, error)
}

// Question is a fact a playbook needs answered ("personal_data": "Des
// données personnelles sont-elles concernées ?").
type Question struct {
	Fact string
	Text string
}

// Op is one command's work on the record: its transaction, who acts and when.
// Its methods apply the record's rules and write the crisis log as they go.
type Op struct {
	Tx      Tx
	Now     time.Time
	Actor   Member
	Planner Planner // nil when no playbooks are loaded
	// Lang is the cell's language: the log entries the bot writes are in
	// it. The zero value is French.
	Lang   locale.Lang
	events []Event
}

// NewOp starts an operation.
func NewOp(tx Tx, now time.Time, actor Member, planner Planner) *Op {
	return &Op{Tx: tx, Now: now, Actor: actor, Planner: planner}
}

// Events returns what the operation changed, in order.
func (op *Op) Events() []Event { return op.events }

// Emit records a change for the front ends.
func (op *Op) Emit(kind EventKind, crisisID, objectID int64) {
	op.events = append(op.events, Event{Kind: kind, CrisisID: crisisID, ObjectID: objectID})
}

// Require refuses the operation when the actor lacks c.
func (op *Op) Require(c Capability) error {
	if !op.Actor.Can(c) {
		return locale.Errorf(ErrForbidden, "err.forbidden", op.Actor.Label(), string(c))
	}
	return nil
}

// Log appends an entry to the crisis log, chained to the one before. at is
// the time of the fact, always given: a zero time is refused rather than
// read as "now", so a time typed is never mistaken for no time.
func (op *Op) Log(c Crisis, kind LogKind, at time.Time, text string) (LogEntry, error) {
	if at.IsZero() {
		return LogEntry{}, fmt.Errorf("log entry of crisis %d has no time", c.ID)
	}
	e := LogEntry{CrisisID: c.ID, At: at, RecordedAt: op.Now, Author: op.Actor.ID, Kind: kind, Text: text, Seq: 1}
	seq, hash, err := op.Tx.LogTail(c.ID)
	switch {
	case err == nil:
		e.Seq, e.PrevHash = seq+1, hash
	case !errors.Is(err, ErrNotFound):
		return LogEntry{}, fmt.Errorf("read the log's last entry: %w", err)
	}
	e.Hash = e.ComputeHash()
	if err := op.Tx.AppendLog(&e); err != nil {
		return LogEntry{}, fmt.Errorf("append to the log of crisis %d: %w", c.ID, err)
	}
	return e, nil
}

// Logf appends an entry dated now whose text comes from the catalogue, in
// the cell's language: the log is the cell's legal record, kept in the one
// language its members read and sign.
func (op *Op) Logf(c Crisis, kind LogKind, key string, args ...any) error {
	_, err := op.Log(c, kind, op.Now, op.T(key, args...))
	return err
}

// T formats a catalogue message in the cell's language, for what the
// record writes in its own words (log entries, notes).
func (op *Op) T(key string, args ...any) string {
	lang := op.Lang
	if lang == "" {
		lang = locale.FR
	}
	return locale.T(lang, key, args...)
}

// CurrentCrisis is the crisis a command from channel acts on when its
// session has chosen none: see SessionCrisis.
func (op *Op) CurrentCrisis(channel string) (Crisis, error) {
	return op.SessionCrisis(channel, 0)
}

// SessionCrisis is the crisis a command acts on: the one of its channel;
// else the crisis its session is on (pinned, 0 when the session has none
// yet: the console and replay keep it per member, so a crisis someone else
// opens never becomes theirs unnoticed); else the latest open crisis; else
// the latest, so a closed crisis's report can still be reviewed.
func (op *Op) SessionCrisis(channel string, pinned int64) (Crisis, error) {
	if channel != "" {
		c, err := op.Tx.CrisisByChannel(channel)
		if err == nil || !errors.Is(err, ErrNotFound) {
			return c, err
		}
	}
	if pinned != 0 {
		c, err := op.Tx.Crisis(pinned)
		if errors.Is(err, ErrNotFound) {
			return Crisis{}, locale.Errorf(ErrNotFound, "err.crisis.unknown", pinned)
		}
		return c, err
	}
	all, err := op.Tx.Crises()
	if err != nil {
		return Crisis{}, err
	}
	var latest, open Crisis // IDs start at 1: 0 is none
	for _, c := range all {
		if c.ID > latest.ID {
			latest = c
		}
		if c.State == Open && c.ID > open.ID {
			open = c
		}
	}
	switch {
	case open.ID != 0:
		return open, nil
	case latest.ID == 0:
		return Crisis{}, locale.Errorf(ErrNotFound, "err.nocrisis")
	}
	return latest, nil
}

// OpenCrises counts the crises still open.
func (op *Op) OpenCrises() (int, error) {
	all, err := op.Tx.Crises()
	if err != nil {
		return 0, err
	}
	n := 0
	for _, c := range all {
		if c.State == Open {
			n++
		}
	}
	return n, nil
}

// MustBeOpen refuses work on a closed crisis.
func MustBeOpen(c Crisis) error {
	if c.State != Open {
		return locale.Errorf(ErrConflict, "err.crisis.closed", c.ID)
	}
	return nil
}
