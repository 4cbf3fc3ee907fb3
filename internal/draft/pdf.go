package draft

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/timeline"
)

// PDF renders a document written in Markdown, read by the same parser as
// the status page (see Markdown), as an A4 PDF titled title: see RenderPDF.
// It names no author and no date of its own (the PDF's dates are then the
// moment it is made): a document of the record goes through RenderPDF.
func PDF(title, markdown string) ([]byte, error) {
	return RenderPDF(PDFDoc{Title: title}, markdown)
}

// PDFDoc is what a PDF says about itself, in its metadata, and what it draws
// beside its Markdown.
type PDFDoc struct {
	Title   string    // the document's title
	Author  string    // the organisation; "Tocsin" when empty
	Subject string    // what the document is ("Dossier de plainte")
	Date    time.Time // the document's own date (drafted or approved): the PDF's creation and modification dates
	// Timeline, when set, is drawn where the Markdown shows the image
	// timeline.svg, or else after the text under its own heading.
	Timeline *timeline.Layout
	Lang     locale.Lang // the language of the words RenderPDF adds
}

// DocumentDate is a draft's own date, the one its PDF carries: when it was
// approved, once final; else when its current text was written.
func DocumentDate(d crisis.Draft) time.Time {
	if d.State == crisis.DraftApproved && !d.DecidedAt.IsZero() {
		return d.DecidedAt
	}
	return d.Current.CreatedAt
}

// RenderPDF draws a document written in Markdown as an A4 PDF: headings,
// paragraphs, bulleted and numbered lists, bold and italics, links with
// their address, pipe tables (columns sized to their content, the header
// repeated on each page), rules, quotes and code. The Go fonts are
// embedded: they hold every character French needs (é à ç œ « » ’ €),
// whatever the reader's machine; a character they lack is written as its
// code (see printable).
func RenderPDF(d PDFDoc, markdown string) ([]byte, error) {
	fonts, err := pdfFonts()
	if err != nil {
		return nil, err
	}
	var meta [3]string
	for i, s := range []string{d.Title, d.Author, d.Subject} {
		if meta[i], err = printable(strings.ReplaceAll(s, "\n", " ")); err != nil {
			return nil, err
		}
	}
	if meta[1] == "" {
		meta[1] = "Tocsin"
	}
	markdown, err = printable(strings.ReplaceAll(markdown, "\r\n", "\n"))
	if err != nil {
		return nil, err
	}
	r := newRenderer(fonts, meta[0])
	r.pdf.SetAuthor(meta[1], true)
	if meta[2] != "" {
		r.pdf.SetSubject(meta[2], true)
	}
	if !d.Date.IsZero() {
		r.pdf.SetCreationDate(d.Date)
		r.pdf.SetModificationDate(d.Date)
	}
	r.timeline, r.lang = d.Timeline, d.Lang
	doc, src := ParseMarkdown(markdown)
	r.blocks(doc, src, 0)
	if r.timeline != nil && !r.timelineDrawn {
		r.heading(locale.T(r.lang, "timeline.pdf.heading"), headingSizes[1])
		r.drawTimeline()
	}
	if err := r.pdf.Error(); err != nil {
		return nil, fmt.Errorf("render PDF: %w", err)
	}
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

	timeline      *timeline.Layout
	timelineDrawn bool
	lang          locale.Lang
}

// newRenderer starts an A4 document in fonts (by fpdf style: "", "B", "I").
func newRenderer(fonts map[string][]byte, title string) *renderer {
	pdf := fpdf.New("P", "mm", "A4", "")
	for _, style := range []string{"", "B", "I"} {
		pdf.AddUTF8FontFromBytes(family, style, fonts[style])
	}
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
