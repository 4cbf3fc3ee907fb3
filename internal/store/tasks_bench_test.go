package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// BenchmarkTasks reads the tasks of a crisis of 600 tasks (200 done), the
// size of the bench's crisis under its load: every way the commands and
// the board read them.
func BenchmarkTasks(b *testing.B) {
	ctx, db := benchCrisis(b, func(tx crisis.Tx, c crisis.Crisis, at time.Time) error {
		for i := range 600 {
			t := crisis.Task{CrisisID: 1, Title: fmt.Sprintf("Tâche préparée %d", i), State: crisis.TaskOpen, CreatedAt: at, UpdatedAt: at, CreatedBy: "dsi"}
			if i < 200 {
				t.State, t.DoneAt, t.UpdatedAt = crisis.TaskDone, at.Add(time.Hour), at.Add(time.Hour)
			}
			if err := tx.CreateTask(&t); err != nil {
				return err
			}
		}
		return nil
	})
	for _, c := range []struct {
		name string
		read func(tx crisis.Tx) (int, error)
	}{
		{"all", func(tx crisis.Tx) (int, error) { ts, err := tx.Tasks(1, crisis.TaskFilter{}); return len(ts), err }},
		{"active", func(tx crisis.Tx) (int, error) { ts, err := tx.ActiveTasks(1, false); return len(ts), err }},
		{"due", func(tx crisis.Tx) (int, error) { ts, err := tx.ActiveTasks(1, true); return len(ts), err }},
		{"counts", func(tx crisis.Tx) (int, error) { n, err := tx.TaskCounts(1); return len(n), err }},
		{"one", func(tx crisis.Tx) (int, error) { _, err := tx.Task(300); return 1, err }},
		{"last+after", func(tx crisis.Tx) (int, error) {
			last, err := tx.LastTaskID()
			if err != nil {
				return 0, err
			}
			ts, err := tx.TasksAfter(1, last)
			return len(ts), err
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if err := db.View(ctx, func(tx crisis.Tx) error { _, err := c.read(tx); return err }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchCrisis opens a database with one open crisis, filled by fill in
// the same transaction; the database closes with the benchmark.
func benchCrisis(b *testing.B, fill func(tx crisis.Tx, c crisis.Crisis, at time.Time) error) (context.Context, *store.DB) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "t.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	at := time.Date(2022, 9, 26, 16, 5, 0, 0, time.UTC)
	err = db.Update(ctx, func(tx crisis.Tx) error {
		c := crisis.Crisis{Title: "Intrusion", State: crisis.Open, OpenedAt: at, OpenedBy: "dsi"}
		if err := tx.CreateCrisis(&c); err != nil {
			return err
		}
		return fill(tx, c, at)
	})
	if err != nil {
		b.Fatal(err)
	}
	return ctx, db
}
