package publish

import (
	"encoding/xml"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
	"unicode"
)

// The Atom feed (RFC 4287) of the page: one entry per approved public
// update, with ids that stay the same from one writing to the next and
// differ from every other town's.

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   atomText    `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomEntry struct {
	Lang      string   `xml:"xml:lang,attr,omitempty"`
	Title     atomText `xml:"title"`
	ID        string   `xml:"id"`
	Published string   `xml:"published"`
	Updated   string   `xml:"updated"`
	Link      atomLink `xml:"link"`
	Content   atomText `xml:"content"`
}

func (p Page) atom(updates []Update) (string, error) {
	auth, date := p.tagAuthority(), tagDate(updates, p.Loc)
	f := atomFeed{
		Lang: string(p.Lang), Title: atomText{Type: "text", Body: p.title()},
		ID:     "tag:" + auth + "," + date + ":status",
		Author: atomPerson{Name: p.author()},
		Links: []atomLink{
			{Href: p.link(IndexFile), Rel: "alternate", Type: "text/html"},
			{Href: p.link(FeedFile), Rel: "self", Type: "application/atom+xml"},
		},
	}
	if p.Base != "" {
		f.Author.URI = p.link(IndexFile)
	}
	// With nothing published the feed still needs a time: the crisis's
	// or, with no crisis either, the Unix epoch rather than the wall
	// clock, so rewriting an unchanged feed changes nothing.
	f.Updated = time.Unix(0, 0).UTC().Format(time.RFC3339)
	for i, u := range updates {
		at := u.Draft.DecidedAt.UTC().Format(time.RFC3339)
		if i == 0 {
			f.Updated = at
		}
		lang := detectLang(PlainText(u.Draft.Current.Body), p.Lang)
		e := atomEntry{
			Title:     atomText{Type: "text", Body: firstHeading(u.Draft.Current.Body)},
			ID:        f.ID + "/" + strconv.FormatInt(u.Draft.ID, 10),
			Published: at, Updated: at,
			Link:    atomLink{Href: p.link(IndexFile) + "#u" + strconv.FormatInt(u.Draft.ID, 10), Rel: "alternate", Type: "text/html"},
			Content: atomText{Type: "html", Body: MarkdownHTML(u.Draft.Current.Body)},
		}
		if lang != p.Lang {
			e.Lang = string(lang)
		}
		if e.Title.Body == "" {
			e.Title.Body = p.title()
		}
		f.Entries = append(f.Entries, e)
	}
	out, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		return "", fmt.Errorf("atom feed: %w", err)
	}
	return xml.Header + string(out) + "\n", nil
}

// link is name's address: under Base when set, else relative to the feed,
// which sits beside the page (a feed hosted in a sub-folder points into
// that folder, not at the site's root).
func (p Page) link(name string) string {
	if p.Base == "" {
		return name
	}
	return strings.TrimSuffix(p.Base, "/") + "/" + name
}

// author is who speaks in the feed: the organisation, else the cell.
func (p Page) author() string {
	if p.Org != "" {
		return p.Org
	}
	return p.title()
}

// tagAuthority is the tag URI's authority (RFC 4151): the host of the
// page's address, else a DNS-like slug of the organisation's name, so two
// towns' feeds never share an id.
func (p Page) tagAuthority() string {
	if u, err := url.Parse(p.Base); err == nil && u.Hostname() != "" {
		return strings.ToLower(u.Hostname())
	}
	if s := slug(p.Org); s != "" {
		return s
	}
	return "tocsin"
}

// slug keeps a name's letters and digits, unaccented and lower-case, with
// single hyphens between words: "Ville de Caen" → "ville-de-caen".
func slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		default:
			hyphen = true
		}
	}
	return b.String()
}

// tagDate is the tag URI's date: the day the first update was approved,
// else the crisis's opening day; the day stays the same as updates come.
func tagDate(updates []Update, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	if n := len(updates); n > 0 {
		if first := updates[n-1]; !first.Draft.DecidedAt.IsZero() {
			return first.Draft.DecidedAt.In(loc).Format("2006-01-02")
		}
		if c := updates[n-1].Crisis; !c.OpenedAt.IsZero() {
			return c.OpenedAt.In(loc).Format("2006-01-02")
		}
	}
	return "2022-01-01"
}
