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
	// tasks point to rows shared by the sets that hold them: a commit
	// makes a new list of pointers with new rows for the tasks it wrote
	// alone. Copying every row on each commit was a quarter of what the
	// program allocated under make bench's load.
	tasks []*crisis.Task
}

// taskCache holds the last few sets of each crisis, oldest first: a
// reader whose snapshot began just before a commit still finds its
// version. A set is never changed once kept (a commit adds a new one), so
// a reader walks one without the lock; and a version names one content,
// so a set is true for as long as it is kept.
type taskCache struct {
	mu   sync.Mutex
	sets map[int64][]*taskSet
}

// keptVersions is how many sets of a crisis the cache keeps.
const keptVersions = 3

func (c *taskCache) get(crisisID, version int64) *taskSet {
	c.mu.Lock()
	defer c.mu.Unlock()
	return findVersion(c.sets[crisisID], version)
}

// keep stores a set, in version order, dropping the oldest beyond
// keptVersions; a set older than all those kept is not worth keeping.
func (c *taskCache) keep(crisisID int64, s *taskSet) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.add(crisisID, s)
}

func (c *taskCache) add(crisisID int64, s *taskSet) {
	if c.sets == nil {
		c.sets = map[int64][]*taskSet{}
	}
	c.sets[crisisID] = keepVersion(c.sets[crisisID], s)
}

// drop takes back a set offered for a commit that failed.
func (c *taskCache) drop(crisisID int64, s *taskSet) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sets[crisisID] = slices.DeleteFunc(c.sets[crisisID], func(k *taskSet) bool { return k == s })
}

// commit adds the set a transaction is about to commit: the set of the
// version it started from with the rows it wrote, and returns it. Without
// that set (not kept, or the count of writes shows another writer went in
// between), nothing is added, and the next reader reads the rows.
func (c *taskCache) commit(crisisID int64, w *taskWrites) *taskSet {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := findVersion(c.sets[crisisID], w.after-w.n)
	if old == nil {
		return nil
	}
	tasks := make([]*crisis.Task, 0, len(old.tasks)+len(w.rows))
	visit(old.tasks, w.rows, func(task *crisis.Task) bool { tasks = append(tasks, task); return true })
	next := &taskSet{version: w.after, tasks: tasks}
	c.add(crisisID, next)
	return next
}

// crises lists the crises the cache holds sets of.
func (c *taskCache) crises() []int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	ids := make([]int64, 0, len(c.sets))
	for id := range c.sets {
		ids = append(ids, id)
	}
	return ids
}

// cachedTask is task id as this transaction sees it, when the cache holds
// it; nil otherwise (read its row). A set names one crisis's tasks at one
// version: the task found in the set of its crisis's version is the row
// this transaction's snapshot holds.
func (t *tx) cachedTask(id int64) *crisis.Task {
	if t.db == nil {
		return nil
	}
	if !t.rec.read {
		t.readVersions()
	}
	if !t.allVersions {
		return nil // one query per crisis kept would cost more than the row
	}
	for _, crisisID := range t.db.taskCache.crises() {
		w := t.taskWrites[crisisID]
		if task := w.row(id); task != nil {
			return task
		}
		v, ok := t.taskVersion(crisisID)
		if !ok {
			return nil
		}
		if w != nil {
			v -= w.n
		}
		s := t.db.taskCache.get(crisisID, v)
		if s == nil {
			continue
		}
		i, found := slices.BinarySearchFunc(s.tasks, id, func(task *crisis.Task, id int64) int { return cmp.Compare(task.ID, id) })
		if found {
			return s.tasks[i]
		}
	}
	return nil
}

// row is the row the transaction wrote for task id, nil if none.
func (w *taskWrites) row(id int64) *crisis.Task {
	if w == nil {
		return nil
	}
	return w.rows[id]
}

