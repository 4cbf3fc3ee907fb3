package console_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/console"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/golden"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

func newConsole(t *testing.T, in string, lang locale.Lang) (*console.Console, *bytes.Buffer) {
	t.Helper()
	db, err := store.Open(context.Background(), ":memory:")
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	now := time.Date(2022, 9, 26, 16, 5, 0, 0, time.UTC)
	require.NoError(t, db.Update(context.Background(), func(tx crisis.Tx) error {
		_, err := crisis.Bootstrap(tx, crisis.Member{ID: "dsi", CreatedAt: now})
		return err
	}))
	env := &command.Env{Store: db, Table: command.Default(), Now: func() time.Time { return now },
		Loc: time.UTC, Lang: lang, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	var out bytes.Buffer
	return &console.Console{Env: env, Actor: "dsi", In: strings.NewReader(in), Out: &out}, &out
}

func TestHelp(t *testing.T) {
	for _, lang := range []locale.Lang{locale.FR, locale.EN} {
		c, out := newConsole(t, "help\nhelp task\nhelp nothing\n", lang)
		require.NoError(t, c.Run(context.Background()))
		golden.Assert(t, "testdata/help-"+string(lang)+".golden", out.String())
	}
}

func TestCommentsBlankLinesAndQuit(t *testing.T) {
	c, out := newConsole(t, "# a comment\n\n/crisis open title:Un\nquit\n/crisis open title:Deux\n", locale.FR)
	require.NoError(t, c.Run(context.Background()))
	assert.Equal(t, "Crise n° 1 ouverte : Un\n", out.String(), "nothing runs after quit")
}

func TestButtonsShowAsCommands(t *testing.T) {
	c, out := newConsole(t, "/crisis open title:Un\n/task add title:Isoler\n", locale.EN)
	require.NoError(t, c.Run(context.Background()))
	assert.Contains(t, out.String(), "[Take] /task take id:1")
	assert.Contains(t, out.String(), "[Done] /task done id:1")
}
