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

// TestViewDoesNotWaitForTheWriter: while a write transaction is open, a
// read runs on a connection of its own and sees the last commit.
func TestViewDoesNotWaitForTheWriter(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	require.NoError(t, err)
	defer db.Close()
	require.NoError(t, db.Update(ctx, func(tx crisis.Tx) error {
		return tx.AddMember(crisis.Member{ID: "dsi", Name: "DSI", CreatedAt: time.Now()})
	}))

	inside, release := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- db.Update(ctx, func(tx crisis.Tx) error {
			if err := tx.AddMember(crisis.Member{ID: "comm", Name: "Comm", CreatedAt: time.Now()}); err != nil {
				return err
			}
			close(inside)
			<-release
			return nil
		})
	}()
	<-inside
	// The deadline only turns a deadlock into a failure; it times nothing.
	readCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	var names []string
	err = db.View(readCtx, func(tx crisis.Tx) error {
		ms, err := tx.Members()
		for _, m := range ms {
			names = append(names, m.ID)
		}
		return err
	})
	close(release)
	require.NoError(t, err, "a read waited for the writer")
	assert.Equal(t, []string{"dsi"}, names, "got %v, want the last commit only", names)
	require.NoError(t, <-done)
}

// TestSaveMemberUnchangedWritesNothing: refreshing a member's copy with
// what it already holds changes no row.
func TestSaveMemberUnchangedWritesNothing(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	require.NoError(t, err)
	defer db.Close()
	m := crisis.Member{ID: "dsi", Name: "DSI", Capabilities: []crisis.Capability{crisis.CapMember}, CreatedAt: time.Now()}
	changes := func() int {
		var n int
		require.NoError(t, db.SQL().QueryRowContext(ctx, `SELECT total_changes()`).Scan(&n))
		return n
	}
	save := func(m crisis.Member) int {
		before := changes()
		require.NoError(t, db.Update(ctx, func(tx crisis.Tx) error { return tx.SaveMember(m) }))
		return changes() - before
	}
	// A row written moves the record's version (migration 0009) too.
	assert.Equal(t, 2, save(m), "a new member is written, and the record's version moves")
	assert.Equal(t, 0, save(m), "got a write, want none: nothing changed")
	m.Capabilities = append(m.Capabilities, crisis.CapDirector)
	assert.Equal(t, 2, save(m), "a changed member is written, and the record's version moves")
	require.NoError(t, db.View(ctx, func(tx crisis.Tx) error {
		got, err := tx.Member("dsi")
		assert.Equal(t, m.Capabilities, got.Capabilities)
		return err
	}))
}
