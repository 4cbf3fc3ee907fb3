package draft

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Markdown is the one Markdown reader behind every form of a document: the
// status page's HTML and feed, the plain text for SMS and social networks,
// and the PDF. It reads CommonMark (goldmark passes the CommonMark spec
// tests) plus the pipe tables the templates write. A line break the cell
// typed stays a line break (hard wraps), and no raw HTML from a draft ever
// reaches a reader: goldmark renders none unless told WithUnsafe, which
// Tocsin never does.
var Markdown = goldmark.New(
	goldmark.WithExtensions(extension.Table),
	goldmark.WithRendererOptions(html.WithHardWraps(), html.WithXHTML()),
)

// ParseMarkdown reads md into goldmark's syntax tree. It returns the
// source the tree's positions refer to: md with each pipe table's header
// widened to its widest row, so that a cell typed past the header's columns
// is shown (GitHub's tables drop it) rather than lost.
func ParseMarkdown(md string) (ast.Node, []byte) {
	src := []byte(widenTables(md))
	return Markdown.Parser().Parse(text.NewReader(src)), src
}

var delimiterRow = regexp.MustCompile(`^ {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$`)

// widenTables gives each pipe table's header and delimiter row as many
// cells as its widest row.
func widenTables(md string) string {
	if !strings.Contains(md, "|") {
		return md
	}
	lines := strings.Split(md, "\n")
	for i := 0; i+1 < len(lines); i++ {
		if !strings.Contains(lines[i]+lines[i+1], "|") || !strings.Contains(lines[i+1], "-") || !delimiterRow.MatchString(lines[i+1]) {
			continue
		}
		head := len(splitRow(strings.TrimSpace(lines[i])))
		widest := head
		for j := i + 2; j < len(lines) && strings.Contains(lines[j], "|"); j++ {
			widest = max(widest, len(splitRow(strings.TrimSpace(lines[j]))))
		}
		if widest > head {
			lines[i] = padRow(lines[i], widest-head, " ")
			lines[i+1] = padRow(lines[i+1], widest-head, " --- ")
		}
	}
	return strings.Join(lines, "\n")
}

// padRow adds n cells holding cell to a table row.
func padRow(row string, n int, cell string) string {
	row = strings.TrimRight(row, " \t")
	if !strings.HasSuffix(row, "|") || strings.HasSuffix(row, "\\|") {
		row += " |"
	}
	return row + strings.Repeat(cell+"|", n)
}

// SafeLink reports whether a link's destination may be followed from a
// published document: only web addresses and e-mail addresses, never
// javascript:, data:, file: or a relative path.
func SafeLink(dest string) bool {
	u, err := url.Parse(strings.TrimSpace(dest))
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.Host != ""
	case "mailto":
		return u.Opaque != ""
	}
	return false
}

// InlineText is the text a reader sees in n's inline content: escapes and
// entities resolved, code spans as written, a line break as "\n", a link as
// its text. Images give their alternative text; raw HTML its source, shown
// as text.
func InlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	writeInline(&b, n, src)
	return b.String()
}

// NodeText is InlineText for one inline node, n itself included.
func NodeText(n ast.Node, src []byte) string {
	var b strings.Builder
	writeNode(&b, n, src)
	return b.String()
}

func writeInline(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		writeNode(b, c, src)
	}
}

func writeNode(b *strings.Builder, c ast.Node, src []byte) {
	switch c := c.(type) {
	case *ast.Text:
		b.Write(TextValue(c, src))
		if c.SoftLineBreak() || c.HardLineBreak() {
			b.WriteByte('\n')
		}
	case *ast.String:
		if c.IsCode() || c.IsRaw() {
			b.Write(c.Value)
		} else {
			b.Write(resolve(c.Value))
		}
	case *ast.RawHTML:
		for i := 0; i < c.Segments.Len(); i++ {
			s := c.Segments.At(i)
			b.Write(s.Value(src))
		}
	case *ast.AutoLink:
		b.Write(c.Label(src))
	default:
		writeInline(b, c, src)
	}
}

// TextValue is what a text node shows: escapes and entities resolved
// unless it is raw (inside a code span).
func TextValue(t *ast.Text, src []byte) []byte {
	v := t.Segment.Value(src)
	if t.IsRaw() {
		return v
	}
	return resolve(v)
}

func resolve(v []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
}
