package publish

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/draft"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// Update is an approved status update as the status page shows it.
type Update struct {
	Draft  crisis.Draft
	Crisis crisis.Crisis
}

// Page is the public status page: static HTML and an Atom feed, so it can
// be served from anywhere (a spare web host, a file share) while the
// authority's own sites are down.
type Page struct {
	Org  string
	Loc  *time.Location
	Lang locale.Lang
	// Base is the page's public address, for the feed's links; "" writes
	// relative links.
	Base string
}

// Write renders index.html and feed.atom into dir, newest update first.
func (p Page) Write(dir string, updates []Update, now time.Time) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("status page folder %s: %w", dir, err)
	}
	index, err := p.html(updates, now)
	if err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, "index.html"), index); err != nil {
		return err
	}
	feed, err := p.atom(updates, now)
	if err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, "feed.atom"), feed)
}

var pageTmpl = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<link rel="alternate" type="application/atom+xml" href="feed.atom">
<style>
body{font-family:system-ui,sans-serif;max-width:44rem;margin:1rem auto;padding:0 1rem;line-height:1.5;color:#111}
article{border-top:1px solid #ccc;padding:.5rem 0}time{color:#555}h1{font-size:1.5rem}h2{font-size:1.15rem}
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p><time datetime="{{.NowISO}}">{{.Updated}}</time></p>
{{range .Items}}<article id="u{{.ID}}">
<p><time datetime="{{.ISO}}">{{.When}}</time></p>
{{.Body}}
</article>
{{else}}<p>{{.Empty}}</p>
{{end}}</body>
</html>
`))

type pageItem struct {
	ID        int64
	ISO, When string
	Body      template.HTML
}

func (p Page) title() string {
	t := locale.T(p.Lang, "page.title")
	if p.Org != "" {
		t = p.Org + " — " + t
	}
	return t
}

func (p Page) html(updates []Update, now time.Time) (string, error) {
	var items []pageItem
	for _, u := range updates {
		items = append(items, pageItem{
			ID: u.Draft.ID, ISO: u.Draft.DecidedAt.UTC().Format(time.RFC3339),
			When: locale.FormatTime(u.Draft.DecidedAt, p.Loc, p.Lang), Body: template.HTML(MarkdownHTML(u.Draft.Current.Body)),
		})
	}
	var b bytes.Buffer
	err := pageTmpl.Execute(&b, map[string]any{
		"Lang": string(p.Lang), "Title": p.title(), "NowISO": now.UTC().Format(time.RFC3339),
		"Updated": locale.T(p.Lang, "page.updated", locale.FormatTime(now, p.Loc, p.Lang)),
		"Items":   items, "Empty": locale.T(p.Lang, "page.empty"),
	})
	return b.String(), err
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Link    atomLink    `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
}

type atomEntry struct {
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Link    atomLink    `xml:"link"`
	Content atomContent `xml:"content"`
}

type atomContent struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

func (p Page) atom(updates []Update, now time.Time) (string, error) {
	base := strings.TrimSuffix(p.Base, "/")
	f := atomFeed{Title: p.title(), ID: "tag:tocsin,status:" + p.Org, Updated: now.UTC().Format(time.RFC3339), Link: atomLink{Href: base + "/index.html"}}
	for _, u := range updates {
		f.Entries = append(f.Entries, atomEntry{
			Title:   firstHeading(u.Draft.Current.Body),
			ID:      fmt.Sprintf("tag:tocsin,status:%d", u.Draft.ID),
			Updated: u.Draft.DecidedAt.UTC().Format(time.RFC3339),
			Link:    atomLink{Href: fmt.Sprintf("%s/index.html#u%d", base, u.Draft.ID)},
			Content: atomContent{Type: "html", Body: MarkdownHTML(u.Draft.Current.Body)},
		})
	}
	out, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		return "", fmt.Errorf("atom feed: %w", err)
	}
	return xml.Header + string(out) + "\n", nil
}

// firstHeading is an update's title for the feed: its first top-level
// heading, else its first heading, as the one Markdown reader parses them
// (setext, indented, with closing #s or inline markup; never a line inside
// a code block); with no heading, the first line of its plain text.
func firstHeading(md string) string {
	doc, src := draft.ParseMarkdown(clean(md))
	var first, top *ast.Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		if first == nil {
			first = h
		}
		if h.Level == 1 {
			top = h
			return ast.WalkStop, nil
		}
		return ast.WalkSkipChildren, nil
	})
	if top == nil {
		top = first
	}
	if top != nil {
		return strings.TrimSpace(plainInline(top, src))
	}
	return strings.TrimSpace(firstLine(PlainText(md)))
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// Updates reads every approved status update of the database, newest first.
func Updates(tx crisis.Tx) ([]Update, error) {
	crises, err := tx.Crises()
	if err != nil {
		return nil, err
	}
	var out []Update
	for _, c := range crises {
		ds, err := tx.Drafts(c.ID)
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			if d.Public() && d.State == crisis.DraftApproved {
				out = append(out, Update{Draft: d, Crisis: c})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Draft.DecidedAt.After(out[j].Draft.DecidedAt) })
	return out, nil
}