// taskWrites are the rows a write transaction wrote to one crisis's tasks,
// as read back after each write, and how many writes moved the version.
type taskWrites struct {
	rows  map[int64]*crisis.Task // never changed once kept: a later write keeps a new row
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
		w = &taskWrites{rows: map[int64]*crisis.Task{}}
		t.taskWrites[task.CrisisID] = w
	}
	w.rows[id] = &task
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
	// A transaction that wrote no task sees one version all along: the
	// board reads it once, not once per section.
	if v, ok := t.versions[crisisID]; (ok || t.allVersions) && t.taskWrites[crisisID] == nil {
		return v, true
	}
	err := t.tx.QueryRow(`SELECT coalesce((SELECT version FROM task_versions WHERE crisis_id = ?), 0)`, crisisID).Scan(&v)
	if err != nil {
		return 0, false
	}
	if t.versions == nil {
		t.versions = map[int64]int64{}
	}
	t.versions[crisisID] = v
	return v, true
}

// eachTask hands fn the crisis's tasks as this transaction sees them: all
// of them in order, with the rows it wrote itself laid over (visit walks
// the two together). Neither may be kept or changed: they are shared with
// the cache (copyTask gives a task of its own).
func (t *tx) eachTask(crisisID int64, fn func(all []*crisis.Task, overlay map[int64]*crisis.Task)) error {
	v, ok := t.taskVersion(crisisID)
	var rows map[int64]*crisis.Task
	base := v
	if w := t.taskWrites[crisisID]; w != nil {
		rows, base = w.rows, v-w.n
	}
	if ok {
		if s := t.db.taskCache.get(crisisID, base); s != nil {
			fn(s.tasks, rows)
			return nil
		}
	}
	rowList, err := queryTasks(t, `SELECT `+taskCols+` FROM tasks WHERE crisis_id = ? ORDER BY id`, crisisID)
	if err != nil {
		return err
	}
	tasks := make([]*crisis.Task, len(rowList))
	for i := range rowList {
		tasks[i] = &rowList[i]
	}
	if ok && rows == nil {
		// Only what was committed is kept: this transaction wrote none of it.
		t.db.taskCache.keep(crisisID, &taskSet{version: v, tasks: tasks})
	}
	fn(tasks, nil) // read from the database: the transaction's own writes are in it
	return nil
}

// visit calls fn with each task of all in order, the overlay's row in
// place of a task it holds and its other rows (new tasks, numbered above
// all others) after, until fn returns false.
func visit(all []*crisis.Task, overlay map[int64]*crisis.Task, fn func(*crisis.Task) bool) {
	if len(overlay) == 0 {
		for _, task := range all {
			if !fn(task) {
				return
			}
		}
		return
	}
	seen := make(map[int64]bool, len(overlay))
	for _, task := range all {
		if r, ok := overlay[task.ID]; ok {
			seen[task.ID], task = true, r
		}
		if !fn(task) {
			return
		}
	}
	var added []int64
	for id := range overlay {
		if !seen[id] {
			added = append(added, id)
		}
	}
	slices.Sort(added)
	for _, id := range added {
		if !fn(overlay[id]) {
			return
		}
	}
}

// copyTask is a task that shares nothing with the cache.
func copyTask(task *crisis.Task) crisis.Task {
	c := *task
	c.Checklist = slices.Clone(task.Checklist)
	return c
}

// readCommitVersions reads, before COMMIT, the versions of the crises
// whose tasks the transaction wrote, in one statement.
func (t *tx) readCommitVersions() error {
	if len(t.taskWrites) == 0 {
		return nil
	}
	if vs, ok := t.queryVersions(); ok {
		for id, w := range t.taskWrites {
			w.after = vs.tasks[id]
		}
		return nil
	}
	for id, w := range t.taskWrites {
		v, ok := t.taskVersion(id)
		if !ok {
			return fmt.Errorf("read the version of crisis %d's tasks", id)
		}
		w.after = v
	}
	return nil
}

// offerTasks hands the cache the sets a transaction is about to commit,
// and returns what takes them back should the commit fail.
func (s *DB) offerTasks(writes map[int64]*taskWrites) (undo func()) {
	offered := map[int64]*taskSet{}
	for id, w := range writes {
		if set := s.taskCache.commit(id, w); set != nil {
			offered[id] = set
		}
	}
	return func() {
		for id, set := range offered {
			s.taskCache.drop(id, set)
		}
	}
}
