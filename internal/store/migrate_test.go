package store_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/store"
)

// openerEnv names the database a re-executed test binary opens, in
// TestMain, instead of running the tests: a real second process.
const openerEnv = "TOCSIN_STORE_TEST_OPEN"

func TestMain(m *testing.M) {
	if path := os.Getenv(openerEnv); path != "" {
		db, err := store.Open(context.Background(), path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if err := db.Close(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestConcurrentOpenOfANewDatabase: many openers racing on a database that
// does not exist yet all succeed; one migrates, the others find it done.
func TestConcurrentOpenOfANewDatabase(t *testing.T) {
	const rounds, goroutines = 5, 12
	for round := range rounds {
		path := filepath.Join(t.TempDir(), fmt.Sprintf("new %d?.db", round))
		var wg sync.WaitGroup
		errs := make([]error, goroutines)
		for i := range goroutines {
			wg.Go(func() {
				db, err := store.Open(context.Background(), path)
				if err == nil {
					err = db.Close()
				}
				errs[i] = err
			})
		}
		wg.Wait()
		for i, err := range errs {
			assert.NoError(t, err, "round %d, opener %d", round, i)
		}
		assertMigrated(t, path)
	}
}

// TestConcurrentProcessesOpenANewDatabase: the same race between real
// processes, each with its own SQLite library state.
func TestConcurrentProcessesOpenANewDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes: not in -short mode")
	}
	self, err := os.Executable()
	require.NoError(t, err)
	const rounds, processes = 4, 6
	for round := range rounds {
		path := filepath.Join(t.TempDir(), "tocsin.db")
		cmds := make([]*exec.Cmd, processes)
		outs := make([][]byte, processes)
		var wg sync.WaitGroup
		for i := range processes {
			cmds[i] = exec.Command(self)
			cmds[i].Env = append(os.Environ(), openerEnv+"="+path)
			wg.Go(func() { outs[i], _ = cmds[i].CombinedOutput() })
		}
		wg.Wait()
		for i, cmd := range cmds {
			assert.Equal(t, 0, cmd.ProcessState.ExitCode(), "round %d, process %d: got exit %d, want 0: %s", round, i, cmd.ProcessState.ExitCode(), outs[i])
		}
		assertMigrated(t, path)
	}
}

func assertMigrated(t *testing.T, path string) {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	require.NoError(t, err)
	defer db.Close()
	var version int
	require.NoError(t, db.SQL().QueryRow(`PRAGMA user_version`).Scan(&version))
	assert.Equal(t, store.SchemaVersion(), version, "schema version")
	var mode string
	require.NoError(t, db.SQL().QueryRow(`PRAGMA journal_mode`).Scan(&mode))
	assert.Equal(t, "wal", mode, "journal mode")
}
