package publish

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/tocsin-crisis/tocsin/internal/draft"
)

// clean makes an update's text safe to publish as HTML or plain text:
// valid UTF-8, Unix line ends, and U+FFFD, the usual sign of an unreadable
// character, in place of each invalid byte, control character and
// noncharacter (which browsers treat as errors and SMS gateways may refuse).
// Tabs and newlines stay.
func clean(s string) string {
	s = strings.ReplaceAll(strings.ToValidUTF8(s, "\ufffd"), "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if unicode.IsControl(r) || noncharacter(r) {
			return '\ufffd'
		}
		return r
	}, s)
}

// noncharacter reports whether r is one of Unicode's 66 noncharacters.
func noncharacter(r rune) bool {
	return (r >= 0xFDD0 && r <= 0xFDEF) || r&0xFFFE == 0xFFFE
}

// PlainText turns the Markdown of an update into text for places that do
// not render Markdown (an SMS, a social network post), read with
// draft.Markdown like the page: headings and paragraphs become lines,
// bullets "•", numbered items keep their numbers, a link shows its text
// and its address, a table its cells separated by " | ".
func PlainText(md string) string {
	doc, src := draft.ParseMarkdown(clean(md))
	var b strings.Builder
	plainBlocks(&b, doc, src, "")
	return strings.TrimSpace(b.String()) + "\n"
}

// plainBlocks writes the blocks under n one a line, with indent before
// each line (a nested list's items are indented). A blank line separates
// two blocks where the source has one: an SMS is short, and the cell chose
// its spacing.
func plainBlocks(b *strings.Builder, n ast.Node, src []byte, indent string) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c != n.FirstChild() && c.HasBlankPreviousLines() {
			b.WriteString("\n")
		}
		switch c := c.(type) {
		case *ast.List:
			plainList(b, c, src, indent)
		case *ast.Blockquote:
			var q strings.Builder
			plainBlocks(&q, c, src, "")
			writeLines(b, indent+"> ", strings.TrimSpace(q.String()))
		case *ast.ThematicBreak:
			writeLines(b, indent, "—")
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			writeLines(b, indent, strings.TrimRight(blockLines(c, src), "\n"))
		case *east.Table:
			for row := c.FirstChild(); row != nil; row = row.NextSibling() {
				var cells []string
				for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
					cells = append(cells, strings.TrimSpace(plainInline(cell, src)))
				}
				b.WriteString(strings.TrimRight(indent+strings.Join(cells, " | "), " |") + "\n")
			}
		default:
			if c.Type() == ast.TypeBlock && c.HasChildren() && c.FirstChild().Type() == ast.TypeBlock {
				plainBlocks(b, c, src, indent)
				continue
			}
			writeLines(b, indent, strings.TrimSpace(plainInline(c, src)))
		}
	}
}

// plainList writes a list's items one a line: "• " or "1. " before the
// first line of each, its other lines and blocks aligned under it.
func plainList(b *strings.Builder, l *ast.List, src []byte, indent string) {
	num := l.Start
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		mark := "• "
		if l.IsOrdered() {
			mark = strconv.Itoa(num) + ". "
			num++
		}
		var inner strings.Builder
		plainBlocks(&inner, item, src, "")
		text := strings.TrimSpace(inner.String())
		pad := strings.Repeat(" ", len([]rune(mark)))
		for i, line := range strings.Split(text, "\n") {
			switch {
			case i == 0:
				b.WriteString(indent + mark + line + "\n")
			case line == "":
				// A tight list reads better without the blank lines
				// between an item's blocks.
			default:
				b.WriteString(indent + pad + line + "\n")
			}
		}
	}
}

// plainInline is the text of n's inline content, a link followed by its
// address when the text does not already show it.
func plainInline(n ast.Node, src []byte) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Link:
			text, dest := plainInline(c, src), string(c.Destination)
			b.WriteString(text)
			if dest != "" && dest != text && !strings.Contains(text, dest) {
				b.WriteString(" (" + dest + ")")
			}
		case *ast.Text, *ast.String, *ast.RawHTML, *ast.AutoLink, *ast.Image:
			b.WriteString(draft.NodeText(c, src))
		default:
			b.WriteString(plainInline(c, src))
		}
	}
	return b.String()
}

// writeLines writes text, each line after prefix.
func writeLines(b *strings.Builder, prefix, text string) {
	if text == "" {
		return
	}
	for _, line := range strings.Split(text, "\n") {
		b.WriteString(prefix + line + "\n")
	}
}

// blockLines is the source of a code or HTML block, as written.
func blockLines(n ast.Node, src []byte) string {
	var b strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		s := n.Lines().At(i)
		b.Write(s.Value(src))
	}
	if h, ok := n.(*ast.HTMLBlock); ok && h.HasClosure() {
		b.Write(h.ClosureLine.Value(src))
	}
	return b.String()
}
