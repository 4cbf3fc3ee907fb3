package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/schedule"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// mirror shows in Discord what a command changed: a new crisis gets its
// channel and pinned board; tasks and drafts get messages with buttons,
// edited as they change; approved updates go to the public channel; the
// board is redrawn once per command.
func (b *Bot) mirror(ctx context.Context, r command.Reply) {
	boards := map[int64]bool{}
	for _, ev := range r.Events {
		var err error
		switch ev.Kind {
		case crisis.EventCrisisOpened:
			err = b.openChannel(ctx, ev.CrisisID)
		case crisis.EventTaskCreated, crisis.EventTaskChanged:
			err = b.showTask(ctx, ev.CrisisID, ev.ObjectID)
		case crisis.EventDraftChanged:
			err = b.showDraft(ctx, ev.CrisisID, ev.ObjectID)
		case crisis.EventPublished:
			err = b.publish(ctx, ev.CrisisID, ev.ObjectID)
		}
		if err != nil {
			b.log.Error("mirror on Discord", slog.String("event", string(ev.Kind)), slog.Int64("object", ev.ObjectID), slog.Any("err", err))
		}
		boards[ev.CrisisID] = true
	}
	for id := range boards {
		if err := b.showBoard(ctx, id); err != nil {
			b.log.Error("redraw board", slog.Int64("crisis", id), slog.Any("err", err))
		}
	}
}

// crisisChannel is where a crisis lives on Discord.
func (b *Bot) crisisChannel(ctx context.Context, id int64) (string, error) {
	var c crisis.Crisis
	err := b.env.Store.View(ctx, func(tx crisis.Tx) error {
		var err error
		c, err = tx.Crisis(id)
		return err
	})
	return c.Channel, err
}

// openChannel gives a new crisis its own channel (or thread), and moves
// the crisis there.
func (b *Bot) openChannel(ctx context.Context, id int64) error {
	var c crisis.Crisis
	err := b.env.Store.View(ctx, func(tx crisis.Tx) error {
		var err error
		c, err = tx.Crisis(id)
		return err
	})
	if err != nil {
		return err
	}
	name := channelName(c)
	var ch *discordgo.Channel
	if b.cfg.Threads && c.Channel != "" {
		ch, err = b.s.ThreadStartComplex(c.Channel, &discordgo.ThreadStart{Name: name, Type: discordgo.ChannelTypeGuildPublicThread, AutoArchiveDuration: 10080})
	} else {
		ch, err = b.s.GuildChannelCreateComplex(b.cfg.GuildID, discordgo.GuildChannelCreateData{Name: name, Type: discordgo.ChannelTypeGuildText, Topic: cut(c.Title, 1000)})
	}
	if err != nil {
		return fmt.Errorf("create the crisis's channel: %w", err)
	}
	return b.env.Store.Update(ctx, func(tx crisis.Tx) error {
		c, err := tx.Crisis(id)
		if err != nil {
			return err
		}
		c.Channel = ch.ID
		return tx.UpdateCrisis(c)
	})
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

// upsert edits the message that shows key, or posts (and remembers) one.
func (b *Bot) upsert(ctx context.Context, key, channel string, m message, pin bool) error {
	comps := m.components
	if comps == nil {
		comps = []discordgo.MessageComponent{}
	}
	ref, err := b.db.MessageRefOf(ctx, key)
	if err == nil {
		_, err = b.s.ChannelMessageEditComplex(&discordgo.MessageEdit{ID: ref.Message, Channel: ref.Channel, Content: &m.content, Components: &comps, AllowedMentions: noMentions()})
		return err
	}
	if !errors.Is(err, crisis.ErrNotFound) {
		return err
	}
	msg, err := b.s.ChannelMessageSendComplex(channel, &discordgo.MessageSend{Content: m.content, Components: comps, Files: m.files, AllowedMentions: noMentions()})
	if err != nil {
		return err
	}
	if pin {
		if err := b.s.ChannelMessagePin(channel, msg.ID); err != nil {
			b.log.Warn("pin board", slog.Any("err", err))
		}
	}
	return b.db.SaveMessageRef(ctx, key, store.MessageRef{Channel: channel, Message: msg.ID})
}

func (b *Bot) showBoard(ctx context.Context, id int64) error {
	channel, err := b.crisisChannel(ctx, id)
	if err != nil || channel == "" {
		return err
	}
	text, err := b.env.BoardView(ctx, id, b.env.Lang, maxContent)
	if err != nil {
		return err
	}
	return b.upsert(ctx, fmt.Sprintf("board:%d", id), channel, message{content: text}, true)
}

func (b *Bot) showTask(ctx context.Context, crisisID, taskID int64) error {
	channel, err := b.crisisChannel(ctx, crisisID)
	if err != nil || channel == "" {
		return err
	}
	text, bs, err := b.env.TaskView(ctx, crisisID, taskID, b.env.Lang)
	if err != nil {
		return err
	}
	return b.upsert(ctx, fmt.Sprintf("task:%d", taskID), channel, message{content: cut(text, maxContent), components: buttons(bs)}, false)
}

// showDraft posts a draft where it waits for approval: the approvals
// channel when there is one, else the crisis's channel.
func (b *Bot) showDraft(ctx context.Context, crisisID, draftID int64) error {
	channel := b.cfg.ApprovalChannel
	if channel == "" {
		var err error
		if channel, err = b.crisisChannel(ctx, crisisID); err != nil || channel == "" {
			return err
		}
	}
	_, text, bs, err := b.env.DraftView(ctx, crisisID, draftID, b.env.Lang)
	if err != nil {
		return err
	}
	m := render(command.Reply{Text: text, Buttons: bs})
	return b.upsert(ctx, fmt.Sprintf("draft:%d", draftID), channel, m, false)
}

// publish posts an approved status update in the public channel.
func (b *Bot) publish(ctx context.Context, crisisID, draftID int64) error {
	if b.cfg.PublicChannel == "" {
		return nil
	}
	d, _, _, err := b.env.DraftView(ctx, crisisID, draftID, b.env.Lang)
	if err != nil {
		return err
	}
	m := render(command.Reply{Text: d.Current.Body})
	_, err = b.s.ChannelMessageSendComplex(b.cfg.PublicChannel, &discordgo.MessageSend{Content: m.content, Files: m.files, AllowedMentions: noMentions()})
	return err
}

// Notify posts a reminder or an overdue notice in the crisis's channel,
// mentioning only the members it is for.
func (b *Bot) Notify(ctx context.Context, d schedule.Delivery) error {
	channel := d.Crisis.Channel
	if channel == "" {
		return errors.New("the crisis has no channel on Discord")
	}
	var who []string
	for _, id := range d.Notice.Recipients {
		who = append(who, "<@"+id+">")
	}
	content := cut(strings.Join(who, " ")+" "+d.Text, maxContent)
	_, err := b.s.ChannelMessageSendComplex(channel, &discordgo.MessageSend{Content: content, AllowedMentions: noMentions(d.Notice.Recipients...)})
	return err
}
