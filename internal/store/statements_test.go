package store_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// TestLogStatements counts the SQL statements one /log costs, between its
// BEGIN and its COMMIT: the versions and the log heads (the actor and the
// crisis come from the record cache), the entry (its trigger moves the
// crisis's log head) and the audit entry; the log's tail is known from
// the head. Each statement more is time taken from every member typing
// at once.
func TestLogStatements(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	now := time.Date(2022, 9, 26, 16, 5, 0, 0, time.UTC)
	env := &command.Env{Store: db, Table: command.Default(), Now: func() time.Time { return now }, Loc: time.UTC,
		Lang: locale.FR, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	require.NoError(t, db.Update(ctx, func(tx crisis.Tx) error {
		_, err := crisis.Bootstrap(tx, crisis.Member{ID: "dsi", CreatedAt: now})
		return err
	}))
	r := env.Execute(ctx, command.Request{Line: `/crisis open title:bench`, Actor: "dsi", Source: "console"})
	require.False(t, r.Failed, r.Text)

	var queries []string
	store.TraceQueries(func(q string) { queries = append(queries, strings.Join(strings.Fields(q), " ")) })
	t.Cleanup(func() { store.TraceQueries(nil) })
	// The first /log after the crisis opened reads the crises, the members
	// and the playbooks into the record cache: the opening changed them.
	load := map[string]bool{
		`SELECT version FROM record_version`:                                                   true,
		`SELECT ` + strings.Join(strings.Fields(crisisCols), " ") + ` FROM crises ORDER BY id`: true,
		`SELECT id, name, capabilities, created_at, phone, email FROM members ORDER BY id`:     true,
		`SELECT crisis_id, playbook FROM crisis_playbooks ORDER BY rowid`:                      true,
	}
	for i := 0; i < 3; i++ {
		queries = queries[:0]
		r := env.Execute(ctx, command.Request{Line: fmt.Sprintf(`/log text:"entrée %d"`, i), Actor: "dsi", Source: "console"})
		require.False(t, r.Failed, r.Text)
		t.Logf("/log #%d: %d statements:\n%s", i+1, len(queries), strings.Join(queries, "\n"))
		seen := map[string]bool{}
		n := 0
		for _, q := range queries {
			assert.NotContains(t, q, "FROM log_entries", "the log's tail is known from the head")
			if i == 0 && load[q] && !seen[q] {
				seen[q] = true
				continue
			}
			n++
			assert.False(t, seen[q] && !(i == 0 && load[q]), "read twice in one /log: %s", q)
			seen[q] = true
		}
		assert.LessOrEqual(t, n, 3, "statements of one /log, the cache's loading aside")
	}
}

const crisisCols = `id, title, severity, state, opened_at, opened_by, detected_at, started_at, closed_at, summary, channel, log_head`

// TestLogTailAcrossHandles writes one crisis's log through two handles on
// the same file, as two processes would: each handle's remembered tail is
// stale after the other wrote, and the chain must still hold.
func TestLogTailAcrossHandles(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	now := time.Date(2022, 9, 26, 16, 5, 0, 0, time.UTC)
	open := func() *store.DB {
		db, err := store.Open(ctx, path)
		require.NoError(t, err)
		t.Cleanup(func() { db.Close() })
		return db
	}
	a, b := open(), open()
	require.NoError(t, a.Update(ctx, func(tx crisis.Tx) error {
		_, err := crisis.Bootstrap(tx, crisis.Member{ID: "dsi", CreatedAt: now})
		return err
	}))
	env := func(db *store.DB) *command.Env {
		return &command.Env{Store: db, Table: command.Default(), Now: func() time.Time { return now }, Loc: time.UTC,
			Lang: locale.FR, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	}
	ea, eb := env(a), env(b)
	r := ea.Execute(ctx, command.Request{Line: `/crisis open title:deux`, Actor: "dsi"})
	require.False(t, r.Failed, r.Text)
	for i, e := range []*command.Env{ea, ea, eb, ea, eb, eb, ea} {
		r := e.Execute(ctx, command.Request{Line: fmt.Sprintf(`/log text:"entrée %d"`, i), Actor: "dsi"})
		require.False(t, r.Failed, r.Text)
	}
	require.NoError(t, a.View(ctx, func(tx crisis.Tx) error {
		c, err := tx.Crisis(1)
		require.NoError(t, err)
		log, err := tx.Log(1)
		require.NoError(t, err)
		require.Len(t, log, 8) // the opening and seven notes
		return crisis.VerifyChain(log, c.LogHead)
	}))
}
