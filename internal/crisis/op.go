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
	events  []Event
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
// the time of the fact; the zero time means now.
func (op *Op) Log(c Crisis, kind LogKind, at time.Time, text string) (LogEntry, error) {
	if at.IsZero() {
		at = op.Now
	}
	e := LogEntry{CrisisID: c.ID, At: at, RecordedAt: op.Now, Author: op.Actor.ID, Kind: kind, Text: text, Seq: 1}
	last, err := op.Tx.LastLog(c.ID)
	switch {
	case err == nil:
		e.Seq, e.PrevHash = last.Seq+1, last.Hash
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
// French: the log is the cell's legal record and is kept in one language.
func (op *Op) Logf(c Crisis, kind LogKind, key string, args ...any) error {
	_, err := op.Log(c, kind, time.Time{}, locale.T(locale.FR, key, args...))
	return err
}

// CurrentCrisis is the crisis a command acts on: the one of its channel, or
// else the last opened.
func (op *Op) CurrentCrisis(channel string) (Crisis, error) {
	if channel != "" {
		c, err := op.Tx.CrisisByChannel(channel)
		if err == nil || !errors.Is(err, ErrNotFound) {
			return c, err
		}
	}
	c, err := op.Tx.LatestCrisis()
	if errors.Is(err, ErrNotFound) {
		return Crisis{}, locale.Errorf(ErrNotFound, "err.nocrisis")
	}
	return c, err
}

// MustBeOpen refuses work on a closed crisis.
func MustBeOpen(c Crisis) error {
	if c.State != Open {
		return locale.Errorf(ErrConflict, "err.crisis.closed", c.ID)
	}
	return nil
}
