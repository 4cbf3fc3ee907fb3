package discordtest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Message flags the double reads.
const (
	FlagEphemeral    = 1 << 6
	FlagLoading      = 1 << 7 // a deferred response still "thinking"
	FlagComponentsV2 = 1 << 15
)

// Message is a message as the double holds it after the bot's requests.
type Message struct {
	ID        string
	ChannelID string
	Author    User
	Content   string
	// Embeds and Components are the JSON arrays the bot sent (null when none);
	// unmarshal them into discordgo types in a test if needed.
	Embeds          json.RawMessage
	Components      json.RawMessage
	Flags           int
	AllowedMentions *AllowedMentions // nil when the bot sent none
	Attachments     []Attachment
	Pinned          bool
	Created         time.Time
	Edited          time.Time // zero until edited
	Edits           int
	InteractionID   string // set on interaction responses and follow-ups
	FollowUp        bool   // sent through the interaction webhook
	Deleted         bool
	ReplyTo         string // message_reference.message_id
	Nonce           string // the nonce the bot sent, if any
	kind            int    // Discord message type: 0 default, 20 chat input command
}

// Ephemeral says whether only the invoking user sees the message.
func (m Message) Ephemeral() bool { return m.Flags&FlagEphemeral != 0 }

// AllowedMentions is what the bot allowed the message to ping.
type AllowedMentions struct {
	Parse       []string // "users", "roles", "everyone"
	Users       []string
	Roles       []string
	RepliedUser bool
}

// Attachment is a file sent with a message.
type Attachment struct {
	ID          string
	Field       string // the multipart field, e.g. "files[0]"
	Filename    string
	ContentType string
	Description string
	Data        []byte
}

// Messages returns the live messages of a channel (or thread), oldest first.
func (d *Double) Messages(channelID string) []Message {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []Message
	for _, id := range d.order {
		if m := d.messages[id]; m.ChannelID == channelID && !m.Deleted {
			out = append(out, m.copy())
		}
	}
	return out
}

// AllMessages returns every message the bot posted anywhere, deleted ones
// included, oldest first.
func (d *Double) AllMessages() []Message {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]Message, 0, len(d.order))
	for _, id := range d.order {
		out = append(out, d.messages[id].copy())
	}
	return out
}

// Message returns one message by ID.
func (d *Double) Message(id string) (Message, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	m, ok := d.messages[id]
	if !ok {
		return Message{}, false
	}
	return m.copy(), true
}

func (m *Message) copy() Message {
	c := *m
	c.Attachments = append([]Attachment(nil), m.Attachments...)
	return c
}

// addMessage stores a new message; d.mu is held.
func (d *Double) addMessage(m *Message) {
	if m.ID == "" {
		m.ID = d.newID()
	}
	m.Created = d.now()
	d.messages[m.ID] = m
	d.order = append(d.order, m.ID)
}

// applyMessage sets a message's fields from a create or edit body: on an
// edit only the fields present change, as with Discord's PATCH.
func (d *Double) applyMessage(m *Message, body map[string]any, files []Attachment, create bool) {
	if v, ok := body["content"]; ok || create {
		s, _ := v.(string)
		m.Content = s
	}
	if v, ok := body["embeds"]; ok || create {
		m.Embeds = rawJSON(v)
	}
	if v, ok := body["components"]; ok || create {
		numberComponents(v, new(int))
		m.Components = rawJSON(v)
	}
	if v, ok := body["flags"]; ok {
		// Loading is Discord's state, not the bot's: an edit ends it.
		m.Flags = int(numberOr(v, 0)) | (m.Flags & FlagEphemeral)
	} else if !create {
		m.Flags &^= FlagLoading
	}
	if v, ok := body["allowed_mentions"]; ok {
		m.AllowedMentions = readMentions(v)
	}
	if ref, ok := body["message_reference"].(map[string]any); ok {
		m.ReplyTo, _ = ref["message_id"].(string)
	}
	// "attachments" on an edit lists the existing files to keep.
	if list, ok := body["attachments"].([]any); ok && !create {
		keep := map[string]bool{}
		for _, a := range list {
			if am, ok := a.(map[string]any); ok {
				keep[fmt.Sprint(am["id"])] = true
			}
		}
		var kept []Attachment
		for _, a := range m.Attachments {
			if keep[a.ID] {
				kept = append(kept, a)
			}
		}
		m.Attachments = kept
	}
	for _, f := range files {
		f.ID = d.newID()
		m.Attachments = append(m.Attachments, f)
	}
	if !create {
		m.Edited = d.now()
		m.Edits++
	}
}

