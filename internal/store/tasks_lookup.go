package store

import (
	"fmt"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// Lookups that read one task, or only the tasks a view shows: a crisis of
// a thousand tasks costs a command that touches one of them the reading of
// one row, not of a thousand.

// TaskByStep is the crisis's task made from the step: the latest
// occurrence not done, else the latest (what FindTask resolves a step id to).
func (t *tx) TaskByStep(crisisID int64, stepID string) (crisis.Task, error) {
	task, err := scanTask(t.tx.QueryRow(`SELECT `+taskCols+` FROM tasks WHERE crisis_id = ? AND step_id = ? ORDER BY state <> 'done' DESC, id DESC LIMIT 1`, crisisID, stepID))
	if err != nil {
		return task, notFound(err, "task of step", stepID)
	}
	return task, nil
}

// LastTaskID is the highest task number of all crises, 0 when there is
// none. Numbers only grow (AUTOINCREMENT) and a write transaction is the
// only writer: the tasks it makes next are those numbered above it. The
// rowid's maximum is read from the table's b-tree alone.
func (t *tx) LastTaskID() (int64, error) {
	var id int64
	if err := t.tx.QueryRow(`SELECT coalesce(max(id), 0) FROM tasks`).Scan(&id); err != nil {
		return 0, fmt.Errorf("last task: %w", err)
	}
	return id, nil
}

// TasksAfter lists the crisis's tasks numbered above afterID, in order.
// The crisis is tested row by row ("+crisis_id" keeps SQLite off its
// index): the rows above afterID are the few just made, where the index
// would have SQLite walk every task of the crisis.
func (t *tx) TasksAfter(crisisID, afterID int64) ([]crisis.Task, error) {
	return queryTasks(t, `SELECT `+taskCols+` FROM tasks WHERE id > ? AND +crisis_id = ? ORDER BY id`, afterID, crisisID)
}

// ActiveTasks lists the crisis's tasks not done, in order; with dueOnly,
// only those with a due time. The rows are the task cache's own, never
// changed once kept, and shared with every reader: the board, their only
// reader, renders hundreds of them on every /crisis status, and copying
// them was a quarter of what the program allocated under make bench's load.
func (t *tx) ActiveTasks(crisisID int64, dueOnly bool) ([]*crisis.Task, error) {
	return t.activeRows(crisisID, func(task *crisis.Task) bool { return !dueOnly || !task.Due.IsZero() }, 0)
}

// ActiveTasksWhere lists, in order, copies of the crisis's tasks not done
// that match keeps, stopping at limit (0: no limit). An autocomplete shows 25.
func (t *tx) ActiveTasksWhere(crisisID int64, keep func(*crisis.Task) bool, limit int) ([]crisis.Task, error) {
	rows, err := t.activeRows(crisisID, keep, limit)
	if err != nil {
		return nil, err
	}
	out := make([]crisis.Task, len(rows))
	for i, task := range rows {
		out[i] = copyTask(task)
	}
	return out, nil
}

// activeRows lists the rows, shared with the task cache, of the crisis's
// tasks not done that keep accepts, stopping at limit (0: no limit).
func (t *tx) activeRows(crisisID int64, keep func(*crisis.Task) bool, limit int) ([]*crisis.Task, error) {
	var out []*crisis.Task
	err := t.eachTask(crisisID, func(all []*crisis.Task, overlay map[int64]*crisis.Task) {
		n := len(all) + len(overlay)
		if limit > 0 {
			n = min(n, limit)
		}
		out = make([]*crisis.Task, 0, n)
		visit(all, overlay, func(task *crisis.Task) bool {
			if task.State != crisis.TaskDone && keep(task) {
				out = append(out, task)
			}
			return limit == 0 || len(out) < limit
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list active tasks of crisis %d: %w", crisisID, err)
	}
	return out, nil
}

// TaskCounts counts the crisis's tasks by state.
func (t *tx) TaskCounts(crisisID int64) (map[crisis.TaskState]int, error) {
	out := map[crisis.TaskState]int{}
	err := t.eachTask(crisisID, func(all []*crisis.Task, overlay map[int64]*crisis.Task) {
		visit(all, overlay, func(task *crisis.Task) bool { out[task.State]++; return true })
	})
	if err != nil {
		return nil, fmt.Errorf("count tasks of crisis %d: %w", crisisID, err)
	}
	return out, nil
}
