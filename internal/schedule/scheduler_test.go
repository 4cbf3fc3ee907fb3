package schedule_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/schedule"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

var paris, _ = time.LoadLocation("Europe/Paris")

// clock is a virtual clock the test moves.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

// seed opens a crisis with one task due 30 minutes after its creation.
func seed(t *testing.T, db *store.DB, at time.Time) {
	t.Helper()
	require.NoError(t, db.Update(context.Background(), func(tx crisis.Tx) error {
		dir, err := crisis.Bootstrap(tx, crisis.Member{ID: "dir", CreatedAt: at})
		require.NoError(t, err)
		op := crisis.NewOp(tx, at, dir, nil)
		_, err = op.AddMember(crisis.Member{ID: "dsi", Capabilities: []crisis.Capability{crisis.CapMember}})
		require.NoError(t, err)
		c, err := op.OpenCrisis(crisis.OpenInput{Title: "Intrusion"})
		require.NoError(t, err)
		_, err = op.AddTask(c, crisis.TaskInput{Title: "Isoler", Assignee: "dsi", Due: at.Add(30 * time.Minute)})
		return err
	}))
}

func newScheduler(db *store.DB, clk *clock, sent *[]schedule.Delivery) *schedule.Scheduler {
	return &schedule.Scheduler{
		Store: db, Now: clk.Now, Loc: paris, Lang: locale.FR, Policy: schedule.DefaultPolicy,
		Notify: func(_ context.Context, d schedule.Delivery) error { *sent = append(*sent, d); return nil },
	}
}

func TestNoticesComeAtTheirTimeOnce(t *testing.T) {
	db, err := store.Open(context.Background(), ":memory:")
	require.NoError(t, err)
	defer db.Close()
	t0 := time.Date(2022, 9, 26, 16, 5, 0, 0, paris)
	seed(t, db, t0)
	clk := &clock{now: t0}
	var sent []schedule.Delivery
	s := newScheduler(db, clk, &sent)
	ctx := context.Background()

	steps := []struct {
		at   time.Time
		want []string // kinds sent at this tick
	}{
		{t0.Add(14 * time.Minute), nil},
		{t0.Add(15 * time.Minute), []string{"reminder"}},
		{t0.Add(15 * time.Minute), nil},
		{t0.Add(30 * time.Minute), []string{"overdue"}},
		{t0.Add(59 * time.Minute), nil},
		{t0.Add(60 * time.Minute), []string{"escalation"}},
		{t0.Add(5 * time.Hour), nil},
	}
	for _, st := range steps {
		clk.now = st.at
		got, err := s.Tick(ctx)
		require.NoError(t, err)
		var kinds []string
		for _, d := range got {
			kinds = append(kinds, string(d.Notice.Kind))
		}
		assert.Equal(t, st.want, kinds, "at %s", st.at.Format("15:04"))
	}
	require.Len(t, sent, 3)
	assert.Equal(t, []string{"dsi"}, sent[0].Notice.Recipients, "reminders go to the owner")
	assert.Equal(t, "⏰ Rappel : tâche #1 « Isoler » à terminer avant le 26/09/2022 16:35.", sent[0].Text)
	assert.Equal(t, []string{"dir", "dsi"}, sent[2].Notice.Recipients, "escalation goes to the director, and the owner")
}

// TestRestartSendsPendingNoticesOnce: a process killed after a reminder and
// started again sends the next notice once, at its time, and not the first.
func TestRestartSendsPendingNoticesOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	db, err := store.Open(ctx, path)
	require.NoError(t, err)
	t0 := time.Date(2022, 9, 26, 16, 5, 0, 0, paris)
	seed(t, db, t0)
	clk := &clock{now: t0.Add(20 * time.Minute)}
	var sent []schedule.Delivery
	_, err = newScheduler(db, clk, &sent).Tick(ctx)
	require.NoError(t, err)
	require.Len(t, sent, 1)
	require.NoError(t, db.Close()) // the process dies

	db, err = store.Open(ctx, path)
	require.NoError(t, err)
	defer db.Close()
	s := newScheduler(db, clk, &sent)
	next, ok, err := s.Next(ctx)
	require.NoError(t, err)
	require.True(t, ok)
	assert.True(t, next.Equal(t0.Add(30*time.Minute)), "the next pending notice is the overdue one: got %v", next)
	_, err = s.Tick(ctx) // same moment: the reminder is not sent again
	require.NoError(t, err)
	assert.Len(t, sent, 1)
	clk.now = next
	_, err = s.Tick(ctx)
	require.NoError(t, err)
	require.Len(t, sent, 2)
	assert.Equal(t, crisis.NoticeOverdue, sent[1].Notice.Kind)
}

// TestLongAbsenceSendsOnlyTheLatest: after hours with nobody running, a
// task gets its escalation, not a stale reminder and overdue notice too.
func TestLongAbsenceSendsOnlyTheLatest(t *testing.T) {
	db, err := store.Open(context.Background(), ":memory:")
	require.NoError(t, err)
	defer db.Close()
	t0 := time.Date(2022, 9, 26, 16, 5, 0, 0, paris)
	seed(t, db, t0)
	clk := &clock{now: t0.Add(3 * time.Hour)}
	var sent []schedule.Delivery
	_, err = newScheduler(db, clk, &sent).Tick(context.Background())
	require.NoError(t, err)
	require.Len(t, sent, 1)
	assert.Equal(t, crisis.NoticeEscalation, sent[0].Notice.Kind)
	require.NoError(t, db.View(context.Background(), func(tx crisis.Tx) error {
		ns, err := tx.Notices(1)
		require.Len(t, ns, 3, "the stale notices are written down as skipped")
		assert.True(t, ns[0].Skipped)
		return err
	}))
}

func TestLongTasksAreChasedAhead(t *testing.T) {
	db, err := store.Open(context.Background(), ":memory:")
	require.NoError(t, err)
	defer db.Close()
	t0 := time.Date(2022, 9, 26, 16, 0, 0, 0, paris)
	require.NoError(t, db.Update(context.Background(), func(tx crisis.Tx) error {
		dir, err := crisis.Bootstrap(tx, crisis.Member{ID: "dir", CreatedAt: t0})
		require.NoError(t, err)
		op := crisis.NewOp(tx, t0, dir, nil)
		c, err := op.OpenCrisis(crisis.OpenInput{Title: "x"})
		require.NoError(t, err)
		_, err = op.AddTask(c, crisis.TaskInput{Title: "Notifier la CNIL", Assignee: "dir", Due: t0.Add(72 * time.Hour)})
		return err
	}))
	clk := &clock{now: t0}
	var sent []schedule.Delivery
	s := newScheduler(db, clk, &sent)
	var times []string
	for {
		next, ok, err := s.Next(context.Background())
		require.NoError(t, err)
		if !ok {
			break
		}
		clk.now = next
		_, err = s.Tick(context.Background())
		require.NoError(t, err)
		times = append(times, next.In(paris).Format("02 15:04"))
	}
	assert.Equal(t, []string{"28 16:00", "29 10:00", "29 15:45", "29 16:00", "29 16:30"}, times)
}
