package discord

import (
	"context"
	"sync"
	"time"
)

// The mirror gives way to the interactions. Someone who typed a command
// waits on their phone for its answer, and Discord fails an interaction
// not answered within three seconds; nobody waits on a task's message in
// the channel. Under a meeting's burst, the mirror's edits took a third
// of the processor from the answers (the bench's profile: reading each
// task again, editing its message, saving the message's reference). So a
// mirror job waits while interactions are being answered, for a quiet
// moment, and at most giveWayFor after it became ready: a burst delays the
// channel's messages by a second at most, never starves them, and the
// adds made meanwhile coalesce into one edit.
const giveWayFor = time.Second

// traffic counts the interactions being answered.
type traffic struct {
	mu sync.Mutex
	n  int
	// quiet is closed when n falls to zero, and made anew when it rises.
	quiet chan struct{}
}

func newTraffic() *traffic {
	t := &traffic{quiet: make(chan struct{})}
	close(t.quiet)
	return t
}

// enter counts one more interaction being answered; leave, one fewer.
func (t *traffic) enter() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.n == 0 {
		t.quiet = make(chan struct{})
	}
	t.n++
}

func (t *traffic) leave() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.n--
	if t.n == 0 {
		close(t.quiet)
	}
}

// giveWay waits until no interaction is being answered, or until the
// deadline, or ctx ends.
func (t *traffic) giveWay(ctx context.Context, deadline time.Time) {
	t.mu.Lock()
	quiet := t.quiet
	t.mu.Unlock()
	wait := time.Until(deadline)
	if wait <= 0 {
		return
	}
	select {
	case <-quiet:
		return
	default:
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case <-quiet:
	case <-timer.C:
	case <-ctx.Done():
	}
}
