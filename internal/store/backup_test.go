package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/atomicfile"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/disktest"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// bigDatabase is a database larger than the small disks of these tests.
func bigDatabase(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "big.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	require.NoError(t, db.Update(context.Background(), func(tx crisis.Tx) error {
		for i := range 300 {
			m := crisis.Member{ID: "m" + strings.Repeat("x", i%50) + string(rune('a'+i%26)) + string(rune('a'+i/26)), Name: strings.Repeat("nom ", 100), Capabilities: []crisis.Capability{crisis.CapMember}}
			if err := tx.AddMember(m); err != nil {
				return err
			}
		}
		return nil
	}))
	return db
}

func files(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestBackupOnAFullDisk: the backup fails whole, leaves no file, and the
// same command succeeds once there is room.
func TestBackupOnAFullDisk(t *testing.T) {
	db := bigDatabase(t)
	dir := disktest.Tmpfs(t, "64k")
	target := filepath.Join(dir, "backup.db")
	err := db.Backup(context.Background(), target)
	require.ErrorIs(t, err, crisis.ErrUnavailable, "got %v", err)
	assert.Contains(t, err.Error(), "disk full")
	assert.Empty(t, files(t, dir), "nothing left on the full disk")

	disktest.Remount(t, dir, "size=4m")
	require.NoError(t, db.Backup(context.Background(), target), "the retry is not refused")
	assert.Equal(t, []string{"backup.db"}, files(t, dir))
	cp, err := store.OpenReadOnly(context.Background(), target)
	require.NoError(t, err)
	defer cp.Close()
	assert.Equal(t, 300, countMembers(t, cp))
}

func TestBackupFailures(t *testing.T) {
	db := bigDatabase(t)
	dir := t.TempDir()
	existing := filepath.Join(dir, "existing.db")
	require.NoError(t, os.WriteFile(existing, []byte("keep me"), 0o644))
	notAFolder := filepath.Join(dir, "file")
	require.NoError(t, os.WriteFile(notAFolder, nil, 0o644))

	tests := []struct {
		name, target, want string
	}{
		{"missing folder", filepath.Join(dir, "absent", "b.db"), "the folder " + filepath.Join(dir, "absent") + " does not exist"},
		{"a file for a folder", filepath.Join(notAFolder, "b.db"), notAFolder + " is not a folder"},
		{"existing file", existing, "file already exists"},
		{"a folder for a file", dir, "file already exists"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := db.Backup(context.Background(), tt.target)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.NotContains(t, err.Error(), "no such file")
		})
	}
	b, err := os.ReadFile(existing)
	require.NoError(t, err)
	assert.Equal(t, "keep me", string(b), "an existing file is never replaced")
	assert.ElementsMatch(t, []string{"existing.db", "file"}, files(t, dir), "no temporary file left")
	require.ErrorIs(t, db.Backup(context.Background(), existing), atomicfile.ErrExists)
}

// TestBackupCancelledLeavesNothing: a backup that fails in SQLite (here
// cancelled before it starts) removes its temporary file.
func TestBackupCancelledLeavesNothing(t *testing.T) {
	db := bigDatabase(t)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.Error(t, db.Backup(ctx, filepath.Join(dir, "b.db")))
	assert.Empty(t, files(t, dir))
}

func TestBackupOfAReadOnlyDatabase(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "with space.db")
	newDatabase(t, src)
	db, err := store.OpenReadOnly(context.Background(), src)
	require.NoError(t, err)
	defer db.Close()
	target := filepath.Join(dir, "copy ?#.db")
	require.NoError(t, db.Backup(context.Background(), target))
	cp, err := store.OpenReadOnly(context.Background(), target)
	require.NoError(t, err)
	defer cp.Close()
	assert.Equal(t, 2, countMembers(t, cp))
}
