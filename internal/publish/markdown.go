package publish

import (
	"bytes"
	"html"
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/tocsin-crisis/tocsin/internal/draft"
)

// htmlRenderer is goldmark's HTML renderer with the status page's rules on
// top (see safeHTML). It is built once: goldmark renderers are safe for
// concurrent use once initialised.
var htmlRenderer = renderer.NewRenderer(
	renderer.WithNodeRenderers(
		util.Prioritized(ghtml.NewRenderer(), 1000),
		util.Prioritized(extension.NewTableHTMLRenderer(), 500),
		util.Prioritized(safeHTML{}, 100),
	),
	ghtml.WithHardWraps(), ghtml.WithXHTML(),
)

// MarkdownHTML renders an update's Markdown as HTML for the status page and
// the feed, with draft.Markdown's reader. Nothing the update holds becomes
// markup of its own: raw HTML shows as text, a link leads only to a web or
// e-mail address, images show their description.
func MarkdownHTML(md string) string {
	doc, src := draft.ParseMarkdown(clean(md))
	var b bytes.Buffer
	if err := htmlRenderer.Render(&b, src, doc); err != nil {
		// Rendering writes to memory and cannot fail; should it ever,
		// the update is still shown, as escaped text.
		return "<p>" + html.EscapeString(string(src)) + "</p>\n"
	}
	return b.String()
}

// safeHTML overrides goldmark's rendering of what could carry markup or
// lead a reader astray, and shifts headings one level down: the page's own
// title is its h1.
type safeHTML struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (safeHTML) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindHeading, htmlHeading)
	r.Register(ast.KindLink, link)
	r.Register(ast.KindAutoLink, autoLink)
	r.Register(ast.KindImage, image)
	r.Register(ast.KindRawHTML, rawHTML)
	r.Register(ast.KindHTMLBlock, htmlBlock)
}

func htmlHeading(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	tag := "h" + strconv.Itoa(min(n.(*ast.Heading).Level+1, 6))
	if entering {
		_, _ = w.WriteString("<" + tag + ">")
	} else {
		_, _ = w.WriteString("</" + tag + ">\n")
	}
	return ast.WalkContinue, nil
}

func link(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	dest := string(n.(*ast.Link).Destination)
	if !draft.SafeLink(dest) {
		return ast.WalkContinue, nil // the link's text, without the link
	}
	if entering {
		_, _ = w.WriteString(`<a href="` + html.EscapeString(dest) + `">`)
	} else {
		_, _ = w.WriteString("</a>")
	}
	return ast.WalkContinue, nil
}

func autoLink(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	a := n.(*ast.AutoLink)
	label := html.EscapeString(string(a.Label(src)))
	dest := string(a.URL(src))
	if a.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(a.URL(src)), []byte("mailto:")) {
		dest = "mailto:" + dest
	}
	if draft.SafeLink(dest) {
		_, _ = w.WriteString(`<a href="` + html.EscapeString(dest) + `">` + label + "</a>")
	} else {
		_, _ = w.WriteString(label)
	}
	return ast.WalkContinue, nil
}

// image shows the description only: a status page loads nothing from an
// address a draft names.
func image(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(html.EscapeString(draft.InlineText(n, src)))
	}
	return ast.WalkSkipChildren, nil
}

func rawHTML(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		segs := n.(*ast.RawHTML).Segments
		for i := 0; i < segs.Len(); i++ {
			s := segs.At(i)
			_, _ = w.WriteString(html.EscapeString(string(s.Value(src))))
		}
	}
	return ast.WalkSkipChildren, nil
}

// htmlBlock shows a block of HTML as the text it is, in a paragraph.
func htmlBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	b := n.(*ast.HTMLBlock)
	var text bytes.Buffer
	for i := 0; i < b.Lines().Len(); i++ {
		s := b.Lines().At(i)
		text.Write(s.Value(src))
	}
	if b.HasClosure() {
		text.Write(b.ClosureLine.Value(src))
	}
	lines := bytes.Split(bytes.TrimRight(text.Bytes(), "\n"), []byte("\n"))
	_, _ = w.WriteString("<p>")
	for i, l := range lines {
		if i > 0 {
			_, _ = w.WriteString("<br />\n")
		}
		_, _ = w.WriteString(html.EscapeString(string(l)))
	}
	_, _ = w.WriteString("</p>\n")
	return ast.WalkSkipChildren, nil
}
