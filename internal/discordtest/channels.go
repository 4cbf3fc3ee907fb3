package discordtest

import (
	"net/http"
	"strconv"
)

// channelOr404 finds the route's channel; writing to a channel that does
// not exist is a bot bug (a stale ID, a wrong config), hence a violation.
func (d *Double) channelOr404(c *call) (*Channel, *reply) {
	ch, ok := d.world.channel(c.vars["channel_id"])
	if !ok {
		d.violate(c.req.Method, c.req.Path, "unknown channel %s", c.vars["channel_id"])
		r := apiError(http.StatusNotFound, 10003, "Unknown Channel")
		return nil, &r
	}
	return ch, nil
}

// messageOr404 finds a live message, in channelID when it is not "".
func (d *Double) messageOr404(c *call, channelID, id string) (*Message, *reply) {
	m, ok := d.messages[id]
	if !ok || m.Deleted || (channelID != "" && m.ChannelID != channelID) {
		// A deleted message is a fact of life (moderators delete), not a
		// bot bug: only an ID that never was one is a violation.
		if !ok || !m.Deleted {
			d.violate(c.req.Method, c.req.Path, "unknown message %s", id)
		}
		r := apiError(http.StatusNotFound, 10008, "Unknown Message")
		return nil, &r
	}
	return m, nil
}

func (d *Double) createMessage(c *call) reply {
	ch, bad := d.channelOr404(c)
	if bad != nil {
		return *bad
	}
	body, _ := c.body.(map[string]any)
	if rep, ok := d.checkMessageBody(c, body, true); !ok {
		return rep
	}
	if m, ok := d.sameNonce(ch.ID, body); ok {
		return reply{status: http.StatusOK, body: d.messageDoc(m)}
	}
	m := &Message{ChannelID: ch.ID, Author: d.world.Bot, Nonce: nonceString(body["nonce"])}
	d.applyMessage(m, body, c.files, true)
	d.addMessage(m)
	return reply{status: http.StatusOK, body: d.messageDoc(m)}
}

func (d *Double) listMessages(c *call) reply {
	ch, bad := d.channelOr404(c)
	if bad != nil {
		return *bad
	}
	limit := 50
	if l, err := strconv.Atoi(c.req.Query.Get("limit")); err == nil && l > 0 && l <= 100 {
		limit = l
	}
	out := []any{}
	for i := len(d.order) - 1; i >= 0 && len(out) < limit; i-- {
		if m := d.messages[d.order[i]]; m.ChannelID == ch.ID && !m.Deleted && m.Flags&FlagEphemeral == 0 {
			out = append(out, d.messageDoc(m))
		}
	}
	return reply{status: http.StatusOK, body: out}
}

func (d *Double) getMessage(c *call) reply {
	m, bad := d.messageOr404(c, c.vars["channel_id"], c.vars["message_id"])
	if bad != nil {
		return *bad
	}
	return reply{status: http.StatusOK, body: d.messageDoc(m)}
}

func (d *Double) updateMessage(c *call) reply {
	m, bad := d.messageOr404(c, c.vars["channel_id"], c.vars["message_id"])
	if bad != nil {
		return *bad
	}
	if m.Author.ID != d.world.Bot.ID {
		d.violate(c.req.Method, c.req.Path, "editing a message the bot did not author")
		return apiError(http.StatusForbidden, 50005, "Cannot edit a message authored by another user")
	}
	body, _ := c.body.(map[string]any)
	if rep, ok := d.checkMessageBody(c, body, false); !ok {
		return rep
	}
	d.applyMessage(m, body, c.files, false)
	return reply{status: http.StatusOK, body: d.messageDoc(m)}
}

func (d *Double) deleteMessage(c *call) reply {
	m, bad := d.messageOr404(c, c.vars["channel_id"], c.vars["message_id"])
	if bad != nil {
		return *bad
	}
	m.Deleted = true
	return reply{status: http.StatusNoContent}
}

func (d *Double) pin(c *call) reply {
	m, bad := d.messageOr404(c, c.vars["channel_id"], c.vars["message_id"])
	if bad != nil {
		return *bad
	}
	if m.Flags&FlagEphemeral != 0 {
		d.violate(c.req.Method, c.req.Path, "pinning an ephemeral message")
		return apiError(http.StatusNotFound, 10008, "Unknown Message")
	}
	if !d.botMay(PermPinMessages) {
		return missingPermissions()
	}
	m.Pinned = true
	return reply{status: http.StatusNoContent}
}

func (d *Double) unpin(c *call) reply {
	m, bad := d.messageOr404(c, c.vars["channel_id"], c.vars["message_id"])
	if bad != nil {
		return *bad
	}
	m.Pinned = false
	return reply{status: http.StatusNoContent}
}

func (d *Double) pinned(channelID string) []*Message {
	var out []*Message
	for i := len(d.order) - 1; i >= 0; i-- {
		if m := d.messages[d.order[i]]; m.ChannelID == channelID && m.Pinned && !m.Deleted {
			out = append(out, m)
		}
	}
	return out
}

func (d *Double) listPinsOld(c *call) reply {
	if _, bad := d.channelOr404(c); bad != nil {
		return *bad
	}
	out := []any{}
	for _, m := range d.pinned(c.vars["channel_id"]) {
		out = append(out, d.messageDoc(m))
	}
	return reply{status: http.StatusOK, body: out}
}

func (d *Double) listPins(c *call) reply {
	if _, bad := d.channelOr404(c); bad != nil {
		return *bad
	}
	items := []any{}
	for _, m := range d.pinned(c.vars["channel_id"]) {
		items = append(items, map[string]any{"pinned_at": timestamp(m.Created), "message": d.messageDoc(m)})
	}
	return reply{status: http.StatusOK, body: map[string]any{"items": items, "has_more": false}}
}
