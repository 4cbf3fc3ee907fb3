package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/disktest"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

func addMembers(t *testing.T, db *store.DB, ids ...string) {
	t.Helper()
	require.NoError(t, db.Update(context.Background(), func(tx crisis.Tx) error {
		for _, id := range ids {
			if err := tx.AddMember(crisis.Member{ID: id, Name: id, Capabilities: []crisis.Capability{crisis.CapMember}, CreatedAt: time.Now()}); err != nil {
				return err
			}
		}
		return nil
	}))
}

func countMembers(t *testing.T, db *store.DB) int {
	t.Helper()
	var n int
	require.NoError(t, db.View(context.Background(), func(tx crisis.Tx) error {
		var err error
		n, err = tx.CountMembers()
		return err
	}))
	return n
}

// newDatabase writes a closed database holding two members at path.
func newDatabase(t *testing.T, path string) {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	require.NoError(t, err)
	addMembers(t, db, "dsi", "dgs")
	require.NoError(t, db.Close())
}

// copyWithWAL copies a database that is in use, with its -wal whose
// transactions are not yet in the main file, the way an evidence copy of a
// running cell is taken. It returns how many members the copy holds.
func copyWithWAL(t *testing.T, dir string) int {
	t.Helper()
	src := filepath.Join(t.TempDir(), "live.db")
	db, err := store.Open(context.Background(), src)
	require.NoError(t, err)
	defer db.Close()
	_, err = db.SQL().Exec(`PRAGMA wal_autocheckpoint = 0`)
	require.NoError(t, err)
	for i := range 5 {
		addMembers(t, db, fmt.Sprintf("m%d", i))
	}
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(src + suffix)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, "evidence.db"+suffix), b, 0o444))
	}
	return 5
}

func TestOpenReadOnlyOnAReadOnlyDisk(t *testing.T) {
	dir := disktest.Tmpfs(t, "4m")
	path := filepath.Join(dir, "evidence copy?.db")
	newDatabase(t, path)
	require.NoFileExists(t, path+"-wal", "a cleanly closed database has no -wal")
	disktest.Remount(t, dir, "ro")

	db, err := store.OpenReadOnly(context.Background(), path)
	require.NoError(t, err)
	defer db.Close()
	assert.Equal(t, 2, countMembers(t, db))

	err = db.Update(context.Background(), func(tx crisis.Tx) error { return tx.AddMember(crisis.Member{ID: "x", Name: "x"}) })
	require.ErrorIs(t, err, crisis.ErrUnavailable, "got %v", err)
	msg, ok := locale.Message(locale.FR, err)
	require.True(t, ok, "a user-facing message")
	assert.Contains(t, msg, "lecture seule")
}

func TestOpenReadOnlySeesTheWAL(t *testing.T) {
	dir := t.TempDir()
	want := copyWithWAL(t, dir)
	db, err := store.OpenReadOnly(context.Background(), filepath.Join(dir, "evidence.db"))
	require.NoError(t, err)
	defer db.Close()
	assert.Equal(t, want, countMembers(t, db), "members written to the -wal only")
}

func TestOpenReadOnlySeesTheWALOnAReadOnlyDisk(t *testing.T) {
	dir := disktest.Tmpfs(t, "4m")
	want := copyWithWAL(t, dir)
	disktest.Remount(t, dir, "ro")
	db, err := store.OpenReadOnly(context.Background(), filepath.Join(dir, "evidence.db"))
	require.NoError(t, err)
	assert.Equal(t, want, countMembers(t, db), "members written to the -wal only")
	require.NoError(t, db.Close())
	leftovers, _ := filepath.Glob(filepath.Join(os.TempDir(), "tocsin-read-*"))
	assert.Empty(t, leftovers, "the private copy is removed on Close")
}

func TestOpenReadOnlyNeitherCreatesNorMigrates(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	absent := filepath.Join(dir, "absent.db")
	_, err := store.OpenReadOnly(ctx, absent)
	require.Error(t, err)
	assert.NoFileExists(t, absent)

	empty := filepath.Join(dir, "empty.db")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	_, err = store.OpenReadOnly(ctx, empty)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not a tocsin database")

	old := filepath.Join(dir, "old.db")
	newDatabase(t, old)
	db, err := store.Open(ctx, old)
	require.NoError(t, err)
	_, err = db.SQL().Exec(`PRAGMA user_version = 1`)
	require.NoError(t, err)
	require.NoError(t, db.Close())
	_, err = store.OpenReadOnly(ctx, old)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "schema version 1, older than this program's")
	_, err = store.OpenReadOnly(ctx, old)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "schema version 1,", "the first attempt did not migrate")
}
