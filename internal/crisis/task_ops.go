package crisis

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/spell"
)

// TaskInput is what /task add takes, and what the playbook engine fills in
// for a step.
type TaskInput struct {
	Title        string
	Instructions string
	Assignee     string // member reference; "" to leave it to the role or to whoever takes it
	Role         string
	Due          time.Time
	Playbook     string
	StepID       string
	Occurrence   int
	Checklist    []string
	Draft        string
}

// AddTask creates a task. With a role and no assignee it goes to the first
// holder of the role, or waits for the role to be given.
func (op *Op) AddTask(c Crisis, in TaskInput) (Task, error) {
	if err := MustBeOpen(c); err != nil {
		return Task{}, err
	}
	title, err := required("title", in.Title)
	if err != nil {
		return Task{}, err
	}
	t := Task{
		CrisisID: c.ID, Title: title, Instructions: strings.TrimSpace(in.Instructions),
		Playbook: in.Playbook, StepID: in.StepID, Occurrence: in.Occurrence,
		State: TaskOpen, Due: in.Due, Checklist: in.Checklist, Draft: in.Draft,
		CreatedAt: op.Now, CreatedBy: op.Actor.ID, UpdatedAt: op.Now,
	}
	if in.Role != "" {
		if t.Role, err = op.checkRole(c, in.Role); err != nil {
			return Task{}, err
		}
	}
	if in.Assignee != "" {
		m, err := op.FindMember(in.Assignee)
		if err != nil {
			return Task{}, err
		}
		t.Owner = m.ID
	} else if t.Role != "" {
		holders, err := op.RoleHolders(c, t.Role)
		if err != nil {
			return Task{}, err
		}
		if len(holders) > 0 {
			t.Owner = holders[0]
		}
	}
	if err := op.Tx.CreateTask(&t); err != nil {
		return Task{}, err
	}
	if err := op.Logf(c, LogTask, "log.task.created", t.Ref(), t.Title, op.ownerText(t)); err != nil {
		return Task{}, err
	}
	op.Emit(EventTaskCreated, c.ID, t.ID)
	return t, nil
}

// ownerText says who a new task is for, in the cell's language: the log
// entry it goes into is the cell's record.
func (op *Op) ownerText(t Task) string {
	switch {
	case t.Owner != "":
		return "@" + t.Owner
	case t.Role != "":
		return op.T("task.forrole", t.Role)
	}
	return op.T("task.nobody")
}

// FindTask resolves a task option: its number, or the step id of a task made
// from a playbook (the latest occurrence that is not done, else the latest).
func (op *Op) FindTask(c Crisis, ref string) (Task, error) {
	ref = strings.TrimPrefix(strings.TrimSpace(ref), "#")
	if n, err := strconv.ParseInt(ref, 10, 64); err == nil {
		t, err := op.Tx.Task(n)
		if errors.Is(err, ErrNotFound) || (err == nil && t.CrisisID != c.ID) {
			return Task{}, locale.Errorf(ErrNotFound, "err.task.unknown", ref, c.ID)
		}
		return t, err
	}
	all, err := op.Tx.Tasks(c.ID, TaskFilter{})
	if err != nil {
		return Task{}, err
	}
	var latest, active *Task
	for i := range all {
		t := &all[i]
		if t.StepID != ref {
			continue
		}
		if latest == nil || t.ID > latest.ID {
			latest = t
		}
		if t.Active() && (active == nil || t.ID > active.ID) {
			active = t
		}
	}
	switch {
	case active != nil:
		return *active, nil
	case latest != nil:
		return *latest, nil
	}
	var steps []string
	for _, t := range all {
		if t.StepID != "" && len(ref) <= 64 {
			steps = append(steps, t.StepID)
		}
	}
	if sug := spell.Suggest(strings.ToLower(ref), steps); sug != "" {
		return Task{}, locale.Errorf(ErrNotFound, "err.task.suggest", ref, c.ID, sug)
	}
	return Task{}, locale.Errorf(ErrNotFound, "err.task.unknown", ref, c.ID)
}

