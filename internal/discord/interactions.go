package discord

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// answerBudget is how long a command may run before the bot defers its
// answer: Discord drops an interaction not answered within three seconds.
const answerBudget = 1500 * time.Millisecond

// Discord's limits on what a message carries.
const (
	maxContent   = 2000
	maxModalText = 4000
)

// onInteraction is the handler discordgo calls, in a goroutine of its own,
// for every INTERACTION_CREATE. discordgo passes the event on even when
// its payload did not decode, so the data is read by its type, never
// asserted.
func (b *Bot) onInteraction(s *discordgo.Session, ic *discordgo.InteractionCreate) {
	if ic == nil || ic.Interaction == nil {
		b.log.Warn("interaction event without an interaction")
		return
	}
	i := ic.Interaction
	b.traffic.enter()
	defer b.traffic.leave()
	defer b.survive(i)
	if !b.admit(i) {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 14*time.Minute) // the token lives 15 minutes
	defer cancel()
	switch data := i.Data.(type) {
	case discordgo.ApplicationCommandInteractionData:
		if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
			b.autocomplete(ctx, i, data)
			return
		}
		name, args := flatten(data)
		b.run(ctx, i, command.Request{Name: name, Args: args})
	case discordgo.MessageComponentInteractionData:
		b.button(ctx, i, data)
	case discordgo.ModalSubmitInteractionData:
		b.modalSubmit(ctx, i, data)
	default:
		// Nil when the payload's data did not decode: there is nothing to
		// run, and nothing sensible to answer.
		b.log.Warn("interaction without data the bot reads", slog.String("interaction", i.ID), slog.Int("type", int(i.Type)))
	}
}

// flatten turns a slash command's nested options into the table's form:
// "task assign" and {"id": "3", "member": "123…"}.
func flatten(data discordgo.ApplicationCommandInteractionData) (string, map[string]string) {
	name, opts := data.Name, data.Options
	for len(opts) == 1 && (opts[0].Type == discordgo.ApplicationCommandOptionSubCommand || opts[0].Type == discordgo.ApplicationCommandOptionSubCommandGroup) {
		name += " " + opts[0].Name
		opts = opts[0].Options
	}
	args := map[string]string{}
	for _, o := range opts {
		args[o.Name] = optionText(o.Value)
	}
	return name, args
}

// optionText renders a typed option value as the table's text.
func optionText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func langOf(i *discordgo.Interaction) locale.Lang {
	if i.Locale != "" {
		return locale.Parse(string(i.Locale))
	}
	if i.GuildLocale != nil {
		return locale.Parse(string(*i.GuildLocale))
	}
	return locale.FR
}

// run executes a request for an interaction and answers it: at once when
// the command is quick, else deferred within the budget and completed when
// it is done. What changed is then mirrored in the crisis's channel.
func (b *Bot) run(ctx context.Context, i *discordgo.Interaction, req command.Request) {
	req.Actor, req.Known = b.actor(i)
	req.Channel, req.Lang, req.Source = i.ChannelID, langOf(i), "discord"
	cmd, known := b.lookup(req)
	deferred := false
	ephemeralDefer := known && cmd.ReadOnly
	// A refusal is quick, and must stay the asker's alone: defer early
	// only a command the asker's roles allow.
	if known && cmd.Slow && (crisis.Member{Capabilities: b.capabilities(i.Member)}).Can(cmd.Cap) {
		deferred = b.deferReply(i, ephemeralDefer)
	}
	done := make(chan command.Reply, 1)
	go func() {
		// This goroutine is outside the handler's own recover.
		defer func() {
			if p := recover(); p != nil {
				done <- b.panicked(i, p)
			}
		}()
		done <- b.env.Execute(ctx, req)
	}()
	var reply command.Reply
	select {
	case reply = <-done:
	case <-time.After(answerBudget):
		if !deferred {
			deferred = b.deferReply(i, ephemeralDefer)
		}
		reply = <-done
	}
	if deferred {
		b.editReply(i, reply)
	} else {
		b.reply(i, reply)
	}
	if reply.Joined {
		b.joinOpenThreads(ctx)
	}
	b.mirror(ctx, reply)
}

