package discordtest

import (
	"fmt"
	"sort"
	"time"
)

// The documents below are shaped as Discord documents its objects (and as
// the description's *Response schemas require): IDs as snowflake strings,
// permissions as strings, nulls where Discord sends nulls. The double's own
// tests validate them against the description.

// guildCreated is when the default guild and its members came to be.
var guildCreated = time.Date(2022, 9, 1, 8, 0, 0, 0, time.UTC)

func userDoc(u User) map[string]any {
	doc := map[string]any{
		"id": u.ID, "username": u.Username, "discriminator": "0", "avatar": nil,
		"global_name": nil, "public_flags": 0, "flags": 0, "primary_guild": nil,
		"avatar_decoration_data": nil, "collectibles": nil, "banner": nil, "accent_color": nil,
	}
	if u.GlobalName != "" {
		doc["global_name"] = u.GlobalName
	}
	if u.Bot {
		doc["bot"] = true
	}
	return doc
}

func (d *Double) meDoc() map[string]any {
	doc := userDoc(d.world.Bot)
	doc["mfa_enabled"] = false
	doc["locale"] = "en-US"
	doc["verified"] = true
	doc["email"] = nil
	return doc
}

func roleDoc(r Role) map[string]any {
	return map[string]any{
		"id": r.ID, "name": r.Name, "permissions": fmt.Sprint(r.Permissions), "position": r.Position,
		"color": 0, "colors": map[string]any{"primary_color": 0, "secondary_color": nil, "tertiary_color": nil},
		"hoist": false, "managed": false, "mentionable": false, "icon": nil, "unicode_emoji": nil,
		"flags": 0, "description": nil,
	}
}

func (d *Double) memberDoc(m Member) map[string]any {
	roles := append([]string{}, m.Roles...)
	var nick any
	if m.Nick != "" {
		nick = m.Nick
	}
	return map[string]any{
		"user": userDoc(m.User), "roles": roles, "nick": nick, "avatar": nil, "banner": nil,
		"joined_at": timestamp(guildCreated), "premium_since": nil, "deaf": false, "mute": false,
		"pending": false, "flags": 0, "communication_disabled_until": nil,
	}
}

func (d *Double) channelDoc(ch Channel) map[string]any {
	doc := map[string]any{
		"id": ch.ID, "type": ch.Type, "guild_id": d.world.Guild, "name": ch.Name,
		"flags": 0, "last_message_id": nil, "rate_limit_per_user": 0,
	}
	if ch.ParentID != "" {
		doc["parent_id"] = ch.ParentID
	} else {
		doc["parent_id"] = nil
	}
	if ch.Type == 11 || ch.Type == 12 {
		doc["owner_id"] = ch.OwnerID
		doc["message_count"] = 0
		doc["member_count"] = min(len(ch.ThreadMembers), 50) // Discord stops counting at 50
		doc["total_message_sent"] = 0
		doc["thread_metadata"] = map[string]any{
			"archived": ch.Archived, "archive_timestamp": timestamp(d.now()), "auto_archive_duration": 4320,
			"locked": false, "create_timestamp": timestamp(d.now()),
		}
		return doc
	}
	doc["position"] = ch.Position
	doc["nsfw"] = false
	doc["permission_overwrites"] = overwriteDocs(ch.Overwrites)
	if ch.Type == 0 {
		doc["topic"] = nilIfEmpty(ch.Topic)
	}
	return doc
}

// overwriteDocs renders overwrites as Discord returns them: allow and deny
// as strings, whatever form the bot sent them in.
func overwriteDocs(in []map[string]any) []any {
	out := []any{}
	for _, o := range in {
		out = append(out, map[string]any{
			"id": o["id"], "type": numberOr(o["type"], 0),
			"allow": fmt.Sprint(numberOr(o["allow"], 0)), "deny": fmt.Sprint(numberOr(o["deny"], 0)),
		})
	}
	return out
}

func (d *Double) guildDoc() map[string]any {
	w := &d.world
	roles := []any{}
	for _, r := range w.Roles {
		roles = append(roles, roleDoc(r))
	}
	var system any
	if len(w.Channels) > 0 {
		for _, ch := range w.Channels {
			if ch.Type == 0 {
				system = ch.ID
				break
			}
		}
	}
	return map[string]any{
		"id": w.Guild, "name": w.Name, "icon": nil, "description": nil, "home_header": nil,
		"splash": nil, "discovery_splash": nil, "features": []any{}, "banner": nil,
		"owner_id": w.OwnerID, "application_id": nil, "region": "europe",
		"afk_channel_id": nil, "afk_timeout": 300, "system_channel_id": system,
		"system_channel_flags": 0, "widget_enabled": false, "widget_channel_id": nil,
		"verification_level": 1, "roles": roles, "default_message_notifications": 1,
		"mfa_level": 0, "explicit_content_filter": 2, "max_presences": nil, "max_members": 500000,
		"max_stage_video_channel_users": 50, "max_video_channel_users": 25, "vanity_url_code": nil,
		"premium_tier": 0, "premium_subscription_count": 0, "preferred_locale": w.Locale,
		"rules_channel_id": nil, "safety_alerts_channel_id": nil, "public_updates_channel_id": nil,
		"premium_progress_bar_enabled": false, "nsfw": false, "nsfw_level": 0,
		"emojis": []any{}, "stickers": []any{}, "incidents_data": nil,
	}
}

// guildCreateDoc is GUILD_CREATE's payload: the guild with what a bot with
// the GUILDS intent receives on top (channels, threads, members, counts).
func (d *Double) guildCreateDoc() map[string]any {
	doc := d.guildDoc()
	var chans, threads, members []any
	for _, ch := range d.world.Channels {
		if ch.Type == 11 || ch.Type == 12 {
			threads = append(threads, d.channelDoc(ch))
		} else {
			chans = append(chans, d.channelDoc(ch))
		}
	}
	for _, m := range d.world.Members {
		members = append(members, d.memberDoc(m))
	}
	doc["channels"] = nonNil(chans)
	doc["threads"] = nonNil(threads)
	doc["members"] = nonNil(members)
	doc["member_count"] = len(d.world.Members)
	doc["joined_at"] = timestamp(guildCreated)
	doc["large"] = false
	doc["unavailable"] = false
	doc["voice_states"] = []any{}
	doc["presences"] = []any{}
	doc["stage_instances"] = []any{}
	doc["guild_scheduled_events"] = []any{}
	doc["soundboard_sounds"] = []any{}
	return doc
}

func nonNil(v []any) []any {
	if v == nil {
		return []any{}
	}
	return v
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// sortedKeys keeps generated documents deterministic.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
