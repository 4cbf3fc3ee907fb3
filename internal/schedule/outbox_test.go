package schedule_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/schedule"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// TestNoticeRetriedUntilAccepted: Discord refuses the overdue notice twice;
// it is kept and tried again after 30 s then 60 s, delivered once when
// Discord accepts it, with the same key on every attempt.
func TestNoticeRetriedUntilAccepted(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, ":memory:")
	require.NoError(t, err)
	defer db.Close()
	t0 := time.Date(2022, 9, 26, 16, 5, 0, 0, paris)
	seed(t, db, t0)
	clk := &clock{now: t0.Add(30 * time.Minute)} // the task is due: reminder and overdue
	refuse := 2
	var tries, accepted []schedule.Delivery
	s := &schedule.Scheduler{
		Store: db, Now: clk.Now, Loc: paris, Lang: locale.FR, Policy: schedule.DefaultPolicy,
		Notify: func(_ context.Context, d schedule.Delivery) error {
			tries = append(tries, d)
			if refuse > 0 {
				refuse--
				return errors.New("503 Service Unavailable")
			}
			accepted = append(accepted, d)
			return nil
		},
	}
	_, err = s.Tick(ctx)
	require.NoError(t, err)
	assert.Empty(t, accepted, "Discord refused the first attempt")

	clk.now = clk.now.Add(29 * time.Second)
	_, err = s.Tick(ctx)
	require.NoError(t, err)
	assert.Len(t, tries, 1, "got a retry before the 30 s backoff, want none")

	clk.now = clk.now.Add(time.Second)
	_, err = s.Tick(ctx)
	require.NoError(t, err)
	assert.Len(t, tries, 2, "the second attempt comes 30 s after the first")

	clk.now = clk.now.Add(60 * time.Second)
	for range 3 {
		_, err = s.Tick(ctx)
		require.NoError(t, err)
	}
	require.Len(t, accepted, 1, "got %d deliveries, want exactly one once accepted", len(accepted))
	assert.Equal(t, "overdue", string(accepted[0].Notice.Kind))
	for _, d := range tries {
		assert.Equal(t, tries[0].Key, d.Key, "every attempt carries the same key")
	}
	assert.NotEmpty(t, tries[0].Key)
}

func TestBackoffDoublesToTenMinutes(t *testing.T) {
	for _, c := range []struct {
		attempts int
		want     time.Duration
	}{{1, 30 * time.Second}, {2, time.Minute}, {3, 2 * time.Minute}, {5, 8 * time.Minute}, {6, 10 * time.Minute}, {40, 10 * time.Minute}} {
		assert.Equal(t, c.want, schedule.Backoff(c.attempts), "attempts %d", c.attempts)
	}
}
