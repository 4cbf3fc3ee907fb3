package discordtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// PermManageThreads lets a member see every private thread of a channel.
const PermManageThreads int64 = 1 << 34

// Overwrite types, as Discord numbers them.
const (
	overwriteRole   = 0
	overwriteMember = 1
)

// CanSee reports whether a user holding roles may view the channel, with its
// permission overwrites applied as Discord applies them.
func (d *Double) CanSee(userID string, roles []string, channelID string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	ch, ok := d.world.channel(channelID)
	return ok && d.world.channelPermissions(ch, userID, roles)&PermViewChannel != 0
}

// channelPermissions computes a member's permissions in a channel: the
// guild's, then @everyone's overwrite, the member's roles' overwrites
// together, and the member's own, each deny before its allow. A thread
// takes its parent's; a private thread shows only to its members and to
// those who may manage threads (see threads.go).
func (w *World) channelPermissions(ch *Channel, userID string, roles []string) int64 {
	base := w.permissions(roles)
	if base&PermAdministrator != 0 {
		return allPerms
	}
	if !isThread(ch.Type) {
		return w.overwritten(ch, base, userID, roles)
	}
	parent, ok := w.channel(ch.ParentID)
	if !ok {
		return 0
	}
	perms := w.overwritten(parent, base, userID, roles)
	if ch.Type == channelTypePrivateThread && !ch.seesPrivateThread(userID, perms) {
		return 0
	}
	return perms
}

// overwritten applies ch's permission overwrites to base.
func (w *World) overwritten(ch *Channel, base int64, userID string, roles []string) int64 {
	perms := base
	var roleAllow, roleDeny, userAllow, userDeny int64
	for _, o := range ch.Overwrites {
		id := fmt.Sprint(o["id"])
		allow, deny := permBits(o["allow"]), permBits(o["deny"])
		switch typ := int(numberOr(o["type"], -1)); {
		case typ == overwriteRole && id == w.Guild:
			perms = perms&^deny | allow
		case typ == overwriteRole && contains(roles, id):
			roleAllow, roleDeny = roleAllow|allow, roleDeny|deny
		case typ == overwriteMember && id == userID:
			userAllow, userDeny = allow, deny
		}
	}
	perms = perms&^roleDeny | roleAllow
	perms = perms&^userDeny | userAllow
	if perms&PermViewChannel == 0 {
		return 0
	}
	return perms
}

// permBits reads a permission set sent as a string (as Discord wants) or a number.
func permBits(v any) int64 {
	switch x := v.(type) {
	case string:
		n, _ := strconv.ParseInt(x, 10, 64)
		return n
	case json.Number:
		n, _ := x.Int64()
		return n
	case float64:
		return int64(x)
	}
	return 0
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// botMayUse refuses, as Discord does with Missing Access, a channel the bot
// itself cannot view; d.mu is held.
func (d *Double) botMayUse(c *call, ch *Channel) *reply {
	if d.world.channelPermissions(ch, d.world.Bot.ID, d.botRoles())&PermViewChannel != 0 {
		return nil
	}
	d.violate(c.req.Method, c.req.Path, "the bot cannot view channel %s (its permission overwrites hide it from the bot)", ch.ID)
	r := apiError(http.StatusForbidden, 50001, "Missing Access")
	return &r
}

// checkVisible fails the test when a member is made to act in a channel
// they cannot see: Discord never delivers such an interaction. It returns
// the member's permissions in the channel; d.mu is held.
func (d *Double) checkVisible(in Interaction) int64 {
	ch, ok := d.world.channel(in.ChannelID)
	if !ok {
		return d.world.permissions(in.Roles)
	}
	perms := d.world.channelPermissions(ch, in.User.ID, in.Roles)
	if perms&PermViewChannel == 0 {
		d.t.Errorf("discordtest: %s cannot see channel %s: Discord would not deliver this interaction", in.User.ID, in.ChannelID)
	}
	return perms
}
