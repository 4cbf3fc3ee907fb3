package discordtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"unicode"
)

// Command is an application command as the bot registered it.
type Command struct {
	ID                       string
	GuildID                  string // "" for a global command
	Type                     int    // 1 chat input
	Name                     string
	Description              string
	NameLocalizations        map[string]string
	DescriptionLocalizations map[string]string
	DefaultMemberPermissions string // "" when null
	Options                  []CommandOption
	Version                  string
}

// CommandOption is an option, subcommand or subcommand group.
type CommandOption struct {
	Type                     int
	Name                     string
	Description              string
	NameLocalizations        map[string]string
	DescriptionLocalizations map[string]string
	Required                 bool
	Autocomplete             bool
	Choices                  []Choice
	Options                  []CommandOption
}

// Choice is a fixed choice of an option.
type Choice struct {
	Name              string
	NameLocalizations map[string]string
	Value             any
}

// Commands returns the registered commands, global ones first, each list in
// the order the bot sent it.
func (d *Double) Commands() []Command {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []Command
	for _, k := range sortedKeys(d.commands) {
		out = append(out, d.commands[k]...)
	}
	return out
}

// wireCommand is a command as it travels; permissions may come as a number
// or (as discordgo and the documentation have it) a string.
type wireCommand struct {
	Type                     int               `json:"type"`
	Name                     string            `json:"name"`
	Description              string            `json:"description"`
	NameLocalizations        map[string]string `json:"name_localizations"`
	DescriptionLocalizations map[string]string `json:"description_localizations"`
	DefaultMemberPermissions json.RawMessage   `json:"default_member_permissions"`
	Options                  []wireOption      `json:"options"`
}

type wireOption struct {
	Type                     int               `json:"type"`
	Name                     string            `json:"name"`
	Description              string            `json:"description"`
	NameLocalizations        map[string]string `json:"name_localizations"`
	DescriptionLocalizations map[string]string `json:"description_localizations"`
	Required                 bool              `json:"required"`
	Autocomplete             bool              `json:"autocomplete"`
	Choices                  []struct {
		Name              string            `json:"name"`
		NameLocalizations map[string]string `json:"name_localizations"`
		Value             any               `json:"value"`
	} `json:"choices"`
	Options []wireOption `json:"options"`
}

func (o wireOption) command() CommandOption {
	co := CommandOption{Type: o.Type, Name: o.Name, Description: o.Description,
		NameLocalizations: o.NameLocalizations, DescriptionLocalizations: o.DescriptionLocalizations,
		Required: o.Required, Autocomplete: o.Autocomplete}
	for _, ch := range o.Choices {
		co.Choices = append(co.Choices, Choice{Name: ch.Name, NameLocalizations: ch.NameLocalizations, Value: ch.Value})
	}
	for _, sub := range o.Options {
		co.Options = append(co.Options, sub.command())
	}
	return co
}

func (d *Double) listCommands(c *call) reply {
	out := []any{}
	for _, cmd := range d.commands[c.vars["guild_id"]] {
		out = append(out, d.commandDoc(cmd))
	}
	return reply{status: http.StatusOK, body: out}
}

