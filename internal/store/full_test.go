package store_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/disktest"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// cell is a command environment on a database file, as the console runs.
type cell struct {
	t   *testing.T
	db  *store.DB
	env *command.Env
}

func newCell(t *testing.T, path string) *cell {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	now := time.Date(2022, 9, 26, 16, 5, 0, 0, time.UTC)
	env := &command.Env{
		Store: db, Table: command.Default(), Now: func() time.Time { return now },
		Loc: time.UTC, Lang: locale.FR, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	require.NoError(t, db.Update(context.Background(), func(tx crisis.Tx) error {
		_, err := crisis.Bootstrap(tx, crisis.Member{ID: "dsi", CreatedAt: now})
		return err
	}))
	c := &cell{t: t, db: db, env: env}
	c.must(locale.FR, `/crisis open title:Panne`)
	return c
}

func (c *cell) run(lang locale.Lang, line string) command.Reply {
	return c.env.Execute(context.Background(), command.Request{Line: line, Actor: "dsi", Lang: lang, Source: "test"})
}

func (c *cell) must(lang locale.Lang, line string) {
	c.t.Helper()
	r := c.run(lang, line)
	require.False(c.t, r.Failed, "%s: got %s, want success", line, r.Text)
}

// commands is the audit trail as the commands it holds, oldest first.
func (c *cell) commands() []string {
	c.t.Helper()
	trail, err := c.db.AuditTrail(context.Background())
	require.NoError(c.t, err)
	var out []string
	for _, e := range trail {
		out = append(out, e.Command)
	}
	return out
}

// limitPages makes the database full when on: SQLite then answers
// SQLITE_FULL to any write that needs a new page, as on a full disk.
func limitPages(t *testing.T, db *store.DB, on bool) {
	t.Helper()
	limit := 1 << 30
	if on {
		require.NoError(t, db.SQL().QueryRow(`PRAGMA page_count`).Scan(&limit))
	}
	_, err := db.SQL().Exec(`PRAGMA max_page_count = ` + strconv.Itoa(limit))
	require.NoError(t, err)
}

func TestFullDatabaseNamesTheCause(t *testing.T) {
	c := newCell(t, filepath.Join(t.TempDir(), "t.db"))
	limitPages(t, c.db, true)
	// 6000 bytes: more than a page holds, so new pages whatever room is left.
	long := strings.Repeat("é", 3000)
	tests := []struct {
		lang locale.Lang
		want string
	}{
		{locale.FR, "disque plein : rien n'a été enregistré ; libérez de la place"},
		{locale.EN, "disk full: nothing was recorded; free some space"},
	}
	for _, tt := range tests {
		r := c.run(tt.lang, `/log text:"`+long+`"`)
		require.True(t, r.Failed, "got success, want a failure")
		assert.Contains(t, r.Text, tt.want)
		assert.NotContains(t, r.Text, "interne")
		assert.NotContains(t, r.Text, "internal")
	}
	limitPages(t, c.db, false)
	c.must(locale.FR, `/log text:"Place libérée"`)
	got := c.commands()
	require.Len(t, got, 4, "every attempt is in the audit trail")
	assert.True(t, strings.HasPrefix(got[1], `/log text:"ééé`), "got %.20s, want the first failed /log", got[1])
	assert.True(t, strings.HasPrefix(got[2], `/log text:"ééé`), "got %.20s, want the second failed /log", got[2])
	assert.Equal(t, `/log text:"Place libérée"`, got[3])
}

// bigEntry is an audit entry that cannot fit in a page's free room.
func bigEntry(command string) crisis.AuditEntry {
	return crisis.AuditEntry{At: time.Now(), Actor: "dsi", Command: command, Outcome: "invalid", Detail: strings.Repeat("d", 6000), Source: "test"}
}

func TestAuditHeldUntilTheDatabaseTakesAWrite(t *testing.T) {
	ctx := context.Background()
	var logs bytes.Buffer
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	require.NoError(t, err)
	defer db.Close()
	db.SetLogger(slog.New(slog.NewTextHandler(&logs, nil)))
	limitPages(t, db, true)
	for _, cmd := range []string{"/first", "/second"} {
		err := db.Audit(ctx, bigEntry(cmd))
		require.ErrorIs(t, err, crisis.ErrUnavailable, "got %v", err)
	}
	assert.Equal(t, 2, strings.Count(logs.String(), "audit entry held in memory"), "logs: %s", logs.String())
	assert.Contains(t, logs.String(), "command=/first")

	limitPages(t, db, false)
	addMembers(t, db, "comm")
	trail, err := db.AuditTrail(ctx)
	require.NoError(t, err)
	require.Len(t, trail, 2)
	assert.Equal(t, "/first", trail[0].Command)
	assert.Equal(t, "/second", trail[1].Command)
	require.NoError(t, db.Audit(ctx, bigEntry("/third")))
	trail, err = db.AuditTrail(ctx)
	require.NoError(t, err)
	assert.Len(t, trail, 3, "written once")
}

func TestAuditHeldIsWrittenAtClose(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	db, err := store.Open(ctx, path)
	require.NoError(t, err)
	db.SetLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))
	limitPages(t, db, true)
	require.Error(t, db.Audit(ctx, bigEntry("/held")))
	limitPages(t, db, false)
	require.NoError(t, db.Close())

	db, err = store.OpenReadOnly(ctx, path)
	require.NoError(t, err)
	defer db.Close()
	trail, err := db.AuditTrail(ctx)
	require.NoError(t, err)
	require.Len(t, trail, 1)
	assert.Equal(t, "/held", trail[0].Command)
}

func TestAuditLostAtCloseIsLogged(t *testing.T) {
	ctx := context.Background()
	var logs bytes.Buffer
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	require.NoError(t, err)
	db.SetLogger(slog.New(slog.NewTextHandler(&logs, nil)))
	limitPages(t, db, true)
	require.Error(t, db.Audit(ctx, bigEntry("/a")))
	require.Error(t, db.Audit(ctx, bigEntry("/b")))
	err = db.Close()
	require.ErrorIs(t, err, crisis.ErrUnavailable)
	assert.Contains(t, err.Error(), "2 audit entries could not be written")
	assert.Equal(t, 2, strings.Count(logs.String(), "audit entry lost"), "logs: %s", logs.String())
	assert.Contains(t, logs.String(), "command=/b")
}

// TestFullDiskKeepsTheAuditTrail fills a real (small) disk under a cell:
// commands say the disk is full, and their audit entries are written once
// there is room again.
func TestFullDiskKeepsTheAuditTrail(t *testing.T) {
	dir := disktest.Tmpfs(t, "2m")
	c := newCell(t, filepath.Join(dir, "tocsin.db"))
	c.db.SetLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))
	filler := filepath.Join(dir, "filler")
	f, err := os.Create(filler)
	require.NoError(t, err)
	for _, err = f.Write(make([]byte, 4096)); err == nil; _, err = f.Write(make([]byte, 4096)) {
	}
	require.NoError(t, f.Close())

	for _, line := range []string{`/log text:"Serveurs isolés"`, `/log text:"Sauvegardes déconnectées"`} {
		r := c.run(locale.FR, line)
		require.True(t, r.Failed, "%s: got success on a full disk", line)
		assert.Contains(t, r.Text, "disque plein")
	}
	require.NoError(t, os.Remove(filler))
	c.must(locale.FR, `/log text:"Place libérée"`)
	assert.Equal(t, []string{`/crisis open title:Panne`, `/log text:"Serveurs isolés"`, `/log text:"Sauvegardes déconnectées"`, `/log text:"Place libérée"`}, c.commands())
}
