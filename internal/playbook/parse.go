package playbook

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/spell"
)

var (
	slugRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	factRe = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// Parse reads one playbook. Every problem in the file is reported at once,
// as Errors, each with its line and column; a hostile file (too big, too
// deep, aliases, several documents) is refused with one error.
func Parse(file string, data []byte) (*Playbook, error) {
	pb, _, errs := parse(file, data)
	if errs != nil {
		return nil, errs
	}
	return pb, nil
}

// parse is Parse, also returning the node of the playbook's id, where Load
// reports a duplicate.
func parse(file string, data []byte) (*Playbook, *yaml.Node, Errors) {
	if len(data) > MaxSize {
		// Checked before anything is copied: a huge file costs nothing.
		return nil, nil, Errors{tooLarge(file, int64(len(data)))}
	}
	p := &parser{file: file, lines: strings.Split(string(data), "\n")}
	if line, col, msg := prescan(data); msg != "" {
		return nil, nil, Errors{p.at(line, col, "%s", msg)}
	}
	doc, second, err := decodeOne(data)
	switch {
	case errors.Is(err, io.EOF):
		return nil, nil, Errors{p.at(1, 1, "empty file: a playbook needs id, title and steps")}
	case errors.Is(err, errSecondDocument):
		return nil, nil, Errors{p.at(second.Line, second.Column, "a second YAML document: one playbook per file")}
	case err != nil:
		return nil, nil, Errors{p.syntax(err)}
	}
	if p.unsafe(doc, 0) {
		return nil, nil, p.errs
	}
	if len(doc.Content) == 0 {
		return nil, nil, Errors{p.at(1, 1, "empty file: a playbook needs id, title and steps")}
	}
	pb := p.playbook(doc.Content[0])
	// References are checked even when fields were wrong, so the author
	// sees every problem of the file in one go.
	p.check(pb)
	if len(p.errs) > 0 {
		return nil, nil, p.errs.sorted()
	}
	pb.File = file
	return pb, p.idNode, nil
}

func tooLarge(file string, size int64) *Error {
	return &Error{File: file, Line: 1, Col: 1, Msg: fmt.Sprintf("file too large: %d bytes, a playbook is at most %d", size, MaxSize)}
}

// parser decodes the YAML nodes of one file into a Playbook, collecting
// every problem with its position.
type parser struct {
	file  string
	lines []string
	errs  Errors
	// Positions of what the checks after decoding report on.
	idNode    *yaml.Node
	stepNodes map[string]*yaml.Node           // step id → its id node
	fields    map[*Step]map[string]*yaml.Node // step → field → value node
}

func (p *parser) at(line, col int, format string, args ...any) *Error {
	e := &Error{File: p.file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
	if line >= 1 && line <= len(p.lines) {
		e.Source = strings.TrimRight(p.lines[line-1], "\r")
	}
	return e
}

func (p *parser) errf(n *yaml.Node, format string, args ...any) {
	p.errs = append(p.errs, p.at(n.Line, n.Column, format, args...))
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntax turns the YAML library's error into ours, keeping its line.
func (p *parser) syntax(err error) *Error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return p.at(line, 1, "YAML syntax: %s", m[2])
	}
	return p.at(1, 1, "YAML syntax: %s", strings.TrimPrefix(msg, "yaml: "))
}

// fieldsOf walks a mapping's keys, reporting unknown ones with a suggestion
// and duplicates, and hands each known key's value to set. It returns the
// key node of each field present.
func (p *parser) fieldsOf(n *yaml.Node, what string, known []string, set func(key string, v *yaml.Node)) map[string]*yaml.Node {
	seen := map[string]*yaml.Node{}
	if n.Kind != yaml.MappingNode {
		p.errf(n, "%s must be a mapping of fields (%s)", what, strings.Join(known, ", "))
		return seen
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case k.Kind != yaml.ScalarNode:
			p.errf(k, "field names in %s must be plain words (%s)", what, strings.Join(known, ", "))
		case !slices.Contains(known, k.Value):
			if s := spell.Suggest(k.Value, known); s != "" {
				p.errf(k, "unknown field `%s` in %s, did you mean `%s`?", k.Value, what, s)
			} else {
				p.errf(k, "unknown field `%s` in %s (fields: %s)", k.Value, what, strings.Join(known, ", "))
			}
		case seen[k.Value] != nil:
			p.errf(k, "field `%s` given twice in %s (first at line %d)", k.Value, what, seen[k.Value].Line)
		default:
			seen[k.Value] = k
			set(k.Value, v)
		}
	}
	return seen
}

