package discord

import (
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/tocsin-crisis/tocsin/internal/command"
)

// Discord's limits on command declarations.
const (
	maxDescription = 100
	maxOptionText  = 6000
)

// ApplicationCommands builds the slash commands from the command table:
// "task assign" becomes the subcommand assign of /task, in English with
// French names and descriptions. Commands only the console serves are left
// out.
func ApplicationCommands(t *command.Table) []*discordgo.ApplicationCommand {
	var out []*discordgo.ApplicationCommand
	groups := map[string]*discordgo.ApplicationCommand{}
	for _, c := range t.Commands() {
		if c.ConsoleOnly {
			continue
		}
		group, sub, hasSub := strings.Cut(c.Name, " ")
		groupFR, subFR, _ := strings.Cut(c.NameFR, " ")
		if !hasSub {
			ac := &discordgo.ApplicationCommand{
				Name: group, Description: clip(c.Desc.EN), Options: options(c.Options), Type: discordgo.ChatApplicationCommand,
			}
			localize(&ac.NameLocalizations, groupFR, &ac.DescriptionLocalizations, c.Desc.FR)
			out = append(out, ac)
			continue
		}
		ac, ok := groups[group]
		if !ok {
			ac = &discordgo.ApplicationCommand{Name: group, Description: clip(groupDescription(group).EN), Type: discordgo.ChatApplicationCommand}
			localize(&ac.NameLocalizations, groupFR, &ac.DescriptionLocalizations, groupDescription(group).FR)
			groups[group] = ac
			out = append(out, ac)
		}
		opt := &discordgo.ApplicationCommandOption{
			Type: discordgo.ApplicationCommandOptionSubCommand, Name: sub, Description: clip(c.Desc.EN),
			Options: options(c.Options),
		}
		if subFR != "" && subFR != sub {
			opt.NameLocalizations = map[discordgo.Locale]string{discordgo.French: subFR}
		}
		opt.DescriptionLocalizations = map[discordgo.Locale]string{discordgo.French: clip(c.Desc.FR)}
		ac.Options = append(ac.Options, opt)
	}
	return out
}

func localize(names **map[discordgo.Locale]string, nameFR string, descs **map[discordgo.Locale]string, descFR string) {
	d := map[discordgo.Locale]string{discordgo.French: clip(descFR)}
	*descs = &d
	if nameFR != "" {
		n := map[discordgo.Locale]string{discordgo.French: nameFR}
		*names = &n
	}
}

// options declares a command's options: required ones first, as Discord
// demands; closed sets as choices, open ones with autocomplete.
func options(opts []command.Option) []*discordgo.ApplicationCommandOption {
	out := []*discordgo.ApplicationCommandOption{}
	for _, required := range []bool{true, false} {
		for _, o := range opts {
			if o.Required != required {
				continue
			}
			opt := &discordgo.ApplicationCommandOption{
				Name: o.Name, Description: clip(o.Desc.EN), Required: o.Required,
				DescriptionLocalizations: map[discordgo.Locale]string{discordgo.French: clip(o.Desc.FR)},
			}
			if o.NameFR != "" && o.NameFR != o.Name {
				opt.NameLocalizations = map[discordgo.Locale]string{discordgo.French: o.NameFR}
			}
			switch o.Type {
			case command.Integer:
				opt.Type = discordgo.ApplicationCommandOptionInteger
				one := 1.0
				opt.MinValue = &one
			case command.MemberID:
				opt.Type = discordgo.ApplicationCommandOptionUser
			case command.Bool:
				opt.Type = discordgo.ApplicationCommandOptionBoolean
			default:
				opt.Type = discordgo.ApplicationCommandOptionString
				opt.MaxLength = min(o.MaxLen(), maxOptionText)
			}
			switch {
			case len(o.Choices) > 0:
				for _, ch := range o.Choices {
					opt.Choices = append(opt.Choices, &discordgo.ApplicationCommandOptionChoice{Name: ch, Value: ch})
				}
			case o.Complete != "":
				opt.Autocomplete = true
			}
			out = append(out, opt)
		}
	}
	return out
}

func clip(s string) string {
	r := []rune(s)
	if len(r) <= maxDescription {
		return s
	}
	return string(r[:maxDescription-1]) + "…"
}
