package discordtest

import (
	"fmt"
	"net/http"
	"slices"
	"unicode/utf8"
)

// Limits Discord enforces on what a bot sends, from its documentation. The
// description leaves some out (it allows 4000 characters of content, the
// limit for Nitro users, and 40 top-level components, the limit for the
// newer component system); the checks below apply the documented ones.
const (
	maxContent      = 2000
	maxActionRows   = 5
	maxRowButtons   = 5
	maxCustomID     = 100
	maxModalTitle   = 45
	maxInputLabel   = 45
	maxInputValue   = 4000
	maxEmbedTotal   = 6000
	maxButtonLabel  = 80
	componentRow    = 1
	componentButton = 2
	componentInput  = 4
	buttonStyleLink = 5
	buttonStyleSKU  = 6
)

// checkMessageBody applies the documented rules the description does not
// express to a message body (channel message, interaction response, follow-up
// or edit). Each broken rule is recorded; the reply is Discord's 400.
func (d *Double) checkMessageBody(c *call, body map[string]any, create bool) (reply, bool) {
	probs := messageProblems(body, create, len(c.files))
	if len(probs) == 0 {
		return reply{}, true
	}
	for _, p := range probs {
		d.violate(c.req.Method, c.req.Path, "%s", p)
	}
	if len(probs) == 1 && probs[0] == errEmptyMessage {
		return apiError(http.StatusBadRequest, 50006, "Cannot send an empty message"), false
	}
	return formError(probs), false
}

const errEmptyMessage = "cannot send an empty message (no content, embeds, components, files or poll)"

func messageProblems(body map[string]any, create bool, files int) []string {
	var probs []string
	content, _ := body["content"].(string)
	if n := utf8.RuneCountInString(content); n > maxContent {
		probs = append(probs, fmt.Sprintf("content is %d characters, Discord allows %d", n, maxContent))
	}
	embeds, _ := body["embeds"].([]any)
	comps, _ := body["components"].([]any)
	if create && content == "" && len(embeds) == 0 && len(comps) == 0 && files == 0 && body["poll"] == nil {
		if ids, _ := body["sticker_ids"].([]any); len(ids) == 0 {
			probs = append(probs, errEmptyMessage)
		}
	}
	if n := embedChars(embeds); n > maxEmbedTotal {
		probs = append(probs, fmt.Sprintf("embeds hold %d characters in all, Discord allows %d", n, maxEmbedTotal))
	}
	if numberOr(body["flags"], 0)&FlagComponentsV2 == 0 {
		probs = append(probs, componentProblems(comps)...)
	}
	probs = append(probs, mentionRuleProblems(body["allowed_mentions"])...)
	return probs
}

// componentProblems checks the classic layout: at most five action rows of
// at most five buttons (or one select), custom_ids unique and ≤ 100.
func componentProblems(comps []any) []string {
	var probs []string
	if len(comps) > maxActionRows {
		probs = append(probs, fmt.Sprintf("%d action rows, Discord allows %d", len(comps), maxActionRows))
	}
	seen := map[string]bool{}
	for i, rv := range comps {
		row, _ := rv.(map[string]any)
		if numberOr(row["type"], 0) != componentRow {
			probs = append(probs, fmt.Sprintf("components[%d] is not an action row (type 1)", i))
			continue
		}
		items, _ := row["components"].([]any)
		buttons := 0
		for j, cv := range items {
			comp, _ := cv.(map[string]any)
			at := fmt.Sprintf("components[%d].components[%d]", i, j)
			typ := numberOr(comp["type"], 0)
			if typ == componentButton {
				buttons++
				probs = append(probs, buttonProblems(at, comp)...)
			} else if len(items) > 1 {
				probs = append(probs, fmt.Sprintf("%s: a select menu must be alone in its row", at))
			}
			if id, ok := comp["custom_id"].(string); ok && id != "" {
				if n := utf8.RuneCountInString(id); n > maxCustomID {
					probs = append(probs, fmt.Sprintf("%s: custom_id is %d characters, Discord allows %d", at, n, maxCustomID))
				}
				if seen[id] {
					probs = append(probs, fmt.Sprintf("%s: custom_id %q used twice in one message", at, id))
				}
				seen[id] = true
			}
		}
		if buttons > maxRowButtons {
			probs = append(probs, fmt.Sprintf("components[%d] holds %d buttons, Discord allows %d", i, buttons, maxRowButtons))
		}
	}
	return probs
}

func buttonProblems(at string, b map[string]any) []string {
	var probs []string
	style := numberOr(b["style"], 0)
	id, _ := b["custom_id"].(string)
	url, _ := b["url"].(string)
	switch {
	case style == buttonStyleLink && (url == "" || id != ""):
		probs = append(probs, at+": a link button needs a url and no custom_id")
	case style != buttonStyleLink && style != buttonStyleSKU && id == "":
		probs = append(probs, at+": a button needs a custom_id")
	}
	if label, _ := b["label"].(string); utf8.RuneCountInString(label) > maxButtonLabel {
		probs = append(probs, fmt.Sprintf("%s: label longer than %d characters", at, maxButtonLabel))
	}
	return probs
}

