package playbook

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/spell"
)

// Limits that keep a hostile file from costing more than a glance.
const (
	MaxSize  = 1 << 20 // bytes
	MaxDepth = 32      // nesting of mappings and lists; a playbook needs 4
)

var (
	slugRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	factRe = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// Parse reads one playbook. Every problem in the file is reported at once,
// as Errors, each with its line and column.
func Parse(file string, data []byte) (*Playbook, error) {
	if len(data) > MaxSize {
		// Checked before anything is copied: a huge file costs nothing.
		return nil, Errors{{File: file, Line: 1, Col: 1, Msg: fmt.Sprintf("file too large: %d bytes, a playbook is at most %d", len(data), MaxSize)}}
	}
	p := &parser{file: file, lines: strings.Split(string(data), "\n")}
	if line, col, ok := tooDeep(data); ok {
		return nil, Errors{p.at(line, col, "nesting deeper than %d levels: a playbook is never that deep", MaxDepth)}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, Errors{p.at(1, 1, "empty file: a playbook needs id, title and steps")}
		}
		return nil, Errors{p.syntax(err)}
	}
	var second yaml.Node
	if err := dec.Decode(&second); err == nil {
		return nil, Errors{p.at(second.Line, second.Column, "a second YAML document: one playbook per file")}
	}
	if n := p.unsafe(&doc, 0); n != nil {
		return nil, p.errs
	}
	pb := p.playbook(doc.Content[0])
	// References are checked even when fields were wrong, so the author
	// sees every problem of the file in one go.
	p.semantics(pb)
	if len(p.errs) > 0 {
		return nil, p.errs.sorted()
	}
	pb.File = file
	return pb, nil
}

type parser struct {
	file  string
	lines []string
	errs  Errors
	// positions of what the semantic pass reports on
	stepNodes map[string]*yaml.Node
	fields    map[*Step]map[string]*yaml.Node
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
		var line int
		fmt.Sscanf(m[1], "%d", &line)
		return p.at(line, 1, "YAML syntax: %s", m[2])
	}
	return p.at(1, 1, "YAML syntax: %s", strings.TrimPrefix(msg, "yaml: "))
}

