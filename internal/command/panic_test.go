package command_test

import (
	"bytes"
	"context"
	"log/slog"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// TestPanicIsRecovered: a command that panics, in its handler or in its
// Prepare step, is answered with a reference, audited as an error, logged
// with its stack, keeps nothing it wrote, and the same Env serves the next
// command.
func TestPanicIsRecovered(t *testing.T) {
	desc := locale.Text{FR: "essai", EN: "test"}
	boom := &command.Command{Name: "boom run", Desc: desc, Cap: crisis.CapMember,
		Run: func(c *command.Call) (command.Reply, error) {
			// A write before the panic must be rolled back with the rest.
			if err := c.Op.Tx.AddMember(crisis.Member{ID: "ghost", Name: "ghost", Capabilities: []crisis.Capability{crisis.CapMember}}); err != nil {
				return command.Reply{}, err
			}
			panic("kaboom-run")
		}}
	prep := &command.Command{Name: "boom prepare", Desc: desc, Cap: crisis.CapMember,
		Prepare: func(c *command.Call) (any, error) { panic("kaboom-prepare") },
		Run:     func(c *command.Call) (command.Reply, error) { return command.Reply{Text: "unreachable"}, nil }}
	cases := []struct{ line, want string }{
		{"/boom run", "kaboom-run"},
		{"/boom prepare", "kaboom-prepare"},
	}
	for _, c := range cases {
		t.Run(c.line, func(t *testing.T) {
			h := newHarness(t)
			var logs bytes.Buffer
			h.env.Log = slog.New(slog.NewTextHandler(&logs, nil))
			h.env.Table = command.NewTable(append(command.Default().Commands(), boom, prep)...)
			before, audited := h.dump(), len(h.audit())

			r := h.run("dsi", c.line)
			require.True(t, r.Failed, "got success %q, want a failure", r.Text)
			assert.True(t, r.Ephemeral)
			ref := regexp.MustCompile(`réf\. ([0-9a-f]{6})`).FindStringSubmatch(r.Text)
			require.NotNil(t, ref, "got %q, want an internal error with its reference", r.Text)
			assert.Equal(t, before, h.dump(), "a command that panicked kept what it wrote")

			trail := h.audit()
			require.Len(t, trail, audited+1)
			last := trail[len(trail)-1]
			assert.Equal(t, "error", last.Outcome, "got outcome %s, want error", last.Outcome)
			assert.Contains(t, last.Detail, c.want)

			assert.Contains(t, logs.String(), "ref="+ref[1], "the log names the reference the member was given")
			assert.Contains(t, logs.String(), c.want)
			assert.Contains(t, logs.String(), "panic_test.go", "the log carries the stack down to the panic")

			r = h.must("dsi", "/member list")
			assert.Contains(t, r.Text, "1 membre :")
		})
	}
}

// TestPublishPanicIsRecovered: a front end whose publishing panics costs
// the publication, which the reply reports, not the approval nor the
// process.
func TestPublishPanicIsRecovered(t *testing.T) {
	h := caen(t)
	h.env.Published = func(context.Context, crisis.Draft) error { panic("kaboom-publish") }
	h.must("dsi", `/draft status`)
	r := h.must("comm", `/draft approve id:1 confirm:yes`)
	assert.Contains(t, r.Text, "la publication du brouillon n° 1 a échoué")
	h.must("dsi", `/member list`)
}
