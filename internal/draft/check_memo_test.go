package draft

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// memoSheet is a record holding text among other entries, with the times
// and authors a complaint's table repeats.
func memoSheet(text string) *Sheet {
	at := time.Date(2022, 9, 26, 16, 5, 0, 0, time.UTC)
	return &Sheet{
		Org:    Org{Name: "Ville de Caen", Address: "12 rue de l'Église, 14000 Caen"},
		Crisis: crisis.Crisis{ID: 1, Title: "Intrusion", DetectedAt: at, OpenedAt: at},
		Now:    at.Add(time.Hour), Loc: time.UTC, Lang: locale.FR, Facts: map[string]string{},
		Members: map[string]crisis.Member{},
		Log: []crisis.LogEntry{
			{Seq: 1, At: at, RecordedAt: at, Kind: crisis.LogNote, Author: "dsi", Text: text},
			{Seq: 2, At: at.Add(time.Minute), RecordedAt: at, Kind: crisis.LogNote, Author: "dsi", Text: "Serveur 10.0.0.3 injoignable à 16h07"},
		},
	}
}

// TestCheckSharesReadings: the check that reads the record's pieces once
// for the record and the draft flags what reading each on its own flags,
// item for item and in order.
func TestCheckSharesReadings(t *testing.T) {
	for _, text := range append([]string{longComplaint(t)}, fuzzSeeds...) {
		s := memoSheet(text)
		body, _, err := Render(crisis.DraftComplaint, s, "", "")
		if !assert.NoError(t, err) {
			return
		}
		for _, b := range []string{body, text, body + "\n" + text + " 17h45 | 03/10/2022 |"} {
			assert.Equal(t, AllowedFrom(s).Check(b), checkAgainst(s, b), "checkAgainst(%.60q)", b)
		}
	}
}

// FuzzCheckShared: whatever the record and the draft hold, reading their
// shared pieces once flags what reading them apart does.
func FuzzCheckShared(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, "| 26/09/2022 16:05 | "+s+" | @dsi |")
	}
	f.Fuzz(func(t *testing.T, record, draft string) {
		s := memoSheet(record)
		for _, b := range []string{draft, record + "\n" + draft} {
			want, got := AllowedFrom(s).Check(b), checkAgainst(s, b)
			if !assert.ObjectsAreEqual(want, got) {
				t.Fatalf("checkAgainst(%q, %q): got %v, want %v", record, b, got, want)
			}
		}
	})
}
