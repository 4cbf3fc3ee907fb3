package schedule

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// Outbox is the store's side of delivery: the notices written down but not
// yet accepted by the front end. The scheduler uses it when its Store
// provides it (the SQLite store does).
type Outbox interface {
	// PendingNotices lists the undelivered notices whose next attempt is due.
	PendingNotices(ctx context.Context, now time.Time) ([]crisis.Notice, error)
	// NoticeDelivered marks a notice accepted: it never goes out again.
	NoticeDelivered(ctx context.Context, id int64, at time.Time) error
	// NoticeFailed counts a failed attempt; retry gives the next attempt's
	// time from the number of failures so far.
	NoticeFailed(ctx context.Context, id int64, cause string, retry func(attempts int) time.Time) error
}

// Backoff is the wait before the next attempt at a notice that failed
// attempts times: 30 s, doubling, at most 10 minutes. A notice is tried
// until it is accepted: a reminder late is better than a reminder lost.
func Backoff(attempts int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < attempts && d < 10*time.Minute; i++ {
		d *= 2
	}
	return min(d, 10*time.Minute)
}

// noticeNonce is a notice's delivery key: short enough for Discord's nonce
// (25 characters), the same on every attempt.
func noticeNonce(id int64) string { return fmt.Sprintf("tocsin-n%d", id) }

// Deliver offers Notify every notice of the outbox whose attempt is due,
// oldest due first, and records what was accepted and what must be tried
// again. It returns an error only when the outbox itself cannot be read or
// written; a front end's refusal is recorded and retried later.
func (s *Scheduler) Deliver(ctx context.Context) error {
	ob, ok := s.Store.(Outbox)
	if !ok || s.Notify == nil {
		return nil
	}
	s.deliver.Lock()
	defer s.deliver.Unlock()
	now := s.Now()
	pending, err := ob.PendingNotices(ctx, now)
	if err != nil {
		return fmt.Errorf("deliver notices: %w", err)
	}
	slices.SortStableFunc(pending, func(a, b crisis.Notice) int { return a.DueAt.Compare(b.DueAt) })
	for _, n := range pending {
		d, err := s.delivery(ctx, n)
		if err == nil {
			err = s.Notify(ctx, d)
		}
		if err != nil {
			if s.Log != nil {
				s.Log.Warn("notice not delivered; it will be tried again", slog.Int64("notice", n.ID), slog.Int64("task", n.TaskID),
					slog.String("kind", string(n.Kind)), slog.Any("err", err))
			}
			retry := func(attempts int) time.Time { return s.Now().Add(Backoff(attempts)) }
			if err := ob.NoticeFailed(ctx, n.ID, err.Error(), retry); err != nil {
				return fmt.Errorf("deliver notices: %w", err)
			}
			continue
		}
		if err := ob.NoticeDelivered(ctx, n.ID, s.Now()); err != nil {
			return fmt.Errorf("deliver notices: %w", err)
		}
	}
	return nil
}

// delivery reads what a notice is about as it stands now.
func (s *Scheduler) delivery(ctx context.Context, n crisis.Notice) (Delivery, error) {
	var d Delivery
	err := s.Store.View(ctx, func(tx crisis.Tx) error {
		c, err := tx.Crisis(n.CrisisID)
		if err != nil {
			return err
		}
		t, err := tx.Task(n.TaskID)
		if err != nil {
			return err
		}
		d = Delivery{Notice: n, Task: t, Crisis: c, Text: s.text(n, t), Key: noticeNonce(n.ID)}
		return nil
	})
	return d, err
}
