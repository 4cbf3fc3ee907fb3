package discord

import (
	"context"
	"log/slog"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// runUpdate runs the command of a button that changes the task its message
// shows (Take, Done), and answers by redrawing that message (callback 7):
// a new message repeating the buttons would leave stale ones behind. A
// refusal is told to the presser alone.
func (b *Bot) runUpdate(ctx context.Context, i *discordgo.Interaction, req command.Request) {
	req.Actor, req.Known = b.actor(i)
	req.Channel, req.Lang, req.Source = i.ChannelID, langOf(i), "discord"
	done := make(chan command.Reply, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- b.panicked(i, p)
			}
		}()
		done <- b.env.Execute(ctx, req)
	}()
	deferred := false
	var reply command.Reply
	select {
	case reply = <-done:
	case <-time.After(answerBudget):
		deferred = b.respond(i, discordgo.InteractionResponseDeferredMessageUpdate, nil)
		reply = <-done
	}
	m, ok := b.taskMessage(ctx, reply)
	switch {
	case ok && deferred:
		comps := m.components
		none := []*discordgo.MessageAttachment{}
		if _, err := b.s.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &m.content, Components: &comps, Attachments: &none, AllowedMentions: noMentions()}); err != nil {
			b.log.Error("redraw the task's message", slog.String("interaction", i.ID), slog.Any("err", err))
		}
	case ok:
		none := []*discordgo.MessageAttachment{}
		b.respond(i, discordgo.InteractionResponseUpdateMessage, &discordgo.InteractionResponseData{
			Content: m.content, Components: m.components, Attachments: &none, AllowedMentions: noMentions()})
	case deferred:
		reply.Ephemeral = true
		b.followUp(i, reply)
	default:
		b.reply(i, reply)
	}
	if reply.Joined {
		b.joinOpenThreads(ctx)
	}
	b.mirror(ctx, reply)
}

// taskMessage is the task's message as it now stands, when the reply
// changed a task.
func (b *Bot) taskMessage(ctx context.Context, r command.Reply) (message, bool) {
	if r.Failed {
		return message{}, false
	}
	for _, ev := range r.Events {
		if ev.Kind != crisis.EventTaskChanged && ev.Kind != crisis.EventTaskCreated {
			continue
		}
		text, bs, err := b.env.TaskView(ctx, ev.CrisisID, ev.ObjectID, b.env.Lang)
		if err != nil {
			b.log.Error("task view", slog.Int64("task", ev.ObjectID), slog.Any("err", err))
			return message{}, false
		}
		comps := buttons(bs)
		if comps == nil {
			comps = []discordgo.MessageComponent{}
		}
		return message{content: cut(mentions(text), maxContent), components: comps}, true
	}
	return message{}, false
}

func (b *Bot) respond(i *discordgo.Interaction, typ discordgo.InteractionResponseType, data *discordgo.InteractionResponseData) bool {
	if err := b.s.InteractionRespond(i, &discordgo.InteractionResponse{Type: typ, Data: data}); err != nil {
		b.log.Error("answer interaction", slog.String("interaction", i.ID), slog.Int("type", int(typ)), slog.Any("err", err))
		return false
	}
	return true
}

// followUp says something to the presser alone once the interaction is
// acknowledged.
func (b *Bot) followUp(i *discordgo.Interaction, r command.Reply) {
	m := render(r)
	params := &discordgo.WebhookParams{Content: m.content, Files: m.files, AllowedMentions: noMentions()}
	if r.Ephemeral {
		params.Flags = discordgo.MessageFlagsEphemeral
	}
	if _, err := b.s.FollowupMessageCreate(i, false, params); err != nil {
		b.log.Error("follow-up", slog.String("interaction", i.ID), slog.Any("err", err))
	}
}
