package publish

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/golden"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

func TestMarkdownHTMLEscapes(t *testing.T) {
	got := MarkdownHTML("# Titre\n- **Piscines** : <script>x</script>\n\nTexte *important* & `code`\n")
	assert.Equal(t, "<h2>Titre</h2>\n<ul>\n<li><strong>Piscines</strong> : &lt;script&gt;x&lt;/script&gt;</li>\n</ul>\n<p>Texte <em>important</em> &amp; <code>code</code></p>\n", got)
}

func TestStatusPage(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	at := time.Date(2022, 9, 27, 9, 0, 0, 0, paris)
	ups := []Update{
		{Draft: crisis.Draft{ID: 3, DecidedAt: at.Add(2 * time.Hour), Current: crisis.DraftVersion{Body: "# Ville de Caen — point de situation\n- **État civil** : registres papier\n"}}},
		{Draft: crisis.Draft{ID: 1, DecidedAt: at, Current: crisis.DraftVersion{Body: "# Premier point\nLes piscines n'acceptent que les espèces.\n"}}},
	}
	dir := t.TempDir()
	require.NoError(t, Page{Org: "Ville de Caen", Loc: paris, Lang: locale.FR}.Write(dir, ups, at.Add(3*time.Hour)))
	index, err := os.ReadFile(filepath.Join(dir, "index.html"))
	require.NoError(t, err)
	golden.Assert(t, "testdata/index.html", string(index))
	feed, err := os.ReadFile(filepath.Join(dir, "feed.atom"))
	require.NoError(t, err)
	var parsed struct {
		Entries []struct {
			Title string `xml:"title"`
		} `xml:"entry"`
	}
	require.NoError(t, xml.Unmarshal(feed, &parsed), "the feed is well-formed XML")
	require.Len(t, parsed.Entries, 2)
	assert.Equal(t, "Ville de Caen — point de situation", parsed.Entries[0].Title)
}

func TestMarkdownHTMLReadsMarkdown(t *testing.T) {
	cases := []struct{ name, md, want string }{
		{"link", "Voir [le site](https://caen.fr/info).", `<p>Voir <a href="https://caen.fr/info">le site</a>.</p>` + "\n"},
		{"mail link", "[Écrire](mailto:mairie@caen.fr)", `<p><a href="mailto:mairie@caen.fr">Écrire</a></p>` + "\n"},
		{"script link loses its link", "[clic](javascript:alert(1))", "<p>clic</p>\n"},
		{"relative link loses its link", "[clic](/admin)", "<p>clic</p>\n"},
		{"numbered list", "1. Un\n2. Deux\n", "<ol>\n<li>Un</li>\n<li>Deux</li>\n</ol>\n"},
		{"star bullets", "* Un\n* Deux\n", "<ul>\n<li>Un</li>\n<li>Deux</li>\n</ul>\n"},
		{"escaped star", `\*pas en italique\*`, "<p>*pas en italique*</p>\n"},
		{"line break", "# Titre\nligne 1\nligne 2\n", "<h2>Titre</h2>\n<p>ligne 1<br />\nligne 2</p>\n"},
		{"raw HTML shows as text", "a <b onclick=x>b</b>", "<p>a &lt;b onclick=x&gt;b&lt;/b&gt;</p>\n"},
		{"HTML block shows as text", "<div>\nx\n</div>\n", "<p>&lt;div&gt;<br />\nx<br />\n&lt;/div&gt;</p>\n"},
		{"image shows its description", "![plan](https://evil.example/x.png)", "<p>plan</p>\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, MarkdownHTML(c.md), "MarkdownHTML(%q)", c.md)
		})
	}
}

func TestPlainTextReadsMarkdown(t *testing.T) {
	cases := []struct{ name, md, want string }{
		{"link shows its address", "Voir [le site](https://caen.fr/info).", "Voir le site (https://caen.fr/info).\n"},
		{"numbered list", "1. Un\n2. Deux\n", "1. Un\n2. Deux\n"},
		{"star bullets", "* Un\n* Deux\n", "• Un\n• Deux\n"},
		{"nested bullet", "- Un\n  - sous-point\n- Deux\n", "• Un\n  • sous-point\n• Deux\n"},
		{"escaped star", `\*pas en italique\*`, "*pas en italique*\n"},
		{"bullet after a paragraph", "Services :\n- Piscines\n- Mairie\n", "Services :\n• Piscines\n• Mairie\n"},
		{"table", "| a | b |\n|---|---|\n| c | d | e |\n", "a | b\nc | d | e\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, PlainText(c.md), "PlainText(%q)", c.md)
		})
	}
}
