package playbook

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"go.yaml.in/yaml/v3"
)

// Limits that keep a hostile file from costing more than a glance. Each is
// far above what a real playbook needs.
const (
	// MaxSize is the largest playbook file read, in bytes.
	MaxSize = 1 << 20
	// MaxDepth is the deepest nesting of mappings and lists; a playbook
	// needs 4.
	MaxDepth = 32
	// MaxItems bounds the YAML indicators that make nodes (`-`, `:`, `,`,
	// `[`, `{`, `?`): the YAML library spends about 200 bytes a node, so a
	// megabyte of `[a,a,a,…]` would cost 100 MB. A large playbook has 2,000.
	MaxItems = 20_000
)

// prescan looks at the raw bytes before the YAML library does, and refuses
// files that would make it work hard: more items than MaxItems, or flow
// ([ and {) or block (indentation, "- - -") nesting deeper than MaxDepth.
// The counts err on the high side (brackets in plain text count too), which
// no real playbook comes near; the nodes are checked again after parsing.
// It returns the position of the first offending byte.
func prescan(data []byte) (line, col int, msg string) {
	depth, items := 0, 0
	line, col = 1, 0
	var quote byte
	comment := false
	for i, c := range data {
		col++
		// Items are counted everywhere, quoted or not, so that no way of
		// quoting can hide structure from the count.
		switch c {
		case ',', '[', '{', ':':
			items++
		case '-', '?':
			if i+1 == len(data) || isBlank(data[i+1]) {
				items++
			}
		}
		if items > MaxItems {
			return line, col, fmt.Sprintf("more than %d YAML items (`-`, `:`, `,`, `[`, `{`): a playbook needs a few hundred", MaxItems)
		}
		switch {
		case c == '\n':
			line, col, comment = line+1, 0, false
		case comment:
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '#' && (i == 0 || isBlank(data[i-1])):
			comment = true
		case (c == '"' || c == '\'') && (i == 0 || !isWord(data[i-1])):
			// An apostrophe inside a word (l'incident) opens no quote.
			quote = c
		case c == '[' || c == '{':
			depth++
			if depth > MaxDepth {
				return line, col, fmt.Sprintf("nesting deeper than %d levels: a playbook is never that deep", MaxDepth)
			}
		case c == ']' || c == '}':
			depth = max(depth-1, 0)
		}
	}
	if line, col, deep := blockDepth(data); deep {
		return line, col, fmt.Sprintf("nesting deeper than %d levels: a playbook is never that deep", MaxDepth)
	}
	return 0, 0, ""
}

// blockDepth estimates block nesting from indentation, counting each
// leading "- " or "? " of a line as one more level ("- - - x" nests three
// lists on one line). It reports where the estimate first passes MaxDepth.
func blockDepth(data []byte) (line, col int, deep bool) {
	var open []int // indentation of the open levels, increasing
	for line = 1; len(data) > 0; line++ {
		end := bytes.IndexByte(data, '\n')
		if end < 0 {
			end = len(data)
		}
		l := data[:end]
		data = data[min(end+1, len(data)):]
		i := skipSpaces(l, 0)
		if i == len(l) || l[i] == '#' || l[i] == '\r' {
			continue // blank lines and comments open nothing
		}
		for {
			for len(open) > 0 && open[len(open)-1] >= i {
				open = open[:len(open)-1]
			}
			open = append(open, i)
			if len(open) > MaxDepth {
				return line, i + 1, true
			}
			if i+1 >= len(l) || (l[i] != '-' && l[i] != '?') || (l[i+1] != ' ' && l[i+1] != '\t') {
				break
			}
			if i = skipSpaces(l, i+1); i == len(l) {
				break
			}
		}
	}
	return 0, 0, false
}

func skipSpaces(l []byte, i int) int {
	for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
		i++
	}
	return i
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// errSecondDocument marks a file holding more than one YAML document.
var errSecondDocument = errors.New("a second YAML document")

// decodeOne parses data as exactly one YAML document. It returns io.EOF
// for a file with no document, errSecondDocument (with the second one's
// node) when another follows, and turns a panic of the YAML library into an
// error rather than a crash.
func decodeOne(data []byte) (doc, second *yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the YAML parser failed: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	doc = &yaml.Node{}
	if err := dec.Decode(doc); err != nil {
		return nil, nil, err
	}
	second = &yaml.Node{}
	switch err := dec.Decode(second); {
	case err == nil:
		return doc, second, errSecondDocument
	case errors.Is(err, io.EOF):
		return doc, nil, nil
	default:
		return nil, nil, err
	}
}

// unsafe refuses anchors, aliases and deep nesting, at the first one found.
// A playbook has no use for aliases, and refusing them defuses alias bombs
// whatever their size, before anything expands them.
func (p *parser) unsafe(n *yaml.Node, depth int) bool {
	if depth > MaxDepth {
		p.errf(n, "nesting deeper than %d levels: a playbook is never that deep", MaxDepth)
		return true
	}
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		p.errf(n, "anchors and aliases (& and *) are not allowed in a playbook: write each value out")
		return true
	}
	for _, c := range n.Content {
		if p.unsafe(c, depth+1) {
			return true
		}
	}
	return false
}
