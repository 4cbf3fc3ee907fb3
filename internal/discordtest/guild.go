package discordtest

import (
	"net/http"
	"strings"
)

// --- gateway discovery and identity ---

func (d *Double) getGateway(*call) reply {
	return reply{status: http.StatusOK, body: map[string]any{"url": d.GatewayURL()}}
}

func (d *Double) getBotGateway(*call) reply {
	return reply{status: http.StatusOK, body: map[string]any{
		"url": d.GatewayURL(), "shards": 1,
		"session_start_limit": map[string]any{"total": 1000, "remaining": 999, "reset_after": 86400000, "max_concurrency": 1},
	}}
}

func (d *Double) getMyUser(*call) reply {
	return reply{status: http.StatusOK, body: d.meDoc()}
}

// --- guild, roles, members ---

// guildOr404 answers Unknown Guild for any guild but the world's; asking
// for another guild is a configuration mistake worth a violation.
func (d *Double) guildOr404(c *call) *reply {
	if c.vars["guild_id"] == d.world.Guild {
		return nil
	}
	d.violate(c.req.Method, c.req.Path, "unknown guild %s (the double serves %s)", c.vars["guild_id"], d.world.Guild)
	r := apiError(http.StatusNotFound, 10004, "Unknown Guild")
	return &r
}

func (d *Double) getGuild(c *call) reply {
	if bad := d.guildOr404(c); bad != nil {
		return *bad
	}
	doc := d.guildDoc()
	if c.req.Query.Get("with_counts") == "true" {
		doc["approximate_member_count"] = len(d.world.Members)
		doc["approximate_presence_count"] = 0
	}
	return reply{status: http.StatusOK, body: doc}
}

func (d *Double) listRoles(c *call) reply {
	if bad := d.guildOr404(c); bad != nil {
		return *bad
	}
	out := []any{}
	for _, r := range d.world.Roles {
		out = append(out, roleDoc(r))
	}
	return reply{status: http.StatusOK, body: out}
}

// getMember answers Unknown Member without a violation: a user who left is
// a case the bot must handle, not a bug.
func (d *Double) getMember(c *call) reply {
	if bad := d.guildOr404(c); bad != nil {
		return *bad
	}
	m, ok := d.world.member(c.vars["user_id"])
	if !ok {
		return apiError(http.StatusNotFound, 10007, "Unknown Member")
	}
	return reply{status: http.StatusOK, body: d.memberDoc(m)}
}

func (d *Double) listMembers(c *call) reply {
	if bad := d.guildOr404(c); bad != nil {
		return *bad
	}
	out := []any{}
	for _, m := range d.world.Members {
		out = append(out, d.memberDoc(m))
	}
	return reply{status: http.StatusOK, body: out}
}

// --- channels and threads ---

func isThread(t int) bool { return t == 10 || t == 11 || t == 12 }

func (d *Double) listChannels(c *call) reply {
	if bad := d.guildOr404(c); bad != nil {
		return *bad
	}
	out := []any{}
	for _, ch := range d.world.Channels {
		if !isThread(ch.Type) {
			out = append(out, d.channelDoc(ch))
		}
	}
	return reply{status: http.StatusOK, body: out}
}

// getChannel answers Unknown Channel without a violation: the bot may be
// checking that a configured channel still exists.
func (d *Double) getChannel(c *call) reply {
	ch, ok := d.world.channel(c.vars["channel_id"])
	if !ok {
		return apiError(http.StatusNotFound, 10003, "Unknown Channel")
	}
	return reply{status: http.StatusOK, body: d.channelDoc(*ch)}
}

