package draft

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// fuzzSeeds are what members type and paste: emoji, French typography,
// accents, control and direction characters, long lines, ragged tables,
// nested emphasis, broken UTF-8.
var fuzzSeeds = []string{
	frenchSample,
	"Rançon demandée 😀",
	"# Titre 👨‍👩‍👧 🇫🇷 ❤️\n- **gras 😀** *ital* `code`",
	"Caen\u202f: « oui » ; “citation” ‘a’ — 16 h 28\u202f; 106\u202f000 habitants ; 1\u00a0000 €",
	"Re\u0301seau coupe\u0301, œuvre, Ærø, İstanbul, straße, ǅ",
	"bip\x07 \x1b[2J\x00 fin\r\n\ttab\x7f\u0085",
	"facture\u202efdp.exe \u2066isolé\u2069 \u200f\u200e\u061c",
	strings.Repeat("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 40),
	strings.Repeat("mot ", 600),
	"| a | b |\n|---|---|\n| c | d | e | f |\n| seul |\n|\n||\n| \\| | x\\|\n",
	"|" + strings.Repeat(" c |", 200),
	"***gras italique*** **a *b* c** *a **b** c* `**pas gras**` **`code`** ****",
	"# \n## \n### \n- \n  - \n> \n---\n*\n**\n`",
	"a\xffb\xe2\x82 \xed\xa0\x80 \xf4\x90\x80\x80 \xc0\xaf",
	"Le 26/09/2022 à 16h28, puis 18:00, le 27 septembre 2022 ; IP 198.51.100.23, mail attaquant@evil.example, lien https://evil.example/x, 106 000 habitants, 2 serveurs sur 200.",
	"1er AOÛT 2022, ſeptembre, 2001:db8::1/64, ::ffff:192.0.2.1, 10.0.0.0/8, 12.5 %, 1,5 Mo",
	"## 8. Contacts\n2. suivant\n  10. encore",
	"{nb} pages",
}

// FuzzPDF: any Markdown, and any title, gives a PDF; nothing panics.
func FuzzPDF(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		title, _, _ := strings.Cut(md, "\n")
		pdf, err := PDF(title, md)
		if err != nil {
			t.Fatalf("PDF(%q): got error %v, want a PDF", md, err)
		}
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
			t.Fatalf("PDF(%q): got %.10q, want a PDF", md, pdf)
		}
	})
}

// FuzzCheck: the fact check takes any text, flags each item once, and
// never flags a text that is itself in the record: what a member logged
// may be quoted back word for word.
func FuzzCheck(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		f.Fatal(err)
	}
	at := time.Date(2022, 9, 26, 16, 0, 0, 0, paris)
	f.Fuzz(func(t *testing.T, text string) {
		s := &Sheet{
			Org:    Org{Name: "Ville de Caen"},
			Crisis: crisis.Crisis{ID: 1, Title: "Intrusion", DetectedAt: at, OpenedAt: at},
			Now:    at.Add(time.Hour), Loc: paris, Lang: locale.FR, Facts: map[string]string{},
			Log: []crisis.LogEntry{{Seq: 1, At: at, RecordedAt: at, Text: text}},
		}
		flags := AllowedFrom(s).Check(text)
		if len(flags) > 0 {
			t.Fatalf("Check(%q) with the text in the log: got flags %v, want none", text, flags)
		}
		flags = AllowedFrom(&Sheet{Loc: paris, Facts: map[string]string{}}).Check(text)
		for i, fl := range flags {
			if slices.Contains(flags[:i], fl) {
				t.Fatalf("Check(%q): got %v twice, want each item once", text, fl)
			}
		}
	})
}
