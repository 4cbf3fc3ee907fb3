//go:build linux

package publish

import (
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// fullDisk makes every file this process writes stop at limit bytes, with
// the error a full disk gives a writer midway (the kernel's file-size limit
// refuses the rest, root or not), until the test ends.
func fullDisk(t *testing.T, limit uint64) {
	t.Helper()
	var old syscall.Rlimit
	require.NoError(t, syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old))
	// Past the limit the kernel also sends SIGXFSZ, which would kill the
	// test binary; ignored, the write returns EFBIG instead.
	signal.Ignore(syscall.SIGXFSZ)
	require.NoError(t, syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: old.Max}))
	t.Cleanup(func() {
		require.NoError(t, syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old))
		signal.Reset(syscall.SIGXFSZ)
	})
}

// listing is every file of dir with its content.
func listing(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	out := map[string]string{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		out[e.Name()] = string(b)
	}
	return out
}

// TestFullDiskLeavesFilesWhole: when the disk fills midway, the published
// update and the status page are either whole or absent, the previous
// versions stay as they were, and no partial file is left for someone to
// find and post.
func TestFullDiskLeavesFilesWhole(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	at := time.Date(2022, 9, 27, 9, 0, 0, 0, paris)
	long := "# Point de situation\n" + strings.Repeat("- **État civil** : registres papier\n", 200)
	first := crisis.Draft{ID: 1, Kind: crisis.DraftStatus, DecidedAt: at, Current: crisis.DraftVersion{Body: "# Premier point\nLes piscines n'acceptent que les espèces.\n"}}
	second := crisis.Draft{ID: 2, Kind: crisis.DraftStatus, DecidedAt: at.Add(time.Hour), Current: crisis.DraftVersion{Body: long}}
	page := Page{Org: "Ville de Caen", Loc: paris, Lang: locale.FR}

	t.Run("published updates", func(t *testing.T) {
		dir := t.TempDir()
		folder := Folder{Dir: dir}
		require.NoError(t, folder.Write(first))
		before := listing(t, dir)
		fullDisk(t, 1024)
		require.Error(t, folder.Write(second), "a full disk is an error")
		assert.Equal(t, before, listing(t, dir), "got a changed folder, want it as it was")
	})
	t.Run("status page", func(t *testing.T) {
		dir := t.TempDir()
		require.NoError(t, page.Write(dir, []Update{{Draft: first}}, at))
		before := listing(t, dir)
		fullDisk(t, 1024)
		require.Error(t, page.Write(dir, []Update{{Draft: second}, {Draft: first}}, at.Add(time.Hour)))
		assert.Equal(t, before, listing(t, dir), "got a changed folder, want it as it was")
	})
}
