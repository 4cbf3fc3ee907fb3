package playbook

import (
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/tocsin-crisis/tocsin/internal/spell"
)

// check verifies what refers to what once the fields are decoded: roles,
// needs, facts, draft kinds, and that needs form no cycle.
func (p *parser) check(pb *Playbook) {
	known := pb.KnownFacts()
	roles := roleIDs(pb)
	for i := range pb.Steps {
		s := &pb.Steps[i]
		nodes := p.fields[s]
		if s.Role != "" {
			if _, ok := pb.Role(s.Role); !ok {
				p.unknown(nodes["role"], "role", s.Role, roles)
			}
		}
		p.checkNeeds(pb, s, nodes["needs"])
		if s.Draft != "" && !slices.Contains(DraftKinds, s.Draft) {
			if sug := spell.Suggest(s.Draft, DraftKinds); sug != "" {
				p.errf(nodes["draft"], "unknown draft kind `%s`, did you mean `%s`? (status, complaint or breach)", s.Draft, sug)
			} else {
				p.errf(nodes["draft"], "unknown draft kind `%s`: status, complaint or breach", s.Draft)
			}
		}
		if strings.TrimSpace(s.When) != "" {
			p.condition(nodes["when"], s.When, known)
		}
	}
	p.cycles(pb)
}

// checkNeeds reports needs that name no step, the step itself, or a step
// already listed.
func (p *parser) checkNeeds(pb *Playbook, s *Step, n *yaml.Node) {
	if n == nil || n.Kind != yaml.SequenceNode {
		return
	}
	var listed []string
	for _, item := range n.Content {
		need := item.Value
		if item.Kind != yaml.ScalarNode || item.Tag == "!!null" || strings.TrimSpace(need) == "" {
			continue // already reported
		}
		switch {
		case need == s.ID:
			p.errf(item, "step `%s` needs itself", s.ID)
		case p.stepNodes[need] == nil:
			p.unknown(item, "step", need, stepIDs(pb))
		case slices.Contains(listed, need):
			p.errf(item, "`%s` is listed twice in `needs`", need)
		}
		listed = append(listed, need)
	}
}

func (p *parser) unknown(n *yaml.Node, what, name string, known []string) {
	p.unknownAt(n.Line, n.Column, what, name, known)
}

func (p *parser) unknownAt(line, col int, what, name string, known []string) {
	switch s := spell.Suggest(name, known); {
	case s != "":
		p.errs = append(p.errs, p.at(line, col, "unknown %s `%s`, did you mean `%s`?", what, name, s))
	case len(known) == 0:
		p.errs = append(p.errs, p.at(line, col, "unknown %s `%s`: the playbook declares no %ss", what, name, what))
	default:
		p.errs = append(p.errs, p.at(line, col, "unknown %s `%s` (%ss: %s)", what, name, what, strings.Join(known, ", ")))
	}
}

func roleIDs(pb *Playbook) []string {
	var out []string
	for _, r := range pb.Roles {
		if r.ID != "" {
			out = append(out, r.ID)
		}
	}
	return out
}

func stepIDs(pb *Playbook) []string {
	var out []string
	for _, s := range pb.Steps {
		if s.ID != "" {
			out = append(out, s.ID)
		}
	}
	return out
}

// condition checks a `when`: it must parse, use only facts with not, and,
// or, == and !=, and name only facts the playbook knows. Each problem is
// reported at its column when the YAML value is written on one line.
func (p *parser) condition(n *yaml.Node, when string, known []string) {
	facts, err := conditionFacts(when)
	if err != nil {
		var ce *conditionError
		if errors.As(err, &ce) {
			line, col := p.within(n, ce.offset)
			p.errs = append(p.errs, p.at(line, col, "%s", ce.msg))
		} else {
			p.errf(n, "`when`: %s", err)
		}
		return
	}
	for _, f := range facts {
		if !slices.Contains(known, f) {
			line, col := p.within(n, identOffset(when, f))
			p.unknownAt(line, col, "fact", f, known)
		}
	}
	if _, err := compileCondition(when); err != nil {
		var ce *conditionError
		if errors.As(err, &ce) {
			line, col := p.within(n, ce.offset)
			p.errs = append(p.errs, p.at(line, col, "%s", ce.msg))
		}
	}
}

// within is the position of the rune at offset in a scalar's value, when
// the value is written on its node's line as is (plain, or quoted without
// escapes); otherwise the node's own position.
func (p *parser) within(n *yaml.Node, offset int) (line, col int) {
	if n.Line < 1 || n.Line > len(p.lines) || strings.Contains(n.Value, "\n") {
		return n.Line, n.Column
	}
	src := []rune(p.lines[n.Line-1])
	start := n.Column - 1
	if n.Style == yaml.DoubleQuotedStyle || n.Style == yaml.SingleQuotedStyle {
		start++
	}
	if start < 0 || start > len(src) || !strings.HasPrefix(string(src[start:]), n.Value) {
		return n.Line, n.Column
	}
	return n.Line, start + 1 + min(offset, utf8.RuneCountInString(n.Value))
}

// identOffset is the rune offset of the first use of a fact in a condition.
func identOffset(when, name string) int {
	for i := 0; i < len(when); {
		j := strings.Index(when[i:], name)
		if j < 0 {
			return 0
		}
		at := i + j
		end := at + len(name)
		before := at == 0 || !isIdent(when[at-1])
		after := end == len(when) || !isIdent(when[end])
		if before && after {
			return utf8.RuneCountInString(when[:at])
		}
		i = at + 1
	}
	return 0
}

func isIdent(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// cycles reports each cycle in needs once, naming its steps in order.
func (p *parser) cycles(pb *Playbook) {
	const (
		white = iota
		grey
		black
	)
	byID := make(map[string]*Step, len(pb.Steps))
	for i := range pb.Steps {
		if _, dup := byID[pb.Steps[i].ID]; !dup {
			byID[pb.Steps[i].ID] = &pb.Steps[i]
		}
	}
	color := map[string]int{}
	var stack []string
	reported := map[string]bool{}
	var visit func(id string)
	visit = func(id string) {
		color[id] = grey
		stack = append(stack, id)
		for _, n := range byID[id].Needs {
			if byID[n] == nil || n == id {
				continue // reported by checkNeeds
			}
			switch color[n] {
			case white:
				visit(n)
			case grey:
				i := slices.Index(stack, n)
				cycle := append(slices.Clone(stack[i:]), n)
				key := slices.Clone(cycle[:len(cycle)-1])
				slices.Sort(key)
				if k := strings.Join(key, ","); !reported[k] {
					reported[k] = true
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
