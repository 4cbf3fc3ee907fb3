package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/schedule"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// The mirror shows the record on Discord and converges rather than
// replays: each message (a crisis's channel, its pinned board, a task's or
// a draft's message, a publication) has one desired state, read from the
// record when a worker gets to it. A command only queues the keys it
// touched; the queue coalesces them, workers bring Discord to the state,
// retrying with backoff, re-posting what a moderator deleted, and nothing
// of a crisis is posted until its own channel exists.

// mirrorWorkers is how many jobs run at once; a job holds one while
// discordgo waits out a rate limit, so a few keep the rest moving.
const mirrorWorkers = 4

// waitChannel is how soon a job that needs a channel still being created
// looks again.
const waitChannel = 250 * time.Millisecond

// boardEvery is the least time between two drawings of a crisis's board.
// A meeting's burst of commands redraws it once a second rather than after
// every command: each drawing reads the record and edits one message,
// which Discord allows about five times in five seconds. A command after a
// quiet second shows at once.
const boardEvery = time.Second

// repinAfter is how soon a pin refused for want of permission is tried
// again.
const repinAfter = time.Minute

// errWaitChannel says a job waits for its crisis's channel.
var errWaitChannel = errors.New("the crisis's channel is not created yet")

// mirrorer is the mirror's state: the queue, and what it knows of Discord
// beyond the store (what it last sent, what it pinned).
type mirrorer struct {
	q      *queue
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu       sync.Mutex
	sent     map[string]string // ref key → content last accepted
	pinned   map[string]string // ref key → message pinned
	cannotPn map[int64]bool    // crises whose board the bot may not pin
	joined   map[string]bool   // "threadID:userID" already added to a crisis's thread
}

// startMirror starts the workers and repairs every open crisis's messages.
func (b *Bot) startMirror() {
	ctx, cancel := context.WithCancel(context.Background())
	m := &mirrorer{q: newQueue(), cancel: cancel, sent: map[string]string{}, pinned: map[string]string{}, cannotPn: map[int64]bool{}, joined: map[string]bool{}}
	m.q.space(jobBoard, boardEvery)
	b.mirrorer = m
	for range mirrorWorkers {
		m.wg.Add(1)
		go func() {
			defer m.wg.Done()
			b.work(ctx)
		}()
	}
	if err := b.repair(ctx); err != nil {
		b.log.Error("repair the mirror at start-up", slog.Any("err", err))
	}
}

// stopMirror stops the workers; what they were doing is done again at the
// next start-up's repair.
func (b *Bot) stopMirror() {
	if m := b.mirrorer; m != nil {
		m.q.shutdown()
		m.cancel()
		m.wg.Wait()
	}
}

// mirror queues what a command changed; the workers show it.
func (b *Bot) mirror(_ context.Context, r command.Reply) {
	m := b.mirrorer
	if m == nil {
		return
	}
	for _, ev := range r.Events {
		switch ev.Kind {
		case crisis.EventCrisisOpened:
			m.q.add(job{kind: jobChannel, crisis: ev.CrisisID})
		case crisis.EventTaskCreated, crisis.EventTaskChanged:
			m.q.add(job{kind: jobTask, crisis: ev.CrisisID, object: ev.ObjectID})
		case crisis.EventDraftChanged:
			m.q.add(job{kind: jobDraft, crisis: ev.CrisisID, object: ev.ObjectID})
		case crisis.EventPublished:
			m.q.add(job{kind: jobPublish, crisis: ev.CrisisID, object: ev.ObjectID})
		}
		m.q.add(job{kind: jobBoard, crisis: ev.CrisisID})
	}
}

