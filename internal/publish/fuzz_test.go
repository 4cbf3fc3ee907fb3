package publish

import (
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// fuzzSeeds are what members type and paste: emoji, French typography,
// accents, control and direction characters, long lines, ragged tables,
// nested emphasis, broken UTF-8.
var fuzzSeeds = []string{
	"# Ville de Caen — point de situation\n*26/09/2022 18:30*\n\n## Services perturbés\n- **État civil** : dégradé. En attendant : `registres papier`\n",
	"Rançon demandée 😀 👨‍👩‍👧 🇫🇷 ❤️",
	"Caen\u202f: « oui » ; “citation” ‘a’ — 16 h 28\u202f; 106\u202f000 habitants",
	"Re\u0301seau coupe\u0301, œuvre, Ærø, İstanbul, straße",
	"bip\x07 \x1b[2J\x00 fin\r\n\ttab\x7f\u0085 \ufffe\uffff",
	"facture\u202efdp.exe \u2066isolé\u2069 \u200f\u200e",
	strings.Repeat("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 40),
	"| a | b |\n|---|---|\n| c | d | e |\n| seul |",
	"***gras italique*** **a *b* c** *a **b** c* `**pas gras**` **`code`** ****",
	"#\n#######  titre\n- \n-\n- - -\n<script>alert(1)</script> & &amp; \"'",
	"a\xffb\xe2\x82 \xed\xa0\x80 \xf4\x90\x80\x80 \xc0\xaf",
}

// allowedTags are the elements MarkdownHTML writes.
var allowedTags = []string{"root", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "p", "br", "hr", "strong", "em", "code", "pre",
	"blockquote", "a", "table", "thead", "tbody", "tr", "th", "td"}

// keepsEveryLetter reports whether a rendering must show every letter and
// digit of md. Markdown itself hides some: an entity ("&eacute;" shows
// "é"), a link's address, a reference definition ("[x]: https://…"), a code
// fence's language ("~~~go"), the numbers of a numbered list (the page's
// reader numbers the items).
func keepsEveryLetter(md string) bool {
	return !strings.ContainsAny(md, "&[") && !strings.Contains(md, "~~~") && !strings.Contains(md, "```") &&
		!orderedMarker.MatchString(md)
}

var orderedMarker = regexp.MustCompile(`(?m)^[\s>*+\-]*\d{1,9}[.)]`)

// FuzzMarkdownHTML: whatever an approved update holds, the status page gets
// well-formed UTF-8 markup made of the renderer's own tags only (nothing a
// member typed becomes a tag), and every letter and digit of the update.
func FuzzMarkdownHTML(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		out := MarkdownHTML(md)
		if !utf8.ValidString(out) {
			t.Fatalf("MarkdownHTML(%q) = %q: got invalid UTF-8, want valid", md, out)
		}
		// A strict XML reader refuses what HTML also calls an error:
		// unbalanced tags, control characters, noncharacters.
		d := xml.NewDecoder(strings.NewReader("<root>" + out + "</root>"))
		var text strings.Builder
		for {
			tok, err := d.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("MarkdownHTML(%q) = %q: got %v, want well-formed markup", md, out, err)
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				if !slices.Contains(allowedTags, tok.Name.Local) {
					t.Fatalf("MarkdownHTML(%q) = %q: got a <%s>, want only the renderer's tags", md, out, tok.Name.Local)
				}
				for _, a := range tok.Attr {
					ok := a.Name.Local == "href" && tok.Name.Local == "a" && (strings.HasPrefix(a.Value, "http://") ||
						strings.HasPrefix(a.Value, "https://") || strings.HasPrefix(a.Value, "mailto:")) ||
						a.Name.Local == "align" && (tok.Name.Local == "th" || tok.Name.Local == "td") ||
						a.Name.Local == "start" && tok.Name.Local == "ol" && strings.Trim(a.Value, "0123456789") == "" ||
						a.Name.Local == "class" && tok.Name.Local == "code" && strings.HasPrefix(a.Value, "language-")
					if !ok {
						t.Fatalf("MarkdownHTML(%q) = %q: got %s=%q on <%s>, want only web and mail links", md, out, a.Name.Local, a.Value, tok.Name.Local)
					}
				}
			case xml.CharData:
				text.Write(tok)
			}
		}
		if got, want := words(text.String()), words(md); got != want && keepsEveryLetter(md) {
			t.Fatalf("MarkdownHTML(%q) = %q: got letters %q, want %q", md, out, got, want)
		}
	})
}

// FuzzPlainText: the text for SMS and social networks is valid UTF-8 with
// no control character but newlines and tabs, ends its last line, and
// keeps every letter and digit of the update.
func FuzzPlainText(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		out := PlainText(md)
		if !utf8.ValidString(out) {
			t.Fatalf("PlainText(%q) = %q: got invalid UTF-8, want valid", md, out)
		}
		for _, r := range out {
			if unicode.IsControl(r) && r != '\n' && r != '\t' {
				t.Fatalf("PlainText(%q) = %q: got control character %U, want none", md, out, r)
			}
		}
		if !strings.HasSuffix(out, "\n") {
			t.Fatalf("PlainText(%q) = %q: got no final newline, want one", md, out)
		}
		if got, want := words(out), words(md); got != want && keepsEveryLetter(md) {
			t.Fatalf("PlainText(%q) = %q: got letters %q, want %q", md, out, got, want)
		}
	})
}

// words keeps the letters, digits and marks of s: what no rendering may
// lose, whatever it does with markup, spaces and punctuation.
func words(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
