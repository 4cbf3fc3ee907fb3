package discordtest

import "fmt"

// resolve adds data.resolved for the USER options of a command, as Discord
// sends it: the users, and their guild membership without its "user".
// d.mu is held.
func (d *Double) resolve(data map[string]any) {
	users, members := map[string]any{}, map[string]any{}
	var walk func(v any)
	walk = func(v any) {
		opts, _ := v.([]any)
		for _, o := range opts {
			om, _ := o.(map[string]any)
			if numberOr(om["type"], 0) == OptionUser {
				id := fmt.Sprint(om["value"])
				if m, ok := d.world.member(id); ok {
					users[id] = userDoc(m.User)
					doc := d.memberDoc(m)
					delete(doc, "user")
					doc["permissions"] = fmt.Sprint(d.world.permissions(m.Roles))
					members[id] = doc
				}
			}
			walk(om["options"])
		}
	}
	walk(data["options"])
	if len(users) > 0 {
		data["resolved"] = map[string]any{"users": users, "members": members}
	}
}

// directMessage turns an interaction document into one from a DM: no guild,
// no member, the user at the top level. d.mu is held.
func (d *Double) directMessage(doc map[string]any, in Interaction) {
	delete(doc, "guild_id")
	delete(doc, "member")
	delete(doc, "guild_locale")
	doc["user"] = userDoc(in.User)
	doc["context"] = 1
	doc["channel"] = map[string]any{"id": in.ChannelID, "type": 1, "recipients": []any{userDoc(in.User)}}
	doc["authorizing_integration_owners"] = map[string]any{"0": d.world.Guild}
	if data, ok := doc["data"].(map[string]any); ok {
		delete(data, "guild_id")
	}
}