// required reports the fields a mapping lacks.
func (p *parser) required(n *yaml.Node, seen map[string]*yaml.Node, what string, fields ...string) {
	for _, f := range fields {
		if seen[f] == nil && n.Kind == yaml.MappingNode {
			p.errf(n, "%s is missing `%s`", what, f)
		}
	}
}

func (p *parser) text(v *yaml.Node, field string) string {
	if v.Kind != yaml.ScalarNode {
		p.errf(v, "`%s` must be text", field)
		return ""
	}
	if v.Tag == "!!null" {
		return ""
	}
	return v.Value
}

// mandatory is text that must not be left empty.
func (p *parser) mandatory(v *yaml.Node, field string) string {
	s := p.text(v, field)
	if v.Kind == yaml.ScalarNode && strings.TrimSpace(s) == "" {
		p.errf(v, "`%s` is empty", field)
	}
	return s
}

// list reads a list of text items, reporting items that are not text or
// are empty.
func (p *parser) list(v *yaml.Node, field, of string) []string {
	if v.Kind != yaml.SequenceNode {
		p.errf(v, "`%s` must be a list of %s", field, of)
		return nil
	}
	var out []string
	for _, item := range v.Content {
		switch {
		case item.Kind != yaml.ScalarNode:
			p.errf(item, "each item of `%s` must be %s", field, of)
		case item.Tag == "!!null" || strings.TrimSpace(item.Value) == "":
			p.errf(item, "an item of `%s` is empty", field)
		default:
			out = append(out, item.Value)
		}
	}
	return out
}

func (p *parser) duration(v *yaml.Node, field string) Duration {
	if v.Kind != yaml.ScalarNode {
		p.errf(v, "`%s` must be a duration such as 30m, 2h or 3d", field)
		return 0
	}
	d, err := crisis.ParseDuration(v.Value)
	if err != nil {
		p.errf(v, "`%s`: %q is not a duration above zero (write 30m, 2h, 3d)", field, v.Value)
		return 0
	}
	return Duration(d)
}

// slug reads an id that must be a lowercase slug.
func (p *parser) slug(v *yaml.Node, what string) string {
	id := p.mandatory(v, "id")
	if id != "" && !slugRe.MatchString(id) {
		p.errf(v, "%s %q must be a lowercase slug (letters, digits, dashes: %s)", what, id, slugExample[what])
	}
	return id
}

var slugExample = map[string]string{"id": "cyberattaque-collectivite", "role id": "dsi", "step id": "isoler"}

// unique reports the second use of an id in one list, pointing at the first.
func (p *parser) unique(v *yaml.Node, what, id string, first map[string]*yaml.Node) {
	if id == "" {
		return
	}
	if prev, dup := first[id]; dup {
		p.errf(v, "duplicate %s `%s` (first at line %d)", what, id, prev.Line)
		return
	}
	first[id] = v
}

func (p *parser) playbook(n *yaml.Node) *Playbook {
	pb := &Playbook{}
	p.stepNodes = map[string]*yaml.Node{}
	p.fields = map[*Step]map[string]*yaml.Node{}
	var steps *yaml.Node
	seen := p.fieldsOf(n, "the playbook", []string{"id", "title", "description", "roles", "facts", "steps"}, func(key string, v *yaml.Node) {
		switch key {
		case "id":
			pb.ID, p.idNode = p.slug(v, "id"), v
		case "title":
			pb.Title = p.mandatory(v, "title")
		case "description":
			pb.Description = p.text(v, "description")
		case "roles":
			pb.Roles = p.roles(v)
		case "facts":
			pb.Facts = p.facts(v)
		case "steps":
			steps = v
		}
	})
	p.required(n, seen, "the playbook", "id", "title", "steps")
	if steps != nil {
		pb.Steps = p.steps(steps)
	}
	return pb
}

