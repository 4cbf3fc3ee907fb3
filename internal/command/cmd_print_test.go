package command_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/playbook"
	"github.com/tocsin-crisis/tocsin/playbooks"
)

// TestCrisisPrint: /crisis print answers with the paper kit of the crisis
// the session is on, attached as export attaches its zip.
func TestCrisisPrint(t *testing.T) {
	h := newHarness(t)
	set, err := playbook.Load(playbooks.FS, "")
	require.NoError(t, err)
	h.env.Playbooks = playbook.NewEngine(set, nil)
	h.must("dsi", `/crisis open title:"Intrusion" playbook:cyberattaque-collectivite detected_at:16:00`)
	h.must("dsi", `/crisis open title:"Hameçonnage" playbook:messagerie-compromise`)
	h.must("dsi", `/member set id:dsi phone:"06 12 34 56 78"`)

	r := h.must("dsi", `/crisis print`)
	require.Len(t, r.Files, 1, "the kit is attached")
	f := r.Files[0]
	assert.Equal(t, "paper-kit-2.pdf", f.Name, "the kit of the current crisis")
	assert.Equal(t, "application/pdf", f.Type)
	assert.True(t, strings.HasPrefix(string(f.Content), "%PDF-"))
	assert.Contains(t, r.Text, "paper-kit-2.pdf")
	assert.Contains(t, r.Text, "Kit papier de la crise n° 2")
	assert.True(t, r.Ephemeral)

}
