package draft

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const frenchSample = `# Dépôt de plainte — atteinte à un système
*Dossier préparé le 27/09/2022 09:30*

## 1. Victime
- Organisation : **Ville de Caen**
  - Élus prévenus : « oui », l’équipe a réagi ; cœur du SI touché ; coût estimé : 0 €
> Note : à compléter

| Heure du fait | Consigné le | Fait |
|---|---|---|
| 26/09/2022 16:28 | 26/09/2022 18:02 | Début de l'isolement des serveurs \| flux coupés |
| 26/09/2022 18:00 | 26/09/2022 18:02 | Empreinte e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 |

---
Fin du dossier : déposé au commissariat.
`

// pdfText extracts a PDF's text with pdftotext, which .ci/deps installs.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (Debian's poppler-utils) is not installed: run .ci/deps")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	require.NoError(t, os.WriteFile(path, pdf, 0o644))
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	require.NoError(t, err)
	return string(out)
}

func TestPDFKeepsFrenchText(t *testing.T) {
	pdf, err := PDF("Dépôt de plainte", frenchSample)
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(pdf, []byte("%PDF-")), "a PDF starts with %%PDF-")
	text := strings.Join(strings.Fields(pdfText(t, pdf)), " ") // wrapped lines read as one
	for _, want := range []string{"Dépôt de plainte", "Élus prévenus", "« oui »", "l’équipe", "cœur", "0 €", "Début de l'isolement", "flux coupés", "déposé au commissariat", "page 1/1"} {
		assert.Contains(t, text, want)
	}
	flat := strings.Join(strings.Fields(text), "")
	assert.Contains(t, flat, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "a long hash wraps but loses nothing")
}

func BenchmarkPDF(b *testing.B) {
	doc := strings.Repeat(frenchSample, 20)
	for i := 0; i < b.N; i++ {
		if _, err := PDF("Bench", doc); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPDFReadsMarkdown: the PDF reads Markdown as the status page does.
func TestPDFReadsMarkdown(t *testing.T) {
	cases := []struct {
		name, md string
		want     []string
		not      []string
	}{
		{"link shows its text and address", "Voir [le site](https://caen.fr/info).", []string{"Voir le site (https://caen.fr/info)."}, []string{"]("}},
		{"numbered list keeps its numbers", "1. Premier\n2. Second\n", []string{"1. Premier", "2. Second"}, nil},
		{"star bullets", "* Un\n* Deux\n", []string{"• Un", "• Deux"}, []string{"* Un"}},
		{"escaped star", `\*pas en italique\*`, []string{"*pas en italique*"}, []string{`\*`}},
		{"bold and italics lose their marks", "**gras** et *italique*", []string{"gras et italique"}, []string{"*"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := strings.Join(strings.Fields(pdfText(t, mustPDF(t, c.name, c.md))), " ")
			for _, w := range c.want {
				assert.Contains(t, got, w)
			}
			for _, n := range c.not {
				assert.NotContains(t, got, n)
			}
		})
	}
}