func (b *Bot) lookup(req command.Request) (*command.Command, bool) {
	if req.Name != "" {
		return b.env.Table.Lookup(req.Name)
	}
	p, err := b.env.Table.Parse(req.Line)
	if err != nil {
		return nil, false
	}
	return b.env.Table.Lookup(p.Name)
}

func (b *Bot) deferReply(i *discordgo.Interaction, ephemeral bool) bool {
	data := &discordgo.InteractionResponseData{}
	if ephemeral {
		data.Flags = discordgo.MessageFlagsEphemeral
	}
	err := b.s.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource, Data: data})
	if err != nil {
		b.log.Error("defer interaction", slog.String("interaction", i.ID), slog.Any("err", err))
		return false
	}
	return true
}

// message is a reply as Discord takes it: text cut to the limit (the whole
// text then attached as a file), buttons in rows, files attached.
type message struct {
	content    string
	components []discordgo.MessageComponent
	files      []*discordgo.File
	// whole is the full text and the files' content: what a message shows
	// when its content is cut, so a change past the cut is still a change.
	whole string
}

func render(r command.Reply) message {
	text := mentions(r.Text)
	m := message{content: text, components: buttons(r.Buttons), whole: r.Text}
	if _, over := runeEnd(m.content, maxContent); over {
		m.files = append(m.files, &discordgo.File{Name: "message.md", ContentType: "text/markdown", Reader: strings.NewReader(r.Text)})
		m.content = cut(text, maxContent-60) + "\n… (suite dans message.md / continued in message.md)"
	}
	for _, f := range r.Files {
		m.files = append(m.files, &discordgo.File{Name: f.Name, ContentType: f.Type, Reader: strings.NewReader(string(f.Content))})
		m.whole += "\x00" + f.Name + "\x00" + string(f.Content)
	}
	return m
}

// cut shortens s to at most n runes, at a line end when there is one.
// One pass finds where the n-th rune ends, or that there is no need to cut:
// a board of hundreds of tasks was counted, checked and walked in three.
func cut(s string, n int) string {
	end, ok := runeEnd(s, n)
	if !ok {
		return s
	}
	s = s[:end]
	if !utf8.ValidString(s) {
		s = string([]rune(s)) // as before: an invalid byte becomes U+FFFD
	}
	if i := strings.LastIndex(s, "\n"); i > n/2 {
		return s[:i]
	}
	return s
}

// runeEnd is the byte offset where s's first n runes end, and whether s
// has more than n (an invalid byte counts as one, as RuneCountInString
// counts it).
func runeEnd(s string, n int) (int, bool) {
	k := 0
	for i := range s {
		if k == n {
			return i, true
		}
		k++
	}
	return len(s), false
}

// buttons lays out buttons five to a row; each carries its written command.
func buttons(bs []command.Button) []discordgo.MessageComponent {
	var rows []discordgo.MessageComponent
	var row []discordgo.MessageComponent
	for _, bt := range bs {
		if len(bt.Command) > 100 {
			continue // a custom_id holds 100 characters; ours are far shorter
		}
		row = append(row, discordgo.Button{Label: bt.Label, CustomID: bt.Command, Style: buttonStyle(bt.Style)})
		if len(row) == 5 {
			rows, row = append(rows, discordgo.ActionsRow{Components: row}), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, discordgo.ActionsRow{Components: row})
	}
	return rows
}

func buttonStyle(s command.ButtonStyle) discordgo.ButtonStyle {
	switch s {
	case command.Success:
		return discordgo.SuccessButton
	case command.Danger:
		return discordgo.DangerButton
	case command.Secondary:
		return discordgo.SecondaryButton
	}
	return discordgo.PrimaryButton
}

func (b *Bot) reply(i *discordgo.Interaction, r command.Reply) {
	m := render(r)
	data := &discordgo.InteractionResponseData{Content: m.content, Components: m.components, Files: m.files, AllowedMentions: noMentions()}
	if r.Ephemeral {
		data.Flags = discordgo.MessageFlagsEphemeral
	}
	if err := b.s.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: data}); err != nil {
		b.log.Error("answer interaction", slog.String("interaction", i.ID), slog.Any("err", err))
	}
}

