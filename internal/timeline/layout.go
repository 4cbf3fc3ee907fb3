package timeline

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// Layout is the picture as shapes in a Width × Height box of abstract
// units, y growing downwards: the SVG writes them as they are, the PDF
// scales them to its page.
type Layout struct {
	Width, Height float64
	Title, Desc   string // what the picture is, and what it says in words
	Shapes        []Shape
	From, To      time.Time // the ends of the time axis
}

// X is where t falls on the layout's time axis.
func (l Layout) X(t time.Time) float64 {
	return (&layout{t0: l.From, t1: l.To}).x(t)
}

// ShapeKind says what a Shape is.
type ShapeKind int

// Shape kinds.
const (
	Rect   ShapeKind = iota // X, Y, W, H
	Line                    // X, Y to X2, Y2
	Circle                  // centre X, Y, radius R
	Text                    // at X, Y (baseline), anchored by Anchor
)

// Shape is one thing drawn. Colours are "#rrggbb"; "" draws nothing.
type Shape struct {
	Kind       ShapeKind
	X, Y, W, H float64
	X2, Y2, R  float64
	Fill       string
	Stroke     string
	StrokeW    float64
	Dash       bool
	// Hatch overlays diagonal lines on a Rect (1 sparse, 2 dense), so a
	// state reads without its colour.
	Hatch  int
	Text   string
	Size   float64
	Anchor string // "start", "middle" or "end"
	Bold   bool
}

// The palette: each state also has a hatch and a word, so it reads in
// grey print and for colour-blind readers.
const (
	ink       = "#1a1a1a"
	faint     = "#6b6b6b"
	grid      = "#d0d0d0"
	colUp     = "#2e7d32"
	colDegr   = "#f0a202"
	colDown   = "#c62828"
	colLegal  = "#6a1b9a"
	colTask   = "#1565c0"
	colFact   = "#1a1a1a"
	colLogged = "#8a8a8a"
)

// Geometry, in layout units.
const (
	width      = 1000.0
	plotLeft   = 170.0 // lane names sit left of this
	plotRight  = 980.0
	laneH      = 22.0
	laneGap    = 6.0
	fontSize   = 11.0
	smallSize  = 9.5
	labelRows  = 4    // rows of fact labels above the log lane
	maxLabels  = 16   // facts named in words; the rest are marks
	bucketW    = 4.0  // facts closer than this share one mark
	maxTextLen = 48   // characters of a fact's text shown
	charW      = 0.56 // a character's width, in font sizes, for fitting labels
)

var stateStyle = map[string]struct {
	fill  string
	hatch int
}{
	"up":       {colUp, 0},
	"degraded": {colDegr, 1},
	"down":     {colDown, 2},
}

// Lay places the crisis in. Times are shown in loc, words in lang.
func Lay(in Input, lang locale.Lang, loc *time.Location) Layout {
	if loc == nil {
		loc = time.UTC
	}
	l := &layout{lang: lang, loc: loc, public: in.Public}
	l.span(in)
	l.end = in.Closed
	if l.end.IsZero() {
		l.end = in.Now
	}
	if l.end.IsZero() || l.end.After(l.t1) {
		l.end = l.t1
	}
	var y float64 = 28
	l.text(12, 20, clip(in.Title, 90), fontSize+2, "start", true, ink)
	l.axisY = y + 30
	y = l.axisY + 8

	// Fact labels, then the log lane.
	labelTop := y
	y += labelRows*14 + 4
	logY := y
	y += laneH + laneGap
	var laneYs []float64
	for range in.Services {
		laneYs = append(laneYs, y)
		y += laneH + laneGap
	}
	plotBottom := y
	l.below = newPlacer(y+14, 13, 4)
	y += 14 + 4*13 + 6
	legendY := y
	y += 24

	l.drawAxis(l.axisY, plotBottom)
	l.drawMilestones(in, l.axisY, plotBottom)
	l.drawDeadlines(in.Deadlines, l.axisY, plotBottom)
	for i, s := range in.Services {
		l.drawService(s, laneYs[i])
	}
	l.drawLog(in.Entries, logY, labelTop)
	l.drawLegend(legendY)

	out := Layout{Width: width, Height: y, Shapes: l.shapes, From: l.t0, To: l.t1}
	out.Title = locale.T(lang, l.words("timeline.title"), in.Title)
	out.Desc = l.describe(in)
	return out
}

type layout struct {
	lang   locale.Lang
	loc    *time.Location
	t0, t1 time.Time
	// end is where what is known stops: the closing, or now; a service's
	// last state is not drawn past it.
	end    time.Time
	axisY  float64
	shapes []Shape
	// below places the names of milestones and deadlines under the plot,
	// on rows that do not overlap.
	below  placer
	public bool // Input.Public
}

