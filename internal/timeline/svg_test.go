package timeline

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/golden"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

var paris = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	return loc
}()

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, paris)
	if err != nil {
		panic(err)
	}
	return t
}

// caen is the reference crisis in small: a back-dated start of attack, an
// evening over midnight, services down then restored, a task due and the
// 72 hours.
func caen() Input {
	return Input{
		Title:    "Intrusion sur un serveur de messagerie",
		Detected: at("2022-09-26 16:00"),
		Opened:   at("2022-09-26 16:05"),
		Closed:   at("2022-09-27 18:00"),
		Entries: []Entry{
			{Seq: 1, At: at("2022-09-26 16:05"), Written: at("2022-09-26 16:05"), Kind: "crisis", Text: "Crise ouverte : Intrusion sur un serveur de messagerie"},
			{Seq: 2, At: at("2022-09-26 14:30"), Written: at("2022-09-26 16:06"), Kind: "note", Text: "Début de l'attaque"},
			{Seq: 3, At: at("2022-09-26 16:28"), Written: at("2022-09-26 18:02"), Kind: "note", Text: "Début de l'isolement des serveurs"},
			{Seq: 4, At: at("2022-09-26 18:00"), Written: at("2022-09-26 18:02"), Kind: "note", Text: "Serveurs entièrement isolés"},
			{Seq: 5, At: at("2022-09-26 23:50"), Written: at("2022-09-26 23:50"), Kind: "service", Text: "Service Site web caen.fr : hors service"},
			{Seq: 6, At: at("2022-09-27 09:00"), Written: at("2022-09-27 09:00"), Kind: "note", Text: "Cellule de crise avec un prestataire"},
		},
		Services: []Service{
			{Name: "Site web caen.fr", Changes: []Change{{at("2022-09-26 17:00"), "down"}}},
			{Name: "État civil", Changes: []Change{{at("2022-09-26 17:10"), "degraded"}, {at("2022-09-27 12:00"), "up"}}},
			{Name: "Médiathèques", Changes: []Change{{at("2022-09-26 17:15"), "up"}}},
		},
		Deadlines: []Deadline{
			{At: at("2022-09-26 16:35"), Label: "#1 Isoler les serveurs compromis", Done: true},
			{At: at("2022-09-29 16:00"), Label: "72 h CNIL", Legal: true},
		},
	}
}

func render(t testing.TB, in Input, lang locale.Lang) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, SVG(&buf, in, lang, paris))
	return buf.String()
}

// wellFormed parses the SVG as XML and returns its text content.
func wellFormed(t testing.TB, svg string) string {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		require.NoError(t, err, "got an SVG that is not well-formed XML")
		if c, ok := tok.(xml.CharData); ok {
			text.Write(c)
			text.WriteByte('\n')
		}
	}
	return text.String()
}

// TestSVGGolden: the picture of each case, as written, is kept under
// testdata/ (rewrite with go test -update after a deliberate change).
func TestSVGGolden(t *testing.T) {
	one := Input{Title: "Un seul fait", Opened: at("2022-09-26 16:05"), Closed: at("2022-09-26 16:05"),
		Entries: []Entry{{Seq: 1, At: at("2022-09-26 16:05"), Written: at("2022-09-26 16:05"), Kind: "crisis", Text: "Crise ouverte"}}}
	cases := []struct {
		name string
		in   Input
		lang locale.Lang
	}{
		{"empty", Input{Title: "Rien encore", Opened: at("2022-09-26 16:05"), Now: at("2022-09-26 16:05")}, locale.FR},
		{"one-entry", one, locale.FR},
		{"caen-fr", caen(), locale.FR},
		{"caen-en", caen(), locale.EN},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svg := render(t, c.in, c.lang)
			wellFormed(t, svg)
			golden.Assert(t, "testdata/"+c.name+".svg", svg)
		})
	}
}

