package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteReplacesWhole(t *testing.T) {
	path := filepath.Join(t.TempDir(), "page.html")
	require.NoError(t, WriteFile(path, []byte("v1"), 0o644))
	require.NoError(t, WriteFile(path, []byte("v2"), 0o644))
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "v2", string(got))
	assertOnly(t, filepath.Dir(path), "page.html")
}

func TestFailedWriteLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "crisis-1.zip")
	require.NoError(t, WriteFile(path, []byte("old"), 0o644))
	boom := errors.New("disk full")
	err := Write(path, 0o644, func(w io.Writer) error {
		_, _ = w.Write([]byte("half"))
		return boom
	})
	require.ErrorIs(t, err, boom)
	got, _ := os.ReadFile(path)
	assert.Equal(t, "old", string(got), "a failed write must leave the old file as it was")
	assertOnly(t, dir, "crisis-1.zip")

	fresh := filepath.Join(dir, "new.zip")
	require.Error(t, Create(fresh, 0o644, func(io.Writer) error { return boom }))
	_, err = os.Stat(fresh)
	assert.True(t, os.IsNotExist(err), "got a file after a failed create, want none")
}

func TestCreateRefusesExisting(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "backup.db")
	require.NoError(t, Create(path, 0o600, func(w io.Writer) error { _, err := w.Write([]byte("a")); return err }))
	err := Create(path, 0o600, func(w io.Writer) error { _, err := w.Write([]byte("b")); return err })
	require.ErrorIs(t, err, ErrExists)
	got, _ := os.ReadFile(path)
	assert.Equal(t, "a", string(got))
	assertOnly(t, dir, "backup.db")

	// The target appears while the content is being written: still refused.
	late := filepath.Join(dir, "late.db")
	err = Create(late, 0o600, func(w io.Writer) error {
		require.NoError(t, os.WriteFile(late, []byte("other"), 0o600))
		_, err := w.Write([]byte("mine"))
		return err
	})
	require.ErrorIs(t, err, ErrExists)
	got, _ = os.ReadFile(late)
	assert.Equal(t, "other", string(got))
}

func TestTempThenCommit(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "copy.db")
	tmp, err := Temp(path)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(tmp, []byte("data"), 0o600))
	require.NoError(t, Commit(tmp, path, false))
	assertOnly(t, dir, "copy.db")
	tmp2, err := Temp(path)
	require.NoError(t, err)
	require.ErrorIs(t, Commit(tmp2, path, false), ErrExists)
	assertOnly(t, dir, "copy.db")
}

func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	assert.ElementsMatch(t, names, got, "files left in %s", dir)
}