// placer puts labels on the first of its rows where they overlap nothing.
type placer struct {
	y, rowH float64
	ends    []float64
}

func newPlacer(y, rowH float64, rows int) placer {
	p := placer{y: y, rowH: rowH, ends: make([]float64, rows)}
	for i := range p.ends {
		p.ends[i] = -1e9
	}
	return p
}

// place finds room for a label of width w starting at x (pulled back in
// the plot), and reports the x and baseline y where it goes.
func (p *placer) place(x, w float64) (float64, float64, bool) {
	x = clamp(x, 4, plotRight-w)
	for row := range p.ends {
		if x > p.ends[row]+6 {
			p.ends[row] = x + w
			return x, p.y + float64(row)*p.rowH, true
		}
	}
	return 0, 0, false
}

// span sets the axis to cover every time in the input: the first fact
// (which may precede the opening, when back-dated) to the closing, or now,
// or the last deadline.
func (l *layout) span(in Input) {
	var times []time.Time
	add := func(ts ...time.Time) {
		for _, t := range ts {
			if !t.IsZero() {
				times = append(times, t)
			}
		}
	}
	add(in.Opened, in.Detected, in.Closed)
	if in.Closed.IsZero() {
		add(in.Now)
	}
	for _, e := range in.Entries {
		add(e.At, e.Written)
	}
	for _, s := range in.Services {
		for _, c := range s.Changes {
			add(c.At)
		}
	}
	for _, d := range in.Deadlines {
		add(d.At)
	}
	if len(times) == 0 {
		times = append(times, time.Unix(0, 0))
	}
	l.t0, l.t1 = times[0], times[0]
	for _, t := range times {
		if t.Before(l.t0) {
			l.t0 = t
		}
		if t.After(l.t1) {
			l.t1 = t
		}
	}
	// A little room either side, and never a span of nothing.
	pad := max(l.t1.Sub(l.t0)/40, 15*time.Minute)
	l.t0, l.t1 = l.t0.Add(-pad), l.t1.Add(pad)
}

// x is where t falls on the axis.
func (l *layout) x(t time.Time) float64 {
	f := float64(t.Sub(l.t0)) / float64(l.t1.Sub(l.t0))
	return round(plotLeft + f*(plotRight-plotLeft))
}

func round(f float64) float64 {
	return float64(int64(f*10+0.5*sign(f))) / 10
}

func sign(f float64) float64 {
	if f < 0 {
		return -1
	}
	return 1
}

func (l *layout) add(s Shape) { l.shapes = append(l.shapes, s) }

func (l *layout) text(x, y float64, s string, size float64, anchor string, bold bool, color string) {
	l.add(Shape{Kind: Text, X: x, Y: y, Text: s, Size: size, Anchor: anchor, Bold: bold, Fill: color})
}

func (l *layout) line(x, y, x2, y2 float64, color string, w float64, dash bool) {
	l.add(Shape{Kind: Line, X: x, Y: y, X2: x2, Y2: y2, Stroke: color, StrokeW: w, Dash: dash})
}

// tickSteps are the spacings the axis may use, the smallest that leaves
// room for its labels winning.
var tickSteps = []time.Duration{
	5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute,
	time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour,
	24 * time.Hour, 48 * time.Hour, 7 * 24 * time.Hour, 14 * 24 * time.Hour, 28 * 24 * time.Hour,
}

// drawAxis draws the time axis: ticks on round local times, each labelled
// with its clock time, and the date under the first tick and under every
// tick of a new day, so a crisis over midnight reads right.
func (l *layout) drawAxis(y, bottom float64) {
	l.line(plotLeft, y, plotRight, y, ink, 1, false)
	span := l.t1.Sub(l.t0)
	step := tickSteps[len(tickSteps)-1]
	for _, s := range tickSteps {
		if span/s <= 10 {
			step = s
			break
		}
	}
	// Ticks on round times of the local day (16 h, 18 h), whatever the
	// zone's offset; days from local midnight.
	start := l.t0.In(l.loc)
	day := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, l.loc)
	t := day
	for t.Before(l.t0) {
		t = next(t, step, l.loc)
	}
	// The first day is named at the start of the axis, each next one
	// under its first tick.
	lastDay, lastDayX := l.date(l.t0), plotLeft
	if step < 24*time.Hour {
		l.text(plotLeft, y-20, lastDay, smallSize, "start", true, ink)
	}
	for ; !t.After(l.t1); t = next(t, step, l.loc) {
		x := l.x(t)
		l.line(x, y, x, bottom, grid, 0.5, false)
		l.line(x, y-4, x, y, ink, 1, false)
		label := locale.Clock(l.lang, t, l.loc)
		if step >= 24*time.Hour {
			label = l.date(t)
		}
		l.text(x, y-8, label, smallSize, "middle", false, ink)
		if d := l.date(t); d != lastDay && step < 24*time.Hour {
			if x-lastDayX < 2*textWidth(d, smallSize) {
				// Too close to the first day's name: the start moves
				// nothing, the new day shifts right of it.
				x = lastDayX + 2*textWidth(d, smallSize)
			}
			l.text(x, y-20, d, smallSize, "middle", true, ink)
			lastDay, lastDayX = d, x
		}
	}
}

