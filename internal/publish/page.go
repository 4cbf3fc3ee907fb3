package publish

import (
	"bytes"
	"fmt"
	"html/template"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/draft"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/timeline"
)

// Update is an approved status update as the status page shows it.
type Update struct {
	Draft  crisis.Draft
	Crisis crisis.Crisis
}

// Contact is how residents reach the organisation while its own sites and
// mail are down; empty fields are left out.
type Contact struct {
	Phone, Address, Hours string
}

func (c Contact) empty() bool { return c.Phone == "" && c.Address == "" && c.Hours == "" }

// Page is the public status page: static HTML and an Atom feed, so it can
// be served from anywhere (a spare web host, a file share) while the
// authority's own sites are down. It leads with what a resident needs: who
// speaks, whether it is over, what works and what to do instead, how to
// reach the town, the current update and when the next one comes.
type Page struct {
	// Org names the organisation; "" gives a neutral title.
	Org string
	Loc *time.Location
	// Lang is the language of the page's own words; each update and the
	// record's texts keep the language they are written in.
	Lang locale.Lang
	// Base is the page's public address, for the feed's links and ids; ""
	// writes links relative to the feed.
	Base    string
	Contact Contact
	// Services is the service board of the crisis the updates are about.
	Services []crisis.Service
	// NextUpdate is when the next public update is due on the board; zero
	// when none is scheduled.
	NextUpdate time.Time
	// Timeline is the public picture of the crisis; nil draws none.
	Timeline *timeline.Input
}

// Files the page writes into its folder.
const (
	IndexFile   = "index.html"
	FeedFile    = "feed.atom"
	FaviconFile = "favicon.svg"
)

// Write renders index.html, feed.atom and favicon.svg into dir from the
// approved public updates (newest first). Every file is rendered and
// written beside its target before any takes its name, so a failure leaves
// the folder as it was. now is when the page is written: a next update
// already past is not announced.
func (p Page) Write(dir string, updates []Update, now time.Time) error {
	svg, desc := "", ""
	if len(updates) > 0 {
		var err error
		if svg, desc, err = p.timelineSVG(); err != nil {
			return err
		}
	}
	index, err := p.html(updates, now, desc)
	if err != nil {
		return err
	}
	feed, err := p.atom(updates)
	if err != nil {
		return err
	}
	files := map[string]string{IndexFile: index, FeedFile: feed, FaviconFile: faviconSVG}
	if svg != "" {
		files[TimelineFile] = svg
	}
	return writeAll(dir, files)
}

