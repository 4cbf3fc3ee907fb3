package command_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// TestNextUpdateHoldsWhateverTheApprovalTime: the public update promises
// the next one at the time the board then schedules, when the update is
// approved minutes or hours after it was drafted, on time or late, and
// across midnight. The playbook's public update recurs every 4 h at a
// fixed rhythm from its first due time (20:05 on the 26th, the crisis
// opened at 16:05).
func TestNextUpdateHoldsWhateverTheApprovalTime(t *testing.T) {
	day := func(d, h, m int) time.Time { return time.Date(2022, 9, d, h, m, 0, 0, paris) }
	cases := []struct {
		name             string
		drafted, approve time.Time
		want             time.Time
	}{
		{"approved at once", day(26, 19, 5), day(26, 19, 5), day(27, 0, 5)},
		{"approved half an hour later", day(26, 19, 5), day(26, 19, 35), day(27, 0, 5)},
		{"approved after its own slot", day(26, 19, 50), day(26, 20, 30), day(27, 0, 5)},
		{"published late, next slot too close", day(26, 23, 50), day(26, 23, 55), day(27, 4, 5)},
		{"drafted before midnight, approved after", day(26, 23, 40), day(27, 0, 20), day(27, 4, 5)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := withPlaybook(t)
			h.now = c.drafted
			body := statusBody(h)
			m := nextUpdateRe.FindStringSubmatch(body)
			require.NotNil(t, m, "got %q, want a next update time", body)
			promised, err := time.ParseInLocation("02/01/2006 15:04", m[1]+" "+m[2], paris)
			require.NoError(t, err)
			assert.Equal(t, c.want.Format(time.DateTime), promised.Format(time.DateTime), "the update's promise")

			h.now = c.approve
			h.must("comm", `/draft approve id:1`)
			next := activeStep(t, h, "point-public")
			assert.Equal(t, c.want.Format(time.DateTime), next.Due.In(paris).Format(time.DateTime),
				"the board's next update (the update promised %s)", promised.Format(time.DateTime))
		})
	}
}

// activeStep is the open task of a playbook step.
func activeStep(t *testing.T, h *harness, step string) crisis.Task {
	t.Helper()
	var found crisis.Task
	require.NoError(t, h.db.View(context.Background(), func(tx crisis.Tx) error {
		ts, err := tx.Tasks(1, crisis.TaskFilter{})
		for _, tk := range ts {
			if tk.StepID == step && tk.Active() {
				found = tk
			}
		}
		return err
	}))
	require.NotZero(t, found.ID, fmt.Sprintf("no open task of step %s", step))
	return found
}
