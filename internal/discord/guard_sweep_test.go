package discord

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// snowflakeAt is an interaction ID made at t, with seq in its low bits.
func snowflakeAt(t time.Time, seq int) string {
	return strconv.FormatInt((t.UnixMilli()-discordEpoch)<<22|int64(seq), 10)
}

// TestSeenSetSweepsNowAndThen: an interaction is handled once, a replay is
// refused, and the dead tokens are dropped at most once a minute, not on
// every interaction.
func TestSeenSetSweepsNowAndThen(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	var s seenSet
	old := snowflakeAt(t0, 1)
	assert.True(t, s.first(old, t0))
	assert.False(t, s.first(old, t0.Add(time.Second)), "a replay is refused")

	// Past the token's life: the old id is refused by its age alone.
	late := t0.Add(tokenLife + time.Second)
	assert.False(t, s.first(old, late))
	assert.True(t, s.first(snowflakeAt(late, 2), late))
	assert.NotContains(t, s.ids, old, "the first interaction past a minute sweeps")

	// Within the minute, no sweep: the dead id of a later batch stays.
	mid := snowflakeAt(late, 3)
	assert.True(t, s.first(mid, late))
	after := late.Add(tokenLife + time.Second)
	s.swept = after // as if swept just now
	assert.True(t, s.first(snowflakeAt(after, 4), after))
	assert.Contains(t, s.ids, mid, "no sweep within the minute")
	assert.False(t, s.first(mid, after), "a dead id is still refused")
	assert.True(t, s.first(snowflakeAt(after.Add(sweepEvery), 5), after.Add(sweepEvery)))
	assert.NotContains(t, s.ids, mid, "swept a minute later")
}
