package command_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// paris is the zone of every test: the cell's own.
var paris = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	return loc
}()

// harness is a command environment on a private in-memory database, with a
// clock the test moves.
type harness struct {
	t   *testing.T
	db  *store.DB
	env *command.Env
	now time.Time
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	db, err := store.Open(context.Background(), ":memory:")
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	h := &harness{t: t, db: db, now: time.Date(2022, 9, 26, 16, 5, 0, 0, paris)}
	h.env = &command.Env{
		Store: db, Table: command.Default(), Now: func() time.Time { return h.now },
		Loc: paris, Lang: locale.FR, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	require.NoError(t, db.Update(context.Background(), func(tx crisis.Tx) error {
		_, err := crisis.Bootstrap(tx, crisis.Member{ID: "dsi", Name: "Responsable SI", CreatedAt: h.now})
		return err
	}))
	return h
}

// run executes a command as a member and returns the reply.
func (h *harness) run(as, line string) command.Reply {
	h.t.Helper()
	return h.env.Execute(context.Background(), command.Request{Line: line, Actor: as, Source: "test"})
}

// must executes a command that has to succeed.
func (h *harness) must(as, line string) command.Reply {
	h.t.Helper()
	r := h.run(as, line)
	require.False(h.t, r.Failed, "%s failed: %s", line, r.Text)
	return r
}

// dump renders every row of every table but the audit trail, to show that a
// refused command changed nothing.
func (h *harness) dump() string {
	h.t.Helper()
	db := h.db.SQL()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('audit', 'sqlite_sequence') ORDER BY name`)
	require.NoError(h.t, err)
	var tables []string
	for rows.Next() {
		var n string
		require.NoError(h.t, rows.Scan(&n))
		tables = append(tables, n)
	}
	require.NoError(h.t, rows.Close())
	var b strings.Builder
	for _, table := range tables {
		r, err := db.Query(`SELECT * FROM ` + table + ` ORDER BY rowid`)
		require.NoError(h.t, err)
		cols, _ := r.Columns()
		for r.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			require.NoError(h.t, r.Scan(ptrs...))
			fmt.Fprintf(&b, "%s %v\n", table, vals)
		}
		require.NoError(h.t, r.Close())
	}
	return b.String()
}

func (h *harness) audit() []crisis.AuditEntry {
	h.t.Helper()
	a, err := h.db.AuditTrail(context.Background())
	require.NoError(h.t, err)
	return a
}