// next is the tick after t: whole days (and weeks) are counted on the
// calendar, so a change of summer time keeps ticks at midnight.
func next(t time.Time, step time.Duration, loc *time.Location) time.Time {
	if step >= 24*time.Hour {
		return t.In(loc).AddDate(0, 0, int(step/(24*time.Hour)))
	}
	return t.Add(step)
}

func (l *layout) date(t time.Time) string {
	t = t.In(l.loc)
	if l.lang == locale.EN {
		return t.Format("2006-01-02")
	}
	return t.Format("02/01/2006")
}

// drawMilestones marks detection, opening and closing across the plot,
// named below it.
func (l *layout) drawMilestones(in Input, top, bottom float64) {
	marks := []struct {
		at  time.Time
		key string
	}{{in.Detected, "timeline.detected"}, {in.Opened, "timeline.opened"}, {in.Closed, "timeline.closed"}}
	for _, m := range marks {
		if m.at.IsZero() {
			continue
		}
		x := l.x(m.at)
		l.line(x, top, x, bottom+4, ink, 1.5, false)
		word := locale.T(l.lang, m.key) + " " + locale.Clock(l.lang, m.at, l.loc)
		if lx, ly, ok := l.below.place(x-2, textWidth(word, smallSize)); ok {
			l.text(lx, ly, word, smallSize, "start", true, ink)
		}
	}
}

// drawDeadlines draws each deadline as a dashed vertical line, named below
// the plot; deadlines at the same place share one line and one name.
func (l *layout) drawDeadlines(ds []Deadline, top, bottom float64) {
	ds = append([]Deadline(nil), ds...)
	sort.SliceStable(ds, func(i, j int) bool {
		if !ds[i].At.Equal(ds[j].At) {
			return ds[i].At.Before(ds[j].At)
		}
		return ds[i].Legal && !ds[j].Legal
	})
	type group struct {
		x      float64
		first  Deadline
		n      int
		legal  bool
		allMet bool
	}
	var groups []group
	for _, d := range ds {
		x := l.x(d.At)
		if n := len(groups); n > 0 && x-groups[n-1].x < bucketW {
			g := &groups[n-1]
			g.n++
			g.legal = g.legal || d.Legal
			g.allMet = g.allMet && d.Done
			continue
		}
		groups = append(groups, group{x: x, first: d, n: 1, legal: d.Legal, allMet: d.Done})
	}
	for _, g := range groups {
		color, w := colTask, 1.0
		if g.legal {
			color, w = colLegal, 2
		}
		if g.allMet && !g.legal {
			color = faint
		}
		l.line(g.x, top, g.x, bottom+4, color, w, true)
		label := clip(g.first.Label, 28)
		if g.n > 1 {
			label = locale.T(l.lang, "timeline.deadlines", locale.N(g.n, "timeline.deadline"), clip(g.first.Label, 20))
		}
		if g.legal {
			label = "⚖ " + label
		}
		// A name that finds no room is left out: its line stays, its
		// time is on the axis.
		if lx, ly, ok := l.below.place(g.x-2, textWidth(label, smallSize)); ok {
			l.text(lx, ly, label, smallSize, "start", g.legal, color)
		}
	}
}

