package discordtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Callback is one interaction callback the bot sent, accepted or not.
type Callback struct {
	InteractionID string
	Type          int             // 4 message, 5 deferred, 6 deferred update, 7 update, 8 autocomplete, 9 modal
	Data          json.RawMessage // the "data" object as sent (null when none)
	Time          time.Time
	Latency       time.Duration // since the interaction was dispatched
	Status        int           // what the double answered
}

// Callbacks returns every interaction callback received, oldest first.
func (d *Double) Callbacks() []Callback {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]Callback(nil), d.callbacks...)
}

// WaitCallback blocks until the bot has sent a callback for the interaction.
func (d *Double) WaitCallback(ctx context.Context, interactionID string) (Callback, error) {
	var cb Callback
	err := d.waitUntil(ctx, "a callback for interaction "+interactionID, func() bool {
		// By index: twenty waiters each read every callback on every
		// change, and the load's harness cost more than the bot it timed.
		i, ok := d.firstCallback[interactionID]
		if ok {
			cb = d.callbacks[i]
		}
		return ok
	})
	return cb, err
}

// allowedCallbacks lists the callback types Discord accepts per interaction
// type.
var allowedCallbacks = map[int][]int{
	InteractionCommand:      {4, 5, 9},
	InteractionComponent:    {4, 5, 6, 7, 9},
	InteractionAutocomplete: {8},
	InteractionModalSubmit:  {4, 5, 6, 7},
}

func (d *Double) interactionCallback(c *call) reply {
	in, ok := d.interactions[c.vars["interaction_id"]]
	if !ok || in.token != c.vars["interaction_token"] {
		d.violate(c.req.Method, c.req.Path, "callback for an unknown interaction (or with a wrong token)")
		return apiError(http.StatusNotFound, 10062, "Unknown interaction")
	}
	body, _ := c.body.(map[string]any)
	cb := Callback{InteractionID: in.id, Type: int(numberOr(body["type"], 0)), Data: rawJSON(body["data"]),
		Time: d.now(), Latency: d.now().Sub(in.dispatched)}
	rep := d.acknowledge(c, in, cb, body)
	cb.Status = rep.status
	d.addCallback(cb)
	return rep
}

// addCallback records a callback, indexing an interaction's first; d.mu
// is held.
func (d *Double) addCallback(cb Callback) {
	if d.firstCallback == nil {
		d.firstCallback = map[string]int{}
	}
	if _, ok := d.firstCallback[cb.InteractionID]; !ok {
		d.firstCallback[cb.InteractionID] = len(d.callbacks)
	}
	d.callbacks = append(d.callbacks, cb)
}

// rejectedCallback notes a callback refused before it reached
// acknowledge (its body broke the description): the bot did try to answer.
func (d *Double) rejectedCallback(c *call, body []byte, status int) {
	in, ok := d.interactions[c.vars["interaction_id"]]
	if !ok || in.token != c.vars["interaction_token"] {
		return
	}
	in.attempts++
	var typ struct {
		Type int             `json:"type"`
		Data json.RawMessage `json:"data"`
	}
	_ = json.Unmarshal(body, &typ)
	d.addCallback(Callback{InteractionID: in.id, Type: typ.Type, Data: typ.Data,
		Time: d.now(), Latency: d.now().Sub(in.dispatched), Status: status})
}

// acknowledge applies Discord's rules for an initial response: once only,
// within the deadline, of a type the interaction allows, with a valid
// message or modal; then it makes the response's message.
func (d *Double) acknowledge(c *call, in *interaction, cb Callback, body map[string]any) reply {
	m, p := c.req.Method, c.req.Path
	in.attempts++
	if !in.answered.IsZero() {
		d.violate(m, p, "interaction %s (%s) acknowledged twice", in.id, in.what)
		return apiError(http.StatusBadRequest, 40060, "Interaction has already been acknowledged.")
	}
	if cb.Latency > d.cfg.deadline {
		in.late = true
		d.violate(m, p, "initial response to interaction %s (%s) came %v after dispatch, past Discord's %v deadline",
			in.id, in.what, cb.Latency.Round(time.Millisecond), d.cfg.deadline)
		return apiError(http.StatusNotFound, 10062, "Unknown interaction")
	}
	ok := false
	for _, t := range allowedCallbacks[in.typ] {
		ok = ok || t == cb.Type
	}
	if !ok {
		d.violate(m, p, "callback type %d is not allowed for interaction type %d (%s)", cb.Type, in.typ, in.what)
		return formError([]string{fmt.Sprintf("type: callback type %d not valid for this interaction", cb.Type)})
	}
	data, _ := body["data"].(map[string]any)
	switch cb.Type {
	case 4:
		if rep, ok := d.checkMessageBody(c, data, true); !ok {
			return rep
		}
		msg := d.interactionMessage(in)
		d.applyMessage(msg, data, c.files, true)
		d.addMessage(msg)
		in.original = msg.ID
	case 5:
		msg := d.interactionMessage(in)
		msg.Flags = FlagLoading | int(numberOr(data["flags"], 0))&FlagEphemeral
		d.addMessage(msg)
		in.original = msg.ID
	case 6, 7:
		src := d.sourceMessage(in)
		if cb.Type == 7 {
			if rep, ok := d.checkMessageBody(c, data, false); !ok {
				return rep
			}
			d.applyMessage(src, data, c.files, false)
		}
		in.original = src.ID
	case 8:
		if probs := d.choiceProblems(in, data); len(probs) > 0 {
			for _, pr := range probs {
				d.violate(m, p, "%s", pr)
			}
			return formError(probs)
		}
	case 9:
		if probs := modalProblems(data); len(probs) > 0 {
			for _, pr := range probs {
				d.violate(m, p, "%s", pr)
			}
			return formError(probs)
		}
	}
	in.answered, in.latency, in.callbackType = cb.Time, cb.Latency, cb.Type
	if c.req.Query.Get("with_response") != "true" {
		return reply{status: http.StatusNoContent}
	}
	return reply{status: http.StatusOK, body: d.callbackResponseDoc(in)}
}

