package command_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/command"
)

// TestTextThatIsAccepted: emoji sequences (held by zero-width joiners),
// accents, French quotes and tabs are text, not controls.
func TestTextThatIsAccepted(t *testing.T) {
	h := newHarness(t)
	h.must("dsi", `/crisis open title:"Intrusion « majeure »"`)
	for _, line := range []string{
		"/member add id:alice name:\"👩‍💻 Alice\" capabilities:member",
		"/log text:\"👨‍👩‍👧 famille évacuée, “calme” \t tab\"",
		"/service set name:\"Piscines 🏊‍♀️\" status:down workaround:\"Espèces 💶\"",
		"/log text:\"ligne 1\nligne 2\"",
	} {
		r := h.must("dsi", line)
		assertNeutral(t, "reply", r.Text, true)
	}
	r := h.must("dsi", `/member list`)
	assert.Contains(t, r.Text, "👩‍💻 Alice (@alice)")
}

// TestSplitRequestIsNeutralised: a request already split (as Discord
// delivers it) is echoed and audited escaped too.
func TestSplitRequestIsNeutralised(t *testing.T) {
	h := newHarness(t)
	cases := []struct {
		name string
		args map[string]string
		want string
	}{
		{"crisis \x1b[2Jzap", nil, `/crisis \u{1B}[2Jzap`},
		{"log", map[string]string{"text": "x", "a\u202et": "1"}, `option inconnue a\u{202E}t pour /log`},
		{"crisis open", map[string]string{"title": "\x1b]0;pwned\x07"}, `l'option title contient un caractère de contrôle (U+001B)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := h.env.Execute(context.Background(), command.Request{Name: c.name, Args: c.args, Actor: "dsi", Source: "discord"})
			require.True(t, r.Failed)
			assert.Contains(t, r.Text, c.want)
			assertNeutral(t, "reply", r.Text, false)
			trail := h.audit()
			assertNeutral(t, "audited command", trail[len(trail)-1].Command, false)
			assertNeutral(t, "audited detail", trail[len(trail)-1].Detail, false)
		})
	}
}
