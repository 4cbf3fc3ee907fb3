package replay

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// TestEachMemberKeepsTheirCrisis: in a replay, a crisis one member opens
// does not become the crisis another member's commands act on.
func TestEachMemberKeepsTheirCrisis(t *testing.T) {
	sc, err := Parse("s.yaml", []byte(`name: deux crises
timezone: Europe/Paris
members:
  - {id: dsi, name: DSI, capabilities: [member, director]}
  - {id: comm, name: Comm, capabilities: [member, comms]}
script:
  - {at: "2022-09-26 16:05", as: dsi, do: '/crisis open title:"Messagerie"'}
  - {at: "2022-09-26 16:06", as: comm, do: '/log text:"constat 1"'}
  - {at: "2022-09-26 16:07", as: dsi, do: '/crisis open title:"Rançongiciel"'}
  - {at: "2022-09-26 16:08", as: comm, do: '/log text:"constat 2"'}
  - {at: "2022-09-26 16:09", as: dsi, do: '/log text:"sur la seconde"'}
  - {at: "2022-09-26 16:10", as: comm, do: '/crisis switch id:2'}
  - {at: "2022-09-26 16:11", as: comm, do: '/log text:"comm sur la seconde"'}
`))
	require.NoError(t, err)
	db, err := store.Open(context.Background(), ":memory:")
	require.NoError(t, err)
	defer db.Close()
	res, err := Run(context.Background(), sc, Options{Store: db, Lang: locale.FR})
	require.NoError(t, err)
	require.Nil(t, res.Failed)

	want := map[int64][]string{1: {"constat 1", "constat 2"}, 2: {"sur la seconde", "comm sur la seconde"}}
	require.NoError(t, db.View(context.Background(), func(tx crisis.Tx) error {
		for id, texts := range want {
			entries, err := tx.Log(id)
			require.NoError(t, err)
			var notes []string
			for _, e := range entries {
				if e.Kind == crisis.LogNote {
					notes = append(notes, e.Text)
				}
			}
			assert.Equal(t, texts, notes, "crisis %d: got notes %q, want %q", id, notes, texts)
		}
		return nil
	}))
	assert.Contains(t, res.Transcript, "> [Crise n° 1] Consigné", "with two crises open, the reply names the crisis")
}
