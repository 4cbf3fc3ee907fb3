package draft

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
)

// PDF renders a document written in Markdown, read by the same parser as
// the status page (see Markdown), as an A4 PDF: headings, paragraphs,
// bulleted and numbered lists, bold and italics, links with their address,
// pipe tables, rules, quotes and code. The Go fonts are embedded: they hold every
// character French needs (é à ç œ « » ’ €), whatever the reader's machine;
// a character they lack is written as its code (see printable).
func PDF(title, markdown string) ([]byte, error) {
	title, err := printable(title)
	if err != nil {
		return nil, err
	}
	markdown, err = printable(strings.ReplaceAll(markdown, "\r\n", "\n"))
	if err != nil {
		return nil, err
	}
	r := newRenderer(title)
	doc, src := ParseMarkdown(markdown)
	r.blocks(doc, src, 0)
	var buf bytes.Buffer
	if err := r.pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("render PDF: %w", err)
	}
	return buf.Bytes(), nil
}

const (
	family   = "go"
	bodySize = 10
	lineH    = 5
	// pagesAlias stands for the page count until the end. It holds a
	// private-use character, which printable never lets through, so no
	// text a member typed can be mistaken for it.
	pagesAlias = "\ue000nb\ue000"
	// minColumn is the narrowest table column, in mm, that still holds a
	// word; a row with more cells than fit has its last ones joined.
	minColumn = 16
)

type renderer struct {
	pdf         *fpdf.Fpdf
	left, right float64
}

func newRenderer(title string) *renderer {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(family, "", goregular.TTF)
	pdf.AddUTF8FontFromBytes(family, "B", gobold.TTF)
	pdf.AddUTF8FontFromBytes(family, "I", goitalic.TTF)
	pdf.SetTitle(title, true)
	pdf.SetCreator("Tocsin", true)
	pdf.SetMargins(18, 18, 18)
	pdf.SetAutoPageBreak(true, 18)
	pdf.AliasNbPages(pagesAlias)
	pdf.SetFooterFunc(func() {
		pdf.SetY(-12)
		pdf.SetFont(family, "", 8)
		pdf.CellFormat(0, 5, fmt.Sprintf("page %d/%s", pdf.PageNo(), pagesAlias), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	pdf.SetFont(family, "", bodySize)
	w, _ := pdf.GetPageSize()
	l, _, rm, _ := pdf.GetMargins()
	return &renderer{pdf: pdf, left: l, right: w - rm}
}

func (r *renderer) heading(text string, size float64) {
	r.pdf.Ln(2)
	r.pdf.SetFont(family, "B", size)
	r.pdf.MultiCell(0, size*0.5, text, "", "L", false)
	r.pdf.SetFont(family, "", bodySize)
	r.pdf.Ln(1)
}

// writeChunk is the most text, in bytes, handed to fpdf's Write at once.
const writeChunk = 512

// write flows text a few words at a time: fpdf's Write converts its whole
// string to runes for each character it reads, so a 100 kB paste given in
// one call takes minutes. Cutting after a space wraps the same.
func (r *renderer) write(s string) {
	for len(s) > writeChunk {
		cut := strings.LastIndexByte(s[:writeChunk], ' ') + 1
		if cut == 0 {
			// No space (breakable leaves none this long, but be safe):
			// cut at the start of a character.
			for cut = writeChunk; !utf8.RuneStart(s[cut]); cut-- {
			}
		}
		r.pdf.Write(lineH, s[:cut])
		s = s[cut:]
	}
	r.pdf.Write(lineH, s)
}

// breakable lets very long words (hashes, URLs) wrap: a word longer than a
// line gets break opportunities, so no text runs off the page.
func breakable(s string) string {
	words := strings.Split(s, " ")
	for i, w := range words {
		if len([]rune(w)) > 60 {
			var b strings.Builder
			for j, c := range []rune(w) {
				if j > 0 && j%32 == 0 {
					b.WriteRune(' ')
				}
				b.WriteRune(c)
			}
			words[i] = b.String()
		}
	}
	return strings.Join(words, " ")
}

// table draws a pipe table: a bold header row, then rows whose height is
// that of their tallest cell; long cells wrap.
func (r *renderer) table(cells [][]string) {
	if len(cells) == 0 {
		return
	}
	// The widest row sets the columns, so a ragged row loses no cell; past
	// what the page holds, the last cells share one column.
	cols := 0
	for _, row := range cells {
		cols = max(cols, len(row))
	}
	cols = min(cols, int((r.right-r.left)/minColumn))
	for i, row := range cells {
		if len(row) > cols {
			cells[i] = append(row[:cols-1:cols-1], strings.Join(row[cols-1:], " | "))
		}
	}
	width := (r.right - r.left) / float64(cols)
	const size, h = 8, 4
	for i, row := range cells {
		style := ""
		if i == 0 {
			style = "B"
		}
		r.pdf.SetFont(family, style, size)
		lines := 1
		texts := make([]string, cols)
		for c := 0; c < cols; c++ {
			if c < len(row) {
				texts[c] = breakable(row[c])
			}
			if n := len(r.pdf.SplitText(texts[c], width-2)); n > lines {
				lines = n
			}
		}
		rowH := float64(lines)*h + 2
		_, pageH := r.pdf.GetPageSize()
		if r.pdf.GetY()+rowH > pageH-20 {
			r.pdf.AddPage()
		}
		y := r.pdf.GetY()
		for c := 0; c < cols; c++ {
			x := r.left + float64(c)*width
			r.pdf.Rect(x, y, width, rowH, "D")
			r.pdf.SetXY(x+1, y+1)
			r.pdf.MultiCell(width-2, h, texts[c], "", "L", false)
		}
		r.pdf.SetXY(r.left, y+rowH)
	}
	r.pdf.SetFont(family, "", bodySize)
	r.pdf.Ln(2)
}

func splitRow(row string) []string {
	row = strings.TrimSuffix(strings.TrimPrefix(row, "|"), "|")
	var out []string
	var cur strings.Builder
	for i := 0; i < len(row); i++ {
		switch {
		case row[i] == '\\' && i+1 < len(row) && row[i+1] == '|':
			cur.WriteByte('|')
			i++
		case row[i] == '|':
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(row[i])
		}
	}
	return append(out, strings.TrimSpace(cur.String()))
}
