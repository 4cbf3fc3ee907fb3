package command_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// BenchmarkLogCommand measures one /log, parsed, checked, committed to a
// database file with full sync, and audited: the cost of every answered
// command on a real disk.
func BenchmarkLogCommand(b *testing.B) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2022, 9, 26, 16, 5, 0, 0, time.UTC)
	env := &command.Env{Store: db, Table: command.Default(), Now: func() time.Time { return now }, Loc: time.UTC,
		Lang: locale.FR, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if err := db.Update(ctx, func(tx crisis.Tx) error {
		_, err := crisis.Bootstrap(tx, crisis.Member{ID: "dsi", CreatedAt: now})
		return err
	}); err != nil {
		b.Fatal(err)
	}
	if r := env.Execute(ctx, command.Request{Line: `/crisis open title:bench`, Actor: "dsi"}); r.Failed {
		b.Fatal(r.Text)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if r := env.Execute(ctx, command.Request{Line: fmt.Sprintf(`/log text:"entrée %d"`, i), Actor: "dsi"}); r.Failed {
			b.Fatal(r.Text)
		}
	}
}

// BenchmarkParse measures the written form's parser alone.
func BenchmarkParse(b *testing.B) {
	t := command.Default()
	for i := 0; i < b.N; i++ {
		if _, err := t.Parse(`/crisis open title:"Intrusion sur un serveur de messagerie" playbook:cyberattaque-collectivite detected_at:"2022-09-26 16:00"`); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseLongUnknownName parses a command whose unknown name fills
// the longest line accepted: the refusal must not cost a spelling search
// over a megabyte.
func BenchmarkParseLongUnknownName(b *testing.B) {
	table := command.Default()
	line := "/" + strings.Repeat("a", command.MaxLine-1)
	for i := 0; i < b.N; i++ {
		if _, err := table.Parse(line); err == nil {
			b.Fatal("got a command, want a refusal")
		}
	}
}
