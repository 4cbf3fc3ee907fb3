package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

func TestReopenKeepsSchemaAndData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	db, err := store.Open(ctx, path)
	require.NoError(t, err)
	at := time.Date(2022, 9, 26, 16, 5, 0, 123456789, time.UTC)
	require.NoError(t, db.Update(ctx, func(tx crisis.Tx) error {
		return tx.AddMember(crisis.Member{ID: "dsi", Name: "DSI", Capabilities: []crisis.Capability{crisis.CapMember, crisis.CapDirector}, CreatedAt: at})
	}))
	require.NoError(t, db.Close())

	db, err = store.Open(ctx, path) // migrations run again: nothing to do
	require.NoError(t, err)
	defer db.Close()
	var version int
	require.NoError(t, db.SQL().QueryRow(`PRAGMA user_version`).Scan(&version))
	assert.GreaterOrEqual(t, version, 1)
	var mode string
	require.NoError(t, db.SQL().QueryRow(`PRAGMA journal_mode`).Scan(&mode))
	assert.Equal(t, "wal", mode)
	require.NoError(t, db.View(ctx, func(tx crisis.Tx) error {
		m, err := tx.Member("dsi")
		require.NoError(t, err)
		assert.True(t, m.CreatedAt.Equal(at), "times keep their nanoseconds: got %v, want %v", m.CreatedAt, at)
		assert.Equal(t, []crisis.Capability{crisis.CapMember, crisis.CapDirector}, m.Capabilities)
		return nil
	}))
}

func TestNewerSchemaRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	db, err := store.Open(ctx, path)
	require.NoError(t, err)
	_, err = db.SQL().Exec(`PRAGMA user_version = 999`)
	require.NoError(t, err)
	require.NoError(t, db.Close())
	_, err = store.Open(ctx, path)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "schema version 999, newer than this program knows")
}

func TestUpdateIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, ":memory:")
	require.NoError(t, err)
	defer db.Close()
	boom := errors.New("boom")
	err = db.Update(ctx, func(tx crisis.Tx) error {
		require.NoError(t, tx.AddMember(crisis.Member{ID: "a", Name: "A", Capabilities: []crisis.Capability{crisis.CapMember}}))
		return boom
	})
	require.ErrorIs(t, err, boom)
	require.NoError(t, db.View(ctx, func(tx crisis.Tx) error {
		n, err := tx.CountMembers()
		assert.Equal(t, 0, n, "a failed update leaves nothing behind")
		return err
	}))
}

func TestNotFoundIsSentinel(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, ":memory:")
	require.NoError(t, err)
	defer db.Close()
	require.NoError(t, db.View(ctx, func(tx crisis.Tx) error {
		_, err := tx.Task(42)
		assert.ErrorIs(t, err, crisis.ErrNotFound)
		_, err = tx.LatestCrisis()
		assert.ErrorIs(t, err, crisis.ErrNotFound)
		_, err = tx.Member("nobody")
		assert.ErrorIs(t, err, crisis.ErrNotFound)
		return nil
	}))
}

// TestWriteAfterClose: a writer that comes late (a scheduler tick as the
// program stops) gets an error, not a wait without end.
func TestWriteAfterClose(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	require.NoError(t, err)
	require.NoError(t, db.Close())
	require.NoError(t, db.Close(), "closing twice is harmless")
	// The deadline only stops a test that would otherwise hang.
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	err = db.Update(ctx, func(crisis.Tx) error { return nil })
	assert.ErrorContains(t, err, "database is closed")
}
