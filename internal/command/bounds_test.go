package command_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// TestTimesWithinBounds: times near the bounds (a year back, a year ahead)
// are accepted; those past them are refused by TestBadInput.
func TestTimesWithinBounds(t *testing.T) {
	h := newHarness(t) // now: 2022-09-26 16:05, Paris
	h.must("dsi", `/crisis open title:"Intrusion" detected_at:"2021-09-27 10:00" started_at:"2021-09-27 09:00"`)
	for _, line := range []string{
		`/log text:"il y a près de deux ans" at:"2020-09-28 10:00"`, // a year before the attack began
		`/log text:"à minuit" at:"2022-09-26 00:00"`,
		`/task add title:"dans un an" due:"2023-09-26 16:05"`,
		`/task add title:"dans 365 jours" due:365d`,
		`/task add title:"hier soir, déjà en retard" due:"2022-09-25 23:59"`,
	} {
		h.must("dsi", line)
	}
}

// TestGivenTimeIsNeverNow: a time given is kept or refused, never taken for
// "no time" and replaced by the time of writing.
func TestGivenTimeIsNeverNow(t *testing.T) {
	h := newHarness(t)
	h.must("dsi", `/crisis open title:"Intrusion"`)
	r := h.run("dsi", `/log text:x at:0001-01-01T00:00:00Z`)
	require.True(t, r.Failed, "got %q, want a refusal", r.Text)
	r = h.must("dsi", `/log text:y at:"2022-09-26 15:00"`)
	assert.Contains(t, r.Text, "fait du 26/09/2022 15:00")
	r = h.must("dsi", `/log text:z`)
	assert.Contains(t, r.Text, "26/09/2022 16:05", "an entry with no time is dated when written")
}

// TestParseTimeBounds: ParseTime itself refuses what no cell writes, so
// every front end gets the same bounds.
func TestParseTimeBounds(t *testing.T) {
	now := time.Date(2022, 9, 26, 16, 5, 0, 0, paris)
	for _, c := range []struct {
		in  string
		typ command.Type
	}{
		{"0001-01-01T00:00:00Z", command.PastTime},
		{"0001-01-01 00:00", command.PastTime},
		{"1969-12-31T23:59:59Z", command.PastTime},
		{"9999-12-31 23:59", command.DueTime},
		{"100000d100000d100000d", command.DueTime},
		{"3651d", command.PastTime},
	} {
		got, err := command.ParseTime(c.in, now, paris, c.typ)
		assert.Error(t, err, "ParseTime(%q): got %v, want an error", c.in, got)
	}
	got, err := command.ParseTime("1970-01-01T00:00:00Z", now, paris, command.PastTime)
	require.NoError(t, err)
	assert.True(t, got.Equal(crisis.Earliest))
}
