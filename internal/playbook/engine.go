package playbook

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// Engine runs playbooks on the crisis record: it turns ready steps into
// tasks, readies the steps a finished task unblocks, re-evaluates
// conditions when facts change and re-arms recurring steps. It implements
// crisis.Planner, and holds the loaded set, which a reload swaps whole.
type Engine struct {
	set  atomic.Pointer[Set]
	load func() (*Set, error)
}

var _ crisis.Planner = (*Engine)(nil)

// NewEngine starts an engine on set; load reads the playbooks again for
// Reload (nil when the set cannot be reloaded).
func NewEngine(set *Set, load func() (*Set, error)) *Engine {
	e := &Engine{load: load}
	e.set.Store(set)
	return e
}

// Set is the playbooks in force.
func (e *Engine) Set() *Set { return e.set.Load() }

// Reload reads the playbooks again. On any error the set in force stays, and
// the error lists every problem found.
func (e *Engine) Reload() (*Set, error) {
	if e.load == nil {
		return e.Set(), errors.New("this engine has no playbook source to reload")
	}
	s, err := e.load()
	if err != nil {
		return e.Set(), err
	}
	e.set.Store(s)
	return s, nil
}

// Attach records a playbook on the crisis and creates the tasks of its ready
// steps. Running it again only catches up on steps that became ready.
func (e *Engine) Attach(op *crisis.Op, c crisis.Crisis, id string) error {
	p, ok := e.Set().Get(id)
	if !ok {
		return locale.Errorf(crisis.ErrNotFound, "err.playbook.unknown", id, e.available())
	}
	attached, err := op.Tx.Playbooks(c.ID)
	if err != nil {
		return err
	}
	if !slices.Contains(attached, id) {
		if err := op.Tx.AttachPlaybook(c.ID, id); err != nil {
			return err
		}
		if err := op.Logf(c, crisis.LogCrisis, "log.playbook.started", p.ID, p.Title); err != nil {
			return err
		}
		op.Emit(crisis.EventBoardChanged, c.ID, 0)
	}
	return e.advance(op, c)
}

func (e *Engine) available() string {
	var ids []string
	for _, p := range e.Set().List() {
		ids = append(ids, p.ID)
	}
	return " : " + strings.Join(ids, ", ")
}

// TaskDone re-arms a recurring step and readies what the task unblocks.
func (e *Engine) TaskDone(op *crisis.Op, c crisis.Crisis, t crisis.Task) error {
	if t.Playbook != "" {
		if p, ok := e.Set().Get(t.Playbook); ok {
			if s, ok := p.Step(t.StepID); ok && s.Every > 0 && c.State == crisis.Open {
				due := nextOccurrence(t.Due, op.Now, s)
				if _, err := e.createTask(op, c, p, s, t.Occurrence+1, due); err != nil {
					return err
				}
			}
		}
	}
	return e.advance(op, c)
}

// FactSet brings in the steps whose condition became true.
func (e *Engine) FactSet(op *crisis.Op, c crisis.Crisis) error { return e.advance(op, c) }

// Roles lists the roles of the crisis's playbooks; nil when it runs none, so
// a crisis without a playbook takes any role.
func (e *Engine) Roles(op *crisis.Op, c crisis.Crisis) ([]string, error) {
	ps, err := e.attached(op, c)
	if err != nil || len(ps) == 0 {
		return nil, err
	}
	roles := []string{}
	for _, p := range ps {
		for _, r := range p.Roles {
			if !slices.Contains(roles, r.ID) {
				roles = append(roles, r.ID)
			}
		}
	}
	return roles, nil
}

// Questions lists the facts the crisis's playbooks ask about that have no
// answer yet.
func (e *Engine) Questions(op *crisis.Op, c crisis.Crisis) ([]crisis.Question, error) {
	ps, err := e.attached(op, c)
	if err != nil || len(ps) == 0 {
		return nil, err
	}
	facts, err := factMap(op, c)
	if err != nil {
		return nil, err
	}
	var out []crisis.Question
	for _, p := range ps {
		for _, f := range p.Facts {
			if _, answered := facts[f.ID]; !answered && !slices.ContainsFunc(out, func(q crisis.Question) bool { return q.Fact == f.ID }) {
				out = append(out, crisis.Question{Fact: f.ID, Text: f.Question})
			}
		}
	}
	return out, nil
}

func (e *Engine) attached(op *crisis.Op, c crisis.Crisis) ([]*Playbook, error) {
	ids, err := op.Tx.Playbooks(c.ID)
	if err != nil {
		return nil, err
	}
	var out []*Playbook
	for _, id := range ids {
		// A playbook removed from disk since it was attached is skipped: the
		// tasks it made stay, and nothing new comes from it.
		if p, ok := e.Set().Get(id); ok {
			out = append(out, p)
		}
	}
	return out, nil
}

func factMap(op *crisis.Op, c crisis.Crisis) (map[string]string, error) {
	fs, err := op.Tx.Facts(c.ID)
	if err != nil {
		return nil, err
	}
	m := make(map[string]string, len(fs))
	for _, f := range fs {
		m[f.Name] = f.Value
	}
	return m, nil
}