// repair walks the open crises and queues every message they show, so what
// changed while the bot was away (a deleted board, a missed edit) is put
// right.
func (b *Bot) repair(ctx context.Context) error {
	var jobs []job
	err := b.env.Store.View(ctx, func(tx crisis.Tx) error {
		cs, err := tx.Crises()
		if err != nil {
			return err
		}
		for _, c := range cs {
			if c.State != crisis.Open {
				continue
			}
			jobs = append(jobs, job{kind: jobChannel, crisis: c.ID}, job{kind: jobBoard, crisis: c.ID})
			if b.cfg.Threads {
				// Who joined the cell while the bot was away is added now.
				jobs = append(jobs, job{kind: jobThreadMembers, crisis: c.ID})
			}
			ts, err := tx.Tasks(c.ID, crisis.TaskFilter{})
			if err != nil {
				return err
			}
			for _, t := range ts {
				jobs = append(jobs, job{kind: jobTask, crisis: c.ID, object: t.ID})
			}
			ds, err := tx.Drafts(c.ID)
			if err != nil {
				return err
			}
			for _, d := range ds {
				jobs = append(jobs, job{kind: jobDraft, crisis: c.ID, object: d.ID})
			}
		}
		return nil
	})
	for _, j := range jobs {
		b.mirrorer.q.add(j)
	}
	return err
}

// work runs jobs until the queue shuts down.
func (b *Bot) work(ctx context.Context) {
	q := b.mirrorer.q
	for {
		j, since, ok := q.get()
		if !ok {
			return
		}
		b.traffic.giveWay(ctx, since.Add(giveWayFor))
		err := b.converge(ctx, j)
		switch {
		case err == nil:
			q.forget(j)
		case errors.Is(err, errWaitChannel):
			q.addAfter(j, waitChannel)
		case errors.Is(err, crisis.ErrNotFound):
			q.forget(j) // the object is gone: nothing to show
		case ctx.Err() != nil:
		default:
			wait := max(q.backoff(j), retryAfter(err))
			b.log.Warn("mirror on Discord; will try again", slog.String("job", j.String()), slog.Duration("in", wait), slog.Any("err", err))
			q.addAfter(j, wait)
		}
		q.done(j)
	}
}

func (j job) String() string { return fmt.Sprintf("%s:%d:%d", j.kind, j.crisis, j.object) }

// converge brings one job's message to its desired state.
func (b *Bot) converge(ctx context.Context, j job) error {
	switch j.kind {
	case jobChannel:
		_, err := b.ensureChannel(ctx, j.crisis)
		return err
	case jobBoard:
		return b.showBoard(ctx, j.crisis)
	case jobTask:
		return b.showTask(ctx, j.crisis, j.object)
	case jobDraft:
		return b.showDraft(ctx, j.crisis, j.object)
	case jobPublish:
		return b.publish(ctx, j.crisis, j.object)
	case jobThreadMembers:
		return b.showThreadMembers(ctx, j.crisis)
	}
	return nil
}

// ownChannel is the crisis's own channel, or errWaitChannel (with the
// channel's creation queued) while it does not exist.
func (b *Bot) ownChannel(ctx context.Context, id int64) (string, error) {
	ref, err := b.db.MessageRefOf(ctx, channelKey(id))
	if err == nil {
		return ref.Channel, nil
	}
	if !errors.Is(err, crisis.ErrNotFound) {
		return "", err
	}
	if m := b.mirrorer; m != nil {
		m.q.add(job{kind: jobChannel, crisis: id})
	}
	return "", errWaitChannel
}

func channelKey(id int64) string { return fmt.Sprintf("channel:%d", id) }

