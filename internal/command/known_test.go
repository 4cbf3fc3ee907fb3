package command_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// TestKnownMembers: the members a front end knows (Discord's names and
// roles) are compared with the record's copies in the command's own
// transaction. An unchanged member costs no write at all; a change is
// written whatever the command then does, so a member stripped of their
// roles is refused at once and stays stripped in the record.
func TestKnownMembers(t *testing.T) {
	h := newHarness(t)
	h.must("dsi", `/crisis open title:"Intrusion"`)
	counter := &countingStore{Store: h.db} // audit_tx_test.go
	h.env.Store = counter
	run := func(name string, caps []crisis.Capability, line string, others ...crisis.Member) command.Reply {
		known := append([]crisis.Member{{ID: "42", Name: name, Capabilities: caps}}, others...)
		return h.env.Execute(context.Background(), command.Request{Line: line, Actor: "42", Source: "discord", Known: known})
	}
	copyOf := func(id string) (crisis.Member, error) {
		var m crisis.Member
		err := h.db.View(context.Background(), func(tx crisis.Tx) error {
			var err error
			m, err = tx.Member(id)
			return err
		})
		return m, err
	}
	member := []crisis.Capability{crisis.CapMember}

	tests := []struct {
		name    string
		as      string
		caps    []crisis.Capability
		line    string
		others  []crisis.Member
		failed  bool
		joined  bool
		unknown bool // no copy is written
		updates int  // write transactions asked for, the member's and the command's
	}{
		{name: "unknown without roles: refused, not written", as: "Agent", line: "/crisis status", failed: true, unknown: true},
		// Learnt and let in even when the first command fails: the copy and
		// the private rooms do not wait for a command typed right.
		{name: "first seen with a role: learnt, let in", as: "Agent", caps: member, line: "/task done id:999", failed: true, joined: true, updates: 3},
		{name: "unchanged, reading: no write", as: "Agent", caps: member, line: "/crisis status"},
		{name: "unchanged, writing: the command's one", as: "Agent", caps: member, line: `/log text:"Constat"`, updates: 1},
		{name: "renamed", as: "Agent B", caps: member, line: "/crisis status", updates: 1},
		{name: "a member named in an option is learnt too", as: "Agent B", caps: member, line: "/crisis status",
			others: []crisis.Member{{ID: "77", Name: "Élu", Capabilities: member}}, joined: true, updates: 1},
		// The command's transaction finds the copy stale and stops before
		// any work; the copy is written; the command runs again, refused.
		{name: "stripped: refused at once, and the copy keeps no right", as: "Agent B", line: `/log text:"Encore"`, failed: true, updates: 3},
		{name: "given the role back", as: "Agent B", caps: member, line: "/crisis status", joined: true, updates: 1},
		{name: "stripped again, and mistyping: still stripped in the record", as: "Agent B", line: "/lgo text:x", failed: true, updates: 1},
		{name: "a role back, and a bad value: let in all the same", as: "Agent B", caps: member, line: "/log", failed: true, joined: true, updates: 1},
	}
	for _, tt := range tests {
		before := counter.updates
		r := run(tt.as, tt.caps, tt.line, tt.others...)
		assert.Equal(t, tt.failed, r.Failed, "%s: %s", tt.name, r.Text)
		assert.Equal(t, tt.joined, r.Joined, tt.name)
		assert.Equal(t, tt.updates, counter.updates-before, tt.name)
		m, err := copyOf("42")
		if tt.unknown {
			assert.ErrorIs(t, err, crisis.ErrNotFound, tt.name)
			continue
		}
		require.NoError(t, err, tt.name)
		assert.Equal(t, tt.as, m.Name, tt.name)
		assert.Equal(t, len(tt.caps), len(m.Capabilities), tt.name)
	}
	elected, err := copyOf("77")
	require.NoError(t, err)
	assert.Equal(t, "Élu", elected.Name)
}
