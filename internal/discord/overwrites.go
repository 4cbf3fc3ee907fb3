package discord

import (
	"github.com/bwmarrin/discordgo"
)

// crisisAccess is what the cell's roles and the bot may do in a crisis's
// channel.
const crisisAccess = discordgo.PermissionViewChannel | discordgo.PermissionSendMessages |
	discordgo.PermissionReadMessageHistory | discordgo.PermissionEmbedLinks | discordgo.PermissionAttachFiles

// crisisOverwrites keeps a crisis's channel private: hidden from
// @everyone, open to the roles mapped to capabilities and to the bot
// itself (administrators see every channel anyway).
func (b *Bot) crisisOverwrites() []*discordgo.PermissionOverwrite {
	guild := b.guildID()
	out := []*discordgo.PermissionOverwrite{
		{ID: guild, Type: discordgo.PermissionOverwriteTypeRole, Deny: discordgo.PermissionViewChannel},
	}
	for role := range b.cfg.Roles {
		if role != guild {
			out = append(out, &discordgo.PermissionOverwrite{ID: role, Type: discordgo.PermissionOverwriteTypeRole, Allow: crisisAccess})
		}
	}
	if id := b.botUserID(); id != "" {
		out = append(out, &discordgo.PermissionOverwrite{ID: id, Type: discordgo.PermissionOverwriteTypeMember, Allow: crisisAccess})
	}
	return out
}

// botUserID is the bot's own user ID, as READY told it.
func (b *Bot) botUserID() string {
	if st := b.s.State; st != nil && st.User != nil {
		return st.User.ID
	}
	b.mu.RLock()
	defer b.mu.RUnlock()
	return b.appID // a bot's user ID is its application's
}