// bulkSetCommands replaces the commands of a guild (or the global ones).
// As on Discord, a command keeps its ID when one of the same name and type
// existed; the whole request fails if any command breaks a rule.
func (d *Double) bulkSetCommands(c *call) reply {
	guild := c.vars["guild_id"]
	if guild != "" {
		if bad := d.guildOr404(c); bad != nil {
			return *bad
		}
	}
	if c.vars["application_id"] != d.world.Bot.ID {
		d.violate(c.req.Method, c.req.Path, "application_id %s is not the bot's (%s)", c.vars["application_id"], d.world.Bot.ID)
		return apiError(http.StatusForbidden, 50001, "Missing Access")
	}
	var wire []wireCommand
	if err := json.Unmarshal(c.req.Body, &wire); err != nil {
		d.violate(c.req.Method, c.req.Path, "commands: %v", err)
		return formError([]string{err.Error()})
	}
	var probs []string
	seen := map[string]bool{}
	for i, w := range wire {
		if w.Type == 0 {
			w.Type = 1
		}
		key := fmt.Sprint(w.Type, "/", w.Name)
		if seen[key] {
			probs = append(probs, fmt.Sprintf("[%d]: command name %q used twice", i, w.Name))
		}
		seen[key] = true
		probs = append(probs, commandProblems(fmt.Sprintf("[%d] /%s", i, w.Name), w)...)
	}
	if len(probs) > 0 {
		for _, p := range probs {
			d.violate(c.req.Method, c.req.Path, "%s", p)
		}
		return formError(probs)
	}
	old := map[string]string{}
	for _, cmd := range d.commands[guild] {
		old[fmt.Sprint(cmd.Type, "/", cmd.Name)] = cmd.ID
	}
	var cmds []Command
	out := []any{}
	for _, w := range wire {
		if w.Type == 0 {
			w.Type = 1
		}
		cmd := Command{GuildID: guild, Type: w.Type, Name: w.Name, Description: w.Description,
			NameLocalizations: w.NameLocalizations, DescriptionLocalizations: w.DescriptionLocalizations,
			Version: d.newID()}
		cmd.ID = old[fmt.Sprint(w.Type, "/", w.Name)]
		if cmd.ID == "" {
			cmd.ID = d.newID()
		}
		if p := strings.Trim(string(w.DefaultMemberPermissions), `"`); p != "" && p != "null" {
			cmd.DefaultMemberPermissions = p
		}
		for _, o := range w.Options {
			cmd.Options = append(cmd.Options, o.command())
		}
		cmds = append(cmds, cmd)
		out = append(out, d.commandDoc(cmd))
	}
	d.commands[guild] = cmds
	return reply{status: http.StatusOK, body: out}
}

func (d *Double) commandDoc(cmd Command) map[string]any {
	doc := map[string]any{
		"id": cmd.ID, "application_id": d.world.Bot.ID, "version": cmd.Version, "type": cmd.Type,
		"name": cmd.Name, "description": cmd.Description, "default_member_permissions": nilIfEmpty(cmd.DefaultMemberPermissions),
		"nsfw": false, "integration_types": []any{0}, "contexts": nil,
	}
	if cmd.GuildID != "" {
		doc["guild_id"] = cmd.GuildID
	} else {
		doc["dm_permission"] = true
	}
	if cmd.NameLocalizations != nil {
		doc["name_localizations"] = cmd.NameLocalizations
	}
	if cmd.DescriptionLocalizations != nil {
		doc["description_localizations"] = cmd.DescriptionLocalizations
	}
	if len(cmd.Options) > 0 {
		doc["options"] = optionDocs(cmd.Options)
	}
	return doc
}

func optionDocs(opts []CommandOption) []any {
	out := []any{}
	for _, o := range opts {
		doc := map[string]any{"type": o.Type, "name": o.Name, "description": o.Description}
		if o.NameLocalizations != nil {
			doc["name_localizations"] = o.NameLocalizations
		}
		if o.DescriptionLocalizations != nil {
			doc["description_localizations"] = o.DescriptionLocalizations
		}
		if o.Required {
			doc["required"] = true
		}
		if o.Autocomplete {
			doc["autocomplete"] = true
		}
		if len(o.Choices) > 0 {
			var chs []any
			for _, ch := range o.Choices {
				chs = append(chs, map[string]any{"name": ch.Name, "value": ch.Value})
			}
			doc["choices"] = chs
		}
		if len(o.Options) > 0 {
			doc["options"] = optionDocs(o.Options)
		}
		out = append(out, doc)
	}
	return out
}

// commandName is Discord's rule for chat input command and option names.
var commandName = regexp.MustCompile(`^[-_'\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`)

// locales are the locale keys Discord accepts in localization maps.
var locales = map[string]bool{}

