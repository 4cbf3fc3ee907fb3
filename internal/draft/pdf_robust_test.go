package draft

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPDFDrawsWhatTheFontsLack: whatever a member typed, the PDF is made,
// and a character the embedded fonts cannot draw shows as its code rather
// than vanishing or stopping the bot. Each block of the Markdown (heading,
// paragraph, emphasis, list, quote, table header and cell) is tried, since
// fpdf measures and draws each through a different path.
func TestPDFDrawsWhatTheFontsLack(t *testing.T) {
	blocks := []struct {
		name   string
		render func(s string) string
	}{
		{"heading", func(s string) string { return "# " + s }},
		{"subheading", func(s string) string { return "### " + s }},
		{"paragraph", func(s string) string { return s }},
		{"bold", func(s string) string { return "**" + s + "**" }},
		{"italics", func(s string) string { return "*" + s + "*" }},
		{"code", func(s string) string { return "`" + s + "`" }},
		{"bullet", func(s string) string { return "- " + s }},
		{"nested bullet", func(s string) string { return "  - " + s }},
		{"quote", func(s string) string { return "> " + s }},
		{"table header", func(s string) string { return "| " + s + " | b |\n|---|---|\n| c | d |" }},
		{"table cell", func(s string) string { return "| a | b |\n|---|---|\n| c | " + s + " |" }},
	}
	texts := []struct {
		name, in string
		want     []string // in the text pdftotext reads back
	}{
		{"emoji", "Rançon demandée 😀", []string{"Rançon demandée [U+1F600]"}},
		{"emoji with a variation selector", "Vu ❤️ ok", []string{"Vu [U+2764] ok"}},
		{"emoji sequence", "Famille 👨‍👩‍👧 fin", []string{"Famille [U+1F468][U+1F469][U+1F467] fin"}},
		{"flag", "Drapeau 🇫🇷 fin", []string{"Drapeau [U+1F1EB][U+1F1F7] fin"}},
		{"script the fonts lack", "Message 勒索 reçu", []string{"Message [U+52D2][U+7D22] reçu"}},
		{"right-to-left override", "facture\u202efdp.exe", []string{"facture[U+202E]fdp.exe"}},
		{"control characters", "bip\x07 fin\x1b[2J", []string{"bip[U+0007] fin[U+001B][2J"}},
		{"tab", "colonne\tvaleur", []string{"colonne valeur"}},
		{"combining accents", "Re\u0301seau coupe\u0301", []string{"Réseau coupé"}},
		{"a combining mark with no precomposed form", "q\u0301 fin", []string{"q[U+0301] fin"}},
		{"narrow no-break space", "Caen\u202f: « oui »", []string{"Caen : « oui »"}},
		{"invalid UTF-8", "a\xffb\xe2", []string{"a\ufffdb\ufffd"}},
	}
	for _, b := range blocks {
		for _, tx := range texts {
			t.Run(b.name+"/"+tx.name, func(t *testing.T) {
				pdf := mustPDF(t, "Plainte "+tx.in, b.render(tx.in))
				got := strings.Join(strings.Fields(pdfText(t, pdf)), " ")
				for _, want := range tx.want {
					assert.Contains(t, got, strings.Join(strings.Fields(want), " "))
				}
			})
		}
	}
}

// TestPDFTakesAnything: long pastes, ragged or over-wide tables, stray
// markers; the PDF is made and keeps every word.
func TestPDFTakesAnything(t *testing.T) {
	word := strings.Repeat("x", 100_000)
	cases := []struct {
		name, md string
		want     []string
	}{
		{"100 kB without a space", word, nil},
		{"100 kB of emoji", strings.Repeat("😀", 25_000), []string{"[U+1F600]"}},
		{"100 kB in a table cell", "| a | b |\n|---|---|\n| " + strings.Repeat("mot ", 25_000) + " | fin |", []string{"fin"}},
		{"100 kB heading", "# " + strings.Repeat("titre ", 16_000), []string{"titre"}},
		{"ragged rows keep their cells", "| a | b |\n|---|---|\n| c | d | surplus |\n| seul |", []string{"surplus", "seul"}},
		{"hundreds of columns", "|" + strings.Repeat(" col |", 500) + "\n|" + strings.Repeat(" v |", 500), []string{"col"}},
		{"unbalanced emphasis", "**gras *italique** `code", []string{"gras", "italique", "code"}},
		{"only markers", "#\n##\n- \n> \n|\n||\n---\n***\n``", nil},
		{"page alias typed by a member", "Voir {nb} pièces", []string{"Voir {nb} pièces"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pdf := mustPDF(t, c.name, c.md)
			got := pdfText(t, pdf)
			for _, want := range c.want {
				assert.Contains(t, got, want)
			}
			if c.md == word {
				assert.Equal(t, len(word), strings.Count(got, "x"), "got so many x, want every one")
			}
		})
	}
}

// BenchmarkPDFLongPaste: one long paragraph, which fpdf's Write reads in
// time that grows with the square of its length when given it whole.
func BenchmarkPDFLongPaste(b *testing.B) {
	doc := strings.Repeat("Rançon demandée 😀 ", 5_000)
	for b.Loop() {
		if _, err := PDF("Bench", doc); err != nil {
			b.Fatal(err)
		}
	}
}

// mustPDF renders md, failing the test on an error or a panic.
func mustPDF(t *testing.T, title, md string) []byte {
	t.Helper()
	var pdf []byte
	var err error
	require.NotPanics(t, func() { pdf, err = PDF(title, md) })
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(pdf), "%PDF-"), "got %.10q, want a PDF", pdf)
	return pdf
}

// TestPDFTitle: the document's title, which fpdf converts to UTF-16 by
// hand, takes emoji and broken UTF-8 like the text does.
func TestPDFTitle(t *testing.T) {
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo (Debian's poppler-utils) is not installed: run .ci/deps")
	}
	pdf := mustPDF(t, "Plainte 😀 \xe2", "x")
	path := filepath.Join(t.TempDir(), "doc.pdf")
	require.NoError(t, os.WriteFile(path, pdf, 0o644))
	out, err := exec.Command("pdfinfo", "-enc", "UTF-8", path).Output()
	require.NoError(t, err)
	assert.Contains(t, string(out), "Plainte [U+1F600] \ufffd")
}
