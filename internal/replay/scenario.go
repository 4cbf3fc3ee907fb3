// Package replay plays a scenario — a crisis written as timed commands —
// through the command table under a virtual clock, and writes what came of
// it: the transcript, the crisis log, the tasks, the published updates and
// the documents. It is how a cell rehearses, and how the project proves
// itself end to end.
package replay

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// Scenario is a parsed scenario file.
type Scenario struct {
	File     string
	Name     string
	Loc      *time.Location
	Org      Org
	Members  []crisis.Member
	Steps    []Step
	Timezone string
	// Lang is the cell's language the scenario is written for (its
	// `lang:` field, fr or en): replies, the log entries the bot writes and
	// the documents follow it. Empty when the scenario names none: the
	// replay then speaks the configured language (TOCSIN_LANG).
	Lang locale.Lang
}

// Org is the organisation the scenario plays.
type Org struct {
	Name, Address, Representative, SIREN string
}

// Step is one timed command of the script.
type Step struct {
	N           int // 1, 2, 3… in the script
	Line, Col   int // where the step's command is written
	At          time.Time
	As          string
	Do          string
	ExpectError bool
}

// Error is a problem in a scenario, with its position.
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg) }

var yamlLine = regexp.MustCompile(`^line (\d+): (.*)$`)

// MaxSize is the largest scenario file accepted.
const MaxSize = 4 << 20

// Load reads and parses a scenario file.
func Load(path string) (*Scenario, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("scenario: %w", err)
	}
	if st.Size() > MaxSize {
		return nil, &Error{File: path, Line: 1, Col: 1, Msg: fmt.Sprintf("file too large (%d bytes, %d at most)", st.Size(), MaxSize)}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("scenario: %w", err)
	}
	return Parse(path, data)
}

// Parse reads a scenario. The first problem found is returned with its
// position: a scenario is a script, and the author fixes it line by line.
func Parse(file string, data []byte) (*Scenario, error) {
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		line, msg := 1, strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		return nil, &Error{File: file, Line: line, Col: 1, Msg: "YAML syntax: " + msg}
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, &Error{File: file, Line: 1, Col: 1, Msg: "a scenario is a mapping with name, timezone, lang, org, members and script"}
	}
	p := parser{file: file, sc: &Scenario{File: file, Loc: time.UTC}}
	if err := p.top(doc.Content[0]); err != nil {
		return nil, err
	}
	return p.sc, nil
}

type parser struct {
	file string
	sc   *Scenario
}

func (p *parser) errf(n *yaml.Node, format string, args ...any) error {
	return &Error{File: p.file, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf(format, args...)}
}

// fields walks a mapping, refusing keys not in allowed.
func (p *parser) fields(n *yaml.Node, what string, allowed []string, fn func(key string, k, v *yaml.Node) error) error {
	if n.Kind != yaml.MappingNode {
		return p.errf(n, "%s must be a mapping", what)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		ok := false
		for _, a := range allowed {
			ok = ok || a == k.Value
		}
		if !ok {
			return p.errf(k, "unknown field %q in %s (fields: %s)", k.Value, what, strings.Join(allowed, ", "))
		}
		if err := fn(k.Value, k, v); err != nil {
			return err
		}
	}
	return nil
}

func (p *parser) str(v *yaml.Node, name string) (string, error) {
	if v.Kind != yaml.ScalarNode {
		return "", p.errf(v, "%s must be text", name)
	}
	return v.Value, nil
}

func (p *parser) top(n *yaml.Node) error {
	var script *yaml.Node
	err := p.fields(n, "the scenario", []string{"name", "timezone", "lang", "org", "members", "script"}, func(key string, k, v *yaml.Node) error {
		var err error
		switch key {
		case "name":
			p.sc.Name, err = p.str(v, "name")
		case "timezone":
			if p.sc.Timezone, err = p.str(v, "timezone"); err == nil {
				if p.sc.Loc, err = time.LoadLocation(p.sc.Timezone); err != nil {
					return p.errf(v, "unknown time zone %q", p.sc.Timezone)
				}
			}
		case "lang":
			var name string
			if name, err = p.str(v, "lang"); err == nil {
				switch strings.ToLower(name) {
				case "fr", "en":
					p.sc.Lang = locale.Lang(strings.ToLower(name))
				default:
					return p.errf(v, "unknown language %q: Tocsin speaks fr and en", name)
				}
			}
		case "org":
			err = p.org(v)
		case "members":
			err = p.members(v)
		case "script":
			script = v
		}
		return err
	})
	if err != nil {
		return err
	}
	if script == nil {
		return p.errf(n, "the scenario has no script")
	}
	// The script is read last: its times are in the scenario's time zone,
	// wherever the timezone key stands in the file.
	return p.script(script)
}