// interactionMessage starts the message an interaction response creates.
func (d *Double) interactionMessage(in *interaction) *Message {
	kind := 0
	if in.typ == InteractionCommand {
		kind = 20 // CHAT_INPUT_COMMAND
	}
	return &Message{ChannelID: in.channelID, Author: d.world.Bot, InteractionID: in.id, kind: kind}
}

// sourceMessage is the message a component sits on; a test may click a
// button on a message the double never saw, which then comes into being.
func (d *Double) sourceMessage(in *interaction) *Message {
	if m, ok := d.messages[in.sourceMsg]; ok {
		return m
	}
	m := &Message{ID: in.sourceMsg, ChannelID: in.channelID, Author: d.world.Bot}
	if m.ID == "" {
		m.ID = d.newID()
	}
	d.addMessage(m)
	return m
}

func (d *Double) callbackResponseDoc(in *interaction) map[string]any {
	doc := map[string]any{"interaction": map[string]any{
		"id": in.id, "type": in.typ, "response_message_id": nilIfEmpty(in.original),
		"response_message_loading": in.callbackType == 5, "response_message_ephemeral": false,
	}}
	if msg, ok := d.messages[in.original]; ok && in.callbackType != 6 {
		doc["interaction"].(map[string]any)["response_message_ephemeral"] = msg.Ephemeral()
		doc["resource"] = map[string]any{"type": in.callbackType, "message": d.messageDoc(msg)}
	}
	return doc
}

// --- the interaction webhook: @original, follow-ups ---

// webhookFor finds the interaction behind /webhooks/{app}/{token}: the
// token must be one the double issued and not older than 15 minutes.
func (d *Double) webhookFor(c *call) (*interaction, *reply) {
	m, p := c.req.Method, c.req.Path
	in, ok := d.byToken[c.vars["webhook_token"]]
	if !ok || c.vars["webhook_id"] != d.world.Bot.ID {
		d.violate(m, p, "unknown webhook: not an interaction token the double issued for application %s", d.world.Bot.ID)
		r := apiError(http.StatusNotFound, 10015, "Unknown Webhook")
		return nil, &r
	}
	if d.now().Sub(in.dispatched) > d.cfg.tokenLife {
		d.violate(m, p, "interaction token of %s (%s) used after %v", in.id, in.what, d.cfg.tokenLife)
		r := apiError(http.StatusUnauthorized, 50027, "Invalid Webhook Token")
		return nil, &r
	}
	return in, nil
}

// webhookMessage finds @original or a follow-up of the interaction.
func (d *Double) webhookMessage(c *call, in *interaction) (*Message, *reply) {
	id, ok := c.vars["message_id"]
	if !ok { // the @original route has no message_id variable
		id = in.original
	}
	msg, found := d.messages[id]
	mine := found && (msg.InteractionID == in.id || msg.ID == in.original)
	if id == "" || !mine || msg.Deleted {
		d.violate(c.req.Method, c.req.Path, "no such message for interaction %s (%s): respond before editing @original", in.id, in.what)
		r := apiError(http.StatusNotFound, 10008, "Unknown Message")
		return nil, &r
	}
	return msg, nil
}

func (d *Double) getWebhookMessage(c *call) reply {
	in, bad := d.webhookFor(c)
	if bad != nil {
		return *bad
	}
	msg, bad := d.webhookMessage(c, in)
	if bad != nil {
		return *bad
	}
	return reply{status: http.StatusOK, body: d.messageDoc(msg)}
}

func (d *Double) editWebhookMessage(c *call) reply {
	in, bad := d.webhookFor(c)
	if bad != nil {
		return *bad
	}
	msg, bad := d.webhookMessage(c, in)
	if bad != nil {
		return *bad
	}
	body, _ := c.body.(map[string]any)
	if rep, ok := d.checkMessageBody(c, body, false); !ok {
		return rep
	}
	d.applyMessage(msg, body, c.files, false)
	return reply{status: http.StatusOK, body: d.messageDoc(msg)}
}

func (d *Double) deleteWebhookMessage(c *call) reply {
	in, bad := d.webhookFor(c)
	if bad != nil {
		return *bad
	}
	msg, bad := d.webhookMessage(c, in)
	if bad != nil {
		return *bad
	}
	msg.Deleted = true
	return reply{status: http.StatusNoContent}
}

// followup sends a follow-up message; Discord accepts them only once the
// interaction has been acknowledged.
func (d *Double) followup(c *call) reply {
	in, bad := d.webhookFor(c)
	if bad != nil {
		return *bad
	}
	if in.answered.IsZero() {
		d.violate(c.req.Method, c.req.Path, "follow-up to interaction %s (%s) before its initial response", in.id, in.what)
		return apiError(http.StatusNotFound, 10015, "Unknown Webhook")
	}
	body, _ := c.body.(map[string]any)
	if rep, ok := d.checkMessageBody(c, body, true); !ok {
		return rep
	}
	msg := d.interactionMessage(in)
	msg.FollowUp = true
	d.applyMessage(msg, body, c.files, true)
	d.addMessage(msg)
	if c.req.Query.Get("wait") != "true" {
		return reply{status: http.StatusNoContent}
	}
	return reply{status: http.StatusOK, body: d.messageDoc(msg)}
}