func init() {
	for _, l := range strings.Fields("id da de en-GB en-US es-ES es-419 fr hr it lt hu nl no pl pt-BR ro fi sv-SE vi tr cs el bg ru uk hi th zh-CN ja zh-TW ko") {
		locales[l] = true
	}
}

// commandProblems applies the documented rules the description does not
// carry: name pattern and case (localized ones too), descriptions present,
// known locales, and the option-tree rules.
func commandProblems(at string, w wireCommand) []string {
	var probs []string
	if w.Type != 1 {
		return nil
	}
	probs = append(probs, nameProblems(at, w.Name, w.NameLocalizations)...)
	probs = append(probs, descProblems(at, w.Description, w.DescriptionLocalizations)...)
	probs = append(probs, optionProblems(at, w.Options, 0)...)
	return probs
}

func nameProblems(at, name string, locs map[string]string) []string {
	var probs []string
	check := func(where, n string) {
		if !commandName.MatchString(n) {
			probs = append(probs, fmt.Sprintf("%s: %s %q does not match Discord's name pattern", at, where, n))
		} else if n != lowerName(n) {
			probs = append(probs, fmt.Sprintf("%s: %s %q must be lower case", at, where, n))
		}
	}
	check("name", name)
	for _, l := range sortedKeys(locs) {
		if !locales[l] {
			probs = append(probs, fmt.Sprintf("%s: unknown locale %q in name_localizations", at, l))
		}
		check("name_localizations."+l, locs[l])
	}
	return probs
}

func descProblems(at, desc string, locs map[string]string) []string {
	var probs []string
	if n := len([]rune(desc)); n < 1 || n > 100 {
		probs = append(probs, fmt.Sprintf("%s: description must be 1 to 100 characters, got %d", at, n))
	}
	for _, l := range sortedKeys(locs) {
		if !locales[l] {
			probs = append(probs, fmt.Sprintf("%s: unknown locale %q in description_localizations", at, l))
		}
	}
	return probs
}

// lowerName lower-cases letters that have a lower case, as Discord checks.
func lowerName(s string) string {
	return strings.Map(unicode.ToLower, s)
}

func optionProblems(at string, opts []wireOption, depth int) []string {
	var probs []string
	seen := map[string]bool{}
	optional, subs, plain := false, 0, 0
	for _, o := range opts {
		oat := at + " " + o.Name
		if seen[o.Name] {
			probs = append(probs, fmt.Sprintf("%s: option name used twice", oat))
		}
		seen[o.Name] = true
		probs = append(probs, nameProblems(oat, o.Name, o.NameLocalizations)...)
		probs = append(probs, descProblems(oat, o.Description, o.DescriptionLocalizations)...)
		switch o.Type {
		case 1, 2:
			subs++
			if o.Type == 2 && depth > 0 {
				probs = append(probs, fmt.Sprintf("%s: a subcommand group can only sit at the top level", oat))
			}
			for _, sub := range o.Options {
				if o.Type == 2 && sub.Type != 1 {
					probs = append(probs, fmt.Sprintf("%s %s: a subcommand group holds only subcommands", oat, sub.Name))
				}
				if o.Type == 1 && (sub.Type == 1 || sub.Type == 2) {
					probs = append(probs, fmt.Sprintf("%s %s: a subcommand cannot nest subcommands", oat, sub.Name))
				}
			}
			probs = append(probs, optionProblems(oat, o.Options, depth+1)...)
		default:
			plain++
			if o.Required && optional {
				probs = append(probs, fmt.Sprintf("%s: required options must come before optional ones", oat))
			}
			if !o.Required {
				optional = true
			}
			if o.Autocomplete && len(o.Choices) > 0 {
				probs = append(probs, fmt.Sprintf("%s: autocomplete and choices are mutually exclusive", oat))
			}
		}
	}
	if subs > 0 && plain > 0 {
		probs = append(probs, fmt.Sprintf("%s: subcommands cannot sit beside other options", at))
	}
	return probs
}