func (p *parser) roles(v *yaml.Node) []Role {
	if v.Kind != yaml.SequenceNode {
		p.errf(v, "`roles` must be a list of roles (id, name)")
		return nil
	}
	var out []Role
	ids := map[string]*yaml.Node{}
	for _, item := range v.Content {
		var r Role
		seen := p.fieldsOf(item, "a role", []string{"id", "name", "description"}, func(key string, v *yaml.Node) {
			switch key {
			case "id":
				r.ID = p.slug(v, "role id")
				p.unique(v, "role id", r.ID, ids)
			case "name":
				r.Name = p.mandatory(v, "name")
			case "description":
				r.Description = p.text(v, "description")
			}
		})
		p.required(item, seen, "a role", "id", "name")
		out = append(out, r)
	}
	return out
}

func (p *parser) facts(v *yaml.Node) []Fact {
	if v.Kind != yaml.SequenceNode {
		p.errf(v, "`facts` must be a list of questions (id, question)")
		return nil
	}
	var out []Fact
	ids := map[string]*yaml.Node{}
	for _, item := range v.Content {
		var f Fact
		seen := p.fieldsOf(item, "a fact", []string{"id", "question"}, func(key string, v *yaml.Node) {
			switch key {
			case "id":
				// A built-in fact may be declared: that gives it the
				// question the board asks.
				f.ID = p.mandatory(v, "id")
				switch {
				case f.ID == "":
				case !factRe.MatchString(f.ID):
					p.errf(v, "fact id %q must be lowercase letters, digits and _ (it is a name in conditions: personal_data)", f.ID)
				case slices.Contains(reservedWords, f.ID):
					p.errf(v, "fact id `%s` is a reserved word in conditions: choose another name", f.ID)
				default:
					p.unique(v, "fact id", f.ID, ids)
				}
			case "question":
				f.Question = p.mandatory(v, "question")
			}
		})
		p.required(item, seen, "a fact", "id", "question")
		out = append(out, f)
	}
	return out
}

var stepFields = []string{"id", "title", "instructions", "role", "needs", "when", "due", "deadline", "every", "draft", "checklist"}

func (p *parser) steps(v *yaml.Node) []Step {
	if v.Kind != yaml.SequenceNode {
		p.errf(v, "`steps` must be a list of steps")
		return nil
	}
	if len(v.Content) == 0 {
		p.errf(v, "`steps` is empty: a playbook needs at least one step")
	}
	out := make([]Step, len(v.Content))
	for i, item := range v.Content {
		s := &out[i]
		nodes := map[string]*yaml.Node{}
		seen := p.fieldsOf(item, "a step", stepFields, func(key string, v *yaml.Node) {
			nodes[key] = v
			switch key {
			case "id":
				s.ID = p.slug(v, "step id")
				if slugRe.MatchString(s.ID) && strings.Trim(s.ID, "0123456789") == "" {
					p.errf(v, "step id `%s` must contain a letter: /task done id:%s would name task number %s", s.ID, s.ID, s.ID)
				}
				p.unique(v, "step id", s.ID, p.stepNodes)
			case "title":
				s.Title = p.mandatory(v, "title")
			case "instructions":
				s.Instructions = p.text(v, "instructions")
			case "role":
				s.Role = p.text(v, "role")
			case "needs":
				s.Needs = p.list(v, "needs", "step ids")
			case "when":
				s.When = p.text(v, "when")
			case "due":
				s.Due = p.duration(v, "due")
			case "deadline":
				s.Deadline = p.duration(v, "deadline")
			case "every":
				s.Every = p.duration(v, "every")
			case "draft":
				s.Draft = p.text(v, "draft")
			case "checklist":
				s.Checklist = p.list(v, "checklist", "items of text")
			}
		})
		p.required(item, seen, "a step", "id", "title")
		p.fields[s] = nodes
	}
	return out
}