// TestSVGReads: what the picture must say, whatever its layout.
func TestSVGReads(t *testing.T) {
	svg := render(t, caen(), locale.FR)
	text := wellFormed(t, svg)
	for _, want := range []string{
		"Chronologie de la crise « Intrusion sur un serveur de messagerie »", // title
		"26/09/2022", "27/09/2022", // the date under the first tick and again after midnight
		"Site web caen.fr", "État civil", "hors service", "dégradé", "opérationnel",
		"14 h 30 Début de l'attaque (consigné à 16 h 06)", // a back-dated fact with both times
		"⚖ 72 h CNIL", "Ouverture", "Détection", "Clôture",
	} {
		assert.Contains(t, text, want)
	}
	assert.Contains(t, svg, `viewBox="0 0 1000 `)
	assert.Contains(t, svg, `<title id="tl-title">`)
	assert.Contains(t, svg, `<desc id="tl-desc">`)
	for _, banned := range []string{"<script", "href=\"http", "xlink:href", "<image", "@import", "url(http"} {
		assert.NotContains(t, svg, banned)
	}
	// The back-dated start of the attack lies left of the opening line.
	l := Lay(caen(), locale.FR, paris)
	assert.Less(t, l.X(at("2022-09-26 14:30")), l.X(at("2022-09-26 16:05")))
}

// TestSVGEscapesWhatMembersType: user text with markup, entities, emoji,
// French quotes and control characters stays text, and the file stays XML.
func TestSVGEscapesWhatMembersType(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"markup", `<script>alert(1)</script> & "x"`, `<script>alert(1)</script> & "x"`},
		{"entity", "&amp; &#x41;", "&amp; &#x41;"},
		{"emoji", "Rançon demandée 😀", "Rançon demandée 😀"},
		{"french quotes", "« oui »", "« oui »"},
		{"control characters", "bip\x07 fin\x1b", "bip[U+0007] fin[U+001B]"},
		{"invalid UTF-8", "a\xffb", "a\ufffdb"},
		{"right-to-left override", "facture\u202efdp.exe", "facture[U+202E]fdp.exe"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := Input{Title: c.in, Opened: at("2022-09-26 16:05"), Now: at("2022-09-26 17:00"),
				Entries:   []Entry{{Seq: 1, At: at("2022-09-26 16:10"), Written: at("2022-09-26 16:10"), Kind: "note", Text: c.in}},
				Services:  []Service{{Name: c.in, Changes: []Change{{at("2022-09-26 16:20"), "down"}}}},
				Deadlines: []Deadline{{At: at("2022-09-26 16:40"), Label: c.in}},
			}
			svg := render(t, in, locale.FR)
			text := wellFormed(t, svg)
			assert.Contains(t, text, c.want)
			assert.NotContains(t, svg, "<script")
		})
	}
}

// TestSVGOverMidnightInTheCrisisZone: ticks and dates are the crisis's
// local time, not UTC: 23:00 in Paris is 21:00 UTC.
func TestSVGOverMidnightInTheCrisisZone(t *testing.T) {
	in := Input{Title: "Nuit", Opened: at("2022-09-26 22:00"), Closed: at("2022-09-27 02:00"),
		Entries: []Entry{{Seq: 1, At: at("2022-09-26 23:55"), Written: at("2022-09-27 00:10"), Kind: "note", Text: "Alerte"}}}
	text := wellFormed(t, render(t, in, locale.EN))
	for _, want := range []string{"2022-09-26", "2022-09-27", "23:00", "00:00", "01:00", "23:55 Alerte (logged at 00:10)"} {
		assert.Contains(t, text, want)
	}
}

func manyEntries(n int) Input {
	in := caen()
	in.Entries = nil
	start := at("2022-09-26 16:00")
	for i := 0; i < n; i++ {
		e := Entry{Seq: int64(i + 1), At: start.Add(time.Duration(i) * 9 * time.Second), Kind: "note", Text: fmt.Sprintf("Fait n° %d <&>", i+1)}
		e.Written = e.At
		if i%7 == 0 {
			e.Written = e.At.Add(40 * time.Minute)
		}
		in.Entries = append(in.Entries, e)
	}
	return in
}

// TestSVG10000Entries: a long log is thinned to marks that share places,
// and only a few facts are named, so the file stays light.
func TestSVG10000Entries(t *testing.T) {
	svg := render(t, manyEntries(10_000), locale.FR)
	wellFormed(t, svg)
	assert.Less(t, len(svg), 120_000, "got %d bytes for 10,000 entries, want the marks clustered", len(svg))
	assert.LessOrEqual(t, strings.Count(svg, "Fait n°"), maxLabels)
	assert.Contains(t, svg, "10000 entrées")
}

// BenchmarkSVG10000 reports the size of a 10,000-entry timeline.
func BenchmarkSVG10000(b *testing.B) {
	in := manyEntries(10_000)
	var size int
	for b.Loop() {
		var buf bytes.Buffer
		if err := SVG(&buf, in, locale.FR, paris); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size), "bytes/svg")
}
