package console_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/console"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/schedule"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// TestNoticesReachTheirMember: with several consoles on one database, a
// reminder shows in the console of the member it is for and in no other,
// and an escalation in the director's — whether the scheduler of the same
// process sent it (Notify) or another console's (ShowNotices).
func TestNoticesReachTheirMember(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, ":memory:")
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	start := time.Date(2022, 9, 26, 16, 5, 0, 0, time.UTC)
	now := start
	require.NoError(t, db.Update(ctx, func(tx crisis.Tx) error {
		_, err := crisis.Bootstrap(tx, crisis.Member{ID: "root", CreatedAt: now})
		return err
	}))
	env := &command.Env{Store: db, Table: command.Default(), Now: func() time.Time { return now },
		Loc: time.UTC, Lang: locale.FR, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	for _, line := range []string{
		`/member add id:agent name:Agent capabilities:member`,
		`/member add id:chef name:Directrice capabilities:member,director`,
		`/crisis open title:Intrusion`,
		`/role assign member:@chef role:directeur`,
		`/task add title:"Isoler les serveurs" assignee:@root due:30m`,
	} {
		r := env.Execute(ctx, command.Request{Line: line, Actor: "root", Source: "test"})
		require.False(t, r.Failed, "%s: %s", line, r.Text)
	}

	consoles := map[string]*bytes.Buffer{}
	var open []*console.Console
	for _, id := range []string{"root", "agent", "chef"} {
		var out bytes.Buffer
		consoles[id] = &out
		open = append(open, &console.Console{Env: env, Actor: id, Out: &out})
	}
	sched := &schedule.Scheduler{Store: db, Now: func() time.Time { return now }, Loc: time.UTC, Lang: locale.FR,
		Policy: schedule.DefaultPolicy, Log: env.Log,
		Notify: func(_ context.Context, d schedule.Delivery) error {
			for _, c := range open {
				c.Notify(d.Notice, d.Text)
			}
			return nil
		}}

	now = start.Add(20 * time.Minute) // the reminder, 15 minutes before 16:35
	_, err = sched.Tick(ctx)
	require.NoError(t, err)
	assert.Contains(t, consoles["root"].String(), "Isoler les serveurs", "got %q, want root's reminder in root's console", consoles["root"].String())
	assert.Empty(t, consoles["agent"].String(), "got %q, want nothing in another member's console", consoles["agent"].String())
	assert.Empty(t, consoles["chef"].String(), "got %q, want no reminder for the director", consoles["chef"].String())

	now = start.Add(70 * time.Minute) // 35 minutes overdue: escalated
	_, err = sched.Tick(ctx)
	require.NoError(t, err)
	assert.Contains(t, consoles["chef"].String(), "Escalade", "got %q, want the escalation in the director's console", consoles["chef"].String())
	assert.Empty(t, consoles["agent"].String(), "got %q, want nothing in another member's console", consoles["agent"].String())

	// Consoles of other processes read the same notices from the database.
	for id, want := range map[string]bool{"root": true, "agent": false, "chef": true} {
		var out bytes.Buffer
		c := &console.Console{Env: env, Actor: id, Out: &out}
		require.NoError(t, c.ShowNotices(ctx, start))
		if want {
			assert.Contains(t, out.String(), "Isoler les serveurs", "%s: got %q, want their notices", id, out.String())
		} else {
			assert.Empty(t, out.String(), "%s: got %q, want no notice", id, out.String())
		}
	}
}