// tooDeep scans for flow nesting ([ and {) deeper than MaxDepth before the
// YAML library sees the file; block nesting is bounded by the size limit
// and checked on the nodes.
func tooDeep(data []byte) (line, col int, deep bool) {
	depth, line, col := 0, 1, 0
	var quote byte
	comment := false
	for _, c := range data {
		col++
		switch {
		case c == '\n':
			line, col, comment = line+1, 0, false
			if quote == '\'' || quote == '"' {
				continue
			}
		case comment:
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '#':
			comment = true
		case c == '"' || c == '\'':
			quote = c
		case c == '[' || c == '{':
			depth++
			if depth > MaxDepth {
				return line, col, true
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return 0, 0, false
}

// unsafe refuses anchors, aliases and deep nesting. A playbook has no use
// for aliases, and refusing them defuses alias bombs whatever their size.
func (p *parser) unsafe(n *yaml.Node, depth int) *yaml.Node {
	if depth > MaxDepth {
		p.errf(n, "nesting deeper than %d levels: a playbook is never that deep", MaxDepth)
		return n
	}
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		p.errf(n, "anchors and aliases (& and *) are not allowed in a playbook: write each value out")
		return n
	}
	for _, c := range n.Content {
		if bad := p.unsafe(c, depth+1); bad != nil {
			return bad
		}
	}
	return nil
}

// fieldsOf walks a mapping's keys, reporting unknown ones with a suggestion
// and duplicates, and hands each known key's value to set.
func (p *parser) fieldsOf(n *yaml.Node, what string, known []string, set func(key string, v *yaml.Node)) map[string]*yaml.Node {
	seen := map[string]*yaml.Node{}
	if n.Kind != yaml.MappingNode {
		p.errf(n, "%s must be a mapping of fields (%s)", what, strings.Join(known, ", "))
		return seen
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
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

func (p *parser) text(v *yaml.Node, field string) string {
	if v.Kind != yaml.ScalarNode {
		p.errf(v, "`%s` must be text", field)
		return ""
	}
	return v.Value
}

func (p *parser) list(v *yaml.Node, field, of string) []string {
	if v.Kind != yaml.SequenceNode {
		p.errf(v, "`%s` must be a list of %s", field, of)
		return nil
	}
	var out []string
	for _, item := range v.Content {
		if item.Kind != yaml.ScalarNode {
			p.errf(item, "each item of `%s` must be %s", field, of)
			continue
		}
		out = append(out, item.Value)
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

func (p *parser) required(n *yaml.Node, seen map[string]*yaml.Node, what string, fields ...string) {
	for _, f := range fields {
		if seen[f] == nil && n.Kind == yaml.MappingNode {
			p.errf(n, "%s is missing `%s`", what, f)
		}
	}
}

func (p *parser) playbook(n *yaml.Node) *Playbook {
	pb := &Playbook{}
	p.stepNodes = map[string]*yaml.Node{}
	p.fields = map[*Step]map[string]*yaml.Node{}
	var steps *yaml.Node
	seen := p.fieldsOf(n, "the playbook", []string{"id", "title", "description", "roles", "facts", "steps"}, func(key string, v *yaml.Node) {
		switch key {
		case "id":
			pb.ID = p.text(v, "id")
			if pb.ID != "" && !slugRe.MatchString(pb.ID) {
				p.errf(v, "id %q must be a lowercase slug (letters, digits, dashes: cyberattaque-collectivite)", pb.ID)
			}
		case "title":
			pb.Title = p.text(v, "title")
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
	ids := map[string]int{}
	for _, item := range v.Content {
		var r Role
		seen := p.fieldsOf(item, "a role", []string{"id", "name", "description"}, func(key string, v *yaml.Node) {
			switch key {
			case "id":
				r.ID = p.text(v, "id")
				if r.ID != "" && !slugRe.MatchString(r.ID) {
					p.errf(v, "role id %q must be a lowercase slug (letters, digits, dashes)", r.ID)
				} else if first, dup := ids[r.ID]; dup {
					p.errf(v, "duplicate role id `%s` (first at line %d)", r.ID, first)
				} else {
					ids[r.ID] = v.Line
				}
			case "name":
				r.Name = p.text(v, "name")
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
	ids := map[string]int{}
	for _, item := range v.Content {
		var f Fact
		seen := p.fieldsOf(item, "a fact", []string{"id", "question"}, func(key string, v *yaml.Node) {
			switch key {
			case "id":
				f.ID = p.text(v, "id")
				switch first, dup := ids[f.ID]; {
				case f.ID != "" && !factRe.MatchString(f.ID):
					p.errf(v, "fact id %q must be lowercase letters, digits and _ (it is a name in conditions: personal_data)", f.ID)
				case dup:
					p.errf(v, "duplicate fact id `%s` (first at line %d)", f.ID, first)
				case slices.Contains(BuiltinFacts, f.ID):
					p.errf(v, "fact `%s` is built in: no need to declare it", f.ID)
				default:
					ids[f.ID] = v.Line
				}
			case "question":
				f.Question = p.text(v, "question")
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
				s.ID = p.text(v, "id")
				switch prev, dup := p.stepNodes[s.ID]; {
				case s.ID != "" && !slugRe.MatchString(s.ID):
					p.errf(v, "step id %q must be a lowercase slug (letters, digits, dashes)", s.ID)
				case dup:
					p.errf(v, "duplicate step id `%s` (first at line %d)", s.ID, prev.Line)
				default:
					p.stepNodes[s.ID] = v
				}
			case "title":
				s.Title = p.text(v, "title")
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
				for j, c := range s.Checklist {
					if strings.TrimSpace(c) == "" {
						p.errf(v.Content[j], "an item of `checklist` is empty")
					}
				}
			}
		})
		p.required(item, seen, "a step", "id", "title")
		p.fields[s] = nodes
	}
	return out
}

// semantics checks what refers to what: roles, needs, facts, draft kinds,
// and that needs form no cycle.
func (p *parser) semantics(pb *Playbook) {
	known := pb.KnownFacts()
	for i := range pb.Steps {
		s := &pb.Steps[i]
		nodes := p.fields[s]
		if s.Role != "" {
			if _, ok := pb.Role(s.Role); !ok {
				p.unknown(nodes["role"], "role", s.Role, roleIDs(pb))
			}
		}
		for j, need := range s.Needs {
			switch {
			case need == s.ID:
				p.errf(nodes["needs"].Content[j], "step `%s` needs itself", s.ID)
			case p.stepNodes[need] == nil:
				p.unknown(nodes["needs"].Content[j], "step", need, stepIDs(pb))
			}
		}
		if s.Draft != "" && !slices.Contains(DraftKinds, s.Draft) {
			p.errf(nodes["draft"], "unknown draft kind `%s`: status, complaint or breach", s.Draft)
		}
		if s.When != "" {
			p.condition(nodes["when"], s.When, known)
		}
	}
	p.cycles(pb)
}

func (p *parser) unknown(n *yaml.Node, what, name string, known []string) {
	if s := spell.Suggest(name, known); s != "" {
		p.errf(n, "unknown %s `%s`, did you mean `%s`?", what, name, s)
		return
	}
	p.errf(n, "unknown %s `%s` (%ss: %s)", what, name, what, strings.Join(known, ", "))
}

func roleIDs(pb *Playbook) []string {
	var out []string
	for _, r := range pb.Roles {
		out = append(out, r.ID)
	}
	return out
}

func stepIDs(pb *Playbook) []string {
	var out []string
	for _, s := range pb.Steps {
		out = append(out, s.ID)
	}
	return out
}

// condition checks a when expression: it must parse, name only known facts,
// and be true or false.
func (p *parser) condition(n *yaml.Node, when string, known []string) {
	names, err := identifiers(when)
	if err != nil {
		p.errf(n, "`when` does not parse: %s", firstLine(err.Error()))
		return
	}
	ok := true
	for _, name := range names {
		if !slices.Contains(known, name) {
			p.unknown(n, "fact", name, known)
			ok = false
		}
	}
	if !ok {
		return
	}
	env := map[string]any{}
	for _, k := range known {
		env[k] = false
	}
	if err := compileCondition(when, env); err != nil {
		p.errf(n, "`when` must be true or false: %s", firstLine(err.Error()))
	}
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return strings.TrimSpace(l)
}

// cycles reports each cycle in needs once, naming its steps in order.
func (p *parser) cycles(pb *Playbook) {
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	var stack []string
	reported := map[string]bool{}
	var visit func(id string)
	visit = func(id string) {
		color[id] = grey
		stack = append(stack, id)
		s, _ := pb.Step(id)
		for _, n := range s.Needs {
			if _, ok := pb.Step(n); !ok {
				continue
			}
			switch color[n] {
			case white:
				visit(n)
			case grey:
				i := slices.Index(stack, n)
				cycle := append(append([]string{}, stack[i:]...), n)
				key := strings.Join(sortedCopy(cycle[:len(cycle)-1]), ",")
				if !reported[key] {
					reported[key] = true
					p.errf(p.stepNodes[n], "cycle in needs: %s", strings.Join(cycle, " → "))
				}
			}
		}
		stack = stack[:len(stack)-1]
		color[id] = black
	}
	for _, s := range pb.Steps {
		if color[s.ID] == white {
			visit(s.ID)
		}
	}
}

func sortedCopy(s []string) []string {
	c := append([]string(nil), s...)
	slices.Sort(c)
	return c
}