// drawService draws a lane: the service's name, then its states over time,
// each span filled with the state's colour and hatch and, where it fits,
// named.
func (l *layout) drawService(s Service, y float64) {
	l.text(plotLeft-6, y+laneH/2+4, clip(s.Name, 26), fontSize, "end", false, ink)
	l.add(Shape{Kind: Rect, X: plotLeft, Y: y, W: plotRight - plotLeft, H: laneH, Stroke: grid, StrokeW: 0.5})
	ch := append([]Change(nil), s.Changes...)
	sort.SliceStable(ch, func(i, j int) bool { return ch[i].At.Before(ch[j].At) })
	for i, c := range ch {
		end := l.end
		if i+1 < len(ch) {
			end = ch[i+1].At
		}
		st, ok := stateStyle[c.Status]
		if !ok {
			continue
		}
		x0, x1 := l.x(c.At), l.x(end)
		if x1-x0 < 0.5 {
			continue
		}
		l.add(Shape{Kind: Rect, X: x0, Y: y, W: round(x1 - x0), H: laneH, Fill: st.fill, Hatch: st.hatch})
		word := locale.T(l.lang, "service."+c.Status)
		if w := textWidth(word, smallSize) + 8; x1-x0 > w {
			// The word sits on a white band so it reads over the hatch.
			l.add(Shape{Kind: Rect, X: x0 + 2, Y: y + 5, W: round(w - 4), H: laneH - 10, Fill: "#ffffff"})
			l.text(x0+4, y+laneH/2+3.5, word, smallSize, "start", false, ink)
		}
	}
}

// drawLog draws the log lane: each fact as a dot at its time; a back-dated
// fact also as a ring at the time it was written, joined to its dot. Facts
// closer than a few units share one mark, with their count; the first
// facts written by members (and the back-dated) are named above, on rows
// that do not overlap.
func (l *layout) drawLog(entries []Entry, y, labelTop float64) {
	l.text(plotLeft-6, y+laneH/2+4, locale.T(l.lang, l.words("timeline.log")), fontSize, "end", true, ink)
	l.add(Shape{Kind: Rect, X: plotLeft, Y: y, W: plotRight - plotLeft, H: laneH, Stroke: grid, StrokeW: 0.5})
	mid := y + laneH/2
	es := append([]Entry(nil), entries...)
	sort.SliceStable(es, func(i, j int) bool {
		if !es[i].At.Equal(es[j].At) {
			return es[i].At.Before(es[j].At)
		}
		return es[i].Seq < es[j].Seq
	})
	// Links first, under the marks: one per pair of (fact, written) places.
	links := map[[2]int]bool{}
	var linkOrder [][2]int
	written := map[int]int{}
	var writtenOrder []int
	for _, e := range es {
		if !e.BackDated() {
			continue
		}
		k := [2]int{int(l.x(e.At) / bucketW), int(l.x(e.Written) / bucketW)}
		if !links[k] {
			links[k] = true
			linkOrder = append(linkOrder, k)
		}
		if written[k[1]] == 0 {
			writtenOrder = append(writtenOrder, k[1])
		}
		written[k[1]]++
	}
	for _, k := range linkOrder {
		x0, x1 := float64(k[0])*bucketW+bucketW/2, float64(k[1])*bucketW+bucketW/2
		l.add(Shape{Kind: Line, X: x0, Y: mid, X2: round((x0 + x1) / 2), Y2: y + laneH - 2, Stroke: colLogged, StrokeW: 0.8})
		l.add(Shape{Kind: Line, X: round((x0 + x1) / 2), Y: y + laneH - 2, X2: x1, Y2: mid, Stroke: colLogged, StrokeW: 0.8})
	}
	for _, b := range writtenOrder {
		x := float64(b)*bucketW + bucketW/2
		l.add(Shape{Kind: Circle, X: x, Y: mid, R: 3.5, Fill: "#ffffff", Stroke: colLogged, StrokeW: 1.2})
	}
	// Facts by place.
	type bucket struct {
		x int
		n int
	}
	var buckets []bucket
	for _, e := range es {
		b := int(l.x(e.At) / bucketW)
		if n := len(buckets); n > 0 && buckets[n-1].x == b {
			buckets[n-1].n++
			continue
		}
		buckets = append(buckets, bucket{x: b, n: 1})
	}
	for _, b := range buckets {
		x := float64(b.x)*bucketW + bucketW/2
		r := 3.0
		if b.n > 1 {
			r = min(3+float64(b.n)/4, 6)
		}
		l.add(Shape{Kind: Circle, X: x, Y: mid, R: r, Fill: colFact})
	}
	// Names: members' notes and back-dated facts first, then the rest,
	// each in time order, as many as fit.
	var chosen []Entry
	for _, pass := range []func(Entry) bool{
		func(e Entry) bool { return e.Kind == "note" || e.BackDated() },
		func(e Entry) bool { return !(e.Kind == "note" || e.BackDated()) },
	} {
		for _, e := range es {
			if len(chosen) >= maxLabels {
				break
			}
			if pass(e) {
				chosen = append(chosen, e)
			}
		}
	}
	sort.SliceStable(chosen, func(i, j int) bool { return chosen[i].At.Before(chosen[j].At) })
	ends := make([]float64, labelRows)
	for i := range ends {
		ends[i] = -1e9
	}
	for _, e := range chosen {
		x := l.x(e.At)
		label := fmt.Sprintf("%s %s", locale.Clock(l.lang, e.At, l.loc), clip(e.Text, maxTextLen))
		if e.BackDated() {
			label += " " + locale.T(l.lang, "timeline.logged", locale.Clock(l.lang, e.Written, l.loc))
		}
		w := textWidth(label, smallSize)
		for row := range ends {
			lx := min(x, plotRight-w)
			if lx <= ends[row]+6 {
				continue
			}
			ty := labelTop + float64(row)*14 + 10
			l.line(x, ty+2, x, y, grid, 0.6, false)
			l.text(lx, ty, label, smallSize, "start", false, ink)
			ends[row] = lx + w
			break
		}
	}
}

