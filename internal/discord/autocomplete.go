package discord

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// maxChoices is how many suggestions Discord shows.
const maxChoices = 25

// autocomplete suggests values for the option being typed, from the
// record: playbooks, roles, services, open tasks, drafts awaiting a decision.
func (b *Bot) autocomplete(ctx context.Context, i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) {
	// Suggestions come from the crisis record: only someone whose roles
	// give them a capability may read them.
	if len(b.capabilities(i.Member)) == 0 {
		b.choices(i, nil)
		return
	}
	name, _ := flatten(data)
	focused, typed := focusedOption(data.Options)
	var kind command.Completion
	integer := false
	if cmd, ok := b.env.Table.Lookup(name); ok {
		if o, ok := cmd.Option(focused); ok {
			kind, integer = o.Complete, o.Type == command.Integer
		}
	}
	b.choices(i, b.suggest(ctx, kind, i.ChannelID, strings.ToLower(typed), integer))
}

// choices answers an autocomplete; none is an empty list.
func (b *Bot) choices(i *discordgo.Interaction, choices []*discordgo.ApplicationCommandOptionChoice) {
	if choices == nil {
		choices = []*discordgo.ApplicationCommandOptionChoice{}
	}
	err := b.s.InteractionRespond(i, &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	})
	if err != nil {
		b.log.Error("autocomplete", slog.String("interaction", i.ID), slog.Any("err", err))
	}
}

func focusedOption(opts []*discordgo.ApplicationCommandInteractionDataOption) (string, string) {
	for _, o := range opts {
		if o.Focused {
			return o.Name, optionText(o.Value)
		}
		if name, v := focusedOption(o.Options); name != "" {
			return name, v
		}
	}
	return "", ""
}

// suggest lists the values of a set that contain what was typed; an
// INTEGER option's values are numbers, as Discord requires.
func (b *Bot) suggest(ctx context.Context, kind command.Completion, channel, typed string, integer bool) []*discordgo.ApplicationCommandOptionChoice {
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	add := func(label, value string) {
		if len(choices) < maxChoices && matches(label, typed) {
			var v any = value
			if integer {
				n, err := strconv.ParseInt(value, 10, 64)
				if err != nil {
					return
				}
				v = n
			}
			choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: clip(label), Value: v})
		}
	}
	if kind == command.CompletePlaybook && b.env.Playbooks != nil {
		for _, p := range b.env.Playbooks.Set().List() {
			add(p.ID+" — "+p.Title, p.ID)
		}
		return choices
	}
	if kind == command.CompleteCapability {
		for _, c := range crisis.Capabilities {
			add(string(c), string(c))
		}
		return choices
	}
	_ = b.env.Store.View(ctx, func(tx crisis.Tx) error {
		op := crisis.NewOp(tx, b.env.Now(), crisis.Member{ID: "tocsin"}, nil)
		c, err := op.CurrentCrisis(channel)
		if err != nil {
			return err
		}
		switch kind {
		case command.CompleteTask:
			// Only the tasks not done, and only as many as are shown: a
			// crisis's tasks pile up, and copying them all was most of an
			// autocomplete's cost.
			tasks, err := tx.ActiveTasksWhere(c.ID, func(t *crisis.Task) bool { return matches(t.Ref()+" "+t.Title, typed) }, maxChoices)
			for _, t := range tasks {
				add(t.Ref()+" "+t.Title, fmt.Sprint(t.ID))
			}
			return err
		case command.CompleteDraft:
			drafts, err := tx.Drafts(c.ID)
			for _, d := range drafts {
				if d.State == crisis.DraftProposed {
					add(fmt.Sprintf("#%d %s", d.ID, d.Kind), fmt.Sprint(d.ID))
				}
			}
			return err
		case command.CompleteService:
			services, err := tx.Services(c.ID)
			for _, s := range services {
				add(s.Name+" ("+s.Status+")", s.Name)
			}
			return err
		case command.CompleteRole:
			return b.suggestRoles(tx, c, add)
		case command.CompleteFact:
			facts := []string{"personal_data", "ransom_demanded", "data_exfiltrated", "encryption", "backups_affected"}
			if b.env.Playbooks != nil {
				qs, err := b.env.Playbooks.Questions(crisis.NewOp(tx, b.env.Now(), crisis.Member{}, nil), c)
				if err != nil {
					return err
				}
				for _, q := range qs {
					if !slices.Contains(facts, q.Fact) {
						facts = append(facts, q.Fact)
					}
				}
			}
			for _, f := range facts {
				add(f, f)
			}
		}
		return nil
	})
	return choices
}

// matches: the suggestion's label contains what was typed (lower case).
func matches(label, typed string) bool {
	return typed == "" || strings.Contains(strings.ToLower(label), typed)
}

func (b *Bot) suggestRoles(tx crisis.Tx, c crisis.Crisis, add func(label, value string)) error {
	var roles []string
	if b.env.Playbooks != nil {
		var err error
		if roles, err = b.env.Playbooks.Roles(crisis.NewOp(tx, b.env.Now(), crisis.Member{}, nil), c); err != nil {
			return err
		}
	}
	held, err := tx.Roles(c.ID)
	for _, r := range held {
		if !slices.Contains(roles, r.Role) {
			roles = append(roles, r.Role)
		}
	}
	for _, r := range roles {
		add(r, r)
	}
	return err
}
