package console

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// Notify shows a notice the scheduler of this process sent, when it is for
// this console's member; a notice for someone else is theirs to see, in
// their own console or on Discord.
func (c *Console) Notify(n crisis.Notice, text string) {
	if !slices.Contains(n.Recipients, c.Actor) || !c.markSeen(n.ID) {
		return
	}
	c.Print("🔔 " + text)
}

// ShowNotices shows the notices for this console's member that another
// process sent since the session began: with several consoles on one
// database, whichever ticks first sends a notice, and the member it is for
// must see it all the same.
func (c *Console) ShowNotices(ctx context.Context, since time.Time) error {
	var lines []string
	err := c.Env.Store.View(ctx, func(tx crisis.Tx) error {
		crises, err := tx.Crises()
		if err != nil {
			return err
		}
		for _, cr := range crises {
			ns, err := tx.Notices(cr.ID)
			if err != nil {
				return err
			}
			for _, n := range ns {
				if n.Skipped || n.SentAt.Before(since) || !slices.Contains(n.Recipients, c.Actor) || !c.markSeen(n.ID) {
					continue
				}
				t, err := tx.Task(n.TaskID)
				if err != nil {
					return err
				}
				lines = append(lines, "🔔 "+NoticeText(c.Env.Lang, c.Env.Loc, n, t))
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("notices: %w", err)
	}
	for _, l := range lines {
		c.Print(l)
	}
	return nil
}

// markSeen records a notice as shown; false when it already was.
func (c *Console) markSeen(id int64) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seen == nil {
		c.seen = map[int64]bool{}
	}
	if c.seen[id] {
		return false
	}
	c.seen[id] = true
	return true
}

// NoticeText is a notice in lang, as the scheduler words it.
func NoticeText(lang locale.Lang, loc *time.Location, n crisis.Notice, t crisis.Task) string {
	due := locale.FormatTime(t.Due, loc, lang)
	switch n.Kind {
	case crisis.NoticeReminder:
		return locale.T(lang, "notice.reminder", t.Ref(), t.Title, due)
	case crisis.NoticeOverdue:
		return locale.T(lang, "notice.overdue", t.Ref(), t.Title, due)
	}
	owner := locale.T(lang, "task.nobody")
	if t.Owner != "" {
		owner = "@" + t.Owner
	}
	return locale.T(lang, "notice.escalation", t.Ref(), t.Title, owner, due)
}
