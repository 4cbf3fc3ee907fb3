package crisis

import (
	"slices"
	"strings"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// OpenInput is what /crisis open takes.
type OpenInput struct {
	Title      string
	Playbook   string
	DetectedAt time.Time // zero when not known
	StartedAt  time.Time // zero when not known
	Severity   string
	Channel    string
}

// OpenCrisis opens a crisis, logs it and starts its playbook.
func (op *Op) OpenCrisis(in OpenInput) (Crisis, error) {
	title, err := required("title", in.Title)
	if err != nil {
		return Crisis{}, err
	}
	if in.Playbook != "" {
		// Running a playbook is the director's decision (/playbook run);
		// opening a crisis with one is no way round it.
		if !op.Actor.Can(CapDirector) {
			return Crisis{}, locale.Errorf(ErrForbidden, "err.playbook.director", op.Actor.Label())
		}
	}
	if in.Severity != "" && !slices.Contains(Severities, in.Severity) {
		return Crisis{}, locale.Errorf(ErrInvalid, "err.choice", "severity", in.Severity, strings.Join(Severities, ", "))
	}
	for _, t := range []struct {
		name string
		at   time.Time
	}{{"detected_at", in.DetectedAt}, {"started_at", in.StartedAt}} {
		if t.at.IsZero() {
			continue // not known
		}
		if err := op.checkPast(t.name, t.at, op.Now.Add(-Year), "err.time.old"); err != nil {
			return Crisis{}, err
		}
	}
	if !in.StartedAt.IsZero() && !in.DetectedAt.IsZero() && in.StartedAt.After(in.DetectedAt) {
		return Crisis{}, locale.Errorf(ErrInvalid, "err.started.after.detected")
	}
	c := Crisis{
		Title: title, Severity: in.Severity, State: Open,
		OpenedAt: op.Now, OpenedBy: op.Actor.ID,
		DetectedAt: in.DetectedAt, StartedAt: in.StartedAt, Channel: in.Channel,
	}
	if err := op.Tx.CreateCrisis(&c); err != nil {
		return Crisis{}, err
	}
	if err := op.Logf(c, LogCrisis, "log.crisis.opened", title); err != nil {
		return Crisis{}, err
	}
	if !c.StartedAt.IsZero() {
		if _, err := op.Log(c, LogCrisis, c.StartedAt, op.T("log.crisis.started")); err != nil {
			return Crisis{}, err
		}
	}
	if !c.DetectedAt.IsZero() {
		if _, err := op.Log(c, LogCrisis, c.DetectedAt, op.T("log.crisis.detected")); err != nil {
			return Crisis{}, err
		}
	}
	op.Emit(EventCrisisOpened, c.ID, 0)
	if in.Playbook != "" {
		if err := op.RunPlaybook(c, in.Playbook); err != nil {
			return Crisis{}, err
		}
	}
	return c, nil
}

// RunPlaybook attaches a playbook to the crisis.
func (op *Op) RunPlaybook(c Crisis, playbook string) error {
	if err := MustBeOpen(c); err != nil {
		return err
	}
	if op.Planner == nil {
		return locale.Errorf(ErrNotFound, "err.playbook.unknown", playbook, "")
	}
	return op.Planner.Attach(op, c, playbook)
}

// SetFact records an answer to a playbook question and re-evaluates conditions.
func (op *Op) SetFact(c Crisis, in FactInput) error {
	if err := MustBeOpen(c); err != nil {
		return err
	}
	name := strings.ToLower(strings.TrimSpace(in.Name))
	if err := op.checkFactName(c, name, in); err != nil {
		return err
	}
	value, err := required("value", in.Value)
	if err != nil {
		return err
	}
	// An answer is stored as one of two words however it was typed ("Oui",
	// "yes", "ouais"), so that conditions and documents read it the same.
	// They are the French words, as facts were always written and as the
	// documents print them.
	if v, ok := ParseWord(YesNo, value); ok {
		value = WordIn(locale.FR, v)
	}
	if err := op.Tx.SetFact(Fact{CrisisID: c.ID, Name: name, Value: value, SetAt: op.Now, SetBy: op.Actor.ID}); err != nil {
		return err
	}
	// The log says the answer in the cell's language (issue 11: "= oui"
	// in an English cell's log); the record keeps its one stored word.
	if err := op.Logf(c, LogFact, "log.fact", name, AnswerIn(op.Lang, value)); err != nil {
		return err
	}
	op.Emit(EventBoardChanged, c.ID, 0)
	if op.Planner != nil {
		return op.Planner.FactSet(op, c)
	}
	return nil
}

// CloseCrisis closes the crisis; only the director may.
func (op *Op) CloseCrisis(c Crisis, summary string) (Crisis, error) {
	if err := op.Require(CapDirector); err != nil {
		return Crisis{}, err
	}
	if err := MustBeOpen(c); err != nil {
		return Crisis{}, err
	}
	c.State, c.ClosedAt, c.Summary = Closed, op.Now, strings.TrimSpace(summary)
	if err := op.Tx.UpdateCrisis(c); err != nil {
		return Crisis{}, err
	}
	if err := op.Logf(c, LogCrisis, "log.crisis.closed", orDash(c.Summary)); err != nil {
		return Crisis{}, err
	}
	op.Emit(EventCrisisClosed, c.ID, 0)
	return c, nil
}
