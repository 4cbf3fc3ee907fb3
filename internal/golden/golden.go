// Package golden compares test output with files kept under testdata/, and
// rewrites them when tests run with -update after a deliberate change.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

// Assert compares got with the file at path (relative to the test's
// package), or writes it when -update is set.
func Assert(t testing.TB, path string, got string) {
	t.Helper()
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "golden file missing: run the test with -update to create it")
	require.Equal(t, string(want), got, "output differs from %s (run with -update after a deliberate change)", path)
}

// Updating reports whether golden files are being rewritten.
func Updating() bool { return *update }
