package main

import (
	"archive/zip"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/disktest"
)

// TestExportOnAFullDisk: an export that runs out of room leaves no zip
// under its final name (a truncated zip looks like an export to whoever
// finds it), and the same command succeeds once there is room.
func TestExportOnAFullDisk(t *testing.T) {
	db := filepath.Join(t.TempDir(), "tocsin.db")
	cellDatabase(t, db)
	// Entries that do not compress, so the zip outgrows the small disk.
	var script strings.Builder
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 8; i++ {
		raw := make([]byte, 2400)
		for j := range raw {
			raw[j] = byte(rnd.Uint32())
		}
		fmt.Fprintf(&script, "/log text:%q\n", base64.StdEncoding.EncodeToString(raw)[:3000])
	}
	code, out, errOut := runTocsin(t, db, time.Now(), script.String(), "console", "--as", "dsi")
	require.Equal(t, 0, code, errOut)
	require.NotContains(t, out, "⚠️")
	disk := disktest.Tmpfs(t, "16k")
	code, _, errOut = runTocsin(t, db, time.Now(), "", "export", "--crisis", "1", "--out", disk)
	assert.Equal(t, 1, code, "stderr %q", errOut)
	left, err := os.ReadDir(disk)
	require.NoError(t, err)
	assert.Empty(t, left, "got files on the full disk, want none")

	disktest.Remount(t, disk, "size=8m")
	code, _, errOut = runTocsin(t, db, time.Now(), "", "export", "--crisis", "1", "--out", disk)
	require.Equal(t, 0, code, "the retry: %s", errOut)
	z, err := zip.OpenReader(filepath.Join(disk, "crisis-1.zip"))
	require.NoError(t, err, "the export is a whole zip")
	defer z.Close()
	assert.NotEmpty(t, z.File)
}