// TakeTask makes the actor the task's owner. A task another member holds
// is taken only with confirm: of two members taking a task at once, the
// second is told who has it instead of silently taking it over, and a task
// taken over says in the log whom it was taken from.
func (op *Op) TakeTask(c Crisis, t Task, confirm bool) (Task, error) {
	if err := op.mutable(c, t); err != nil {
		return Task{}, err
	}
	if t.Owner == op.Actor.ID && t.State == TaskTaken {
		return Task{}, locale.Errorf(ErrConflict, "err.task.yours", t.Ref())
	}
	from := ""
	if t.Owner != "" && t.Owner != op.Actor.ID {
		if !confirm {
			return Task{}, locale.Errorf(ErrConflict, "err.task.owned", t.Ref(), "@"+t.Owner, t.ID)
		}
		from = t.Owner
	}
	t.Owner, t.State, t.BlockReason, t.UpdatedAt = op.Actor.ID, TaskTaken, "", op.Now
	if from != "" {
		return t, op.saveTask(c, t, "log.task.taken.from", t.Ref(), t.Title, op.Actor.Label(), "@"+from)
	}
	return t, op.saveTask(c, t, "log.task.taken", t.Ref(), t.Title, op.Actor.Label())
}

// AssignTask gives the task to a member.
func (op *Op) AssignTask(c Crisis, t Task, memberRef string) (Task, error) {
	if err := op.mutable(c, t); err != nil {
		return Task{}, err
	}
	m, err := op.FindMember(memberRef)
	if err != nil {
		return Task{}, err
	}
	t.Owner, t.UpdatedAt = m.ID, op.Now
	if t.State == TaskTaken {
		t.State = TaskOpen // the new owner has not started it yet
	}
	return t, op.saveTask(c, t, "log.task.assigned", t.Ref(), t.Title, m.Label())
}

// DoneTask finishes a task. Its owner or the director may; a task nobody
// holds becomes the actor's as it is finished.
func (op *Op) DoneTask(c Crisis, t Task, note string) (Task, error) {
	if err := op.mutable(c, t); err != nil {
		return Task{}, err
	}
	if err := op.ownerOrDirector(t); err != nil {
		return Task{}, err
	}
	if t.Owner == "" {
		t.Owner = op.Actor.ID
	}
	t.State, t.Note, t.DoneAt, t.UpdatedAt = TaskDone, strings.TrimSpace(note), op.Now, op.Now
	key, args := "log.task.done", []any{t.Ref(), t.Title, op.Actor.Label()}
	if t.Note != "" {
		key, args = "log.task.done.note", append(args, t.Note)
	}
	if err := op.saveTask(c, t, key, args...); err != nil {
		return Task{}, err
	}
	if op.Planner != nil {
		if err := op.Planner.TaskDone(op, c, t); err != nil {
			return Task{}, err
		}
	}
	return t, nil
}

// BlockTask marks a task blocked, with the reason.
func (op *Op) BlockTask(c Crisis, t Task, reason string) (Task, error) {
	if err := op.mutable(c, t); err != nil {
		return Task{}, err
	}
	if err := op.ownerOrDirector(t); err != nil {
		return Task{}, err
	}
	reason, err := required("reason", reason)
	if err != nil {
		return Task{}, err
	}
	if t.Owner == "" {
		t.Owner = op.Actor.ID
	}
	t.State, t.BlockReason, t.UpdatedAt = TaskBlocked, reason, op.Now
	return t, op.saveTask(c, t, "log.task.blocked", t.Ref(), t.Title, reason)
}

func (op *Op) mutable(c Crisis, t Task) error {
	if err := MustBeOpen(c); err != nil {
		return err
	}
	if t.State == TaskDone {
		return locale.Errorf(ErrConflict, "err.task.done", t.Ref())
	}
	return nil
}

func (op *Op) ownerOrDirector(t Task) error {
	if t.Owner == "" || t.Owner == op.Actor.ID || op.Actor.Can(CapDirector) {
		return nil
	}
	return locale.Errorf(ErrForbidden, "err.task.notyours", t.Ref(), "@"+t.Owner)
}

func (op *Op) saveTask(c Crisis, t Task, key string, args ...any) error {
	if err := op.Tx.UpdateTask(t); err != nil {
		return err
	}
	if err := op.Logf(c, LogTask, key, args...); err != nil {
		return err
	}
	op.Emit(EventTaskChanged, c.ID, t.ID)
	return nil
}