// drawLegend explains the marks, hatches and lines in words.
func (l *layout) drawLegend(y float64) {
	x := 12.0
	item := func(draw func(x float64), key string) {
		draw(x)
		word := locale.T(l.lang, key)
		l.text(x+22, y+4, word, smallSize, "start", false, ink)
		x += 22 + textWidth(word, smallSize) + 18
	}
	for _, st := range []string{"up", "degraded", "down"} {
		s := stateStyle[st]
		item(func(x float64) {
			l.add(Shape{Kind: Rect, X: x, Y: y - 5, W: 16, H: 12, Fill: s.fill, Hatch: s.hatch})
		}, "service."+st)
	}
	item(func(x float64) { l.add(Shape{Kind: Circle, X: x + 8, Y: y + 1, R: 3, Fill: colFact}) }, l.words("timeline.legend.fact"))
	if l.public {
		return // no back-dated fact, no deadline: only updates and services
	}
	item(func(x float64) {
		l.add(Shape{Kind: Circle, X: x + 8, Y: y + 1, R: 3.5, Fill: "#ffffff", Stroke: colLogged, StrokeW: 1.2})
	}, "timeline.legend.logged")
	item(func(x float64) { l.line(x+8, y-6, x+8, y+8, colLegal, 2, true) }, "timeline.legend.deadline")
}

// words is the catalogue key of a word of the picture: the public
// picture's own where it speaks of updates rather than facts.
func (l *layout) words(key string) string {
	if l.public {
		return strings.Replace(key, "timeline.", "timeline.public.", 1)
	}
	return key
}

// describe says in words what the picture shows, for a screen reader.
func (l *layout) describe(in Input) string {
	var b strings.Builder
	b.WriteString(locale.T(l.lang, l.words("timeline.desc"), in.Title, locale.FormatTime(l.t0, l.loc, l.lang), locale.FormatTime(l.t1, l.loc, l.lang)))
	back := 0
	for _, e := range in.Entries {
		if e.BackDated() {
			back++
		}
	}
	if l.public {
		b.WriteString(" " + locale.T(l.lang, "timeline.public.desc.log", locale.N(len(in.Entries), "timeline.update")))
	} else {
		b.WriteString(" " + locale.T(l.lang, "timeline.desc.log", locale.N(len(in.Entries), "timeline.entry"), locale.N(back, "timeline.backdated")))
	}
	for _, s := range in.Services {
		if len(s.Changes) == 0 {
			continue
		}
		last := s.Changes[len(s.Changes)-1]
		b.WriteString(" " + locale.T(l.lang, "timeline.desc.service", s.Name, locale.T(l.lang, "service."+last.Status), locale.FormatTime(last.At, l.loc, l.lang)))
	}
	for _, d := range in.Deadlines {
		if d.Legal {
			b.WriteString(" " + locale.T(l.lang, "timeline.desc.deadline", d.Label, locale.FormatTime(d.At, l.loc, l.lang)))
		}
	}
	return b.String()
}

// clip shortens s to n characters, with an ellipsis, on one line.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	cut := string(r[:n-1])
	// At a word's end when one is near: a word cut in two reads as
	// another word ("file" as "fil…").
	if i := strings.LastIndexByte(cut, ' '); i > 0 && utf8.RuneCountInString(cut[:i]) >= (n-1)*2/3 {
		cut = cut[:i]
	}
	return strings.TrimRight(strings.TrimSpace(cut), ",;:") + "…"
}

// textWidth estimates a text's width: close enough to keep labels apart.
func textWidth(s string, size float64) float64 {
	return float64(utf8.RuneCountInString(s)) * size * charW
}

func clamp(v, lo, hi float64) float64 {
	return max(lo, min(v, hi))
}
