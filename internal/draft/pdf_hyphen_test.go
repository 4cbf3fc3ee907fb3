package draft

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPDFDrawsHyphensAsHyphens: the Go fonts draw U+002D as wide as a minus
// sign, wider than their en dash, so "2022-09-26" and "ex-collaborateur"
// read as if joined by long dashes. The PDF draws a hyphen a hyphen's width,
// keeps it a plain '-' for whoever copies or searches the text, maps the
// other hyphens to it, and leaves the dashes alone.
func TestPDFDrawsHyphensAsHyphens(t *testing.T) {
	fonts, err := pdfFonts()
	require.NoError(t, err)
	r := newRenderer(fonts, "hyphens")
	for _, style := range []string{"", "B", "I"} {
		r.pdf.SetFont(family, style, bodySize)
		hyphen, en := r.pdf.GetStringWidth("-"), r.pdf.GetStringWidth("–")
		assert.Less(t, hyphen, en*0.8, "style %q: got a hyphen %.2f mm wide beside an en dash of %.2f mm, want a short hyphen", style, hyphen, en)
	}
	cases := []struct{ name, in, want string }{
		{"hyphen-minus", "le 2022-09-26 un ex-collaborateur", "le 2022-09-26 un ex-collaborateur"},
		{"hyphen U+2010", "ex\u2010collaborateur", "ex-collaborateur"},
		{"non-breaking hyphen U+2011", "ex\u2011collaborateur", "ex-collaborateur"},
		{"soft hyphen shows nothing mid-line", "collabo\u00adrateur", "collaborateur"},
		{"en dash stays", "16:00–18:00", "16:00–18:00"},
		{"em dash stays", "Caen — mairie", "Caen — mairie"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, md := range []string{c.in, "| a | b |\n|---|---|\n| x | " + c.in + " |"} {
				got := strings.Join(strings.Fields(pdfText(t, mustPDF(t, c.name, md))), " ")
				assert.Contains(t, got, c.want)
			}
		})
	}
}
