package playbook

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one problem in a playbook file, at a line and column.
type Error struct {
	File      string
	Line, Col int
	Msg       string
	Source    string // the offending line, for the caret display
}

// Error renders "file:line:col: message".
func (e *Error) Error() string { return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg) }

// Errors is every problem found, in file order.
type Errors []*Error

// Error renders one problem per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Pretty renders each problem with its line and a caret under the column,
// as compilers do, so an author sees where to look without counting.
func (es Errors) Pretty() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(e.Error() + "\n")
		if e.Source != "" {
			gutter := fmt.Sprintf("%5d | ", e.Line)
			b.WriteString(gutter + e.Source + "\n")
			pad := strings.Repeat(" ", len(gutter)-2) + "| "
			col := max(e.Col-1, 0)
			// Keep tabs so the caret lines up under tabbed text.
			var lead strings.Builder
			for j, r := range []rune(e.Source) {
				if j >= col {
					break
				}
				if r == '\t' {
					lead.WriteRune('\t')
				} else {
					lead.WriteRune(' ')
				}
			}
			b.WriteString(pad + lead.String() + "^\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

func (es Errors) sorted() Errors {
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].File != es[j].File {
			return es[i].File < es[j].File
		}
		if es[i].Line != es[j].Line {
			return es[i].Line < es[j].Line
		}
		return es[i].Col < es[j].Col
	})
	return es
}