func (b *Bot) editReply(i *discordgo.Interaction, r command.Reply) {
	m := render(r)
	comps := m.components
	if comps == nil {
		comps = []discordgo.MessageComponent{}
	}
	// Discord keeps a message's attachments unless told which to keep:
	// none, so an old message.md never outlives its text.
	none := []*discordgo.MessageAttachment{}
	edit := &discordgo.WebhookEdit{Content: &m.content, Components: &comps, Files: m.files, Attachments: &none, AllowedMentions: noMentions()}
	if _, err := b.s.InteractionResponseEdit(i, edit); err != nil {
		b.log.Error("complete deferred answer", slog.String("interaction", i.ID), slog.Any("err", err))
	}
}

// button runs the command a button carries. Edit and Reject first open a
// form (a modal) for the text or the reason.
func (b *Bot) button(ctx context.Context, i *discordgo.Interaction, data discordgo.MessageComponentInteractionData) {
	line := data.CustomID
	lang := langOf(i)
	switch {
	case strings.HasPrefix(line, "/draft edit id:"):
		id, _ := strconv.ParseInt(strings.TrimPrefix(line, "/draft edit id:"), 10, 64)
		b.editModal(ctx, i, id, lang)
		return
	case strings.HasPrefix(line, "/draft reject id:"):
		b.modal(i, "modal:"+line, locale.T(lang, "modal.reject.title"), "reason", locale.T(lang, "modal.reject.label"), "", 1000)
		return
	}
	req := command.Request{Line: line}
	if strings.HasPrefix(line, "/task take ") || strings.HasPrefix(line, "/task done ") {
		b.runUpdate(ctx, i, req)
		return
	}
	b.run(ctx, i, req)
}

func (b *Bot) editModal(ctx context.Context, i *discordgo.Interaction, id int64, lang locale.Lang) {
	var body string
	err := b.env.Store.View(ctx, func(tx crisis.Tx) error {
		d, err := tx.Draft(id)
		body = d.Current.Body
		return err
	})
	if err != nil || len([]rune(body)) > maxModalText {
		text := locale.T(lang, "modal.edit.toolong", id, maxModalText)
		if err != nil {
			text = locale.T(lang, "err.draft.unknown", id, 0)
		}
		b.reply(i, command.Reply{Text: "⚠️ " + text, Ephemeral: true})
		return
	}
	b.modal(i, fmt.Sprintf("modal:/draft edit id:%d", id), locale.T(lang, "modal.edit.title", id), "text", locale.T(lang, "modal.edit.label"), body, maxModalText)
}

func (b *Bot) modal(i *discordgo.Interaction, customID, title, field, label, value string, max int) {
	err := b.s.InteractionRespond(i, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseModal,
		Data: &discordgo.InteractionResponseData{
			CustomID: customID, Title: cut(title, 45),
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.TextInput{CustomID: field, Label: cut(label, 45), Style: discordgo.TextInputParagraph, Value: value, Required: true, MaxLength: max},
			}}},
		},
	})
	if err != nil {
		b.log.Error("open form", slog.String("interaction", i.ID), slog.Any("err", err))
	}
}

// modalSubmit runs the command the form was opened for, with what was typed.
func (b *Bot) modalSubmit(ctx context.Context, i *discordgo.Interaction, data discordgo.ModalSubmitInteractionData) {
	p, err := b.env.Table.Parse(strings.TrimPrefix(data.CustomID, "modal:"))
	if err != nil {
		b.reply(i, command.Reply{Text: "⚠️ " + err.Error(), Ephemeral: true})
		return
	}
	for _, row := range data.Components {
		r, ok := row.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, c := range r.Components {
			if in, ok := c.(*discordgo.TextInput); ok {
				p.Args[in.CustomID] = in.Value
			}
		}
	}
	b.run(ctx, i, command.Request{Name: p.Name, Args: p.Args})
}