func (p *parser) org(n *yaml.Node) error {
	return p.fields(n, "org", []string{"name", "address", "representative", "siren"}, func(key string, _, v *yaml.Node) error {
		s, err := p.str(v, key)
		switch key {
		case "name":
			p.sc.Org.Name = s
		case "address":
			p.sc.Org.Address = s
		case "representative":
			p.sc.Org.Representative = s
		case "siren":
			p.sc.Org.SIREN = s
		}
		return err
	})
}

func (p *parser) members(n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode {
		return p.errf(n, "members must be a list")
	}
	for _, item := range n.Content {
		var m crisis.Member
		err := p.fields(item, "a member", []string{"id", "name", "capabilities"}, func(key string, _, v *yaml.Node) error {
			switch key {
			case "id":
				id, err := p.str(v, "id")
				if err == nil && !crisis.ValidMemberID(id) {
					return p.errf(v, "invalid member id %q: letters, digits, . _ -", id)
				}
				m.ID = id
				return err
			case "name":
				s, err := p.str(v, "name")
				m.Name = s
				return err
			}
			if v.Kind != yaml.SequenceNode {
				return p.errf(v, "capabilities must be a list, as [member, director]")
			}
			var names []string
			for _, c := range v.Content {
				names = append(names, c.Value)
			}
			caps, err := crisis.ParseCapabilities(strings.Join(names, ","))
			if err != nil {
				return p.errf(v, "%v", err)
			}
			m.Capabilities = caps
			return nil
		})
		if err != nil {
			return err
		}
		if m.ID == "" || len(m.Capabilities) == 0 {
			return p.errf(item, "a member needs an id and capabilities")
		}
		p.sc.Members = append(p.sc.Members, m)
	}
	return nil
}

func (p *parser) script(n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode {
		return p.errf(n, "script must be a list of steps")
	}
	var last time.Time
	for i, item := range n.Content {
		st := Step{N: i + 1, Line: item.Line, Col: item.Column}
		var atNode *yaml.Node
		err := p.fields(item, fmt.Sprintf("step %d", i+1), []string{"at", "as", "do", "expect_error"}, func(key string, _, v *yaml.Node) error {
			var err error
			switch key {
			case "at":
				atNode = v
				var s string
				if s, err = p.str(v, "at"); err == nil {
					st.At, err = p.time(v, s)
				}
			case "as":
				st.As, err = p.str(v, "as")
			case "do":
				st.Line, st.Col = v.Line, v.Column
				st.Do, err = p.str(v, "do")
			case "expect_error":
				switch v.Value {
				case "true", "yes":
					st.ExpectError = true
				case "false", "no":
				default:
					return p.errf(v, "step %d: expect_error must be true or false, not %q", i+1, v.Value)
				}
			}
			return err
		})
		if err != nil {
			return err
		}
		switch {
		case st.At.IsZero():
			return p.errf(item, "step %d has no time (at)", i+1)
		case st.As == "":
			return p.errf(item, "step %d says nobody runs it (as)", i+1)
		case strings.TrimSpace(st.Do) == "":
			return p.errf(item, "step %d has no command (do)", i+1)
		case st.At.Before(last):
			return p.errf(atNode, "step %d goes back in time (%s is before the step before it)", i+1, st.At.Format("2006-01-02 15:04"))
		}
		if !p.isMember(st.As) {
			return p.errf(item, "step %d runs as %q, who is not among the scenario's members", i+1, st.As)
		}
		last = st.At
		p.sc.Steps = append(p.sc.Steps, st)
	}
	return nil
}

func (p *parser) isMember(id string) bool {
	for _, m := range p.sc.Members {
		if m.ID == strings.TrimPrefix(id, "@") {
			return true
		}
	}
	return false
}

func (p *parser) time(n *yaml.Node, s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02T15:04"} {
		if t, err := time.ParseInLocation(layout, s, p.sc.Loc); err == nil {
			return t, nil
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, p.errf(n, "bad time %q: write YYYY-MM-DD HH:MM", s)
}
