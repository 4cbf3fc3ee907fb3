package command_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/golden"
)

// TestCrisisFlow plays a short crisis through the command table and keeps
// the replies and the board as a golden file.
func TestCrisisFlow(t *testing.T) {
	h := newHarness(t)
	var transcript string
	step := func(as, line string) {
		r := h.run(as, line)
		transcript += "> " + line + "  (as @" + as + ")\n" + r.Text + "\n"
		for _, b := range r.Buttons {
			transcript += "  [" + b.Label + "] " + b.Command + "\n"
		}
		transcript += "\n"
	}
	step("dsi", `/member add id:comm name:"Service communication" capabilities:member,comms`)
	step("dsi", `/member add id:rssi name:"RSSI" capabilities:member`)
	step("dsi", `/crisis open title:"Intrusion sur un serveur de messagerie" detected_at:16:00 started_at:"2022-09-26 14:30" severity:high`)
	step("dsi", `/task add title:"Préparer le point presse" role:communication due:2h`)
	step("dsi", `/role assign member:@comm role:communication`)
	step("rssi", `/task add title:"Isoler les serveurs" assignee:@rssi due:30m`)
	h.now = h.now.Add(23 * time.Minute)
	step("rssi", `/log text:"Serveurs isolés du réseau" at:16:28`)
	step("rssi", `/task done id:2 note:"Flux coupés, machines allumées"`)
	step("comm", `/task take id:1`)
	step("comm", `/task block id:1 reason:"Attente de validation du maire"`)
	step("rssi", `/ioc add kind:ip value:198.51.100.23 note:"Source des tentatives"`)
	step("rssi", `/evidence add item:"Journaux du pare-feu" location:"Clé USB scellée n°1" custodian:@dsi`)
	step("comm", `/service set name:"Messagerie @caen.fr" status:down workaround:"Téléphone et Discord"`)
	step("comm", `/service set name:"État civil" status:degraded workaround:"Registres papier"`)
	step("comm", `/service set name:"État civil" status:down`)
	step("dsi", `/crisis fact name:ransom_demanded value:non`)
	h.now = h.now.Add(3 * time.Hour)
	step("dsi", `/task list state:blocked`)
	step("dsi", `/role list`)
	step("comm", `/crisis status`)
	golden.Assert(t, "testdata/crisis-flow.golden", transcript)

	// The record's invariants, beyond what the transcript shows.
	reports, err := crisis.VerifyLogs(t.Context(), h.db, 1)
	require.NoError(t, err)
	require.Len(t, reports, 1)
	assert.NoError(t, reports[0].Err)
	assert.Equal(t, 17, reports[0].Entries)
}

// TestRoleHandsWaitingTasks: a task made for a role nobody holds goes to the
// first member given that role.
func TestRoleHandsWaitingTasks(t *testing.T) {
	h := newHarness(t)
	h.must("dsi", `/member add id:comm name:Comm capabilities:member,comms`)
	h.must("dsi", `/crisis open title:x`)
	h.must("dsi", `/task add title:"Communiqué" role:communication`)
	r := h.must("dsi", `/role assign member:@comm role:communication`)
	assert.Contains(t, r.Text, "#1 Communiqué — à faire, @comm")
	r = h.must("dsi", `/task add title:"Second communiqué" role:communication`)
	assert.Contains(t, r.Text, "@comm", "a new task for a held role goes to its holder")
}
