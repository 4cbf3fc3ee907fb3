package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// groupFixture is a database with one open crisis.
func groupFixture(t *testing.T) *DB {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	db.SetLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))
	at := time.Date(2022, 9, 26, 16, 5, 0, 0, time.UTC)
	require.NoError(t, db.Update(ctx, func(tx crisis.Tx) error {
		if _, err := crisis.Bootstrap(tx, crisis.Member{ID: "dsi", CreatedAt: at}); err != nil {
			return err
		}
		c := crisis.Crisis{Title: "Intrusion", State: crisis.Open, OpenedAt: at, OpenedBy: "dsi"}
		return tx.CreateCrisis(&c)
	}))
	return db
}

// queued starts a write in a goroutine and waits until it is queued, so
// that writes queue in the order the test gives them. The result comes on
// the channel; a panic comes as an error naming it.
func queued(t *testing.T, db *DB, ctx context.Context, fn func(crisis.Tx) error) <-chan error {
	t.Helper()
	db.queueMu.Lock()
	n := len(db.queue)
	db.queueMu.Unlock()
	out := make(chan error, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				out <- fmt.Errorf("panicked: %v", v)
			}
		}()
		out <- db.Update(ctx, fn)
	}()
	require.Eventually(t, func() bool {
		db.queueMu.Lock()
		defer db.queueMu.Unlock()
		return len(db.queue) == n+1
	}, 5*time.Second, time.Millisecond)
	return out
}

func logText(text string) func(crisis.Tx) error {
	return func(tx crisis.Tx) error {
		c, err := tx.Crisis(1)
		if err != nil {
			return err
		}
		_, err = crisis.NewOp(tx, c.OpenedAt.Add(time.Minute), crisis.Member{ID: "dsi"}, nil).Log(c, crisis.LogNote, c.OpenedAt, text)
		return err
	}
}

// TestGroupCommit queues six writes behind a held writer and releases
// them: they run in one transaction, each in its savepoint, and a failure
// or a panic undoes its own work alone, the log's chain and the task
// cache included.
func TestGroupCommit(t *testing.T) {
	ctx := context.Background()
	db := groupFixture(t)
	var mu sync.Mutex
	var savepoints int
	traceQuery = func(q string) {
		if strings.HasPrefix(q, "SAVEPOINT") {
			mu.Lock()
			savepoints++
			mu.Unlock()
		}
	}
	t.Cleanup(func() { traceQuery = nil })

	db.writer <- struct{}{} // the writer is busy: everything queues
	a := queued(t, db, ctx, logText("a"))
	b := queued(t, db, ctx, func(tx crisis.Tx) error {
		if err := logText("b")(tx); err != nil {
			return err
		}
		return tx.CreateTask(&crisis.Task{CrisisID: 1, Title: "de b", State: crisis.TaskOpen})
	})
	failB := errors.New("b fails after writing")
	b2 := queued(t, db, ctx, func(tx crisis.Tx) error {
		if err := logText("b2")(tx); err != nil {
			return err
		}
		if err := tx.CreateTask(&crisis.Task{CrisisID: 1, Title: "de b2", State: crisis.TaskOpen}); err != nil {
			return err
		}
		return failB
	})
	c := queued(t, db, ctx, func(tx crisis.Tx) error {
		if err := logText("c")(tx); err != nil {
			return err
		}
		panic("c panics")
	})
	gone, cancel := context.WithCancel(ctx)
	d := queued(t, db, gone, func(tx crisis.Tx) error { return errors.New("d must never run") })
	var seen []*crisis.Task
	e := queued(t, db, ctx, func(tx crisis.Tx) error {
		var err error
		if seen, err = tx.ActiveTasks(1, false); err != nil {
			return err
		}
		return logText("e")(tx)
	})
	cancel() // d gives up while queued
	require.ErrorIs(t, <-d, context.Canceled)
	<-db.writer

	assert.NoError(t, <-a)
	assert.NoError(t, <-b)
	assert.ErrorIs(t, <-b2, failB)
	assert.ErrorContains(t, <-c, "panicked: c panics")
	assert.NoError(t, <-e)
	assert.Equal(t, 5, savepoints, "a, b, b2, c and e in savepoints of one transaction")
	require.Len(t, seen, 1, "e sees b's task, not b2's")
	assert.Equal(t, "de b", seen[0].Title)

	reports, err := crisis.VerifyLogs(ctx, db, 1)
	require.NoError(t, err)
	require.Len(t, reports, 1)
	assert.NoError(t, reports[0].Err)
	var texts []string
	require.NoError(t, db.View(ctx, func(tx crisis.Tx) error {
		log, err := tx.Log(1)
		for _, l := range log {
			texts = append(texts, l.Text)
		}
		return err
	}))
	assert.Equal(t, []string{"a", "b", "e"}, texts)

	var titles []string
	require.NoError(t, db.View(ctx, func(tx crisis.Tx) error {
		tasks, err := tx.Tasks(1, crisis.TaskFilter{})
		for _, task := range tasks {
			titles = append(titles, task.Title)
		}
		return err
	}))
	assert.Equal(t, []string{"de b"}, titles, "the task cache after the batch")
}

// TestGroupCommitAloneHasNoSavepoint: a write that finds the writer free
// runs as before, in a transaction of its own.
func TestGroupCommitAloneHasNoSavepoint(t *testing.T) {
	db := groupFixture(t)
	var qs []string
	traceQuery = func(q string) { qs = append(qs, q) }
	t.Cleanup(func() { traceQuery = nil })
	require.NoError(t, db.Update(context.Background(), logText("seul")))
	for _, q := range qs {
		assert.NotContains(t, q, "SAVEPOINT")
	}
}

// TestGroupCommitFailureHoldsAuditEntries: when the batch cannot commit,
// the audit entries in it are held in memory, in order, and written by
// the next write that succeeds.
func TestGroupCommitFailureHoldsAuditEntries(t *testing.T) {
	ctx := context.Background()
	db := groupFixture(t)
	at := time.Date(2022, 9, 26, 17, 0, 0, 0, time.UTC)
	db.writer <- struct{}{}
	// The first write of the batch breaks the whole transaction: the
	// audits after it cannot commit with it.
	broken := queued(t, db, ctx, func(ctx crisis.Tx) error {
		_, err := ctx.(*tx).tx.Exec(`ROLLBACK`)
		require.NoError(t, err)
		return errors.New("broken")
	})
	var outs []<-chan error
	for i := 0; i < 2; i++ {
		entry := crisis.AuditEntry{At: at, Actor: "dsi", Command: fmt.Sprintf("/crisis status %d", i), Outcome: "ok", Source: "test"}
		db.queueMu.Lock()
		n := len(db.queue)
		db.queueMu.Unlock()
		out := make(chan error, 1)
		go func() { out <- db.Audit(ctx, entry) }()
		require.Eventually(t, func() bool {
			db.queueMu.Lock()
			defer db.queueMu.Unlock()
			return len(db.queue) == n+1
		}, 5*time.Second, time.Millisecond)
		outs = append(outs, out)
	}
	<-db.writer
	assert.Error(t, <-broken)
	for _, out := range outs {
		assert.ErrorContains(t, <-out, "held in memory")
	}
	require.NoError(t, db.Update(ctx, logText("ensuite")))
	trail, err := db.AuditTrail(ctx)
	require.NoError(t, err)
	var cmds []string
	for _, e := range trail {
		cmds = append(cmds, e.Command)
	}
	assert.Equal(t, []string{"/crisis status 0", "/crisis status 1"}, cmds)
}