// numberComponents gives every component without one an "id", counting
// depth-first from 1, as Discord does when it stores a message.
func numberComponents(v any, next *int) {
	list, _ := v.([]any)
	for _, cv := range list {
		comp, ok := cv.(map[string]any)
		if !ok {
			continue
		}
		*next++
		if numberOr(comp["id"], 0) == 0 {
			comp["id"] = *next
		}
		numberComponents(comp["components"], next)
	}
}

func readMentions(v any) *AllowedMentions {
	am, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	strs := func(k string) []string {
		var out []string
		list, _ := am[k].([]any)
		for _, x := range list {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	replied, _ := am["replied_user"].(bool)
	return &AllowedMentions{Parse: strs("parse"), Users: strs("users"), Roles: strs("roles"), RepliedUser: replied}
}

// messageDoc renders a message as Discord returns it.
func (d *Double) messageDoc(m *Message) map[string]any {
	var edited any
	if !m.Edited.IsZero() {
		edited = timestamp(m.Edited)
	}
	atts := []any{}
	for _, a := range m.Attachments {
		url := d.srv.URL + "/attachments/" + m.ChannelID + "/" + a.ID + "/" + a.Filename
		atts = append(atts, map[string]any{
			"id": a.ID, "filename": a.Filename, "size": len(a.Data), "url": url, "proxy_url": url,
			"content_type": a.ContentType, "description": a.Description,
		})
	}
	doc := map[string]any{
		"id": m.ID, "channel_id": m.ChannelID, "type": m.kind, "author": userDoc(m.Author),
		"content": m.Content, "timestamp": timestamp(m.Created), "edited_timestamp": edited,
		"tts": false, "mention_everyone": m.pingsEveryone(), "mentions": []any{},
		"mention_roles": anySlice(m.pingedRoles()), "attachments": atts,
		"embeds": jsonOr(m.Embeds, []any{}), "components": jsonOr(m.Components, []any{}),
		"flags": m.Flags &^ FlagLoading, "pinned": m.Pinned,
	}
	if m.Flags&FlagLoading != 0 {
		doc["flags"] = m.Flags
	}
	if m.InteractionID != "" {
		doc["webhook_id"] = d.world.Bot.ID
		doc["application_id"] = d.world.Bot.ID
		if in, ok := d.interactions[m.InteractionID]; ok {
			doc["interaction_metadata"] = map[string]any{
				"id": in.id, "type": in.typ, "user": userDoc(in.user),
				"authorizing_integration_owners": map[string]any{"0": d.world.Guild},
			}
		}
	}
	if m.ReplyTo != "" {
		doc["message_reference"] = map[string]any{"type": 0, "message_id": m.ReplyTo, "channel_id": m.ChannelID, "guild_id": d.world.Guild}
	}
	return doc
}

// pingsEveryone says whether the message would notify @everyone/@here:
// its content names them and nothing stopped it.
func (m *Message) pingsEveryone() bool {
	if !strings.Contains(m.Content, "@everyone") && !strings.Contains(m.Content, "@here") {
		return false
	}
	return m.AllowedMentions == nil || slices.Contains(m.AllowedMentions.Parse, "everyone")
}

// pingedRoles lists the roles the message's content would notify.
func (m *Message) pingedRoles() []string {
	var out []string
	rest := m.Content
	for {
		i := strings.Index(rest, "<@&")
		if i < 0 {
			return out
		}
		rest = rest[i+3:]
		j := strings.Index(rest, ">")
		if j < 0 {
			return out
		}
		id := rest[:j]
		am := m.AllowedMentions
		if am == nil || slices.Contains(am.Parse, "roles") || slices.Contains(am.Roles, id) {
			out = append(out, id)
		}
	}
}

// --- small JSON helpers ---

func rawJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		return json.RawMessage("null")
	}
	return b
}

func jsonOr(raw json.RawMessage, def any) any {
	if len(raw) == 0 || string(raw) == "null" {
		return def
	}
	return raw
}

// numberOr reads a JSON number (or a digit string, as permissions come) as
// an int64.
func numberOr(v any, def int64) int64 {
	switch n := v.(type) {
	case json.Number:
		if i, err := n.Int64(); err == nil {
			return i
		}
		if f, err := n.Float64(); err == nil {
			return int64(f)
		}
	case float64:
		return int64(n)
	case int:
		return int64(n)
	case int64:
		return n
	case string:
		if i, err := strconv.ParseInt(n, 10, 64); err == nil {
			return i
		}
	}
	return def
}

func anySlice(s []string) []any {
	out := make([]any, len(s))
	for i, x := range s {
		out[i] = x
	}
	return out
}
