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
