package draft

import (
	"strings"
	"testing"
	"text/template"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// TestLogRowAsTheTemplateWroteIt: the row logRow writes in Go is the one
// the complaint's template wrote with dt, cell and member, byte for byte,
// whatever the entry holds (no time, a '|' or a line break in its text, an
// author the record does not know).
func TestLogRowAsTheTemplateWroteIt(t *testing.T) {
	at := time.Date(2022, 9, 26, 16, 5, 59, 0, time.UTC)
	for _, lang := range []locale.Lang{locale.FR, locale.EN} {
		s := &Sheet{Loc: time.FixedZone("x", 3600), Lang: lang, Facts: map[string]string{},
			Members: map[string]crisis.Member{"dsi": {ID: "dsi", Name: "Paul DSI"}}}
		for _, e := range []crisis.LogEntry{
			{Kind: crisis.LogNote, At: at, RecordedAt: at.Add(time.Minute), Text: "Serveur 10.0.0.3 | NAS\ninjoignable", Author: "dsi"},
			{Kind: crisis.LogNote, At: at, Text: "", Author: "inconnu"},
			{Kind: crisis.LogNote, RecordedAt: at, Text: "a\r\nb", Author: ""},
		} {
			s.Log = append(s.Log, e)
		}
		old := template.Must(template.New("row").Funcs(template.FuncMap{
			"dt": func(t time.Time) string { return locale.FormatTime(t, s.Loc, s.Lang) }, "cell": cell, "member": s.Member,
		}).Parse("{{range .}}| {{dt .At}} | {{dt .RecordedAt}} | {{cell .Text}} | {{member .Author}} |\n{{end}}"))
		var want strings.Builder
		assert.NoError(t, old.Execute(&want, s.Log))
		body, _, err := Render(crisis.DraftComplaint, s, "", "")
		assert.NoError(t, err)
		assert.Contains(t, body, want.String())
	}
}
