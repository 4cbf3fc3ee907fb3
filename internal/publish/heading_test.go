package publish

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestFeedTitleReadsMarkdown: a feed entry's title is the update's first
// heading as the Markdown reader sees it (draft.ParseMarkdown), whatever
// way it was written, and never a line of code or of text that only looks
// like one.
func TestFeedTitleReadsMarkdown(t *testing.T) {
	for _, tc := range []struct{ name, md, want string }{
		{"atx", "# Ville de Caen — point de situation\nTexte\n", "Ville de Caen — point de situation"},
		{"closing hashes", "# Point de situation #\n", "Point de situation"},
		{"indented", "  # Point de situation\n", "Point de situation"},
		{"inline markup", "# Point **urgent** de `situation`\n", "Point urgent de situation"},
		{"setext", "Point de situation\n==================\n\nTexte\n", "Point de situation"},
		{"code block first", "```\n# pas un titre\n```\n\n# Le vrai titre\n", "Le vrai titre"},
		{"second level only", "Intro\n\n## Services perturbés\n", "Services perturbés"},
		{"no heading", "**Les piscines** n'acceptent que les espèces.\nSuite\n", "Les piscines n'acceptent que les espèces."},
		{"escaped", "\\# pas un titre\n", "# pas un titre"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := firstHeading(tc.md)
			assert.Equal(t, tc.want, got, "got %q, want %q", got, tc.want)
		})
	}
}
