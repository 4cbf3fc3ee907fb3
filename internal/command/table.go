// Package command is the command table: every command once, with its
// options, the capability it needs, its handler and its descriptions in
// French and English, and the parser of the written form that the console
// and scenario replay use. Discord builds its slash commands from the same
// table, so a command behaves the same wherever it is typed.
package command

import (
	"slices"
	"strings"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// Type is the kind of value an option takes.
type Type int

// Option types. Every value arrives as text (typed in the console, or
// converted from Discord's typed options) and is parsed by its type, so
// validation is the same on every front end.
const (
	String   Type = iota
	Integer       // a whole number
	MemberID      // a member: dsi, @dsi or a Discord mention
	PastTime      // a time; a duration means that long ago
	DueTime       // a time; a duration means that long from now
	Bool          // yes/no, oui/non, true/false
	Ref           // a task or draft: its number, or a step id
)

// Completion names the set an option's values come from, for Discord's
// autocomplete.
type Completion string

// Autocomplete sources.
const (
	CompletePlaybook   Completion = "playbook"
	CompleteRole       Completion = "role"
	CompleteService    Completion = "service"
	CompleteTask       Completion = "task"
	CompleteDraft      Completion = "draft"
	CompleteCapability Completion = "capability"
	CompleteFact       Completion = "fact"
)

// Option is one named value a command takes.
type Option struct {
	Name     string
	NameFR   string // French name on Discord; "" when the same
	Type     Type
	Required bool
	Choices  []string // a closed set of values
	Complete Completion
	Max      int // longest value accepted, in characters (0: DefaultMax)
	// Multiline options take line breaks: a log entry, a draft's text.
	// Every other value shows on one line (a board line, a one-line
	// refusal that echoes it), where a line break would forge a line.
	Multiline bool
	Desc      locale.Text
}

// DefaultMax is the longest value an option takes when it says nothing.
const DefaultMax = 200

// MaxLen is the option's length limit.
func (o Option) MaxLen() int {
	if o.Max > 0 {
		return o.Max
	}
	return DefaultMax
}

// Handler does a command's work inside its transaction.
type Handler func(c *Call) (Reply, error)

// Command is one row of the table.
type Command struct {
	Name    string // "task assign": group and subcommand, or one word
	NameFR  string // French name on Discord, same shape ("tache assigner")
	Desc    locale.Text
	Options []Option
	Cap     crisis.Capability
	// Crisis says the command acts on a crisis: it fails when there is none.
	Crisis bool
	// ConsoleOnly commands are not offered on Discord (members come from
	// the server's roles there).
	ConsoleOnly bool
	// ReadOnly commands run in a read transaction.
	ReadOnly bool
	// Slow commands may take seconds (drafting, export): Discord defers them.
	Slow bool
	// Prepare, when set, does slow work (a model's answer) before the
	// command's transaction and outside any, so the database is not held
	// meanwhile. It sees the actor and the crisis but no Op; it reads the
	// record through c.Env.Store.View. Its result reaches Run as c.Prepared.
	Prepare func(c *Call) (any, error)
	Run     Handler
}

// Option returns the named option.
func (c *Command) Option(name string) (Option, bool) {
	for _, o := range c.Options {
		if o.Name == name {
			return o, true
		}
	}
	return Option{}, false
}

// Usage renders the written form: /task assign id:<task> member:<member> [note:…].
func (c *Command) Usage() string {
	var b strings.Builder
	b.WriteString("/" + c.Name)
	for _, o := range c.Options {
		if o.Required {
			b.WriteString(" " + o.Name + ":…")
		} else {
			b.WriteString(" [" + o.Name + ":…]")
		}
	}
	return b.String()
}

// Table is the set of commands every front end serves.
type Table struct {
	cmds []*Command
}

// NewTable builds a table; it panics on a malformed declaration, which is a
// programming error caught by the first test run.
func NewTable(cmds ...*Command) *Table {
	seen := map[string]bool{}
	for _, c := range cmds {
		if seen[c.Name] || c.Run == nil || c.Desc.FR == "" || c.Desc.EN == "" {
			panic("command: bad declaration of " + c.Name)
		}
		seen[c.Name] = true
		for _, o := range c.Options {
			if o.Desc.FR == "" || o.Desc.EN == "" {
				panic("command: option " + o.Name + " of " + c.Name + " lacks a description")
			}
		}
	}
	return &Table{cmds: cmds}
}

// Commands lists the commands in declaration order.
func (t *Table) Commands() []*Command { return t.cmds }

// Lookup finds a command by its name ("task assign").
func (t *Table) Lookup(name string) (*Command, bool) {
	for _, c := range t.cmds {
		if c.Name == name {
			return c, true
		}
	}
	return nil, false
}

// Groups lists the first words of the commands, in order.
func (t *Table) Groups() []string {
	var out []string
	for _, c := range t.cmds {
		g, _, _ := strings.Cut(c.Name, " ")
		if !slices.Contains(out, g) {
			out = append(out, g)
		}
	}
	return out
}
