package timeline

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// SVG writes the crisis's timeline as a standalone SVG image: no script, no
// outside asset (fonts are the reader's own sans-serif), a viewBox so it
// scales to a phone's width, a title and a description for screen readers.
func SVG(w io.Writer, in Input, lang locale.Lang, loc *time.Location) error {
	return WriteSVG(w, Lay(in, lang, loc), lang)
}

// WriteSVG writes a layout as SVG.
func WriteSVG(w io.Writer, l Layout, lang locale.Lang) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="100%%" role="img" aria-labelledby="tl-title tl-desc" lang="%s" font-family="sans-serif">`+"\n",
		num(l.Width), num(l.Height), lang)
	fmt.Fprintf(b, "<title id=\"tl-title\">%s</title>\n<desc id=\"tl-desc\">%s</desc>\n", Escape(l.Title), Escape(l.Desc))
	// The hatches: sparse for degraded, dense (both ways) for down.
	b.WriteString(`<defs><pattern id="tl-h1" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="8" stroke="#000" stroke-opacity=".45" stroke-width="1.5"/></pattern>` +
		`<pattern id="tl-h2" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><path d="M0 0V5M0 0H5" stroke="#fff" stroke-opacity=".7" stroke-width="1.5"/></pattern></defs>` + "\n")
	fmt.Fprintf(b, `<rect width="%s" height="%s" fill="#fff"/>`+"\n", num(l.Width), num(l.Height))
	for _, s := range l.Shapes {
		writeShape(b, s)
	}
	b.WriteString("</svg>\n")
	return b.Flush()
}

func writeShape(b *bufio.Writer, s Shape) {
	switch s.Kind {
	case Rect:
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s"%s/>`, num(s.X), num(s.Y), num(s.W), num(s.H), paint(s))
		if s.Hatch > 0 {
			fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" fill="url(#tl-h%d)"/>`, num(s.X), num(s.Y), num(s.W), num(s.H), s.Hatch)
		}
	case Line:
		fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s"%s/>`, num(s.X), num(s.Y), num(s.X2), num(s.Y2), paint(s))
	case Circle:
		fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="%s"%s/>`, num(s.X), num(s.Y), num(s.R), paint(s))
	case Text:
		anchor := ""
		if s.Anchor != "" && s.Anchor != "start" {
			anchor = ` text-anchor="` + s.Anchor + `"`
		}
		weight := ""
		if s.Bold {
			weight = ` font-weight="bold"`
		}
		fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%s" fill="%s"%s%s>%s</text>`, num(s.X), num(s.Y), num(s.Size), s.Fill, anchor, weight, Escape(s.Text))
	}
	b.WriteByte('\n')
}

func paint(s Shape) string {
	var b strings.Builder
	fill := s.Fill
	if fill == "" {
		fill = "none"
	}
	if s.Kind != Line {
		b.WriteString(` fill="` + fill + `"`)
	}
	if s.Stroke != "" {
		fmt.Fprintf(&b, ` stroke="%s" stroke-width="%s"`, s.Stroke, num(s.StrokeW))
		if s.Dash {
			b.WriteString(` stroke-dasharray="5 3"`)
		}
	}
	return b.String()
}

// num writes a coordinate with at most one decimal, the same every run.
func num(f float64) string {
	return strconv.FormatFloat(round(f), 'f', -1, 64)
}

// Escape makes text a member typed safe inside an SVG (XML) element or
// attribute: markup characters as entities, invalid bytes as U+FFFD, and
// the control characters XML forbids even as references written as their
// code ("[U+0007]"), as the PDF does; emoji and « » pass as they are.
func Escape(s string) string {
	var b strings.Builder
	s = strings.ToValidUTF8(s, "\ufffd")
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\'':
			b.WriteString("&#39;")
		case r == '\n' || r == '\t' || r == '\r':
			b.WriteByte(' ')
		case r < 0x20 || (r >= 0x7f && r <= 0x9f) || r == 0xfffe || r == 0xffff || (unicode.Is(unicode.Bidi_Control, r)):
			fmt.Fprintf(&b, "[%U]", r)
		case r == utf8.RuneError:
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
