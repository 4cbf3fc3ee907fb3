package draft

import (
	"fmt"
	"strings"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/timeline"
)

// ComplaintPDF renders a complaint draft as the PDF the police receive:
// titled by the document's first heading (else fallback), by the
// organisation, dated by the draft (see DocumentDate), with the crisis's
// timeline as it stood at now.
func ComplaintPDF(tx crisis.Tx, d crisis.Draft, org, fallback string, lang locale.Lang, loc *time.Location, now time.Time) ([]byte, error) {
	in, err := timeline.FromRecord(tx, d.CrisisID, now)
	if err != nil {
		return nil, fmt.Errorf("complaint %d as PDF: %w", d.ID, err)
	}
	layout := timeline.Lay(in, lang, loc)
	return RenderPDF(PDFDoc{
		Title:    FirstHeading(d.Current.Body, fallback),
		Author:   org,
		Subject:  locale.T(lang, "draft.kind.complaint"),
		Date:     DocumentDate(d),
		Timeline: &layout,
		Lang:     lang,
	}, d.Current.Body)
}

// FirstHeading is the text of a Markdown document's first level-one
// heading, or fallback when it has none.
func FirstHeading(md, fallback string) string {
	for _, l := range strings.Split(md, "\n") {
		if h, ok := strings.CutPrefix(l, "# "); ok && strings.TrimSpace(h) != "" {
			return strings.TrimSpace(h)
		}
	}
	return fallback
}
