package store_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// lookupFixture is two crises whose tasks interleave: a step done twice
// (its second occurrence still open), a step done once and finished, a
// task with a checklist, tasks in every state, some due.
func lookupFixture(t *testing.T) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	at := time.Date(2022, 9, 26, 16, 5, 0, 0, time.UTC)
	require.NoError(t, db.Update(ctx, func(tx crisis.Tx) error {
		for _, id := range []int64{1, 2} {
			c := crisis.Crisis{Title: "Intrusion", State: crisis.Open, OpenedAt: at, OpenedBy: "dsi"}
			require.NoError(t, tx.CreateCrisis(&c))
			require.Equal(t, id, c.ID)
		}
		tasks := []crisis.Task{
			{CrisisID: 1, Title: "Isoler", StepID: "isoler", Occurrence: 1, State: crisis.TaskDone, DoneAt: at.Add(time.Hour)},
			{CrisisID: 2, Title: "Autre crise", StepID: "isoler", State: crisis.TaskOpen},
			{CrisisID: 1, Title: "Isoler encore", StepID: "isoler", Occurrence: 2, State: crisis.TaskTaken, Owner: "dsi", Due: at.Add(2 * time.Hour)},
			{CrisisID: 1, Title: "Porter plainte", StepID: "plainte", State: crisis.TaskDone, Checklist: []string{"récépissé", "pièces \"jointes\""}},
			{CrisisID: 1, Title: "Appeler", State: crisis.TaskBlocked, BlockReason: "pas de réseau", Due: at.Add(30 * time.Minute)},
			{CrisisID: 1, Title: "Prévenir", State: crisis.TaskOpen, Role: "comms"},
			{CrisisID: 1, Title: "Plainte rejouée", StepID: "plainte", Occurrence: 2, State: crisis.TaskDone},
		}
		for i := range tasks {
			tasks[i].CreatedAt, tasks[i].UpdatedAt, tasks[i].CreatedBy = at, at.Add(time.Duration(i)*time.Minute), "dsi"
			require.NoError(t, tx.CreateTask(&tasks[i]))
		}
		return nil
	}))
	return db
}

func TestTaskLookupsAgreeWithTheFullListing(t *testing.T) {
	ctx := context.Background()
	db := lookupFixture(t)
	require.NoError(t, db.View(ctx, func(tx crisis.Tx) error {
		all, err := tx.Tasks(1, crisis.TaskFilter{})
		require.NoError(t, err)
		require.Len(t, all, 6)

		t.Run("by step: the latest not done, else the latest", func(t *testing.T) {
			got, err := tx.TaskByStep(1, "isoler")
			require.NoError(t, err)
			assert.Equal(t, all[1], got)
			got, err = tx.TaskByStep(1, "plainte")
			require.NoError(t, err)
			assert.Equal(t, all[5], got)
			_, err = tx.TaskByStep(1, "inconnue")
			assert.ErrorIs(t, err, crisis.ErrNotFound)
			_, err = tx.TaskByStep(3, "isoler")
			assert.ErrorIs(t, err, crisis.ErrNotFound)
		})
		t.Run("last number and the tasks after it", func(t *testing.T) {
			last, err := tx.LastTaskID()
			require.NoError(t, err)
			assert.Equal(t, all[5].ID, last)
			after, err := tx.TasksAfter(1, all[2].ID)
			require.NoError(t, err)
			assert.Equal(t, all[3:], after)
			after, err = tx.TasksAfter(1, 0)
			require.NoError(t, err)
			assert.Equal(t, all, after)
			after, err = tx.TasksAfter(1, last)
			require.NoError(t, err)
			assert.Empty(t, after)
			others, err := tx.TasksAfter(2, 0)
			require.NoError(t, err)
			require.Len(t, others, 1)
			assert.Equal(t, "Autre crise", others[0].Title)
		})
		t.Run("active tasks, and those due", func(t *testing.T) {
			var active, due []crisis.Task
			for _, task := range all {
				if task.Active() {
					active = append(active, task)
					if !task.Due.IsZero() {
						due = append(due, task)
					}
				}
			}
			got, err := tx.ActiveTasks(1, false)
			require.NoError(t, err)
			assert.Equal(t, active, values(got))
			got, err = tx.ActiveTasks(1, true)
			require.NoError(t, err)
			assert.Equal(t, due, values(got))
		})
		t.Run("counts by state", func(t *testing.T) {
			want := map[crisis.TaskState]int{}
			for _, task := range all {
				want[task.State]++
			}
			got, err := tx.TaskCounts(1)
			require.NoError(t, err)
			assert.Equal(t, want, got)
		})
		t.Run("a checklist reads back as written, an empty one as empty", func(t *testing.T) {
			assert.Equal(t, []string{"récépissé", "pièces \"jointes\""}, all[2].Checklist)
			assert.Equal(t, []string{}, all[0].Checklist)
		})
		return nil
	}))
}

func TestMessageRefSeesWhatWasSaved(t *testing.T) {
	ctx := context.Background()
	db := lookupFixture(t)
	_, err := db.MessageRefOf(ctx, "task:1")
	assert.ErrorIs(t, err, crisis.ErrNotFound)
	require.NoError(t, db.SaveMessageRef(ctx, "task:1", store.MessageRef{Channel: "c", Message: "m"}))
	got, err := db.MessageRefOf(ctx, "task:1")
	require.NoError(t, err)
	assert.Equal(t, store.MessageRef{Channel: "c", Message: "m"}, got)
	// Moved, then forgotten: the lookup follows.
	require.NoError(t, db.SaveMessageRef(ctx, "task:1", store.MessageRef{Channel: "d", Message: "n"}))
	got, err = db.MessageRefOf(ctx, "task:1")
	require.NoError(t, err)
	assert.Equal(t, store.MessageRef{Channel: "d", Message: "n"}, got)
	require.NoError(t, db.DeleteMessageRef(ctx, "task:1"))
	_, err = db.MessageRefOf(ctx, "task:1")
	assert.ErrorIs(t, err, crisis.ErrNotFound)
	// Another handle on the file (another process) reads the rows.
	var path string
	require.NoError(t, db.SQL().QueryRow(`SELECT file FROM pragma_database_list WHERE name = 'main'`).Scan(&path))
	other, err := store.Open(ctx, path)
	require.NoError(t, err)
	defer other.Close()
	require.NoError(t, db.SaveMessageRef(ctx, "task:2", store.MessageRef{Channel: "e", Message: "o"}))
	got, err = other.MessageRefOf(ctx, "task:2")
	require.NoError(t, err)
	assert.Equal(t, store.MessageRef{Channel: "e", Message: "o"}, got)
}
