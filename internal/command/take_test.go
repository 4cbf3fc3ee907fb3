package command_test

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/command"
)

// TestTakeOwnedTask: taking a task another member holds needs confirm:yes,
// and the log says whom it was taken from.
func TestTakeOwnedTask(t *testing.T) {
	h := newHarness(t)
	h.must("dsi", `/member add id:rssi name:RSSI capabilities:member`)
	h.must("dsi", `/member add id:comm name:Comm capabilities:member,comms`)
	h.must("dsi", `/crisis open title:"Intrusion"`)
	h.must("dsi", `/task add title:"Isoler" assignee:@rssi`)

	before := h.dump()
	for _, line := range []string{`/task take id:1`, `/task take id:1 confirm:no`} {
		r := h.run("comm", line)
		require.True(t, r.Failed, "%s: got success %q, want a refusal", line, r.Text)
		assert.Contains(t, r.Text, "la tâche #1 est à @rssi : pour la prendre quand même, /task take id:1 confirm:yes")
		assert.Equal(t, before, h.dump(), "a refused take changed the record")
	}

	r := h.must("comm", `/task take id:1 confirm:yes`)
	assert.Contains(t, r.Text, "#1 Isoler — en cours, @comm")
	assert.True(t, h.logged(1, "Tâche #1 « Isoler » prise par Comm (@comm) à @rssi"), "the log says whom the task was taken from")

	r = h.must("rssi", `/task take id:1 confirm:yes`)
	assert.Contains(t, r.Text, "@rssi")
	r = h.must("rssi", `/task add title:"Personne"`)
	r = h.must("comm", `/task take id:2`)
	assert.Contains(t, r.Text, "@comm", "a task nobody holds is taken without confirm")
	assert.True(t, h.logged(1, "Tâche #2 « Personne » prise par Comm (@comm)"))
}

// TestTakeAtOnce: two members take the same task at the same moment; one
// gets it, the other is told who did.
func TestTakeAtOnce(t *testing.T) {
	h := newHarness(t)
	h.must("dsi", `/member add id:rssi name:RSSI capabilities:member`)
	h.must("dsi", `/member add id:comm name:Comm capabilities:member,comms`)
	h.must("dsi", `/crisis open title:"Intrusion"`)
	h.must("dsi", `/task add title:"Isoler"`)

	members := []string{"rssi", "comm"}
	replies := make([]command.Reply, len(members))
	var wg sync.WaitGroup
	for i, m := range members {
		wg.Add(1)
		go func() {
			defer wg.Done()
			replies[i] = h.env.Execute(context.Background(), command.Request{Line: `/task take id:1`, Actor: m, Source: "test"})
		}()
	}
	wg.Wait()
	won := -1
	for i, r := range replies {
		if !r.Failed {
			require.Equal(t, -1, won, "got two winners: %q and %q", replies[0].Text, replies[1].Text)
			won = i
		}
	}
	require.NotEqual(t, -1, won, "got no winner: %q and %q", replies[0].Text, replies[1].Text)
	lost := replies[1-won]
	assert.Contains(t, lost.Text, "la tâche #1 est à @"+members[won], "got %q, want the loser told who holds the task", lost.Text)
}

// TestApproveTwice: a second approval of the same draft is told it was
// already approved, and by whom.
func TestApproveTwice(t *testing.T) {
	h := caen(t)
	h.must("dsi", `/draft status`)
	h.must("comm", `/draft approve id:1 confirm:yes`)
	before := h.dump()
	for _, as := range []string{"comm", "dsi"} {
		r := h.run(as, `/draft approve id:1 confirm:yes`)
		require.True(t, r.Failed, "got success %q, want a refusal", r.Text)
		assert.Contains(t, r.Text, "le brouillon n° 1 a déjà été approuvé par @comm")
		assert.NotContains(t, r.Text, "\n")
	}
	assert.Equal(t, before, h.dump())
}
