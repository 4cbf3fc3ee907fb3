package schedule

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// Delivery is a notice to post, with what it is about.
type Delivery struct {
	Notice crisis.Notice
	Task   crisis.Task
	Crisis crisis.Crisis
	Text   string // the message, without mentions: the front end adds them for Recipients
	// Key is the same for every attempt at one notice, and differs between
	// notices: a front end that can drop duplicates (Discord's message
	// nonce) uses it so a retry after a lost answer never posts twice.
	Key string
}

// Scheduler sends the notices that fall due.
type Scheduler struct {
	Store  crisis.Store
	Now    func() time.Time
	Loc    *time.Location
	Lang   locale.Lang
	Policy Policy
	// Notify posts a delivery. A notice is written to the outbox first, in
	// the transaction that decides it is due; it is marked delivered only
	// when Notify returns nil, and tried again later (see Backoff) when it
	// fails, so nothing is lost to a passing outage.
	Notify func(ctx context.Context, d Delivery) error
	Log    *slog.Logger

	deliver sync.Mutex // one delivery round at a time: a notice never goes out twice at once
}

// Tick writes down every notice due by now that has not been, then
// delivers what waits in the outbox, oldest first. When several notices of
// a task are due at once (nobody was running), only the latest goes out: a
// reminder is stale once the task is overdue. It returns the notices this
// tick wrote down.
func (s *Scheduler) Tick(ctx context.Context) ([]Delivery, error) {
	now := s.Now()
	var out []Delivery
	err := s.Store.Update(ctx, func(tx crisis.Tx) error {
		out = out[:0]
		tasks, err := tx.ChasedTasks()
		if err != nil {
			return err
		}
		for _, t := range tasks {
			var due []planned
			for _, p := range s.Policy.plan(t) {
				if !p.at.After(now) {
					due = append(due, p)
				}
			}
			for i, p := range due {
				d, sent, err := s.claim(tx, t, p, now, i < len(due)-1)
				if err != nil {
					return err
				}
				if sent {
					out = append(out, d)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("scheduler tick: %w", err)
	}
	slices.SortStableFunc(out, func(a, b Delivery) int { return a.Notice.DueAt.Compare(b.Notice.DueAt) })
	if _, ok := s.Store.(Outbox); !ok {
		// A store without an outbox: deliver once, as written.
		s.notifyAll(ctx, out)
		return out, nil
	}
	if err := s.Deliver(ctx); err != nil {
		return out, err
	}
	return out, nil
}

func (s *Scheduler) notifyAll(ctx context.Context, ds []Delivery) {
	for _, d := range ds {
		if s.Notify == nil {
			continue
		}
		if err := s.Notify(ctx, d); err != nil && s.Log != nil {
			s.Log.Error("notice not delivered", slog.Int64("task", d.Task.ID), slog.String("kind", string(d.Notice.Kind)), slog.Any("err", err))
		}
	}
}

// claim writes the notice down; it reports whether it is to be sent now.
func (s *Scheduler) claim(tx crisis.Tx, t crisis.Task, p planned, now time.Time, superseded bool) (Delivery, bool, error) {
	c, err := tx.Crisis(t.CrisisID)
	if err != nil {
		return Delivery{}, false, err
	}
	to, err := recipients(tx, c, t, p.kind)
	if err != nil {
		return Delivery{}, false, err
	}
	n := crisis.Notice{CrisisID: c.ID, TaskID: t.ID, Kind: p.kind, DueAt: p.at, SentAt: now, Recipients: to, Skipped: superseded}
	claimed, err := tx.ClaimNotice(&n)
	if err != nil || !claimed || superseded {
		return Delivery{}, false, err
	}
	d := Delivery{Notice: n, Task: t, Crisis: c, Text: s.text(n, t), Key: noticeNonce(n.ID)}
	if p.kind != crisis.NoticeReminder {
		// Overdue work and escalations belong in the crisis log: they are
		// part of what happened. The entry is dated when it was due.
		// It is written in the cell's language, as every entry the bot writes.
		op := crisis.NewOp(tx, now, crisis.Member{ID: "tocsin"}, nil)
		op.Lang = s.Lang
		if _, err := op.Log(c, crisis.LogTask, p.at, op.T("log.notice."+string(p.kind), t.Ref(), t.Title, mentions(to))); err != nil {
			return Delivery{}, false, err
		}
	}
	return d, true, nil
}

// recipients: the owner for reminders and overdue notices (or, for a task
// nobody holds, the holders of its role, else the directors); the directors
// and the owner for escalations.
func recipients(tx crisis.Tx, c crisis.Crisis, t crisis.Task, kind crisis.NoticeKind) ([]string, error) {
	if kind == crisis.NoticeEscalation {
		ids, err := directors(tx, c)
		if err == nil && t.Owner != "" && !slices.Contains(ids, t.Owner) {
			ids = append(ids, t.Owner)
		}
		return ids, err
	}
	{
		if t.Owner != "" {
			return []string{t.Owner}, nil
		}
		if t.Role != "" {
			roles, err := tx.Roles(c.ID)
			if err != nil {
				return nil, err
			}
			var ids []string
			for _, r := range roles {
				if r.Role == t.Role {
					ids = append(ids, r.MemberID)
				}
			}
			if len(ids) > 0 {
				return ids, nil
			}
		}
	}
	return directors(tx, c)
}

// directors are the holders of the crisis's director role when someone has
// it, else every member with the director capability.
func directors(tx crisis.Tx, c crisis.Crisis) ([]string, error) {
	roles, err := tx.Roles(c.ID)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, r := range roles {
		if r.Role == "directeur" || r.Role == "director" {
			ids = append(ids, r.MemberID)
		}
	}
	if len(ids) > 0 {
		return ids, nil
	}
	ms, err := tx.Members()
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		if slices.Contains(m.Capabilities, crisis.CapDirector) {
			ids = append(ids, m.ID)
		}
	}
	return ids, nil
}

func mentions(ids []string) string {
	s := ""
	for i, id := range ids {
		if i > 0 {
			s += ", "
		}
		s += "@" + id
	}
	return s
}

func (s *Scheduler) text(n crisis.Notice, t crisis.Task) string {
	due := locale.FormatTime(t.Due, s.Loc, s.Lang)
	switch n.Kind {
	case crisis.NoticeReminder:
		return locale.T(s.Lang, "notice.reminder", t.Ref(), t.Title, due)
	case crisis.NoticeOverdue:
		return locale.T(s.Lang, "notice.overdue", t.Ref(), t.Title, due)
	}
	owner := locale.T(s.Lang, "task.nobody")
	if t.Owner != "" {
		owner = "@" + t.Owner
	}
	return locale.T(s.Lang, "notice.escalation", t.Ref(), t.Title, owner, due)
}

// Next is the time of the earliest notice not yet sent, so a virtual clock
// can stop at it. ok is false when nothing is pending.
func (s *Scheduler) Next(ctx context.Context) (next time.Time, ok bool, err error) {
	err = s.Store.View(ctx, func(tx crisis.Tx) error {
		tasks, err := tx.ChasedTasks()
		if err != nil {
			return err
		}
		sent := map[int64]map[string]bool{}
		for _, t := range tasks {
			if _, seen := sent[t.CrisisID]; !seen {
				ns, err := tx.Notices(t.CrisisID)
				if err != nil {
					return err
				}
				sent[t.CrisisID] = map[string]bool{}
				for _, n := range ns {
					sent[t.CrisisID][noticeKey(n.TaskID, n.Kind, n.DueAt)] = true
				}
			}
			for _, p := range s.Policy.plan(t) {
				if !sent[t.CrisisID][noticeKey(t.ID, p.kind, p.at)] && (!ok || p.at.Before(next)) {
					next, ok = p.at, true
				}
			}
		}
		return nil
	})
	return next, ok, err
}

func noticeKey(task int64, kind crisis.NoticeKind, at time.Time) string {
	return fmt.Sprintf("%d/%s/%d", task, kind, at.UnixNano())
}

// Run ticks every interval until ctx ends: the wall-clock loop of serve and
// console. Callers tick once themselves at start-up, so what fell due
// while nobody was running goes out before anything else.
func (s *Scheduler) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if _, err := s.Tick(ctx); err != nil && s.Log != nil && ctx.Err() == nil {
			s.Log.Error("scheduler", slog.Any("err", err))
		}
	}
}
