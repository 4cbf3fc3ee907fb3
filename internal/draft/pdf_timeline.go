package draft

import (
	"math"
	"strconv"

	"github.com/yuin/goldmark/ast"

	"github.com/tocsin-crisis/tocsin/internal/timeline"
)

// The timeline in a PDF is the SVG's layout drawn with fpdf's own lines,
// boxes and text (fpdf reads SVG paths only, not text): one layout, so the
// officer's paper and the export's picture show the same thing.

// TimelineImage is the file name a document's Markdown uses to show the
// timeline: "![…](timeline.svg)", beside it in the export.
const TimelineImage = "timeline.svg"

// timelineParagraph reports whether a paragraph is only the timeline's image.
func timelineParagraph(p ast.Node) bool {
	img, ok := p.FirstChild().(*ast.Image)
	return ok && p.FirstChild() == p.LastChild() && string(img.Destination) == TimelineImage
}

// drawTimeline draws the layout across the text's width, on a new page
// when what is left of this one cannot hold it.
func (r *renderer) drawTimeline() {
	l := r.timeline
	r.timelineDrawn = true
	if l == nil || l.Width <= 0 {
		return
	}
	scale := (r.right - r.left) / l.Width
	h := l.Height * scale
	_, pageH := r.pdf.GetPageSize()
	_, bottom := r.pdf.GetAutoPageBreak()
	if r.pdf.GetY()+h > pageH-bottom {
		r.pdf.AddPage()
	}
	x0, y0 := r.left, r.pdf.GetY()
	px := func(v float64) float64 { return x0 + v*scale }
	py := func(v float64) float64 { return y0 + v*scale }
	auto, margin := r.pdf.GetAutoPageBreak()
	r.pdf.SetAutoPageBreak(false, margin)
	defer r.pdf.SetAutoPageBreak(auto, margin)
	for _, s := range l.Shapes {
		switch s.Kind {
		case timeline.Rect:
			if style := r.paint(s, scale); style != "" {
				r.pdf.Rect(px(s.X), py(s.Y), s.W*scale, s.H*scale, style)
			}
			if s.Hatch > 0 {
				r.hatch(px(s.X), py(s.Y), s.W*scale, s.H*scale, s.Hatch)
			}
		case timeline.Line:
			r.stroke(s.Stroke, s.StrokeW*scale, s.Dash)
			r.pdf.Line(px(s.X), py(s.Y), px(s.X2), py(s.Y2))
		case timeline.Circle:
			r.pdf.Circle(px(s.X), py(s.Y), s.R*scale, r.paint(s, scale))
		case timeline.Text:
			text, err := printable(s.Text)
			if err != nil {
				continue
			}
			style := ""
			if s.Bold {
				style = "B"
			}
			// Layout units to points: mm per unit, then 72/25.4.
			r.pdf.SetFont(family, style, s.Size*scale*72/25.4)
			r.text(s.Fill)
			x := px(s.X)
			switch s.Anchor {
			case "middle":
				x -= r.pdf.GetStringWidth(text) / 2
			case "end":
				x -= r.pdf.GetStringWidth(text)
			}
			r.pdf.Text(x, py(s.Y), text)
		}
	}
	r.pdf.SetDashPattern(nil, 0)
	r.pdf.SetLineWidth(0.2)
	r.pdf.SetDrawColor(0, 0, 0)
	r.pdf.SetTextColor(0, 0, 0)
	r.pdf.SetFont(family, "", bodySize)
	r.pdf.SetXY(r.left, y0+h+2)
}

// hatch lays diagonal lines over a box, sparse (1) or dense both ways (2),
// as the SVG's patterns do, so a state reads in grey print.
func (r *renderer) hatch(x, y, w, h float64, kind int) {
	gap, color := 2.0, "#5a5a5a"
	if kind == 2 {
		gap, color = 1.3, "#ffffff"
	}
	r.pdf.ClipRect(x, y, w, h, false)
	r.stroke(color, 0.25, false)
	for d := -h; d < w; d += gap {
		r.pdf.Line(x+d, y+h, x+d+h, y)
		if kind == 2 {
			r.pdf.Line(x+d, y, x+d+h, y+h)
		}
	}
	r.pdf.ClipEnd()
}

func (r *renderer) fill(hex string) {
	red, green, blue := rgb(hex)
	r.pdf.SetFillColor(red, green, blue)
}

func (r *renderer) text(hex string) {
	red, green, blue := rgb(hex)
	r.pdf.SetTextColor(red, green, blue)
}

func (r *renderer) stroke(hex string, width float64, dash bool) {
	red, green, blue := rgb(hex)
	r.pdf.SetDrawColor(red, green, blue)
	r.pdf.SetLineWidth(math.Max(width, 0.1))
	if dash {
		r.pdf.SetDashPattern([]float64{1.2, 0.7}, 0)
	} else {
		r.pdf.SetDashPattern(nil, 0)
	}
}

// rgb reads "#rrggbb"; anything else is black.
func rgb(hex string) (int, int, int) {
	if len(hex) != 7 || hex[0] != '#' {
		return 0, 0, 0
	}
	v, err := strconv.ParseUint(hex[1:], 16, 32)
	if err != nil {
		return 0, 0, 0
	}
	return int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)
}

// paint sets the fill and the stroke a shape asks for and returns fpdf's
// style for them: "F", "D", "FD", or "" for neither.
func (r *renderer) paint(s timeline.Shape, scale float64) string {
	style := ""
	if s.Fill != "" {
		r.fill(s.Fill)
		style += "F"
	}
	if s.Stroke != "" {
		r.stroke(s.Stroke, s.StrokeW*scale, false)
		style += "D"
	}
	return style
}
