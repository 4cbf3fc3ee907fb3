// Package disktest gives tests real disks that fill up or turn read-only:
// small tmpfs mounts. It is for tests only.
package disktest

import (
	"os/exec"
	"strings"
	"testing"
)

// Tmpfs mounts a tmpfs of size bytes ("64k") on a new folder, unmounted when
// the test ends. Mounting needs root: elsewhere the test is skipped, saying
// so.
func Tmpfs(t testing.TB, size string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("skipped: cannot mount a tmpfs here (needs root): %s", strings.TrimSpace(string(out)))
	}
	// Lazy: a handle the test leaked must not leave the mount behind.
	t.Cleanup(func() { _ = exec.Command("umount", "-l", dir).Run() })
	return dir
}

// Remount changes a tmpfs's options: "ro", "rw", "size=1m".
func Remount(t testing.TB, dir, opts string) {
	t.Helper()
	if out, err := exec.Command("mount", "-o", "remount,"+opts, dir).CombinedOutput(); err != nil {
		t.Fatalf("remount %s %s: %v: %s", opts, dir, err, out)
	}
}
