package store

import (
	"encoding/json"
	"fmt"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

const taskCols = `id, crisis_id, title, instructions, playbook, step_id, occurrence, role, owner, state, due, checklist, draft, note, block_reason, created_at, created_by, updated_at, done_at`

// taskRow holds what a task's columns are scanned into. A listing scans
// every row into the same one: reading a crisis's tasks allocated a task,
// six strings and the list of destinations per row, and the collector's
// time went with them.
type taskRow struct {
	t                                             crisis.Task
	state, due, checklist, created, updated, done string
	dest                                          []any
}

func newTaskRow() *taskRow {
	r := &taskRow{}
	r.dest = []any{&r.t.ID, &r.t.CrisisID, &r.t.Title, &r.t.Instructions, &r.t.Playbook, &r.t.StepID, &r.t.Occurrence, &r.t.Role, &r.t.Owner,
		&r.state, &r.due, &r.checklist, &r.t.Draft, &r.t.Note, &r.t.BlockReason, &r.created, &r.t.CreatedBy, &r.updated, &r.done}
	return r
}

// scan reads one row into a task of its own.
func (r *taskRow) scan(s scanner) (crisis.Task, error) {
	r.t = crisis.Task{}
	if err := s.Scan(r.dest...); err != nil {
		return crisis.Task{}, err
	}
	t := r.t
	t.State = crisis.TaskState(r.state)
	t.Due, t.CreatedAt, t.DoneAt = parseTime(r.due), parseTime(r.created), parseTime(r.done)
	t.UpdatedAt = t.CreatedAt // a task never changed was updated when made
	if r.updated != r.created {
		t.UpdatedAt = parseTime(r.updated)
	}
	var err error
	if t.Checklist, err = decodeChecklist(r.checklist); err != nil {
		return t, fmt.Errorf("task %d checklist: %w", t.ID, err)
	}
	return t, nil
}

func scanTask(s scanner) (crisis.Task, error) { return newTaskRow().scan(s) }

// queryTasks lists the tasks a query selects, scanning them all through
// one taskRow.
func queryTasks(t *tx, query string, args ...any) ([]crisis.Task, error) {
	r := newTaskRow()
	return queryAll(t, "tasks", r.scan, query, args...)
}

// decodeChecklist reads what checklistJSON wrote. Most tasks have none:
// "[]" decodes to an empty list without the JSON decoder, as it would
// with it.
func decodeChecklist(s string) ([]string, error) {
	if s == "[]" {
		return []string{}, nil
	}
	var items []string
	if err := json.Unmarshal([]byte(s), &items); err != nil {
		return nil, err
	}
	return items, nil
}

func checklistJSON(items []string) string {
	if items == nil {
		items = []string{}
	}
	b, _ := json.Marshal(items) // a []string always marshals
	return string(b)
}

func (t *tx) CreateTask(task *crisis.Task) error {
	res, err := t.tx.Exec(`INSERT INTO tasks (crisis_id, title, instructions, playbook, step_id, occurrence, role, owner, state, due, checklist, draft, note, block_reason, created_at, created_by, updated_at, done_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		task.CrisisID, task.Title, task.Instructions, task.Playbook, task.StepID, task.Occurrence, task.Role, task.Owner,
		task.State, fmtTime(task.Due), checklistJSON(task.Checklist), task.Draft, task.Note, task.BlockReason,
		fmtTime(task.CreatedAt), task.CreatedBy, fmtTime(task.UpdatedAt), fmtTime(task.DoneAt))
	if err != nil {
		return fmt.Errorf("create task: %w", err)
	}
	if task.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("create task: %w", err)
	}
	return t.wroteTask(task.ID)
}

// Task reads one task, from the task cache when a crisis's set at this
// transaction's version holds it (the mirror and every command on a task
// read it first), else from its row.
func (t *tx) Task(id int64) (crisis.Task, error) {
	if task := t.cachedTask(id); task != nil {
		return copyTask(task), nil
	}
	return t.taskRow(id)
}

func (t *tx) UpdateTask(task crisis.Task) error {
	res, err := t.tx.Exec(`UPDATE tasks SET title = ?, instructions = ?, role = ?, owner = ?, state = ?, due = ?, checklist = ?, draft = ?, note = ?, block_reason = ?, updated_at = ?, done_at = ? WHERE id = ?`,
		task.Title, task.Instructions, task.Role, task.Owner, task.State, fmtTime(task.Due), checklistJSON(task.Checklist), task.Draft,
		task.Note, task.BlockReason, fmtTime(task.UpdatedAt), fmtTime(task.DoneAt), task.ID)
	if err != nil {
		return fmt.Errorf("update task %d: %w", task.ID, err)
	}
	// A task that is not there changed nothing, and moved no version.
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err
	}
	return t.wroteTask(task.ID)
}

// Tasks lists the crisis's tasks the filter selects, in order, from the
// task cache when it holds them at this transaction's version.
func (t *tx) Tasks(crisisID int64, f crisis.TaskFilter) ([]crisis.Task, error) {
	var out []crisis.Task
	err := t.eachTask(crisisID, func(all []*crisis.Task, overlay map[int64]*crisis.Task) {
		visit(all, overlay, func(task *crisis.Task) bool {
			if (f.Owner == "" || task.Owner == f.Owner) && (f.State == "" || task.State == f.State) && (f.Role == "" || task.Role == f.Role) {
				out = append(out, copyTask(task))
			}
			return true
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list tasks of crisis %d: %w", crisisID, err)
	}
	return out, nil
}
