package discordtest

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Interaction types, as Discord numbers them.
const (
	InteractionCommand      = 2 // APPLICATION_COMMAND
	InteractionComponent    = 3 // MESSAGE_COMPONENT
	InteractionAutocomplete = 4 // APPLICATION_COMMAND_AUTOCOMPLETE
	InteractionModalSubmit  = 5 // MODAL_SUBMIT
)

// Application command option types used in interaction payloads.
const (
	OptionSubcommand      = 1
	OptionSubcommandGroup = 2
	OptionString          = 3
	OptionInteger         = 4
	OptionBoolean         = 5
	OptionUser            = 6
	OptionChannel         = 7
	OptionRole            = 8
	OptionNumber          = 10
)

// Interaction is what a test asks the double to send as INTERACTION_CREATE.
// Build one with SlashCommand, Button, ModalSubmit or Autocomplete, adjust
// it if needed, and pass it to DispatchInteraction.
type Interaction struct {
	Type        int
	User        User
	Roles       []string
	ChannelID   string
	GuildID     string // default: the world's guild
	Locale      string // the user's client locale; default "fr"
	GuildLocale string // default: the world's locale
	MessageID   string // components: the message the component sits on
	DM          bool   // sent from a direct message with the bot: no guild, no member
	// Data is the interaction's "data" object, shaped as Discord sends it.
	Data map[string]any
}

// Opt is an option value of a slash command or autocomplete interaction.
type Opt struct {
	Name    string
	Type    int
	Value   any
	Focused bool // autocomplete: the option being typed
}

// Str is a string option.
func Str(name, value string) Opt { return Opt{Name: name, Type: OptionString, Value: value} }

// Int is an integer option.
func Int(name string, value int) Opt { return Opt{Name: name, Type: OptionInteger, Value: value} }

// Bool is a boolean option.
func Bool(name string, value bool) Opt { return Opt{Name: name, Type: OptionBoolean, Value: value} }

// UserOpt is a user option; its value is the user's ID.
func UserOpt(name, userID string) Opt { return Opt{Name: name, Type: OptionUser, Value: userID} }

// Focused is the string option an autocomplete interaction is about.
func Focused(name, partial string) Opt {
	return Opt{Name: name, Type: OptionString, Value: partial, Focused: true}
}

// SlashCommand builds an APPLICATION_COMMAND interaction. sub is "" for a
// command without subcommands, "assign" for a subcommand, or "group sub"
// for a subcommand in a group; options nest under the innermost level as
// Discord nests them.
func SlashCommand(user User, roles []string, channelID, command, sub string, opts ...Opt) Interaction {
	return Interaction{Type: InteractionCommand, User: user, Roles: roles, ChannelID: channelID,
		Data: commandData(command, sub, opts)}
}

// Autocomplete builds an APPLICATION_COMMAND_AUTOCOMPLETE interaction; one
// of opts should be Focused.
func Autocomplete(user User, roles []string, channelID, command, sub string, opts ...Opt) Interaction {
	in := SlashCommand(user, roles, channelID, command, sub, opts...)
	in.Type = InteractionAutocomplete
	return in
}

// Button builds a MESSAGE_COMPONENT interaction for a button click on a
// message (the bot's, usually) with the given custom_id.
func Button(user User, roles []string, channelID, messageID, customID string) Interaction {
	return Interaction{Type: InteractionComponent, User: user, Roles: roles, ChannelID: channelID, MessageID: messageID,
		Data: map[string]any{"custom_id": customID, "component_type": componentButton}}
}

// ModalSubmit builds a MODAL_SUBMIT interaction: fields maps each text
// input's custom_id to what the user typed; each sits in its own action row.
func ModalSubmit(user User, roles []string, channelID, customID string, fields map[string]string) Interaction {
	rows := []any{}
	for _, id := range sortedKeys(fields) {
		rows = append(rows, map[string]any{"type": componentRow, "components": []any{
			map[string]any{"type": componentInput, "custom_id": id, "value": fields[id]},
		}})
	}
	return Interaction{Type: InteractionModalSubmit, User: user, Roles: roles, ChannelID: channelID,
		Data: map[string]any{"custom_id": customID, "components": rows}}
}

func commandData(command, sub string, opts []Opt) map[string]any {
	leaf := []any{}
	for _, o := range opts {
		doc := map[string]any{"name": o.Name, "type": o.Type, "value": o.Value}
		if o.Focused {
			doc["focused"] = true
		}
		leaf = append(leaf, doc)
	}
	levels := strings.Fields(sub)
	options := leaf
	for i := len(levels) - 1; i >= 0; i-- {
		typ := OptionSubcommand
		if i < len(levels)-1 {
			typ = OptionSubcommandGroup
		}
		options = []any{map[string]any{"name": levels[i], "type": typ, "options": options}}
	}
	return map[string]any{"id": commandID(command), "name": command, "type": 1, "options": options}
}

// commandID is a stable fake ID for a command name; DispatchInteraction
// replaces it with the registered command's ID when there is one.
func commandID(name string) string {
	h := uint64(1469598103934665603)
	for _, b := range []byte(name) {
		h = (h ^ uint64(b)) * 1099511628211
	}
	return fmt.Sprint(1000000000000000000 + h%1000000000000000)
}

