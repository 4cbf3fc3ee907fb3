package command_test

import (
	"bytes"
	"context"
	"log/slog"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// TestFullDiskIsNamed: when the database refuses a write (here a page limit,
// which SQLite reports as a full disk), the member is told the cause in one
// line, the attempt is audited as an error with SQLite's words, and the
// administrator's log has them too.
func TestFullDiskIsNamed(t *testing.T) {
	h := newHarness(t)
	var logs bytes.Buffer
	h.env.Log = slog.New(slog.NewTextHandler(&logs, nil))
	require.False(t, h.run("dsi", `/crisis open title:"Disque plein"`).Failed)

	var pages int
	require.NoError(t, h.db.SQL().QueryRowContext(context.Background(), `PRAGMA page_count`).Scan(&pages))
	_, err := h.db.SQL().ExecContext(context.Background(), `PRAGMA max_page_count = `+strconv.Itoa(pages))
	require.NoError(t, err)

	// Free pages inside the file take a few entries before the limit bites.
	var r command.Reply
	for i := 0; i < 100 && !r.Failed; i++ {
		r = h.run("dsi", `/log text:"`+strings.Repeat("x", 1900)+`"`)
	}
	require.True(t, r.Failed, "got %q, want a refusal", r.Text)
	assert.Contains(t, r.Text, "disque plein", "got %q, want the cause named", r.Text)
	assert.NotContains(t, r.Text, "erreur interne")
	assert.Contains(t, logs.String(), "full", "the log keeps SQLite's words")

	_, err = h.db.SQL().ExecContext(context.Background(), `PRAGMA max_page_count = 1000000`)
	require.NoError(t, err)
	require.False(t, h.run("dsi", `/log text:"après"`).Failed)
	var last crisis.AuditEntry
	for _, e := range h.audit() {
		if e.Outcome == "error" {
			last = e
		}
	}
	assert.Contains(t, last.Command, "/log", "got %+v, want the failed /log audited as an error", last)
}
