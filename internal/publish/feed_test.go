package publish

import (
	"encoding/xml"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// A generic reading of an Atom document: every child element kept, so the
// check counts what the writer put there rather than what a struct expects.
type xmlNode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Nodes   []xmlNode  `xml:",any"`
}

const atomNS = "http://www.w3.org/2005/Atom"

func (n xmlNode) children(local string) []xmlNode {
	var out []xmlNode
	for _, c := range n.Nodes {
		if c.XMLName.Space == atomNS && c.XMLName.Local == local {
			out = append(out, c)
		}
	}
	return out
}

func (n xmlNode) attr(local string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// tagURI is RFC 4151's form with a DNS-name authority and a date.
var tagURI = regexp.MustCompile(`^tag:[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*,\d{4}(-\d{2}(-\d{2})?)?:[^\s]+$`)

// checkAtom reports every RFC 4287 MUST the feed breaks (sections 4.1.1,
// 4.1.2, 4.2.6, 4.2.7, 4.2.15, 3.1, 3.2, 3.3), with the ids and links it
// holds resolved against base.
func checkAtom(t *testing.T, data []byte, base string) (feed xmlNode, entryLinks []string) {
	t.Helper()
	require.NoError(t, xml.Unmarshal(data, &feed), "the feed is well-formed XML")
	require.Equal(t, xml.Name{Space: atomNS, Local: "feed"}, feed.XMLName, "the root is atom:feed")
	exactlyOne := func(where string, n xmlNode, name string) xmlNode {
		got := n.children(name)
		require.Len(t, got, 1, "%s: got %d atom:%s, want exactly one", where, len(got), name)
		return got[0]
	}
	text := func(where string, n xmlNode) {
		switch ty := n.attr("type"); ty {
		case "", "text", "html", "xhtml":
		default:
			t.Errorf("%s: text construct type %q", where, ty)
		}
	}
	date := func(where string, n xmlNode) {
		_, err := time.Parse(time.RFC3339, strings.TrimSpace(n.Text))
		assert.NoError(t, err, "%s: got %q, want an RFC 3339 date-time", where, n.Text)
	}
	iri := func(where, s string) {
		u, err := url.Parse(s)
		require.NoError(t, err, where)
		assert.True(t, u.IsAbs(), "%s: got %q, want an absolute IRI", where, s)
		assert.Regexp(t, tagURI, s, "%s: a tag URI with an authority and a date", where)
	}
	resolve := func(href string) string {
		b, err := url.Parse(base)
		require.NoError(t, err)
		r, err := url.Parse(href)
		require.NoError(t, err)
		return b.ResolveReference(r).String()
	}
	links := func(where string, n xmlNode) map[string][]string {
		byRel := map[string][]string{}
		seen := map[string]bool{}
		for _, l := range n.children("link") {
			href := l.attr("href")
			require.NotEmpty(t, href, "%s: atom:link MUST have an href", where)
			rel := l.attr("rel")
			if rel == "" {
				rel = "alternate"
			}
			key := rel + " " + l.attr("type") + " " + l.attr("hreflang")
			assert.False(t, rel == "alternate" && seen[key], "%s: two alternate links of the same type and hreflang", where)
			seen[key] = true
			byRel[rel] = append(byRel[rel], resolve(href))
		}
		return byRel
	}

	assert.NotEmpty(t, feed.attr("lang"), "xml:lang on the feed")
	iri("feed id", exactlyOne("feed", feed, "id").Text)
	title := exactlyOne("feed", feed, "title")
	text("feed title", title)
	assert.NotEmpty(t, strings.TrimSpace(title.Text), "the feed has a title")
	updated := exactlyOne("feed", feed, "updated")
	date("feed updated", updated)
	authors := feed.children("author")
	for _, a := range authors {
		assert.NotEmpty(t, strings.TrimSpace(exactlyOne("author", a, "name").Text), "atom:author has a name")
	}
	fl := links("feed", feed)
	assert.Len(t, fl["self"], 1, "one rel=self link")
	ids := map[string]bool{}
	newest := ""
	for i, e := range feed.children("entry") {
		where := "entry " + exactlyOne("entry", e, "id").Text
		id := exactlyOne(where, e, "id").Text
		iri(where+" id", id)
		assert.False(t, ids[id], "%s: the id is used twice", where)
		ids[id] = true
		text(where+" title", exactlyOne(where, e, "title"))
		u := exactlyOne(where, e, "updated")
		date(where+" updated", u)
		if i == 0 || u.Text > newest {
			newest = u.Text
		}
		if len(authors) == 0 {
			require.NotEmpty(t, e.children("author"), "%s: no author in the entry nor in the feed", where)
		}
		el := links(where, e)
		content := e.children("content")
		assert.LessOrEqual(t, len(content), 1, where)
		if len(content) == 0 {
			assert.NotEmpty(t, el["alternate"], "%s: with no content, an alternate link", where)
		} else {
			text(where+" content", content[0])
		}
		entryLinks = append(entryLinks, el["alternate"]...)
	}
	if newest != "" {
		assert.Equal(t, newest, strings.TrimSpace(updated.Text), "the feed's updated is its newest entry's")
	}
	return feed, entryLinks
}

// TestFeedIsValidAtom: issue 13. The feed has an author, tag URIs unique
// to the town (authority from the page's address, else the organisation's
// slug; the first update's date), absolute links from the configured
// address, relative ones that resolve beside the feed when none is set,
// rel="self", xml:lang, and updated from the newest entry.
func TestFeedIsValidAtom(t *testing.T) {
	cases := []struct {
		name, base, feedURL, wantID, wantLink string
	}{
		{"configured address", "https://etat.example.org/caen/", "https://etat.example.org/caen/feed.atom",
			"tag:etat.example.org,2022-09-27:status/5", "https://etat.example.org/caen/index.html#u5"},
		{"no address: a page hosted in a sub-folder", "", "https://mirror.example.net/crise/caen/feed.atom",
			"tag:ville-de-caen,2022-09-27:status/5", "https://mirror.example.net/crise/caen/index.html#u5"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := caenPage(locale.FR)
			p.Base = c.base
			dir := t.TempDir()
			require.NoError(t, p.Write(dir, caenUpdates, caenAt(27, 15, 0)))
			data, err := os.ReadFile(filepath.Join(dir, FeedFile))
			require.NoError(t, err)
			feed, entryLinks := checkAtom(t, data, c.feedURL)
			assert.Equal(t, "Ville de Caen", feed.children("author")[0].children("name")[0].Text)
			assert.Equal(t, "fr", feed.attr("lang"))
			assert.Equal(t, "2022-09-27T12:05:00Z", feed.children("updated")[0].Text, "got the generation time, want the newest approval")
			entries := feed.children("entry")
			require.Len(t, entries, 3)
			assert.Equal(t, c.wantID, entries[0].children("id")[0].Text)
			assert.Equal(t, "en", entries[0].attr("lang"), "the English update is marked English")
			assert.Equal(t, "", entries[1].attr("lang"), "a French update inherits the feed's French")
			assert.Equal(t, c.wantLink, entryLinks[0])
			assert.NotContains(t, string(data), " status:", "no id with a space")
		})
	}
}

// TestFeedIDsDifferBetweenTowns: two towns' feeds never share an id.
func TestFeedIDsDifferBetweenTowns(t *testing.T) {
	ids := map[string]string{}
	for _, org := range []string{"Ville de Caen", "Ville de Rouen", ""} {
		p := Page{Org: org, Loc: paris, Lang: locale.FR}
		feed, err := p.atom(caenUpdates)
		require.NoError(t, err)
		var parsed xmlNode
		require.NoError(t, xml.Unmarshal([]byte(feed), &parsed))
		id := parsed.children("id")[0].Text
		assert.NotContains(t, ids, id, "%q has the id of %q", org, ids[id])
		ids[id] = org
	}
}
