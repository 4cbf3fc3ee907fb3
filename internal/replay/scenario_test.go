package replay

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

const head = `name: essai
timezone: Europe/Paris
members:
  - {id: dsi, name: DSI, capabilities: [member, director]}
script:
`

func TestScenarioErrorsHavePositions(t *testing.T) {
	cases := []struct {
		name, body, want string
	}{
		{"bad time", `  - at: "26/09/2022 16:05"
    as: dsi
    do: /crisis open title:x
`, `s.yaml:6:9: bad time "26/09/2022 16:05": write YYYY-MM-DD HH:MM`},
		{"unknown member", `  - at: "2022-09-26 16:05"
    as: maire
    do: /crisis open title:x
`, `s.yaml:6:5: step 1 runs as "maire", who is not among the scenario's members`},
		{"unknown field", `  - at: "2022-09-26 16:05"
    as: dsi
    doo: /crisis open title:x
`, `s.yaml:8:5: unknown field "doo" in step 1 (fields: at, as, do, expect_error)`},
		{"back in time", `  - {at: "2022-09-26 16:05", as: dsi, do: /crisis open title:x}
  - {at: "2022-09-26 16:00", as: dsi, do: /crisis status}
`, `s.yaml:7:10: step 2 goes back in time`},
		{"bad expect_error", `  - {at: "2022-09-26 16:05", as: dsi, do: /crisis open title:x, expect_error: maybe}
`, `step 1: expect_error must be true or false, not "maybe"`},
		{"no command", `  - {at: "2022-09-26 16:05", as: dsi}
`, `s.yaml:6:5: step 1 has no command (do)`},
		{"bad zone", "", ``},
	}
	for _, c := range cases {
		if c.name == "bad zone" {
			_, err := Parse("s.yaml", []byte("timezone: Mars/Olympus\nscript: []\n"))
			require.Error(t, err)
			assert.Equal(t, `s.yaml:1:11: unknown time zone "Mars/Olympus"`, err.Error())
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("s.yaml", []byte(head+c.body))
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}

// TestMalformedCommandStopsTheReplay: the replay stops at the first step
// whose outcome the script does not expect, naming its number and position.
func TestMalformedCommandStopsTheReplay(t *testing.T) {
	sc, err := Parse("s.yaml", []byte(head+`  - {at: "2022-09-26 16:05", as: dsi, do: /crisis open title:x}
  - {at: "2022-09-26 16:06", as: dsi, do: /log txt:"oops"}
  - {at: "2022-09-26 16:07", as: dsi, do: /crisis status}
`))
	require.NoError(t, err)
	db, err := store.Open(context.Background(), ":memory:")
	require.NoError(t, err)
	defer db.Close()
	res, err := Run(context.Background(), sc, Options{Store: db, Lang: locale.FR})
	require.NoError(t, err)
	require.NotNil(t, res.Failed)
	assert.Equal(t, 2, res.Steps, "the replay stops at the failing step")
	assert.Equal(t, `s.yaml:7:43: step 2 (/log txt:"oops") failed: ⚠️ option inconnue txt pour /log : vouliez-vous dire text ?`, res.Failed.Error())
}

func TestExpectedErrorThatSucceedsFails(t *testing.T) {
	sc, err := Parse("s.yaml", []byte(head+`  - {at: "2022-09-26 16:05", as: dsi, do: /crisis open title:x, expect_error: true}
`))
	require.NoError(t, err)
	db, err := store.Open(context.Background(), ":memory:")
	require.NoError(t, err)
	defer db.Close()
	res, err := Run(context.Background(), sc, Options{Store: db, Lang: locale.FR})
	require.NoError(t, err)
	require.NotNil(t, res.Failed)
	assert.Contains(t, res.Failed.Error(), "succeeded, but the script expects an error")
}

// TestScenarioLanguage: a scenario names the cell's language it is written
// for, and the replay speaks it whatever the configured language; one that
// names none speaks the configured one; an unknown one is refused.
func TestScenarioLanguage(t *testing.T) {
	_, err := Parse("s.yaml", []byte("lang: de\n"+head))
	require.Error(t, err)
	assert.Equal(t, `s.yaml:1:7: unknown language "de": Tocsin speaks fr and en`, err.Error())

	for _, c := range []struct {
		field      string
		configured locale.Lang
		want       string
	}{
		{"lang: en\n", locale.FR, "Crisis #1 opened"},
		{"lang: fr\n", locale.EN, "Crise n° 1 ouverte"},
		{"", locale.EN, "Crisis #1 opened"},
		{"", locale.FR, "Crise n° 1 ouverte"},
	} {
		sc, err := Parse("s.yaml", []byte(c.field+head+`  - {at: "2022-09-26 16:05", as: dsi, do: /crisis open title:x}
`))
		require.NoError(t, err)
		db, err := store.Open(context.Background(), ":memory:")
		require.NoError(t, err)
		res, err := Run(context.Background(), sc, Options{Store: db, Lang: c.configured})
		require.NoError(t, db.Close())
		require.NoError(t, err)
		assert.Contains(t, res.Transcript, c.want, "%q configured %s: got %q", c.field, c.configured, res.Transcript)
	}
}
