package discordtest

import (
	"net/http"
	"time"
)

// PermPinMessages is PIN_MESSAGES: since February 2026 pinning needs it
// (MANAGE_MESSAGES no longer does).
const PermPinMessages int64 = 1 << 51

// RoleBot is the role Discord gives the bot when it joins; in the default
// world it grants what the bot's invitation asks for beyond @everyone.
const RoleBot = "1000000000000000027"

// DeleteAsModerator deletes a message as a moderator would, behind the
// bot's back; it reports whether there was such a live message. The bot's
// later edits and pins of it get 404 Unknown Message (code 10008).
func (d *Double) DeleteAsModerator(id string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	m, ok := d.messages[id]
	if !ok || m.Deleted {
		return false
	}
	m.Deleted, m.Pinned = true, false
	d.notify()
	return true
}

// SetRolePermissions changes what a role grants, as a server admin would
// in the settings; it reports whether the role exists.
func (d *Double) SetRolePermissions(roleID string, perms int64) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	for i := range d.world.Roles {
		if d.world.Roles[i].ID == roleID {
			d.world.Roles[i].Permissions = perms
			return true
		}
	}
	return false
}

// botMay says whether the bot holds perm in the guild; d.mu is held.
func (d *Double) botMay(perm int64) bool {
	m, ok := d.world.member(d.world.Bot.ID)
	if !ok {
		return false
	}
	return d.world.permissions(m.Roles)&perm != 0
}

// missingPermissions is Discord's 403 for an action the bot may not take.
func missingPermissions() reply {
	return apiError(http.StatusForbidden, 50013, "Missing Permissions")
}

// nonceWindow is how long Discord remembers an enforced nonce.
const nonceWindow = 5 * time.Minute

// sameNonce finds the message the bot already posted in channel with the
// body's nonce, when the body enforces it: Discord then returns that
// message and creates none. d.mu is held.
func (d *Double) sameNonce(channel string, body map[string]any) (*Message, bool) {
	if enforce, _ := body["enforce_nonce"].(bool); !enforce {
		return nil, false
	}
	nonce := nonceString(body["nonce"])
	if nonce == "" {
		return nil, false
	}
	now := d.now()
	for i := len(d.order) - 1; i >= 0; i-- {
		m := d.messages[d.order[i]]
		if now.Sub(m.Created) > nonceWindow {
			break
		}
		if m.ChannelID == channel && m.Nonce == nonce && m.Author.ID == d.world.Bot.ID {
			return m, true
		}
	}
	return nil, false
}

// nonceString reads a nonce sent as a string or an integer.
func nonceString(v any) string {
	switch n := v.(type) {
	case string:
		return n
	case nil:
		return ""
	}
	return string(rawJSON(v))
}
