package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/disktest"
)

// cellDatabase writes a database holding one crisis with a few log
// entries at db.
func cellDatabase(t *testing.T, db string) {
	t.Helper()
	t0 := time.Date(2022, 9, 26, 16, 35, 0, 0, paris)
	code, out, errOut := runTocsin(t, db, t0, `/crisis open title:"Intrusion"
/log text:"Serveurs isolés" at:16:28
/service set name:"État civil" status:degraded workaround:"Registres papier"
/draft status
/draft edit id:1 text:"L'état civil fonctionne sur registres papier."
/draft approve id:1
`, "console", "--as", "dsi")
	require.Equal(t, 0, code, errOut)
	require.Equal(t, strings.Count(out, "⚠️"), strings.Count(out, "⚠️ Vérification"), "no command failed: %s", out)
}

func TestVerifyRefusesABadCrisisNumber(t *testing.T) {
	db := filepath.Join(t.TempDir(), "tocsin.db")
	cellDatabase(t, db)
	tests := []struct {
		args     []string
		code     int
		want     string
		noOutput bool
	}{
		{[]string{"--crisis", "-5"}, 2, "tocsin verify: --crisis takes a crisis number (1 or more), not -5", true},
		{[]string{"--crisis=0"}, 2, "tocsin verify: --crisis takes a crisis number (1 or more), not 0", true},
		{[]string{"--crisis", "7"}, 1, "tocsin verify: no crisis 7 in " + db, true},
		{[]string{"7"}, 2, "usage: tocsin verify [--crisis ID]", true},
		{[]string{"--crisis", "1"}, 0, "", false},
		{nil, 0, "", false},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errOut := runTocsin(t, db, time.Now(), "", append([]string{"verify"}, tt.args...)...)
			assert.Equal(t, tt.code, code, "exit code; stdout %q, stderr %q", out, errOut)
			if tt.want != "" {
				assert.Equal(t, tt.want+"\n", errOut, "one line")
			}
			if tt.noOutput {
				assert.Empty(t, out, "no report when nothing was verified")
			} else {
				assert.Equal(t, 1, strings.Count(out, "crisis 1: ok"), "got %q", out)
			}
		})
	}
}

// TestToolsOnAReadOnlyDisk: the tools that read the record work on a
// write-protected evidence copy.
func TestToolsOnAReadOnlyDisk(t *testing.T) {
	disk := disktest.Tmpfs(t, "8m")
	db := filepath.Join(disk, "tocsin.db")
	cellDatabase(t, db)
	disktest.Remount(t, disk, "ro")
	out := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"verify"}, "crisis 1: ok"},
		{[]string{"export", "--crisis", "1", "--out", out}, "crisis-1.zip written"},
		{[]string{"backup", filepath.Join(out, "backup.db")}, "written to"},
		{[]string{"statuspage", "--out", filepath.Join(out, "page")}, "1 update\n"},
	}
	for _, tt := range tests {
		code, stdout, errOut := runTocsin(t, db, time.Now(), "", tt.args...)
		assert.Equal(t, 0, code, "tocsin %s: got exit %d, want 0; stderr: %s", tt.args[0], code, errOut)
		assert.Contains(t, stdout, tt.want, "tocsin %s", tt.args[0])
	}
	code, stdout, errOut := runTocsin(t, filepath.Join(out, "backup.db"), time.Now(), "", "verify")
	assert.Equal(t, 0, code, errOut)
	assert.Contains(t, stdout, "crisis 1: ok", "the backup verifies")
}

func TestBackupIntoAMissingFolder(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "tocsin.db")
	cellDatabase(t, db)
	code, _, errOut := runTocsin(t, db, time.Now(), "", "backup", filepath.Join(dir, "absent", "b.db"))
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "the folder "+filepath.Join(dir, "absent")+" does not exist")
	assert.NotContains(t, errOut, "no such file")
	assert.Equal(t, 1, strings.Count(errOut, "\n"), "one line: %q", errOut)
}

// TestBackupOnAFullDisk: the failed backup leaves no file, and the same
// command succeeds once there is room.
func TestBackupOnAFullDisk(t *testing.T) {
	db := filepath.Join(t.TempDir(), "tocsin.db")
	cellDatabase(t, db)
	disk := disktest.Tmpfs(t, "32k")
	target := filepath.Join(disk, "backup.db")
	code, _, errOut := runTocsin(t, db, time.Now(), "", "backup", target)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "disk full")
	left, err := os.ReadDir(disk)
	require.NoError(t, err)
	assert.Empty(t, left, "nothing left on the full disk")

	disktest.Remount(t, disk, "size=8m")
	code, _, errOut = runTocsin(t, db, time.Now(), "", "backup", target)
	require.Equal(t, 0, code, "the retry: %s", errOut)
	code, out, errOut := runTocsin(t, target, time.Now(), "", "verify")
	assert.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "crisis 1: ok")
}
