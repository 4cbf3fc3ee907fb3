package store

import (
	"cmp"
	"fmt"
	"slices"
	"sync"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// The tasks of each crisis, kept in memory at the version the database
// gives them (migration 0008: every row written to tasks moves its
// crisis's version on, in the writing transaction). Under a burst every
// /crisis status and every autocomplete read the crisis's hundreds of
// active tasks, row by row through cgo: half of what an interaction cost.
//
// A transaction reads its crisis's version (one row) and takes the copy
// kept at that version, adding what it wrote itself; a copy at any other
// version is not trusted, and the rows are read again. So a transaction
// sees exactly what its snapshot holds, whoever wrote the tasks: this
// process, another one on the same file, or a test going around the store.

// taskSet is a crisis's tasks at one version, by number.
type taskSet struct {
	version int64
	tasks   []crisis.Task
}

// taskCache holds one set per crisis. The sets are never changed once
// kept (a commit replaces its crisis's set), so a reader copies from one
// without the lock.
type taskCache struct {
	mu   sync.Mutex
	sets map[int64]*taskSet
}

func (c *taskCache) get(crisisID, version int64) *taskSet {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s := c.sets[crisisID]; s != nil && s.version == version {
		return s
	}
	return nil
}

// keep stores a set read from the database, unless a newer one is kept:
// a reader on an old snapshot must not put back what a commit replaced.
func (c *taskCache) keep(crisisID int64, s *taskSet) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.sets[crisisID]; old != nil && old.version >= s.version {
		return
	}
	if c.sets == nil {
		c.sets = map[int64]*taskSet{}
	}
	c.sets[crisisID] = s
}

// commit moves a crisis's set from the version before a transaction to
// the version it committed, with the rows it wrote. A set at any other
// version is dropped: the next reader reads the rows again.
func (c *taskCache) commit(crisisID int64, w *taskWrites) {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.sets[crisisID]
	switch {
	case old == nil || old.version == w.after:
	case old.version == w.after-w.n:
		c.sets[crisisID] = &taskSet{version: w.after, tasks: overlay(old.tasks, w.rows)}
	default:
		delete(c.sets, crisisID)
	}
}

// taskWrites are the rows a write transaction wrote to one crisis's tasks,
// as read back after each write, and how many writes moved the version.
type taskWrites struct {
	rows  map[int64]crisis.Task
	n     int64
	after int64 // the version the transaction commits, read before COMMIT
}

// wroteTask keeps a task the transaction just wrote, read back from the
// database so the copy is what a later read would return.
func (t *tx) wroteTask(id int64) error {
	task, err := t.taskRow(id)
	if err != nil {
		return err
	}
	if t.taskWrites == nil {
		t.taskWrites = map[int64]*taskWrites{}
	}
	w := t.taskWrites[task.CrisisID]
	if w == nil {
		w = &taskWrites{rows: map[int64]crisis.Task{}}
		t.taskWrites[task.CrisisID] = w
	}
	w.rows[id] = task
	w.n++
	return nil
}

func (t *tx) taskRow(id int64) (crisis.Task, error) {
	task, err := scanTask(t.tx.QueryRow(`SELECT `+taskCols+` FROM tasks WHERE id = ?`, id))
	if err != nil {
		return task, notFound(err, "task", id)
	}
	return task, nil
}

// taskVersion is the crisis's tasks' version this transaction sees; ok is
// false where there is none to read (a database opened read-only before
// migration 0008).
func (t *tx) taskVersion(crisisID int64) (v int64, ok bool) {
	err := t.tx.QueryRow(`SELECT coalesce((SELECT version FROM task_versions WHERE crisis_id = ?), 0)`, crisisID).Scan(&v)
	return v, err == nil
}

// eachTask calls fn with each of the crisis's tasks in order, as this
// transaction sees them. fn must not keep the task's checklist: it is
// shared with the cache (copyTask gives a task of its own).
func (t *tx) eachTask(crisisID int64, fn func(*crisis.Task)) error {
	v, ok := t.taskVersion(crisisID)
	w := t.taskWrites[crisisID]
	if ok {
		base := v
		if w != nil {
			base = v - w.n
		}
		if s := t.db.taskCache.get(crisisID, base); s != nil {
			tasks := s.tasks
			if w != nil {
				tasks = overlay(tasks, w.rows)
			}
			for i := range tasks {
				fn(&tasks[i])
			}
			return nil
		}
	}
	tasks, err := queryTasks(t, `SELECT `+taskCols+` FROM tasks WHERE crisis_id = ? ORDER BY id`, crisisID)
	if err != nil {
		return err
	}
	if ok && w == nil {
		// Only what was committed is kept: this transaction wrote none of it.
		t.db.taskCache.keep(crisisID, &taskSet{version: v, tasks: tasks})
	}
	for i := range tasks {
		fn(&tasks[i])
	}
	return nil
}

// overlay is tasks with rows put in place (or added, in number order),
// in a new slice: tasks itself may be shared.
func overlay(tasks []crisis.Task, rows map[int64]crisis.Task) []crisis.Task {
	out := make([]crisis.Task, 0, len(tasks)+len(rows))
	seen := make(map[int64]bool, len(rows))
	for _, task := range tasks {
		if r, ok := rows[task.ID]; ok {
			task, seen[task.ID] = r, true
		}
		out = append(out, task)
	}
	var added []crisis.Task
	for id, r := range rows {
		if !seen[id] {
			added = append(added, r)
		}
	}
	if len(added) > 0 {
		out = append(out, added...)
		slices.SortFunc(out, func(a, b crisis.Task) int { return cmp.Compare(a.ID, b.ID) })
	}
	return out
}

// copyTask is a task that shares nothing with the cache.
func copyTask(task *crisis.Task) crisis.Task {
	c := *task
	c.Checklist = slices.Clone(task.Checklist)
	return c
}

// readTaskVersions reads, before COMMIT, the versions the transaction is
// about to commit for the crises whose tasks it wrote.
func (t *tx) readTaskVersions() error {
	for id, w := range t.taskWrites {
		v, ok := t.taskVersion(id)
		if !ok {
			return fmt.Errorf("read the version of crisis %d's tasks", id)
		}
		w.after = v
	}
	return nil
}

// keepTasks hands the cache what a committed transaction wrote.
func (s *DB) keepTasks(writes map[int64]*taskWrites) {
	for id, w := range writes {
		s.taskCache.commit(id, w)
	}
}
