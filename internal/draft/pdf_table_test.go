package draft

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pdfPages reads a PDF back page by page with pdftotext -layout.
func pdfPages(t *testing.T, pdf []byte) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (Debian's poppler-utils) is not installed: run .ci/deps")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	require.NoError(t, os.WriteFile(path, pdf, 0o644))
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
	require.NoError(t, err)
	pages := strings.Split(string(out), "\f")
	if strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

const tableHead = "| Heure du fait | Consigné le | Fait |\n|---|---|---|\n"

func longTable(rows int) string {
	var b strings.Builder
	b.WriteString(tableHead)
	for i := 1; i <= rows; i++ {
		fmt.Fprintf(&b, "| 2022-09-26 16:%02d | 2022-09-26 18:02 | Fait n° %d : un ex-collaborateur a ouvert une session sur le serveur de messagerie depuis une adresse inconnue |\n", i%60, i)
	}
	return b.String()
}

// TestPDFTableRepeatsItsHeader: a 200-row table runs over several pages,
// each of which starts with the header row; the hyphens of dates and words
// read back as plain hyphens.
func TestPDFTableRepeatsItsHeader(t *testing.T) {
	pages := pdfPages(t, mustPDF(t, "Plainte", "# Faits\n\n"+longTable(200)))
	require.Greater(t, len(pages), 3, "got %d pages, want the table over several", len(pages))
	for i, p := range pages {
		assert.Contains(t, p, "Heure du fait", "page %d has no header row", i+1)
		head := strings.Index(p, "Heure du fait")
		first := strings.Index(p, "Fait n°")
		assert.Less(t, head, first, "page %d: got a row before the header", i+1)
	}
	all := strings.Join(pages, "\n")
	for i := 1; i <= 200; i++ {
		assert.Contains(t, all, fmt.Sprintf("Fait n° %d :", i))
	}
	assert.Contains(t, all, "2022-09-26")
	assert.Contains(t, all, "ex-collaborateur")
}

// TestPDFTableLeavesNoLoneHeader: wherever a table starts on the page, its
// header is never the last thing on it: the header and its first row move
// to the next page together.
func TestPDFTableLeavesNoLoneHeader(t *testing.T) {
	for lines := 30; lines <= 48; lines++ {
		t.Run(fmt.Sprint(lines), func(t *testing.T) {
			md := strings.Repeat("Ligne de texte.\n\n", lines) + longTable(3)
			for i, p := range pdfPages(t, mustPDF(t, "Plainte", md)) {
				if strings.Contains(p, "Heure du fait") {
					assert.Contains(t, p, "Fait n°", "page %d ends with a lone header", i+1)
				}
			}
		})
	}
}

// TestPDFTableColumnsFitTheirContent: times take what they need, the facts
// the rest.
func TestPDFTableColumnsFitTheirContent(t *testing.T) {
	fonts, err := pdfFonts()
	require.NoError(t, err)
	r := newRenderer(fonts, "widths")
	rows := [][]string{
		{"Heure du fait", "Consigné le", "Fait"},
		{"26/09/2022 16:28", "26/09/2022 18:02", strings.Repeat("Début de l'isolement des serveurs. ", 6)},
	}
	w := r.columnWidths(rows)
	total := r.right - r.left
	assert.InDelta(t, total, w[0]+w[1]+w[2], 0.01, "got columns %v, want the text's width", w)
	assert.Less(t, w[0], total/4, "got a time column %.1f mm wide, want it narrow", w[0])
	assert.Greater(t, w[2], total/2, "got a facts column %.1f mm wide, want it wide", w[2])
	r.cellFont(1)
	assert.Len(t, r.cellLines(rows[1][0], w[0]-2*cellPad), 1, "a time fits on one line")
}

// TestPDFMetadata: title, author (the organisation, else Tocsin), subject,
// creator, and the document's own date, not the moment it was printed.
func TestPDFMetadata(t *testing.T) {
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo (Debian's poppler-utils) is not installed: run .ci/deps")
	}
	paris, err := time.LoadLocation("Europe/Paris")
	require.NoError(t, err)
	date := time.Date(2022, 9, 27, 9, 30, 0, 0, paris)
	cases := []struct {
		name   string
		doc    PDFDoc
		author string
	}{
		{"organisation", PDFDoc{Title: "Dépôt de plainte — Ville de Caen", Author: "Ville de Caen", Subject: "Dossier de plainte", Date: date}, "Ville de Caen"},
		{"no organisation", PDFDoc{Title: "Dépôt de plainte", Subject: "Dossier de plainte", Date: date}, "Tocsin"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pdf, err := RenderPDF(c.doc, "x")
			require.NoError(t, err)
			path := filepath.Join(t.TempDir(), "doc.pdf")
			require.NoError(t, os.WriteFile(path, pdf, 0o644))
			out, err := exec.Command("pdfinfo", "-isodates", "-enc", "UTF-8", path).Output()
			require.NoError(t, err)
			info := map[string]string{}
			for _, l := range strings.Split(string(out), "\n") {
				k, v, _ := strings.Cut(l, ":")
				info[k] = strings.TrimSpace(v)
			}
			assert.Equal(t, c.doc.Title, info["Title"])
			assert.Equal(t, c.author, info["Author"])
			assert.Equal(t, "Dossier de plainte", info["Subject"])
			assert.Equal(t, "Tocsin", info["Creator"])
			assert.True(t, strings.HasPrefix(info["CreationDate"], "2022-09-27T09:30:00"), "got CreationDate %q, want the document's date", info["CreationDate"])
			assert.True(t, strings.HasPrefix(info["ModDate"], "2022-09-27T09:30:00"), "got ModDate %q, want the document's date", info["ModDate"])
		})
	}
}
