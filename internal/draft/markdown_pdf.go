package draft

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// headingSizes are the font sizes of headings by level; deeper levels use
// the last.
var headingSizes = []float64{16, 13, 11.5}

// blocks draws the blocks under n, indent mm from the left margin.
func (r *renderer) blocks(n ast.Node, src []byte, indent float64) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		r.block(c, src, indent)
	}
}

// block draws one block, indent mm from the left margin.
func (r *renderer) block(c ast.Node, src []byte, indent float64) {
	switch c := c.(type) {
	case *ast.Heading:
		r.heading(strings.ReplaceAll(InlineText(c, src), "\n", " "), headingSizes[min(c.Level, len(headingSizes))-1])
	case *ast.List:
		r.list(c, src, indent)
	case *ast.Blockquote:
		r.pdf.SetTextColor(80, 80, 80)
		r.blocks(c, src, indent+6)
		r.pdf.SetTextColor(0, 0, 0)
	case *ast.ThematicBreak:
		y := r.pdf.GetY() + 2
		r.pdf.Line(r.left, y, r.right, y)
		r.pdf.Ln(5)
	case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
		r.lines(indent, strings.TrimRight(sourceLines(c, src), "\n"))
	case *east.Table:
		var cells [][]string
		for row := c.FirstChild(); row != nil; row = row.NextSibling() {
			var texts []string
			for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
				texts = append(texts, strings.TrimSpace(InlineText(cell, src)))
			}
			cells = append(cells, texts)
		}
		r.table(cells)
	case *ast.Paragraph, *ast.TextBlock:
		if r.timeline != nil && !r.timelineDrawn && timelineParagraph(c) {
			r.drawTimeline()
			return
		}
		r.at(indent, func() { r.inline(c, src) })
		r.pdf.Ln(lineH + 1)
	default:
		r.blocks(c, src, indent)
	}
}

// list draws a list's items, each after its bullet or number, their blocks
// aligned after it.
func (r *renderer) list(l *ast.List, src []byte, indent float64) {
	num := l.Start
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		mark := "•"
		if l.IsOrdered() {
			mark = strconv.Itoa(num) + "."
			num++
		}
		x := indent + 4
		r.pdf.SetX(r.left + x)
		r.pdf.SetFont(family, "", bodySize)
		w := max(4, r.pdf.GetStringWidth(mark)+2)
		r.pdf.CellFormat(w, lineH, mark, "", 0, "L", false, 0, "")
		for c := item.FirstChild(); c != nil; c = c.NextSibling() {
			switch c.(type) {
			case *ast.Paragraph, *ast.TextBlock:
				if c != item.FirstChild() {
					r.pdf.SetX(r.left + x + w)
				}
				r.at(x+w, func() { r.inline(c, src) })
				r.pdf.Ln(lineH)
			default:
				if c == item.FirstChild() {
					r.pdf.Ln(lineH)
				}
				r.block(c, src, x+w-4)
			}
		}
		if !item.HasChildren() {
			r.pdf.Ln(lineH)
		}
	}
	r.pdf.Ln(1)
}

// at runs draw with the left margin indent mm in, so wrapped lines align.
func (r *renderer) at(indent float64, draw func()) {
	r.pdf.SetLeftMargin(r.left + indent)
	if r.pdf.GetX() < r.left+indent {
		r.pdf.SetX(r.left + indent)
	}
	draw()
	r.pdf.SetLeftMargin(r.left)
}

// lines writes text as it is, one line after another.
func (r *renderer) lines(indent float64, text string) {
	r.at(indent, func() {
		r.pdf.SetX(r.left + indent)
		for i, l := range strings.Split(text, "\n") {
			if i > 0 {
				r.pdf.Ln(lineH)
			}
			r.write(breakable(l))
		}
	})
	r.pdf.Ln(lineH + 1)
}

// inline writes n's inline content, flowing and wrapping, in bold or
// italics where marked; a link is followed by its address.
func (r *renderer) inline(n ast.Node, src []byte) {
	r.spans(n, src, "")
	r.pdf.SetFont(family, "", bodySize)
}

func (r *renderer) spans(n ast.Node, src []byte, style string) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Emphasis:
			s := style
			mark := "I"
			if c.Level >= 2 {
				mark = "B"
			}
			if !strings.Contains(s, mark) {
				s += mark
			}
			// fpdf names the bold italic style "BI"; the Go fonts added are
			// regular, bold and italic, so bold wins over both.
			if strings.Contains(s, "B") {
				s = "B"
			}
			r.spans(c, src, s)
		case *ast.CodeSpan:
			r.pdf.SetFont(family, "", bodySize)
			r.write(breakable(InlineText(c, src)))
		case *ast.Link:
			r.spans(c, src, style)
			if dest := string(c.Destination); dest != "" && !strings.Contains(InlineText(c, src), dest) {
				r.pdf.SetFont(family, style, bodySize)
				r.write(breakable(" (" + dest + ")"))
			}
		case *ast.Text:
			r.pdf.SetFont(family, style, bodySize)
			r.write(breakable(string(TextValue(c, src))))
			if c.SoftLineBreak() || c.HardLineBreak() {
				r.pdf.Ln(lineH)
			}
		default:
			r.pdf.SetFont(family, style, bodySize)
			r.write(breakable(NodeText(c, src)))
		}
	}
}

// sourceLines is the source of a code or HTML block, as written.
func sourceLines(n ast.Node, src []byte) string {
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
