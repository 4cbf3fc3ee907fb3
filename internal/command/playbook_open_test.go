package command_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/playbook"
	"github.com/tocsin-crisis/tocsin/playbooks"
)

// TestOpenWithPlaybookNeedsDirector: running a playbook is the director's
// call, whether through /playbook run or while opening the crisis.
func TestOpenWithPlaybookNeedsDirector(t *testing.T) {
	h := newHarness(t)
	set, err := playbook.Load(playbooks.FS, "")
	require.NoError(t, err)
	h.env.Playbooks = playbook.NewEngine(set, nil)
	h.must("dsi", `/member add id:comm name:Comm capabilities:member,comms`)
	before, audited := h.dump(), len(h.audit())

	r := h.run("comm", `/crisis open title:"Intrusion" playbook:cyberattaque-collectivite`)
	require.True(t, r.Failed, "got success %q, want a refusal", r.Text)
	assert.NotContains(t, r.Text, "\n")
	assert.Contains(t, r.Text, "lancer un playbook demande la capacité director")
	assert.Equal(t, before, h.dump(), "nothing is created when the playbook is refused")
	trail := h.audit()
	require.Len(t, trail, audited+1)
	assert.Equal(t, "refused", trail[len(trail)-1].Outcome)

	r = h.must("comm", `/crisis open title:"Intrusion"`)
	assert.Contains(t, r.Text, "Crise n° 1 ouverte", "a member may still open a crisis without a playbook")
	r = h.must("dsi", `/crisis open title:"Rançongiciel" playbook:cyberattaque-collectivite`)
	assert.Contains(t, r.Text, "tâches créées par le playbook", "the director runs the playbook as the crisis opens")
}
