package store_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// The task cache (taskcache.go) must never show a transaction anything
// but what its own snapshot holds. Each story below is a way the copy in
// memory could go stale; each read is compared with the rows themselves.

// rowsOf reads a crisis's tasks straight from the table, around the
// store and its cache: id, title, state and owner, in order.
func rowsOf(t *testing.T, db *store.DB, crisisID int64) []string {
	t.Helper()
	rows, err := db.SQL().Query(`SELECT id, title, state, owner FROM tasks WHERE crisis_id = ? ORDER BY id`, crisisID)
	require.NoError(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id int64
		var title, state, owner string
		require.NoError(t, rows.Scan(&id, &title, &state, &owner))
		out = append(out, fmt.Sprintf("%d %s %s %s", id, title, state, owner))
	}
	require.NoError(t, rows.Err())
	return out
}

// values copies the rows a listing shares with the cache.
func values(tasks []*crisis.Task) []crisis.Task {
	out := make([]crisis.Task, len(tasks))
	for i, task := range tasks {
		out[i] = *task
	}
	return out
}

func brief(tasks []crisis.Task) []string {
	var out []string
	for _, task := range tasks {
		out = append(out, fmt.Sprintf("%d %s %s %s", task.ID, task.Title, task.State, task.Owner))
	}
	return out
}

func listed(t *testing.T, db *store.DB, crisisID int64) []string {
	t.Helper()
	var got []crisis.Task
	require.NoError(t, db.View(context.Background(), func(tx crisis.Tx) error {
		var err error
		got, err = tx.Tasks(crisisID, crisis.TaskFilter{})
		return err
	}))
	return brief(got)
}

// readOneByOne reads, with Task, each task rows names.
func readOneByOne(t *testing.T, db *store.DB, rows []string) []string {
	t.Helper()
	var got []crisis.Task
	require.NoError(t, db.View(context.Background(), func(tx crisis.Tx) error {
		for _, r := range rows {
			var id int64
			fmt.Sscan(r, &id)
			task, err := tx.Task(id)
			if err != nil {
				return err
			}
			got = append(got, task)
		}
		return nil
	}))
	return brief(got)
}

func updateTitle(t *testing.T, db *store.DB, id int64, title string) {
	t.Helper()
	require.NoError(t, db.Update(context.Background(), func(tx crisis.Tx) error {
		task, err := tx.Task(id)
		if err != nil {
			return err
		}
		task.Title = title
		return tx.UpdateTask(task)
	}))
}

func TestTaskCacheSeesAnotherProcessWrite(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	// Two handles on one file, as two processes: b writes, a must see it.
	one, err := store.Open(ctx, path)
	require.NoError(t, err)
	t.Cleanup(func() { one.Close() })
	require.NoError(t, one.Update(ctx, func(tx crisis.Tx) error {
		c := crisis.Crisis{Title: "Intrusion", State: crisis.Open, OpenedAt: time.Now(), OpenedBy: "dsi"}
		if err := tx.CreateCrisis(&c); err != nil {
			return err
		}
		return tx.CreateTask(&crisis.Task{CrisisID: c.ID, Title: "Isoler", State: crisis.TaskOpen, CreatedAt: time.Now()})
	}))
	two, err := store.Open(ctx, path)
	require.NoError(t, err)
	t.Cleanup(func() { two.Close() })

	require.Equal(t, []string{"1 Isoler open "}, listed(t, one, 1)) // one keeps it
	require.Equal(t, []string{"1 Isoler open "}, readOneByOne(t, one, rowsOf(t, one, 1)))
	updateTitle(t, two, 1, "Isoler le serveur")
	assert.Equal(t, []string{"1 Isoler le serveur open "}, readOneByOne(t, one, rowsOf(t, one, 1)), "one must see two's write")
	assert.Equal(t, []string{"1 Isoler le serveur open "}, listed(t, one, 1), "one must see two's write")
	require.NoError(t, two.Update(ctx, func(tx crisis.Tx) error {
		return tx.CreateTask(&crisis.Task{CrisisID: 1, Title: "Prévenir", State: crisis.TaskOpen, CreatedAt: time.Now()})
	}))
	assert.Equal(t, rowsOf(t, one, 1), listed(t, one, 1))
	assert.Len(t, listed(t, one, 1), 2)
}