var pageTmpl = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<meta name="description" content="{{.Description}}">
<meta property="og:type" content="website">
<meta property="og:title" content="{{.Title}}">
<meta property="og:description" content="{{.Description}}">
{{if .URL}}<meta property="og:url" content="{{.URL}}">
{{end}}<link rel="icon" type="image/svg+xml" href="{{.Icon}}">
<link rel="alternate" type="application/atom+xml" title="{{.Title}}" href="{{.FeedHref}}">
<style>
*{box-sizing:border-box}body{font:1rem/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}
header,main,footer{max-width:46rem;margin:0 auto;padding:0 1rem}header{padding-top:1rem}
h1{font-size:1.5rem;margin:.25rem 0}h2{font-size:1.25rem;margin:1.5rem 0 .5rem}h3,h4,h5{font-size:1.05rem}
.state{font-weight:700;padding:.5rem .75rem;border-radius:.25rem;border-left:.4rem solid}.detail{font-weight:400}
.open{background:#fdecea;border-color:#b3261e}.closed{background:#e6f4ea;border-color:#1e7b34}
ul.svc{list-style:none;padding:0;margin:0}.svc li{border:1px solid #ccc;border-left:.4rem solid;border-radius:.25rem;padding:.5rem .75rem;margin:.5rem 0}
.svc p{margin:.15rem 0}.b{display:inline-block;font-weight:700;padding:0 .4rem;border-radius:.2rem}
li.down{border-left-color:#b3261e}.down .b{background:#fdecea;color:#8c1d18}
li.degraded{border-left-color:#b26a00}.degraded .b{background:#fff4e0;color:#6d4000}
li.up{border-left-color:#1e7b34}.up .b{background:#e6f4ea;color:#14532d}
.muted{color:#4a4a4a}article{border-top:1px solid #ccc;padding:.25rem 0}
summary{cursor:pointer}summary h3{display:inline;margin:0}
a{color:#0b57d0}.tr{border-top:1px dashed #999;margin-top:1rem}
@media(min-width:60rem){.pair{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}.tr{border-top:0;margin:0}}
</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
{{with .State}}<p class="state {{.Class}}">{{.Word}}{{with .Detail}} — <span class="detail">{{.}}</span>{{end}}</p>
{{end}}{{with .Updated}}<p>{{.}}</p>
{{end}}{{with .Next}}<p><strong>{{.}}</strong></p>
{{end}}</header>
<main>
{{if .Services}}<section aria-labelledby="services">
<h2 id="services">{{.ServicesTitle}}</h2>
<ul class="svc" lang="{{.RecordLang}}">
{{range .Services}}<li class="{{.Class}}"><p><strong>{{.Name}}</strong></p>
<p><span class="b"{{with $.ChromeLang}} lang="{{.}}"{{end}}><span aria-hidden="true">{{.Symbol}}</span> {{.Word}}</span></p>
{{with .Workaround}}<p><span{{with $.ChromeLang}} lang="{{.}}"{{end}}>{{$.WorkaroundLabel}}</span> {{.}}</p>
{{end}}{{with .Since}}<p class="muted"{{with $.ChromeLang}} lang="{{.}}"{{end}}>{{.}}</p>
{{end}}</li>
{{end}}</ul>
</section>
{{end}}{{with .Contact}}<section aria-labelledby="contact">
<h2 id="contact">{{$.ContactTitle}}</h2>
<ul>
{{range .}}<li>{{.Label}} {{if .Href}}<a href="{{.Href}}">{{.Text}}</a>{{else}}{{.Text}}{{end}}</li>
{{end}}</ul>
</section>
{{end}}{{with .Current}}<section aria-labelledby="current">
<h2 id="current">{{$.CurrentTitle}}</h2>
<article id="u{{.ID}}">
<p class="muted">{{.Published}}</p>
<div class="pair">{{range .Versions}}<div{{if .Translation}} class="tr"{{end}} lang="{{.Lang}}">{{with .Label}}<p><strong>{{.}}</strong></p>{{end}}
{{.Body}}</div>{{end}}</div>
</article>
</section>
{{end}}{{with .Timeline}}<section aria-labelledby="timeline">
<details><summary><h2 id="timeline">{{$.TimelineTitle}}</h2></summary>
<img src="{{$.TimelineFile}}" alt="{{.}}" loading="lazy" style="width:100%;height:auto">
</details>
</section>
{{end}}{{if .Past}}<section aria-labelledby="past">
<h2 id="past">{{.PastTitle}}</h2>
{{range .Past}}<article id="u{{.ID}}">
<details><summary><h3>{{.Heading}}</h3></summary>
<p class="muted">{{.Published}}</p>
<div class="pair">{{range .Versions}}<div{{if .Translation}} class="tr"{{end}} lang="{{.Lang}}">{{with .Label}}<p><strong>{{.}}</strong></p>{{end}}
{{.Body}}</div>{{end}}</div>
</details>
</article>
{{end}}</section>
{{end}}{{if not .Current}}<p>{{.Empty}}</p>
{{end}}</main>
<footer>
<p><a href="{{.FeedHref}}">{{.FeedTitle}}</a></p>
</footer>
</body>
</html>
`))

type pageState struct{ Class, Word, Detail string }

type pageService struct {
	Class, Symbol, Word string
	Name, Workaround    string
	Since               string
}

type pageContact struct {
	Label, Text string
	Href        template.URL
}

type pageVersion struct {
	Lang        locale.Lang
	Label       string // the language's own name, when the update has two
	Translation bool
	Body        template.HTML
}

type pageItem struct {
	ID                 int64
	Heading, Published string
	Versions           []pageVersion
}

// title is the page's name: the organisation's when known.
func (p Page) title() string {
	t := locale.T(p.Lang, "page.title")
	if p.Org != "" {
		t = p.Org + " — " + t
	}
	return t
}

// statusOrder sorts the board worst first: what does not work is what a
// resident came for.
var statusOrder = map[string]int{"down": 0, "degraded": 1, "up": 2}

var statusSymbol = map[string]string{"down": "✕", "degraded": "!", "up": "✓"}

// autonyms name each language in itself, as a reader of that language
// looks for it.
var autonyms = map[locale.Lang]string{locale.FR: "Français", locale.EN: "English"}

func (p Page) html(updates []Update, now time.Time, timelineDesc string) (string, error) {
	its := items(updates, p.Lang)
	data := map[string]any{
		"Lang": string(p.Lang), "Title": p.title(), "Icon": template.URL(faviconHref()),
		"Description": locale.T(p.Lang, "statuspage.description", p.author()),
		"FeedHref":    FeedFile, "FeedTitle": locale.T(p.Lang, "statuspage.feed"),
		"ServicesTitle": locale.T(p.Lang, "statuspage.services"), "WorkaroundLabel": locale.T(p.Lang, "statuspage.workaround"),
		"ContactTitle": locale.T(p.Lang, "statuspage.contact"), "CurrentTitle": locale.T(p.Lang, "statuspage.current"),
		"PastTitle": locale.T(p.Lang, "statuspage.past"), "Empty": locale.T(p.Lang, "page.empty"),
		"RecordLang": string(p.recordLang(its)),
	}
	// The page's own words inside the list of what the cell typed keep
	// the page's language.
	if data["RecordLang"] != string(p.Lang) {
		data["ChromeLang"] = string(p.Lang)
	}
	if p.Base != "" {
		data["URL"] = strings.TrimSuffix(p.Base, "/") + "/" + IndexFile
	}
	if len(its) > 0 {
		c := updates[0].Crisis // the newest: the crisis as it stands
		data["Updated"] = locale.T(p.Lang, "page.updated", p.when(its[0].newest().Draft.DecidedAt))
		data["State"] = p.state(c)
		if c.State != crisis.Closed && p.NextUpdate.After(now) {
			data["Next"] = locale.T(p.Lang, "statuspage.next", p.when(p.NextUpdate))
		}
		data["Current"] = p.item(its[0], 1)
		var past []pageItem
		for _, it := range its[1:] {
			past = append(past, p.item(it, 2))
		}
		data["Past"] = past
		data["Services"] = p.services()
		if timelineDesc != "" {
			data["Timeline"], data["TimelineTitle"], data["TimelineFile"] = timelineDesc, p.timelineTitle(), TimelineFile
		}
	}
	if cs := p.contact(); len(cs) > 0 {
		data["Contact"] = cs
	}
	var b bytes.Buffer
	if err := pageTmpl.Execute(&b, data); err != nil {
		return "", fmt.Errorf("status page: %w", err)
	}
	return b.String(), nil
}

func (p Page) when(t time.Time) string { return locale.FormatTime(t, p.Loc, p.Lang) }

// recordLang is the language of what the cell typed (service names,
// workarounds): the language of its newest update, else the page's.
func (p Page) recordLang(its []item) locale.Lang {
	var text strings.Builder
	for _, s := range p.Services {
		text.WriteString(s.Name + " " + s.Workaround + "\n")
	}
	fallback := p.Lang
	if len(its) > 0 {
		fallback = its[0].main().Lang
	}
	return detectLang(text.String(), fallback)
}

// state is the one line that says whether it is over, and how many
// services are down, disrupted or working.
func (p Page) state(c crisis.Crisis) pageState {
	if c.State == crisis.Closed {
		if !c.ClosedAt.IsZero() {
			return pageState{Class: "closed", Word: locale.T(p.Lang, "statuspage.closed.at", p.when(c.ClosedAt))}
		}
		return pageState{Class: "closed", Word: locale.T(p.Lang, "statuspage.state.closed")}
	}
	count := map[string]int{}
	for _, s := range p.Services {
		count[s.Status]++
	}
	var parts []string
	for _, st := range []string{"down", "degraded", "up"} {
		if n := count[st]; n > 0 {
			parts = append(parts, locale.N(n, "statuspage.count."+st).In(p.Lang))
		}
	}
	return pageState{Class: "open", Word: locale.T(p.Lang, "statuspage.state.open"), Detail: strings.Join(parts, ", ")}
}

func (p Page) services() []pageService {
	ss := append([]crisis.Service(nil), p.Services...)
	sort.SliceStable(ss, func(i, j int) bool { return statusOrder[ss[i].Status] < statusOrder[ss[j].Status] })
	out := make([]pageService, 0, len(ss))
	for _, s := range ss {
		ps := pageService{Class: s.Status, Symbol: statusSymbol[s.Status], Word: locale.T(p.Lang, "statuspage.status."+s.Status),
			Name: s.Name, Workaround: s.Workaround}
		if !s.UpdatedAt.IsZero() {
			ps.Since = locale.T(p.Lang, "statuspage.since", p.when(s.UpdatedAt))
		}
		out = append(out, ps)
	}
	return out
}

func (p Page) contact() []pageContact {
	c := p.Contact
	var out []pageContact
	if c.Phone != "" {
		pc := pageContact{Label: locale.T(p.Lang, "statuspage.contact.phone"), Text: c.Phone}
		if tel := telURI(c.Phone); tel != "" {
			pc.Href = template.URL(tel)
		}
		out = append(out, pc)
	}
	if c.Address != "" {
		out = append(out, pageContact{Label: locale.T(p.Lang, "statuspage.contact.address"), Text: c.Address})
	}
	if c.Hours != "" {
		out = append(out, pageContact{Label: locale.T(p.Lang, "statuspage.contact.hours"), Text: c.Hours})
	}
	return out
}

// telURI makes a phone number typed for people ("02 31 30 41 00",
// "+33 2 31 30 41 00") a link a phone dials; "" when it holds anything
// but digits, spaces, dots, dashes and a leading +.
func telURI(phone string) string {
	var b strings.Builder
	for i, r := range strings.TrimSpace(phone) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		case r == ' ' || r == '.' || r == '-' || r == '\u00a0':
		default:
			return ""
		}
	}
	if b.Len() < 3 {
		return ""
	}
	return "tel:" + b.String()
}

// item renders one update; depth is how far its own headings go below the
// page's (the current update sits under an h2, a past one under its h3).
func (p Page) item(it item, depth int) pageItem {
	m := it.main()
	out := pageItem{
		ID:        m.Draft.ID,
		Heading:   locale.T(p.Lang, "statuspage.past.item", p.when(m.Draft.DecidedAt)),
		Published: locale.T(p.Lang, "statuspage.published", p.when(it.newest().Draft.DecidedAt)),
	}
	for i, v := range it.Versions {
		pv := pageVersion{Lang: v.Lang, Translation: i > 0, Body: template.HTML(shiftHeadings(MarkdownHTML(v.Draft.Current.Body), depth))}
		if len(it.Versions) > 1 {
			pv.Label = autonyms[v.Lang]
		}
		out.Versions = append(out.Versions, pv)
	}
	return out
}

var headingTag = regexp.MustCompile(`<(/?)h([1-6])>`)

// shiftHeadings moves MarkdownHTML's headings by levels further down, so an
// update's outline sits under the section that holds it. MarkdownHTML
// escapes every tag the writer typed: the only <hN> are its own.
func shiftHeadings(html string, by int) string {
	return headingTag.ReplaceAllStringFunc(html, func(tag string) string {
		m := headingTag.FindStringSubmatch(tag)
		n, _ := strconv.Atoi(m[2])
		return "<" + m[1] + "h" + strconv.Itoa(min(n+by, 6)) + ">"
	})
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

// Updates reads every approved public status update of the database,
// newest first. Staff, officials and press updates are never on the page.
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
