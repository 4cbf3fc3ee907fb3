package store

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

const taskCols = `id, crisis_id, title, instructions, playbook, step_id, occurrence, role, owner, state, due, checklist, draft, note, block_reason, created_at, created_by, updated_at, done_at`

func scanTask(s scanner) (crisis.Task, error) {
	var t crisis.Task
	var state, due, checklist, created, updated, done string
	err := s.Scan(&t.ID, &t.CrisisID, &t.Title, &t.Instructions, &t.Playbook, &t.StepID, &t.Occurrence, &t.Role, &t.Owner,
		&state, &due, &checklist, &t.Draft, &t.Note, &t.BlockReason, &created, &t.CreatedBy, &updated, &done)
	if err != nil {
		return t, err
	}
	t.State = crisis.TaskState(state)
	t.Due, t.CreatedAt, t.UpdatedAt, t.DoneAt = parseTime(due), parseTime(created), parseTime(updated), parseTime(done)
	if err := json.Unmarshal([]byte(checklist), &t.Checklist); err != nil {
		return t, fmt.Errorf("task %d checklist: %w", t.ID, err)
	}
	return t, nil
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
	task.ID, err = res.LastInsertId()
	return err
}

func (t *tx) Task(id int64) (crisis.Task, error) {
	task, err := scanTask(t.tx.QueryRow(`SELECT `+taskCols+` FROM tasks WHERE id = ?`, id))
	if err != nil {
		return task, notFound(err, "task", id)
	}
	return task, nil
}

func (t *tx) UpdateTask(task crisis.Task) error {
	_, err := t.tx.Exec(`UPDATE tasks SET title = ?, instructions = ?, role = ?, owner = ?, state = ?, due = ?, checklist = ?, draft = ?, note = ?, block_reason = ?, updated_at = ?, done_at = ? WHERE id = ?`,
		task.Title, task.Instructions, task.Role, task.Owner, task.State, fmtTime(task.Due), checklistJSON(task.Checklist), task.Draft,
		task.Note, task.BlockReason, fmtTime(task.UpdatedAt), fmtTime(task.DoneAt), task.ID)
	if err != nil {
		return fmt.Errorf("update task %d: %w", task.ID, err)
	}
	return nil
}

func (t *tx) Tasks(crisisID int64, f crisis.TaskFilter) ([]crisis.Task, error) {
	where, args := []string{"crisis_id = ?"}, []any{crisisID}
	if f.Owner != "" {
		where, args = append(where, "owner = ?"), append(args, f.Owner)
	}
	if f.State != "" {
		where, args = append(where, "state = ?"), append(args, f.State)
	}
	if f.Role != "" {
		where, args = append(where, "role = ?"), append(args, f.Role)
	}
	return queryAll(t, "tasks", scanTask, `SELECT `+taskCols+` FROM tasks WHERE `+strings.Join(where, " AND ")+` ORDER BY id`, args...)
}
