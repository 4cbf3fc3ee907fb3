package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// buildTocsin compiles the program once for tests that need a real process.
func buildTocsin(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the program: not in -short mode")
	}
	bin := filepath.Join(t.TempDir(), "tocsin")
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goBin); err != nil {
		goBin = "go"
	}
	out, err := exec.Command(goBin, "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	return bin
}

// TestKillLosesNothingAnswered streams commands into a console, kills it
// with SIGKILL in the middle of the stream, and checks that every command
// whose reply was read is in the database, and that the log still verifies.
func TestKillLosesNothingAnswered(t *testing.T) {
	bin := buildTocsin(t)
	db := filepath.Join(t.TempDir(), "tocsin.db")
	cmd := exec.Command(bin, "console", "--as", "dsi")
	cmd.Env = append(os.Environ(), "TOCSIN_DB="+db, "TOCSIN_CONFIG=", "TOCSIN_LANG=fr")
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	defer cmd.Process.Kill()

	replies := bufio.NewScanner(stdout)
	send := func(line string) { _, err := fmt.Fprintln(stdin, line); require.NoError(t, err) }
	send(`/crisis open title:"Test de coupure"`)
	require.True(t, replies.Scan())
	require.Contains(t, replies.Text(), "Crise n° 1 ouverte")

	const answered = 40
	for i := 1; i <= answered; i++ {
		send(fmt.Sprintf(`/log text:"message %d"`, i))
		require.True(t, replies.Scan(), "reply to message %d", i)
		require.Contains(t, replies.Text(), "Consigné", "reply to message %d", i)
	}
	// More commands in flight, unanswered, when the process dies.
	for i := answered + 1; i <= answered+20; i++ {
		send(fmt.Sprintf(`/log text:"message %d"`, i))
	}
	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	_ = cmd.Wait()

	s, err := store.Open(context.Background(), db)
	require.NoError(t, err)
	defer s.Close()
	var texts []string
	require.NoError(t, s.View(context.Background(), func(tx crisis.Tx) error {
		entries, err := tx.Log(1)
		for _, e := range entries {
			texts = append(texts, e.Text)
		}
		return err
	}))
	for i := 1; i <= answered; i++ {
		assert.Contains(t, texts, fmt.Sprintf("message %d", i), "answered command %d was lost", i)
	}
	reports, err := crisis.VerifyLogs(context.Background(), s, 0)
	require.NoError(t, err)
	require.Len(t, reports, 1)
	assert.NoError(t, reports[0].Err, "the log chain survives the kill")
}

// TestVerifyNamesTamperedEntry edits a log row behind the program's back:
// tocsin verify fails and names the entry.
func TestVerifyNamesTamperedEntry(t *testing.T) {
	db := filepath.Join(t.TempDir(), "tocsin.db")
	t0 := time.Date(2022, 9, 26, 16, 35, 0, 0, paris)
	code, out, errOut := runTocsin(t, db, t0, `/crisis open title:"Intrusion"
/log text:"Serveurs isolés" at:16:28
/log text:"Sauvegardes déconnectées"
`, "console", "--as", "dsi")
	require.Equal(t, 0, code, errOut)
	require.NotContains(t, out, "⚠️")

	code, out, _ = runTocsin(t, db, t0, "", "verify")
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "crisis 1: ok, 3 entries")

	s, err := store.Open(context.Background(), db)
	require.NoError(t, err)
	_, err = s.SQL().Exec(`UPDATE log_entries SET text = 'Serveurs isolés à 15:00' WHERE crisis_id = 1 AND seq = 2`)
	require.NoError(t, err)
	require.NoError(t, s.Close())

	code, out, _ = runTocsin(t, db, t0, "", "verify", "--crisis", "1")
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "crisis 1: BROKEN: crisis 1, log entry 2")
	assert.Contains(t, out, "content does not match its hash")
	assert.Equal(t, 1, strings.Count(out, "BROKEN"), "only the first broken entry is named")
}

func TestVerifyWithoutDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "absent.db")
	code, _, errOut := runTocsin(t, db, time.Now(), "", "verify")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "no database at")
	assert.NoFileExists(t, db, "verify must not create a database")
}

func TestBackup(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "tocsin.db")
	code, _, errOut := runTocsin(t, db, time.Now(), "/crisis open title:Sauvegarde\n", "console", "--as", "dsi")
	require.Equal(t, 0, code, errOut)
	copyPath := filepath.Join(dir, "copy.db")
	code, out, errOut := runTocsin(t, db, time.Now(), "", "backup", copyPath)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "written to")
	code, out, _ = runTocsin(t, copyPath, time.Now(), "", "verify")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "crisis 1: ok")
	code, _, errOut = runTocsin(t, db, time.Now(), "", "backup", copyPath)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "already exists")
}
