package discord

import (
	"context"
	"errors"
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

// actor brings the record's copy of the member up to date with the roles
// the interaction carries, and returns their ID. Capabilities are read
// from Discord every time: a member stripped of their roles loses their
// rights at once (their copy keeps no capability, so the table refuses
// them and audits the attempt). Members named in USER options are learnt
// too, so the director can give a task to someone who never used the bot.
func (b *Bot) actor(ctx context.Context, i *discordgo.Interaction) string {
	m, u := i.Member, i.User
	if m != nil && m.User != nil {
		u = m.User
	}
	if u == nil {
		return ""
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
	// Nearly every interaction comes from a member whose copy is up to
	// date: a read settles it, without a write transaction and its sync.
	var stale bool
	err := b.env.Store.View(ctx, func(tx crisis.Tx) error {
		stale = false
		for _, k := range known {
			s, err := b.stale(tx, k)
			if err != nil {
				return err
			}
			stale = stale || s
		}
		return nil
	})
	if err == nil && !stale {
		return u.ID
	}
	var newcomer bool
	err = b.env.Store.Update(ctx, func(tx crisis.Tx) error {
		newcomer = false // the transaction may run again
		for _, k := range known {
			joined, err := b.learn(tx, k)
			if err != nil {
				return err
			}
			newcomer = newcomer || joined
		}
		return nil
	})
	if err != nil {
		b.log.Error("save member", "member", u.ID, "err", err)
	} else if newcomer {
		b.joinOpenThreads(ctx)
	}
	return u.ID
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

// stale reports whether learn would write m's copy.
func (b *Bot) stale(tx crisis.Tx, m crisis.Member) (bool, error) {
	old, err := tx.Member(m.ID)
	switch {
	case err == nil:
		return old.Name != m.Name || !slices.Equal(old.Capabilities, m.Capabilities), nil
	case errors.Is(err, crisis.ErrNotFound):
		return len(m.Capabilities) > 0, nil
	}
	return false, err
}

// learn writes a member's copy only when it changed. Someone unknown and
// without any capability is not written: the table refuses them as
// unknown. joined says the member now holds a capability they did not
// hold before: the crises' private threads must take them in.
func (b *Bot) learn(tx crisis.Tx, m crisis.Member) (joined bool, err error) {
	old, err := tx.Member(m.ID)
	switch {
	case err == nil:
		if old.Name == m.Name && slices.Equal(old.Capabilities, m.Capabilities) {
			return false, nil
		}
		m.CreatedAt = old.CreatedAt
	case len(m.Capabilities) == 0:
		return false, nil
	}
	if err := tx.SaveMember(m); err != nil {
		return false, err
	}
	return len(old.Capabilities) == 0 && len(m.Capabilities) > 0, nil
}