func TestTaskCacheSeesRowsChangedAroundTheStore(t *testing.T) {
	db := lookupFixture(t)
	require.Equal(t, rowsOf(t, db, 1), listed(t, db, 1))
	_, err := db.SQL().Exec(`UPDATE tasks SET title = 'Isoler (corrigé)' WHERE id = 1`)
	require.NoError(t, err)
	assert.Contains(t, listed(t, db, 1), "1 Isoler (corrigé) done ")
	_, err = db.SQL().Exec(`DELETE FROM tasks WHERE id = 3`)
	require.NoError(t, err)
	assert.Equal(t, rowsOf(t, db, 1), listed(t, db, 1))
	assert.NotContains(t, listed(t, db, 1), "3 Isoler encore taken dsi")
}

func TestTaskCacheInsideAWrite(t *testing.T) {
	ctx := context.Background()
	db := lookupFixture(t)
	before := listed(t, db, 1)
	errUndo := errors.New("undo")
	err := db.Update(ctx, func(tx crisis.Tx) error {
		task := crisis.Task{CrisisID: 1, Title: "Nouvelle", State: crisis.TaskOpen}
		require.NoError(t, tx.CreateTask(&task))
		old, err := tx.Task(6)
		require.NoError(t, err)
		old.Owner, old.State = "comms", crisis.TaskTaken
		require.NoError(t, tx.UpdateTask(old))
		// The transaction sees its own writes...
		active, err := tx.ActiveTasks(1, false)
		require.NoError(t, err)
		assert.Contains(t, brief(values(active)), fmt.Sprintf("%d Nouvelle open ", task.ID))
		assert.Contains(t, brief(values(active)), "6 Prévenir taken comms")
		counts, err := tx.TaskCounts(1)
		require.NoError(t, err)
		assert.Equal(t, map[crisis.TaskState]int{crisis.TaskOpen: 1, crisis.TaskTaken: 2, crisis.TaskBlocked: 1, crisis.TaskDone: 3}, counts)
		return errUndo
	})
	require.ErrorIs(t, err, errUndo)
	// ...and nobody else does once it is rolled back.
	assert.Equal(t, before, listed(t, db, 1))
	assert.Equal(t, rowsOf(t, db, 1), listed(t, db, 1))
}

func TestTaskCacheKeepsAnOldSnapshotOld(t *testing.T) {
	ctx := context.Background()
	db := lookupFixture(t)
	require.NoError(t, db.View(ctx, func(tx crisis.Tx) error {
		before, err := tx.Tasks(1, crisis.TaskFilter{}) // the snapshot starts here
		require.NoError(t, err)
		updateTitle(t, db, 5, "Appeler la préfecture") // committed meanwhile
		again, err := tx.Tasks(1, crisis.TaskFilter{})
		require.NoError(t, err)
		assert.Equal(t, brief(before), brief(again), "a read transaction saw a later commit")
		return nil
	}))
	assert.Contains(t, listed(t, db, 1), "5 Appeler la préfecture blocked ")
}

func TestTaskCacheHandsOutCopies(t *testing.T) {
	ctx := context.Background()
	db := lookupFixture(t)
	read := func() crisis.Task {
		var got crisis.Task
		require.NoError(t, db.View(ctx, func(tx crisis.Tx) error {
			all, err := tx.Tasks(1, crisis.TaskFilter{})
			for _, task := range all {
				if task.ID == 4 {
					got = task
				}
			}
			return err
		}))
		return got
	}
	first := read()
	require.Equal(t, []string{"récépissé", "pièces \"jointes\""}, first.Checklist)
	first.Checklist[0] = "changé par un appelant"
	assert.Equal(t, "récépissé", read().Checklist[0])
}

// TestTaskCacheAgreesWithTheRows runs random writes (through the store,
// around it, rolled back) and compares every listing with the table.
func TestTaskCacheAgreesWithTheRows(t *testing.T) {
	ctx := context.Background()
	db := lookupFixture(t)
	r := rand.New(rand.NewPCG(12, 2022))
	states := []crisis.TaskState{crisis.TaskOpen, crisis.TaskTaken, crisis.TaskBlocked, crisis.TaskDone}
	for i := 0; i < 300; i++ {
		crisisID := int64(1 + r.IntN(2))
		switch r.IntN(5) {
		case 0:
			require.NoError(t, db.Update(ctx, func(tx crisis.Tx) error {
				return tx.CreateTask(&crisis.Task{CrisisID: crisisID, Title: fmt.Sprintf("tâche %d", i), State: crisis.TaskOpen})
			}))
		case 1, 2:
			ids := rowsOf(t, db, crisisID)
			var id int64
			fmt.Sscan(ids[r.IntN(len(ids))], &id)
			require.NoError(t, db.Update(ctx, func(tx crisis.Tx) error {
				task, err := tx.Task(id)
				if err != nil {
					return err
				}
				task.State, task.Owner = states[r.IntN(len(states))], fmt.Sprintf("m%d", r.IntN(3))
				return tx.UpdateTask(task)
			}))
		case 3:
			_, err := db.SQL().Exec(`UPDATE tasks SET owner = ? WHERE crisis_id = ? AND id % 3 = ?`, fmt.Sprintf("brut%d", i), crisisID, r.IntN(3))
			require.NoError(t, err)
		default:
			_ = db.Update(ctx, func(tx crisis.Tx) error {
				_ = tx.CreateTask(&crisis.Task{CrisisID: crisisID, Title: "annulée", State: crisis.TaskOpen})
				return errors.New("rolled back")
			})
		}
		for _, id := range []int64{1, 2} {
			rows := rowsOf(t, db, id)
			require.Equal(t, rows, listed(t, db, id), "step %d, crisis %d", i, id)
			require.Equal(t, rows, readOneByOne(t, db, rows), "step %d, crisis %d, task by task", i, id)
		}
	}
}

