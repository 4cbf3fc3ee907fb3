package discord

import (
	"context"
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

// actor brings the record's copy of the member up to date with Discord and
// returns their ID. A member without any capability is not written: the
// command table then refuses them, and audits the attempt.
func (b *Bot) actor(ctx context.Context, i *discordgo.Interaction) string {
	m, u := i.Member, i.User
	if m != nil && m.User != nil {
		u = m.User
	}
	if u == nil {
		return ""
	}
	caps := b.capabilities(m)
	if len(caps) == 0 {
		return u.ID
	}
	name := u.Username
	if u.GlobalName != "" {
		name = u.GlobalName
	}
	if m != nil && m.Nick != "" {
		name = m.Nick
	}
	err := b.env.Store.Update(ctx, func(tx crisis.Tx) error {
		return tx.SaveMember(crisis.Member{ID: u.ID, Name: name, Capabilities: caps, CreatedAt: b.env.Now()})
	})
	if err != nil {
		b.log.Error("save member", "member", u.ID, "err", err)
	}
	return u.ID
}