// createChannel makes a guild channel. Like Discord, it lower-cases a text
// channel's name and turns its spaces into dashes.
func (d *Double) createChannel(c *call) reply {
	if bad := d.guildOr404(c); bad != nil {
		return *bad
	}
	body, _ := c.body.(map[string]any)
	ch := Channel{ID: d.newID(), Type: int(numberOr(body["type"], 0))}
	ch.Name, _ = body["name"].(string)
	ch.Topic, _ = body["topic"].(string)
	if ch.Type == 0 {
		ch.Name = strings.ReplaceAll(strings.ToLower(strings.TrimSpace(ch.Name)), " ", "-")
	}
	if p, ok := body["parent_id"].(string); ok && p != "" {
		parent, ok := d.world.channel(p)
		if !ok || parent.Type != 4 {
			d.violate(c.req.Method, c.req.Path, "parent_id %s is not a category of the guild", p)
			return formError([]string{"parent_id: not a category"})
		}
		ch.ParentID = p
	}
	if list, ok := body["permission_overwrites"].([]any); ok {
		for _, o := range list {
			if om, ok := o.(map[string]any); ok {
				ch.Overwrites = append(ch.Overwrites, om)
			}
		}
	}
	ch.Position = len(d.world.Channels)
	d.world.Channels = append(d.world.Channels, ch)
	doc := d.channelDoc(ch)
	d.gw.dispatch(d, "CHANNEL_CREATE", doc)
	return reply{status: http.StatusCreated, body: doc}
}

func (d *Double) updateChannel(c *call) reply {
	ch, bad := d.channelOr404(c)
	if bad != nil {
		return *bad
	}
	body, _ := c.body.(map[string]any)
	if v, ok := body["name"].(string); ok {
		ch.Name = v
	}
	if v, ok := body["topic"].(string); ok {
		ch.Topic = v
	}
	if v, ok := body["archived"].(bool); ok {
		ch.Archived = v
	}
	doc := d.channelDoc(*ch)
	event := "CHANNEL_UPDATE"
	if isThread(ch.Type) {
		event = "THREAD_UPDATE"
	}
	d.gw.dispatch(d, event, doc)
	return reply{status: http.StatusOK, body: doc}
}

// createThread starts a thread without a message. Discord's default type in
// API v9 and v10 is 12, a private thread: a bot wanting a public one must say
// type 11.
func (d *Double) createThread(c *call) reply {
	parent, bad := d.channelOr404(c)
	if bad != nil {
		return *bad
	}
	body, _ := c.body.(map[string]any)
	return d.startThread(c, parent, d.newID(), int(numberOr(body["type"], 12)), body)
}

// createThreadFromMessage starts a public thread on a message; as on
// Discord, the thread's ID is the message's.
func (d *Double) createThreadFromMessage(c *call) reply {
	parent, bad := d.channelOr404(c)
	if bad != nil {
		return *bad
	}
	m, bad := d.messageOr404(c, parent.ID, c.vars["message_id"])
	if bad != nil {
		return *bad
	}
	if _, taken := d.world.channel(m.ID); taken {
		d.violate(c.req.Method, c.req.Path, "message %s already has a thread", m.ID)
		return apiError(http.StatusBadRequest, 160004, "A thread has already been created for this message")
	}
	body, _ := c.body.(map[string]any)
	return d.startThread(c, parent, m.ID, 11, body)
}

func (d *Double) startThread(c *call, parent *Channel, id string, typ int, body map[string]any) reply {
	if parent.Type != 0 && parent.Type != 5 {
		d.violate(c.req.Method, c.req.Path, "threads start in text or announcement channels, %s is type %d", parent.ID, parent.Type)
		return apiError(http.StatusBadRequest, 50024, "Cannot execute action on this channel type")
	}
	ch := Channel{ID: id, Type: typ, ParentID: parent.ID, OwnerID: d.world.Bot.ID,
		ThreadMembers: []ThreadMember{{UserID: d.world.Bot.ID, Joined: d.now()}}}
	ch.Name, _ = body["name"].(string)
	d.world.Channels = append(d.world.Channels, ch)
	doc := d.channelDoc(ch)
	created := copyDoc(doc)
	created["newly_created"] = true
	d.gw.dispatch(d, "THREAD_CREATE", created)
	doc["member"] = threadMemberDoc(ch.ID, ch.ThreadMembers[0])
	return reply{status: http.StatusCreated, body: doc}
}

func copyDoc(m map[string]any) map[string]any {
	out := make(map[string]any, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}