// TestActiveTasksWhere: an autocomplete reads the first 25 active tasks
// that match what was typed, the transaction's own writes included, in
// number order, and nothing after the 25th.
func TestActiveTasksWhere(t *testing.T) {
	ctx := context.Background()
	db := lookupFixture(t)
	require.NoError(t, db.Update(ctx, func(tx crisis.Tx) error {
		for i := 0; i < 40; i++ {
			state := crisis.TaskOpen
			if i%4 == 0 {
				state = crisis.TaskDone
			}
			if err := tx.CreateTask(&crisis.Task{CrisisID: 1, Title: fmt.Sprintf("Sauvegarde %d", i), State: state}); err != nil {
				return err
			}
		}
		return nil
	}))
	saves := func(task *crisis.Task) bool { return strings.HasPrefix(task.Title, "Sauvegarde") }
	require.NoError(t, db.View(ctx, func(tx crisis.Tx) error {
		first, err := tx.ActiveTasksWhere(1, saves, 25)
		require.NoError(t, err)
		require.Len(t, first, 25)
		assert.Equal(t, "Sauvegarde 1", first[0].Title)
		assert.Equal(t, "Sauvegarde 33", first[24].Title, "30 active among 40, the first 25 in order")
		all, err := tx.ActiveTasksWhere(1, saves, 0)
		require.NoError(t, err)
		assert.Len(t, all, 30)
		return nil
	}))
	errUndo := errors.New("undo")
	require.ErrorIs(t, db.Update(ctx, func(tx crisis.Tx) error {
		task, err := tx.Task(9) // "Sauvegarde 1", open
		require.NoError(t, err)
		task.State = crisis.TaskDone
		require.NoError(t, tx.UpdateTask(task))
		require.NoError(t, tx.CreateTask(&crisis.Task{CrisisID: 1, Title: "Sauvegarde nouvelle", State: crisis.TaskOpen}))
		got, err := tx.ActiveTasksWhere(1, saves, 0)
		require.NoError(t, err)
		assert.Len(t, got, 30)
		assert.Equal(t, "Sauvegarde 2", got[0].Title)
		assert.Equal(t, "Sauvegarde nouvelle", got[29].Title)
		return errUndo
	}), errUndo)
}

// TestTaskCacheOnADatabaseBeforeItsVersions: a database copied before
// migration 0008, opened read-only (verify, export), has no task versions
// to read; its tasks are read from the rows, every time, all the same.
func TestTaskCacheOnADatabaseBeforeItsVersions(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	db, err := store.Open(ctx, path)
	require.NoError(t, err)
	require.NoError(t, db.Update(ctx, func(tx crisis.Tx) error {
		c := crisis.Crisis{Title: "Intrusion", State: crisis.Open, OpenedAt: time.Now(), OpenedBy: "dsi"}
		if err := tx.CreateCrisis(&c); err != nil {
			return err
		}
		return tx.CreateTask(&crisis.Task{CrisisID: c.ID, Title: "Isoler", State: crisis.TaskOpen})
	}))
	for _, q := range []string{`DROP TRIGGER tasks_version_insert`, `DROP TRIGGER tasks_version_update`, `DROP TRIGGER tasks_version_delete`,
		`DROP TABLE task_versions`, `UPDATE tasks SET title = 'Isoler le serveur'`} {
		_, err := db.SQL().Exec(q)
		require.NoError(t, err, q)
	}
	require.NoError(t, db.Close())
	ro, err := store.OpenReadOnly(ctx, path)
	require.NoError(t, err)
	t.Cleanup(func() { ro.Close() })
	for i := 0; i < 2; i++ {
		assert.Equal(t, []string{"1 Isoler le serveur open "}, listed(t, ro, 1))
	}
}