// ensureChannel gives a crisis its own channel (or thread) once, and moves
// the crisis there. A channel of the crisis's name found in the guild is
// taken rather than a second one made, so a creation whose answer was lost
// is not repeated.
func (b *Bot) ensureChannel(ctx context.Context, id int64) (string, error) {
	if ref, err := b.db.MessageRefOf(ctx, channelKey(id)); err == nil {
		return ref.Channel, nil
	} else if !errors.Is(err, crisis.ErrNotFound) {
		return "", err
	}
	var c crisis.Crisis
	err := b.env.Store.View(ctx, func(tx crisis.Tx) error {
		var err error
		c, err = tx.Crisis(id)
		return err
	})
	if err != nil {
		return "", err
	}
	channel, err := b.findChannel(ctx, c)
	if err != nil {
		return "", err
	}
	if channel == "" {
		var thread bool
		if channel, thread, err = b.createChannel(ctx, c); err != nil {
			return "", err
		}
		if thread {
			// Saved before the channel's own ref: a crash in between
			// makes a second thread (findChannel finds none), never a
			// thread whose members are not added.
			if err := b.db.SaveMessageRef(ctx, threadKey(id), store.MessageRef{Channel: channel}); err != nil {
				return "", err
			}
		}
	}
	if err := b.db.SaveMessageRef(ctx, channelKey(id), store.MessageRef{Channel: channel}); err != nil {
		return "", err
	}
	err = b.env.Store.Update(ctx, func(tx crisis.Tx) error {
		c, err := tx.Crisis(id)
		if err != nil {
			return err
		}
		c.Channel = channel
		return tx.UpdateCrisis(c)
	})
	if err != nil {
		return "", fmt.Errorf("move crisis %d to its channel: %w", id, err)
	}
	b.mirrorer.q.add(job{kind: jobBoard, crisis: id})
	b.mirrorer.q.add(job{kind: jobThreadMembers, crisis: id})
	return channel, nil
}

// findChannel finds a channel already made for the crisis: the one its
// board was shown in by an earlier version, or one of its name.
func (b *Bot) findChannel(ctx context.Context, c crisis.Crisis) (string, error) {
	if ref, err := b.db.MessageRefOf(ctx, fmt.Sprintf("board:%d", c.ID)); err == nil && ref.Channel == c.Channel && c.Channel != "" {
		return c.Channel, nil
	}
	if b.cfg.Threads {
		return "", nil
	}
	chs, err := b.s.GuildChannels(b.guildID(), discordgo.WithContext(ctx))
	if err != nil {
		return "", fmt.Errorf("list the guild's channels: %w", err)
	}
	name := channelName(c)
	for _, ch := range chs {
		if ch.Name == name && ch.Type == discordgo.ChannelTypeGuildText {
			return ch.ID, nil
		}
	}
	return "", nil
}

// createChannel makes the crisis's place: a private thread of the channel
// it was opened from when threads are configured (thread is then true),
// else a channel only the cell sees.
func (b *Bot) createChannel(ctx context.Context, c crisis.Crisis) (channel string, thread bool, err error) {
	name := channelName(c)
	var ch *discordgo.Channel
	thread = b.cfg.Threads && c.Channel != ""
	if thread {
		ch, err = b.s.ThreadStartComplex(c.Channel, &discordgo.ThreadStart{Name: name, Type: discordgo.ChannelTypeGuildPrivateThread, AutoArchiveDuration: 10080}, discordgo.WithContext(ctx))
	} else {
		ch, err = b.s.GuildChannelCreateComplex(b.guildID(), discordgo.GuildChannelCreateData{Name: name, Type: discordgo.ChannelTypeGuildText, Topic: cut(c.Title, 1000), PermissionOverwrites: b.crisisOverwrites()}, discordgo.WithContext(ctx))
	}
	if err != nil {
		return "", false, fmt.Errorf("create the crisis's channel: %w", err)
	}
	return ch.ID, thread, nil
}

// channelName is "crise-3-intrusion-sur-la-messagerie", as Discord wants
// channel names: lowercase, no spaces, at most 100 characters.
func channelName(c crisis.Crisis) string {
	var b strings.Builder
	fmt.Fprintf(&b, "crise-%d-", c.ID)
	dash := false
	for _, r := range strings.ToLower(c.Title) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127:
			b.WriteRune(r)
			dash = false
		case !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(cut(b.String(), 90), "-")
}