// interaction is the double's record of a dispatched interaction.
type interaction struct {
	id, token    string
	typ          int
	what         string // "/task assign", "button done:3", for reports
	user         User
	channelID    string
	sourceMsg    string // components: the message clicked
	dispatched   time.Time
	attempts     int // callbacks tried, accepted or not
	answered     time.Time
	latency      time.Duration
	callbackType int
	late         bool
	original     string // the @original message, once there is one
	seq          int
	expired      bool // replayed after its token died: no answer is due
	focusedType  int  // autocomplete: the declared type of the option typed
}

// DispatchInteraction sends INTERACTION_CREATE over the gateway and
// returns the interaction's ID and token. The clock for the initial
// response starts now.
func (d *Double) DispatchInteraction(in Interaction) (id, token string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	doc, rec := d.interactionDoc(in)
	d.interactions[rec.id] = rec
	d.byToken[rec.token] = rec
	rec.seq = len(d.interactions)
	if !d.gw.dispatch(d, "INTERACTION_CREATE", doc) {
		d.t.Errorf("discordtest: DispatchInteraction %s: no gateway session has identified", rec.what)
	}
	d.notify()
	return rec.id, rec.token
}

func (d *Double) interactionDoc(in Interaction) (map[string]any, *interaction) {
	w := &d.world
	if in.GuildID == "" {
		in.GuildID = w.Guild
	}
	if in.Locale == "" {
		in.Locale = "fr"
	}
	if in.GuildLocale == "" {
		in.GuildLocale = w.Locale
	}
	rec := &interaction{id: d.newID(), token: "aW50ZXJhY3Rpb246" + randomHex(32), typ: in.Type,
		user: in.User, channelID: in.ChannelID, sourceMsg: in.MessageID, dispatched: d.now()}
	data := copyDoc(in.Data)
	switch in.Type {
	case InteractionCommand, InteractionAutocomplete:
		name, _ := data["name"].(string)
		for _, cmd := range d.commands[in.GuildID] {
			if cmd.Name == name {
				data["id"] = cmd.ID
			}
		}
		data["guild_id"] = in.GuildID
		d.resolve(data)
		rec.focusedType = d.focusedType(in.GuildID, data)
		rec.what = "/" + strings.TrimSpace(name+" "+subPath(data["options"]))
	case InteractionComponent:
		rec.what = fmt.Sprintf("component %v", data["custom_id"])
	case InteractionModalSubmit:
		rec.what = fmt.Sprintf("modal %v", data["custom_id"])
	default:
		rec.what = fmt.Sprintf("type %d", in.Type)
	}
	perms := d.checkVisible(in)
	chDoc := map[string]any{"id": in.ChannelID, "type": 0, "guild_id": in.GuildID}
	if ch, ok := w.channel(in.ChannelID); ok {
		chDoc = d.channelDoc(*ch)
	}
	chDoc["permissions"] = fmt.Sprint(perms)
	member := d.memberDoc(Member{User: in.User, Roles: in.Roles})
	member["permissions"] = fmt.Sprint(perms)
	doc := map[string]any{
		"id": rec.id, "application_id": w.Bot.ID, "type": in.Type, "data": data,
		"guild_id": in.GuildID, "channel_id": in.ChannelID, "channel": chDoc, "member": member,
		"token": rec.token, "version": 1, "locale": in.Locale, "guild_locale": in.GuildLocale,
		"app_permissions": fmt.Sprint(w.permissions(d.botRoles()) | basePerms), "entitlements": []any{},
		"authorizing_integration_owners": map[string]any{"0": in.GuildID}, "context": 0,
		"attachment_size_limit": 26214400,
	}
	if in.DM {
		d.directMessage(doc, in)
	}
	if in.Type == InteractionComponent {
		if m, ok := d.messages[in.MessageID]; ok {
			doc["message"] = d.messageDoc(m)
		} else {
			doc["message"] = d.messageDoc(&Message{ID: in.MessageID, ChannelID: in.ChannelID, Author: w.Bot, Created: d.now()})
		}
	}
	return doc, rec
}

func (d *Double) botRoles() []string {
	m, _ := d.world.member(d.world.Bot.ID)
	return m.Roles
}

// subPath names the subcommand group and subcommand chosen, "assign" or
// "group sub", from an options list.
func subPath(v any) string {
	opts, _ := v.([]any)
	for _, o := range opts {
		om, _ := o.(map[string]any)
		if t := numberOr(om["type"], 0); t == OptionSubcommand || t == OptionSubcommandGroup {
			return strings.TrimSpace(fmt.Sprint(om["name"]) + " " + subPath(om["options"]))
		}
	}
	return ""
}

// interactionOrder lists interactions in dispatch order; d.mu is held.
func (d *Double) interactionOrder() []*interaction {
	out := make([]*interaction, 0, len(d.interactions))
	for _, in := range d.interactions {
		out = append(out, in)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].seq < out[j].seq })
	return out
}
