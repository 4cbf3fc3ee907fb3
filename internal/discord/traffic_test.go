package discord

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// returned runs giveWay in the background and reports when it returns.
func returned(ctx context.Context, tr *traffic, deadline time.Time) <-chan struct{} {
	out := make(chan struct{})
	go func() {
		tr.giveWay(ctx, deadline)
		close(out)
	}()
	return out
}

// stillWaiting says whether giveWay has not returned after a moment: long
// enough for a wrongly quick return to show, not a measure of anything.
func stillWaiting(c <-chan struct{}) bool {
	select {
	case <-c:
		return false
	case <-time.After(50 * time.Millisecond):
		return true
	}
}

// within fails the test unless c is closed within a generous while.
func within(t *testing.T, c <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-c:
	case <-time.After(10 * time.Second):
		t.Fatalf("giveWay still waiting: %s", what)
	}
}

// TestMirrorGivesWayToInteractions: a mirror job waits while an
// interaction is being answered, and goes on as soon as none is, or once
// it has waited its share, or when the bot stops.
func TestMirrorGivesWayToInteractions(t *testing.T) {
	far := func() time.Time { return time.Now().Add(time.Hour) }
	t.Run("quiet: no wait", func(t *testing.T) {
		tr := newTraffic()
		within(t, returned(context.Background(), tr, far()), "nothing is being answered")
	})
	t.Run("busy: waits for the last answer", func(t *testing.T) {
		tr := newTraffic()
		tr.enter()
		tr.enter()
		done := returned(context.Background(), tr, far())
		require.True(t, stillWaiting(done), "returned while two interactions were being answered")
		tr.leave()
		require.True(t, stillWaiting(done), "returned while one interaction was still being answered")
		tr.leave()
		within(t, done, "the last answer is sent")
	})
	t.Run("busy: waits no longer than its deadline", func(t *testing.T) {
		tr := newTraffic()
		tr.enter()
		defer tr.leave()
		within(t, returned(context.Background(), tr, time.Now().Add(-time.Second)), "the deadline had passed")
		within(t, returned(context.Background(), tr, time.Now().Add(20*time.Millisecond)), "the deadline passes")
	})
	t.Run("busy: the bot stops", func(t *testing.T) {
		tr := newTraffic()
		tr.enter()
		defer tr.leave()
		ctx, cancel := context.WithCancel(context.Background())
		done := returned(ctx, tr, far())
		require.True(t, stillWaiting(done))
		cancel()
		within(t, done, "the context ended")
	})
	t.Run("a new burst after a quiet moment", func(t *testing.T) {
		tr := newTraffic()
		tr.enter()
		tr.leave()
		tr.enter()
		done := returned(context.Background(), tr, far())
		assert.True(t, stillWaiting(done), "the quiet moment before the burst let the job through")
		tr.leave()
		within(t, done, "the burst is answered")
	})
}

// TestQueueSaysWhenAJobBecameReady: the give-way deadline counts from the
// moment a job could have run, not from when a worker took it.
func TestQueueSaysWhenAJobBecameReady(t *testing.T) {
	q := newQueue()
	before := time.Now()
	q.add(job{kind: jobTask, crisis: 1, object: 2})
	after := time.Now()
	_, since, ok := q.get()
	require.True(t, ok)
	assert.False(t, since.Before(before), "ready at %v, before it was added at %v", since, before)
	assert.False(t, since.After(after), "ready at %v, after add returned at %v", since, after)
}