func (b *Bot) showBoard(ctx context.Context, id int64) error {
	channel, err := b.ownChannel(ctx, id)
	if err != nil {
		return err
	}
	text, err := b.env.BoardView(ctx, id, b.env.Lang, maxContent)
	if err != nil {
		return err
	}
	m := b.mirrorer
	m.mu.Lock()
	unpinned := m.cannotPn[id]
	m.mu.Unlock()
	if unpinned {
		text = cut(locale.T(b.env.Lang, "board.cannot_pin")+"\n"+text, maxContent)
	}
	key := fmt.Sprintf("board:%d", id)
	msg, err := b.upsert(ctx, key, channel, message{content: text})
	if err != nil {
		return err
	}
	return b.pinBoard(ctx, id, key, channel, msg, unpinned)
}

// pinBoard pins the board once per message. Without PIN_MESSAGES the pin
// is refused: the log says so plainly, the board's first line asks for the
// permission, and the pin is tried again later.
func (b *Bot) pinBoard(ctx context.Context, id int64, key, channel, msg string, warned bool) error {
	m := b.mirrorer
	m.mu.Lock()
	done := m.pinned[key] == msg
	m.mu.Unlock()
	if done {
		return nil
	}
	err := b.s.ChannelMessagePin(channel, msg, discordgo.WithContext(ctx))
	switch {
	case err == nil:
		m.mu.Lock()
		m.pinned[key] = msg
		delete(m.cannotPn, id)
		m.mu.Unlock()
		if warned {
			m.q.add(job{kind: jobBoard, crisis: id}) // take the warning off
		}
		return nil
	case discordCode(err) == discordgo.ErrCodeMissingPermissions:
		b.log.Error("cannot pin the board: the bot lacks the Pin Messages permission (PIN_MESSAGES) in the crisis's channel; grant it in the server settings",
			slog.Int64("crisis", id), slog.String("channel", channel))
		m.mu.Lock()
		m.cannotPn[id] = true
		m.mu.Unlock()
		if !warned {
			m.q.add(job{kind: jobBoard, crisis: id}) // put the warning on
		}
		m.q.addAfter(job{kind: jobBoard, crisis: id}, repinAfter)
		return nil
	case discordCode(err) == discordgo.ErrCodeUnknownMessage:
		return b.forget(ctx, key, err)
	}
	return fmt.Errorf("pin the board: %w", err)
}

func (b *Bot) showTask(ctx context.Context, crisisID, taskID int64) error {
	channel, err := b.ownChannel(ctx, crisisID)
	if err != nil {
		return err
	}
	text, bs, err := b.env.TaskView(ctx, crisisID, taskID, b.env.Lang)
	if err != nil {
		return err
	}
	_, err = b.upsert(ctx, fmt.Sprintf("task:%d", taskID), channel, message{content: cut(text, maxContent), components: buttons(bs)})
	return err
}

// showDraft posts a draft where it waits for approval: the approvals
// channel when there is one, else the crisis's channel.
func (b *Bot) showDraft(ctx context.Context, crisisID, draftID int64) error {
	channel := b.cfg.ApprovalChannel
	if channel == "" {
		var err error
		if channel, err = b.ownChannel(ctx, crisisID); err != nil {
			return err
		}
	}
	_, text, bs, err := b.env.DraftView(ctx, crisisID, draftID, b.env.Lang)
	if err != nil {
		return err
	}
	_, err = b.upsert(ctx, fmt.Sprintf("draft:%d", draftID), channel, render(command.Reply{Text: text, Buttons: bs}))
	return err
}

// Notify posts a reminder or an overdue notice in the crisis's own
// channel, mentioning only the members it is for. The delivery's key is
// the message's nonce, enforced: a retry of a notice whose first answer
// was lost does not post it twice.
func (b *Bot) Notify(ctx context.Context, d schedule.Delivery) error {
	channel, err := b.ownChannel(ctx, d.Crisis.ID)
	if err != nil {
		return err
	}
	var who []string
	for _, id := range d.Notice.Recipients {
		who = append(who, "<@"+id+">")
	}
	content := cut(strings.Join(who, " ")+" "+d.Text, maxContent)
	return b.sendOnce(ctx, channel, content, d.Key, d.Notice.Recipients...)
}
