package discord

import (
	"slices"

	"github.com/bwmarrin/discordgo"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// capabilities maps a Discord member's roles to Tocsin capabilities. With
// no mapping configured, only administrators may use the bot, with every
// capability: a fresh install is usable by whoever installed it, and by
// nobody else.
func (b *Bot) capabilities(m *discordgo.Member) []crisis.Capability {
	if m == nil {
		return nil
	}
	if len(b.cfg.Roles) == 0 {
		if m.Permissions&discordgo.PermissionAdministrator != 0 {
			return slices.Clone(crisis.Capabilities)
		}
		return nil
	}
	var caps []crisis.Capability
	for _, r := range m.Roles {
		for _, c := range b.cfg.Roles[r] {
			if !slices.Contains(caps, c) {
				caps = append(caps, c)
			}
		}
	}
	return caps
}

// actor is who made the interaction, and every member it carries as
// Discord knows them now: the actor first, then the members named in USER
// options (so the director can give a task to someone who never used the
// bot). The command compares them with the record's copies in its own
// transaction (command.Request.Known): capabilities are read from Discord
// every time, and a member stripped of their roles loses their rights at
// once.
func (b *Bot) actor(i *discordgo.Interaction) (string, []crisis.Member) {
	m, u := i.Member, i.User
	if m != nil && m.User != nil {
		u = m.User
	}
	if u == nil {
		return "", nil
	}
	known := []crisis.Member{b.memberOf(u, m)}
	if data, ok := i.Data.(discordgo.ApplicationCommandInteractionData); ok && data.Resolved != nil {
		for id, rm := range data.Resolved.Members {
			ru := data.Resolved.Users[id]
			if ru == nil || id == u.ID {
				continue
			}
			known = append(known, b.memberOf(ru, rm))
		}
	}
	return u.ID, known
}

// memberOf is a Discord user as the record knows members.
func (b *Bot) memberOf(u *discordgo.User, m *discordgo.Member) crisis.Member {
	name := u.Username
	if u.GlobalName != "" {
		name = u.GlobalName
	}
	if m != nil && m.Nick != "" {
		name = m.Nick
	}
	return crisis.Member{ID: u.ID, Name: name, Capabilities: b.capabilities(m), CreatedAt: b.env.Now()}
}
