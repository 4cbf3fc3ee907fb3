package store_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// tmpfs mounts a tmpfs of size bytes ("64k") on a new folder, unmounted when
// the test ends. Mounting needs root: elsewhere the test is skipped.
func tmpfs(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("skipped: cannot mount a tmpfs here (needs root): %s", strings.TrimSpace(string(out)))
	}
	// Lazy: a handle the test leaked must not leave the mount behind.
	t.Cleanup(func() { _ = exec.Command("umount", "-l", dir).Run() })
	return dir
}

// remount changes a tmpfs's options: "ro", "rw", "size=1m".
func remount(t *testing.T, dir, opts string) {
	t.Helper()
	out, err := exec.Command("mount", "-o", "remount,"+opts, dir).CombinedOutput()
	require.NoError(t, err, "remount %s %s: %s", opts, dir, out)
}
