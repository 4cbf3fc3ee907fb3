package command_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// session is a front end's session as the console keeps it: one member,
// and the crisis their commands act on.
type session struct {
	h      *harness
	as     string
	crisis int64
}

func (s *session) run(line string) command.Reply {
	s.h.t.Helper()
	r := s.h.env.Execute(context.Background(), command.Request{Line: line, Actor: s.as, Source: "test", Crisis: s.crisis})
	s.crisis = r.SessionCrisis(s.crisis)
	return r
}

func (s *session) must(line string) command.Reply {
	s.h.t.Helper()
	r := s.run(line)
	require.False(s.h.t, r.Failed, "%s failed: %s", line, r.Text)
	return r
}

// logged reports whether crisis id's log has an entry with text.
func (h *harness) logged(id int64, text string) bool {
	h.t.Helper()
	var entries []crisis.LogEntry
	require.NoError(h.t, h.db.View(context.Background(), func(tx crisis.Tx) error {
		var err error
		entries, err = tx.Log(id)
		return err
	}))
	for _, e := range entries {
		if e.Text == text {
			return true
		}
	}
	return false
}

// TestCurrentCrisisIsPerSession: a crisis opened by one member does not
// become the crisis another member's commands act on.
func TestCurrentCrisisIsPerSession(t *testing.T) {
	h := newHarness(t)
	h.must("dsi", `/member add id:comm name:Comm capabilities:member,comms`)
	a := &session{h: h, as: "dsi"}
	b := &session{h: h, as: "comm"}

	r := a.must(`/crisis open title:"Messagerie"`)
	assert.Equal(t, int64(1), r.CrisisID)
	r = b.must(`/log text:"premier constat"`)
	assert.Equal(t, int64(1), r.CrisisID, "a session with no crisis yet takes the one open")
	assert.NotContains(t, r.Text, "[Crise", "with one crisis open, replies need not name it")

	r = a.must(`/crisis open title:"Rançongiciel"`)
	assert.Equal(t, int64(2), a.crisis, "whoever opens a crisis works on it")

	r = b.must(`/log text:"second constat"`)
	assert.Equal(t, int64(1), r.CrisisID, "got crisis %d, want 1: B's session stays on its crisis", r.CrisisID)
	assert.True(t, h.logged(1, "second constat"), "B's entry went to another crisis")
	assert.Contains(t, r.Text, "[Crise n° 1]", "with two crises open, the reply names the one it acted on")

	r = a.must(`/log text:"sur la seconde"`)
	assert.True(t, h.logged(2, "sur la seconde"))
	assert.Contains(t, r.Text, "[Crise n° 2]")

	c := &session{h: h, as: "dsi"}
	r = c.must(`/crisis status`)
	assert.Equal(t, int64(2), r.CrisisID, "a new session starts on the latest open crisis")

	r = b.must(`/crisis switch id:2`)
	assert.Equal(t, int64(2), b.crisis)
	assert.Contains(t, r.Text, "n° 2")
	assert.Contains(t, r.Text, "Rançongiciel")
	b.must(`/log text:"B sur la seconde"`)
	assert.True(t, h.logged(2, "B sur la seconde"))

	a.must(`/crisis close`)
	d := &session{h: h, as: "comm"}
	r = d.must(`/crisis status`)
	assert.Equal(t, int64(1), r.CrisisID, "got crisis %d, want 1: the latest open crisis, not the latest closed", r.CrisisID)
	assert.NotContains(t, r.Text, "[Crise", "one crisis is open again")

	r = b.run(`/crisis switch id:7`)
	require.True(t, r.Failed)
	assert.Equal(t, int64(2), b.crisis, "a failed switch leaves the session where it was")
}

// TestSwitchIsConsoleOnly: on Discord the channel decides the crisis.
func TestSwitchIsConsoleOnly(t *testing.T) {
	cmd, ok := command.Default().Lookup("crisis switch")
	require.True(t, ok)
	assert.True(t, cmd.ConsoleOnly)
	assert.Equal(t, crisis.CapMember, cmd.Cap)
}