// advance creates a task for every step of every attached playbook that is
// ready: not yet made, its condition true, and all it needs satisfied.
func (e *Engine) advance(op *crisis.Op, c crisis.Crisis) error {
	ps, err := e.attached(op, c)
	if err != nil || len(ps) == 0 {
		// No playbook: nothing to ready, and no reason to read every task
		// while holding the writer.
		return err
	}
	facts, err := factMap(op, c)
	if err != nil {
		return err
	}
	tasks, err := op.Tx.Tasks(c.ID, crisis.TaskFilter{})
	if err != nil {
		return err
	}
	for _, p := range ps {
		st := newProgress(p, facts, tasks)
		for _, s := range p.Steps {
			if st.made(s.ID) || !st.applies(s) || !st.needsMet(s) {
				continue
			}
			if _, err := e.createTask(op, c, p, s, 1, dueTime(op.Now, c, s)); err != nil {
				return err
			}
		}
	}
	return nil
}

func (e *Engine) createTask(op *crisis.Op, c crisis.Crisis, p *Playbook, s Step, occurrence int, due time.Time) (crisis.Task, error) {
	title := s.Title
	if occurrence > 1 {
		title = fmt.Sprintf("%s (%d)", s.Title, occurrence)
	}
	return op.AddTask(c, crisis.TaskInput{
		Title: title, Instructions: s.Instructions, Role: s.Role,
		Due: due, Playbook: p.ID, StepID: s.ID, Occurrence: occurrence,
		Checklist: s.Checklist, Draft: s.Draft,
	})
}

// dueTime is the earlier of the step's own delay (from now, when it becomes
// ready) and its deadline (from the crisis's detection). A recurring step
// with neither is due one period from now.
func dueTime(now time.Time, c crisis.Crisis, s Step) time.Time {
	var due time.Time
	if s.Due > 0 {
		due = now.Add(time.Duration(s.Due))
	} else if s.Every > 0 {
		due = now.Add(time.Duration(s.Every))
	}
	if s.Deadline > 0 {
		dl := c.Reference().Add(time.Duration(s.Deadline))
		if due.IsZero() || dl.Before(due) {
			due = dl
		}
	}
	return due
}

// nextOccurrence is when the next occurrence of a recurring step falls due:
// one period after the previous occurrence's due time, whenever that one
// was done. The cell keeps a fixed rhythm ("prochain point à 22:00") that a
// late publication must not shift, and a draft written before its approval
// announces the same time the board then shows. A slot already past is
// skipped, and so is one less than half a period away: an update published
// late must not promise the next one a quarter of an hour later. With no
// previous due time the period runs from now.
func nextOccurrence(prevDue, now time.Time, s Step) time.Time {
	every := time.Duration(s.Every)
	if every <= 0 {
		return time.Time{}
	}
	if prevDue.IsZero() {
		return now.Add(every)
	}
	next := prevDue.Add(every)
	if earliest := now.Add(every / 2); next.Before(earliest) {
		// Whole periods missed, computed rather than looped: a step done
		// days late must not spin.
		missed := (earliest.Sub(next) + every - 1) / every
		next = next.Add(missed * every)
	}
	return next
}

// NextOccurrence is nextOccurrence for a task of a recurring step, as
// drafts read it to announce the next update; zero when the task's step
// does not recur or is not in the set.
func (e *Engine) NextOccurrence(t crisis.Task, now time.Time) time.Time {
	p, ok := e.Set().Get(t.Playbook)
	if !ok {
		return time.Time{}
	}
	s, ok := p.Step(t.StepID)
	if !ok {
		return time.Time{}
	}
	return nextOccurrence(t.Due, now, s)
}

// progress is where a playbook stands in one crisis.
type progress struct {
	p     *Playbook
	facts map[string]string
	tasks map[string][]crisis.Task // by step id
	memo  map[string]bool
}

func newProgress(p *Playbook, facts map[string]string, all []crisis.Task) *progress {
	st := &progress{p: p, facts: facts, tasks: map[string][]crisis.Task{}, memo: map[string]bool{}}
	for _, t := range all {
		if t.Playbook == p.ID {
			st.tasks[t.StepID] = append(st.tasks[t.StepID], t)
		}
	}
	return st
}

func (st *progress) made(step string) bool { return len(st.tasks[step]) > 0 }

func (st *progress) applies(s Step) bool {
	ok, err := s.Applies(st.facts)
	return err == nil && ok
}

func (st *progress) needsMet(s Step) bool {
	for _, n := range s.Needs {
		if !st.satisfied(n) {
			return false
		}
	}
	return true
}

// satisfied: a step is satisfied when a task made from it is done, or when
// it does not apply (its condition is false) and its own needs are
// satisfied, so a skipped step never stalls the steps after it.
func (st *progress) satisfied(id string) bool {
	if v, ok := st.memo[id]; ok {
		return v
	}
	st.memo[id] = false // validation refuses cycles; this guards anyway
	s, ok := st.p.Step(id)
	var v bool
	switch {
	case !ok:
		v = true
	case st.made(id):
		v = slices.ContainsFunc(st.tasks[id], func(t crisis.Task) bool { return t.State == crisis.TaskDone })
	default:
		v = !st.applies(s) && st.needsMet(s)
	}
	st.memo[id] = v
	return v
}
