package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"

	"github.com/bwmarrin/discordgo"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// A crisis's private thread is seen on Discord only by the members added
// to it (and by those who may manage threads): seeing the channel it
// hangs from is not enough. The mirror therefore keeps each open crisis's
// thread joined by the cell, the opener and every member the record knows
// with a capability, through the same converging queue as the messages:
// a refused or rate-limited addition is tried again with backoff.

// threadKey names the record that a crisis's place is a private thread
// the bot started (rather than a channel), and which.
func threadKey(id int64) string { return fmt.Sprintf("thread:%d", id) }

// showThreadMembers adds to a crisis's thread every member of the cell not
// yet added. A crisis shown in a channel, or whose thread does not exist
// yet, needs nothing: ensureChannel queues this job once the thread exists.
func (b *Bot) showThreadMembers(ctx context.Context, id int64) error {
	ref, err := b.db.MessageRefOf(ctx, threadKey(id))
	if errors.Is(err, crisis.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	want, err := b.cell(ctx, id)
	if err != nil {
		return err
	}
	m := b.mirrorer
	for _, user := range want {
		key := ref.Channel + ":" + user
		m.mu.Lock()
		done := m.joined[key]
		m.mu.Unlock()
		if done {
			continue
		}
		err := b.s.ThreadMemberAdd(ref.Channel, user, discordgo.WithContext(ctx))
		switch {
		case err == nil:
		case discordCode(err) == discordgo.ErrCodeUnknownMember:
			// They left the server: there is no one to add.
			b.log.Info("a member of the cell is no longer in the server; not added to the crisis's thread",
				slog.Int64("crisis", id), slog.String("member", user))
		default:
			return fmt.Errorf("add member %s to crisis %d's thread: %w", user, id, err)
		}
		m.mu.Lock()
		m.joined[key] = true
		m.mu.Unlock()
	}
	return nil
}

// cell lists who must see an open crisis's thread: its opener, then every
// member the record knows with a capability. A closed crisis takes no
// newcomer. IDs that are not Discord users (members written at the
// console) are left out.
func (b *Bot) cell(ctx context.Context, id int64) ([]string, error) {
	var out []string
	err := b.env.Store.View(ctx, func(tx crisis.Tx) error {
		c, err := tx.Crisis(id)
		if err != nil {
			return err
		}
		if c.State != crisis.Open {
			return nil
		}
		ms, err := tx.Members()
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		add := func(user string) {
			if !seen[user] && isUserID(user) {
				seen[user] = true
				out = append(out, user)
			}
		}
		add(c.OpenedBy)
		for _, m := range ms {
			if len(m.Capabilities) > 0 {
				add(m.ID)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list crisis %d's cell: %w", id, err)
	}
	return out, nil
}

// isUserID says whether id can be a Discord user's snowflake.
func isUserID(id string) bool {
	n, err := strconv.ParseUint(id, 10, 64)
	return err == nil && n > 0
}

// joinOpenThreads queues, for every open crisis, the addition of the
// cell's newcomers to its thread; it runs when a member first holds a
// capability. In channel mode the channel's overwrites already show the
// crisis to them.
func (b *Bot) joinOpenThreads(ctx context.Context) {
	m := b.mirrorer
	if !b.cfg.Threads || m == nil {
		return
	}
	var open []int64
	err := b.env.Store.View(ctx, func(tx crisis.Tx) error {
		cs, err := tx.Crises()
		for _, c := range cs {
			if c.State == crisis.Open {
				open = append(open, c.ID)
			}
		}
		return err
	})
	if err != nil {
		b.log.Error("list the open crises to add a newcomer to their threads", slog.Any("err", err))
	}
	for _, id := range open {
		m.q.add(job{kind: jobThreadMembers, crisis: id})
	}
}