// mentionRuleProblems: Discord refuses "users" in parse together with a
// users list (and the same for roles).
func mentionRuleProblems(v any) []string {
	am := readMentions(v)
	if am == nil {
		return nil
	}
	var probs []string
	if slices.Contains(am.Parse, "users") && len(am.Users) > 0 {
		probs = append(probs, `allowed_mentions: parse "users" and a users list are mutually exclusive`)
	}
	if slices.Contains(am.Parse, "roles") && len(am.Roles) > 0 {
		probs = append(probs, `allowed_mentions: parse "roles" and a roles list are mutually exclusive`)
	}
	return probs
}

// embedChars counts what Discord's 6000-character limit counts: titles,
// descriptions, field names and values, footer texts and author names.
func embedChars(embeds []any) int {
	n := 0
	str := func(m map[string]any, k string) int {
		s, _ := m[k].(string)
		return utf8.RuneCountInString(s)
	}
	for _, ev := range embeds {
		e, _ := ev.(map[string]any)
		n += str(e, "title") + str(e, "description")
		if f, ok := e["footer"].(map[string]any); ok {
			n += str(f, "text")
		}
		if a, ok := e["author"].(map[string]any); ok {
			n += str(a, "name")
		}
		fields, _ := e["fields"].([]any)
		for _, fv := range fields {
			f, _ := fv.(map[string]any)
			n += str(f, "name") + str(f, "value")
		}
	}
	return n
}

// modalProblems checks a modal (callback type 9): title ≤ 45, at most five
// rows each holding one text input, labels ≤ 45, values ≤ 4000.
func modalProblems(data map[string]any) []string {
	var probs []string
	title, _ := data["title"].(string)
	if n := utf8.RuneCountInString(title); n > maxModalTitle {
		probs = append(probs, fmt.Sprintf("modal title is %d characters, Discord allows %d", n, maxModalTitle))
	}
	if id, _ := data["custom_id"].(string); utf8.RuneCountInString(id) > maxCustomID {
		probs = append(probs, fmt.Sprintf("modal custom_id longer than %d characters", maxCustomID))
	}
	rows, _ := data["components"].([]any)
	if len(rows) > maxActionRows {
		probs = append(probs, fmt.Sprintf("modal holds %d rows, Discord allows %d", len(rows), maxActionRows))
	}
	for i, rv := range rows {
		row, _ := rv.(map[string]any)
		items, _ := row["components"].([]any)
		if numberOr(row["type"], 0) == componentRow && len(items) != 1 {
			probs = append(probs, fmt.Sprintf("modal row %d holds %d components, Discord wants exactly one text input", i, len(items)))
		}
		for _, cv := range items {
			comp, _ := cv.(map[string]any)
			if numberOr(comp["type"], 0) != componentInput {
				continue
			}
			if l, _ := comp["label"].(string); utf8.RuneCountInString(l) > maxInputLabel {
				probs = append(probs, fmt.Sprintf("modal row %d: text input label longer than %d characters", i, maxInputLabel))
			}
			if v, _ := comp["value"].(string); utf8.RuneCountInString(v) > maxInputValue {
				probs = append(probs, fmt.Sprintf("modal row %d: text input value longer than %d characters", i, maxInputValue))
			}
		}
	}
	return probs
}

// MentionProblems lists every message the bot sent that could ping
// @everyone, @here or a role: its create (or first real content) carried no
// allowed_mentions, or allowed "everyone" or "roles", or listed roles.
func (d *Double) MentionProblems() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []string
	for _, id := range d.order {
		m := d.messages[id]
		if m.Content == "" {
			continue
		}
		am := m.AllowedMentions
		switch {
		case am == nil:
			out = append(out, fmt.Sprintf("message %s in %s was sent without allowed_mentions", m.ID, m.ChannelID))
		case slices.Contains(am.Parse, "everyone"):
			out = append(out, fmt.Sprintf("message %s in %s allows pinging @everyone/@here", m.ID, m.ChannelID))
		case slices.Contains(am.Parse, "roles") || len(am.Roles) > 0:
			out = append(out, fmt.Sprintf("message %s in %s allows pinging roles", m.ID, m.ChannelID))
		}
	}
	return out
}

// AssertNoMassMentions fails t for every message that could ping @everyone,
// @here or a role (see MentionProblems).
func (d *Double) AssertNoMassMentions(t T) {
	t.Helper()
	for _, p := range d.MentionProblems() {
		t.Errorf("discordtest: %s", p)
	}
}
