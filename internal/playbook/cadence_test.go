package playbook

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestNextOccurrenceKeepsTheRhythm: a recurring step comes back one
// period after the previous due time, whenever it was done; a slot past or
// less than half a period away is skipped, however late the cell is.
func TestNextOccurrenceKeepsTheRhythm(t *testing.T) {
	at := func(d, h, m int) time.Time { return time.Date(2022, 9, d, h, m, 0, 0, time.UTC) }
	step := Step{Every: Duration(4 * time.Hour)}
	cases := []struct {
		name         string
		prevDue, now time.Time
		want         time.Time
	}{
		{"done early", at(26, 20, 0), at(26, 18, 0), at(27, 0, 0)},
		{"done on time", at(26, 20, 0), at(26, 20, 0), at(27, 0, 0)},
		{"done late, next slot still ahead", at(26, 20, 0), at(26, 21, 30), at(27, 0, 0)},
		{"done so late the next slot is close", at(26, 20, 0), at(26, 22, 30), at(27, 4, 0)},
		{"done two days late", at(26, 20, 0), at(28, 21, 0), at(29, 0, 0)},
		{"no previous due time", time.Time{}, at(26, 17, 0), at(26, 21, 0)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, nextOccurrence(c.prevDue, c.now, step))
		})
	}
	assert.True(t, nextOccurrence(at(26, 20, 0), at(26, 20, 0), Step{}).IsZero(), "a step that does not recur")
}
