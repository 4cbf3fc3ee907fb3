package draft_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/draft"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// wordingSheet is a small record: one done task whose note is the one the
// bot writes when an approval completes it.
func wordingSheet(lang locale.Lang, org draft.Org) *draft.Sheet {
	at := time.Date(2022, 9, 26, 16, 0, 0, 0, time.UTC)
	return &draft.Sheet{
		Org:    org,
		Crisis: crisis.Crisis{ID: 1, Title: "Intrusion", State: "open", OpenedAt: at, DetectedAt: at},
		Now:    at.Add(2 * time.Hour), Loc: time.UTC, Lang: lang,
		Facts:   map[string]string{"ransom_demanded": "oui", "fraud_attempted": "oui", "personal_data": "oui"},
		Members: map[string]crisis.Member{"comm": {ID: "comm", Name: "Communication"}},
		Tasks: []crisis.Task{{ID: 1, CrisisID: 1, Title: "Point d'information public", State: crisis.TaskDone, Owner: "comm",
			DoneAt: at.Add(time.Hour), Note: locale.T(lang, "task.note.draft", 1)}},
	}
}

// TestOffencesPassTheFactCheck: the articles the complaint cites when a
// ransom was demanded or a transfer attempted are the law's numbers, not
// facts to find in the record. The English council's replay was refused
// for "312".
func TestOffencesPassTheFactCheck(t *testing.T) {
	for _, lang := range []locale.Lang{locale.FR, locale.EN} {
		s := wordingSheet(lang, draft.Org{Name: "Ville de Caen", Address: "Esplanade Jean-Marie Louvel, 14027 Caen", Representative: "Le maire de Caen"})
		body, missing, err := draft.Render(crisis.DraftComplaint, s, "", "")
		require.NoError(t, err)
		require.Contains(t, body, "312-1")
		require.Contains(t, body, "313-3")
		for _, f := range draft.Check(s, body, missing) {
			assert.NotEqual(t, "number", f.Kind, "%s: got %q flagged, want the articles of law to pass", lang, f.Value)
		}
	}
}

// TestRepresentativeReadsInASentence: an office configured with its
// article ("Le maire de Caen") is written lower-case in the middle of a
// sentence, and as configured where it opens a line (the signature).
func TestRepresentativeReadsInASentence(t *testing.T) {
	for _, tc := range []struct {
		lang          locale.Lang
		rep, in, sign string
	}{
		{locale.FR, "Le maire de Caen", "représentée par le maire de Caen, porte plainte", "\nLe maire de Caen\n"},
		{locale.FR, "La présidente, Anne Martin", "représentée par la présidente, Anne Martin, porte plainte", "\nLa présidente, Anne Martin\n"},
		{locale.FR, "L'adjoint au maire", "représentée par l'adjoint au maire, porte plainte", "\nL'adjoint au maire\n"},
		{locale.FR, "Jean Dupont, maire", "représentée par Jean Dupont, maire, porte plainte", "\nJean Dupont, maire\n"},
		{locale.FR, "Lemaire Paul", "représentée par Lemaire Paul, porte plainte", "\nLemaire Paul\n"},
		{locale.EN, "The Chief Executive, Jane Holloway", "represented by the Chief Executive, Jane Holloway, files", "\nThe Chief Executive, Jane Holloway\n"},
	} {
		s := wordingSheet(tc.lang, draft.Org{Name: "Ville de Caen", Address: "Esplanade Jean-Marie Louvel, 14027 Caen", Representative: tc.rep})
		body, _, err := draft.Render(crisis.DraftComplaint, s, "", "")
		require.NoError(t, err)
		assert.Contains(t, body, tc.in, "want the office to read in the sentence")
		assert.Contains(t, body, tc.sign, "want the office as configured in the signature")
	}
	s := wordingSheet(locale.FR, draft.Org{Name: "Ville de Caen", Representative: "Le maire de Caen"})
	body, _, err := draft.Render(crisis.DraftComplaint, s, "", "")
	require.NoError(t, err)
	assert.NotContains(t, body, "pour Ville de Caen", "want no organisation without its article")
}

// TestStatusTitleWithoutOrg: with no organisation configured the title is
// the document's name once, not « Point de situation — point de situation ».
func TestStatusTitleWithoutOrg(t *testing.T) {
	for lang, want := range map[locale.Lang]string{locale.FR: "# Point de situation\n", locale.EN: "# Status update\n"} {
		body, _, err := draft.Render(crisis.DraftStatus, wordingSheet(lang, draft.Org{}), "public", "")
		require.NoError(t, err)
		assert.True(t, strings.HasPrefix(body, want), "got %q, want it to open with %q", firstLine(body), want)
	}
	body, _, err := draft.Render(crisis.DraftStatus, wordingSheet(locale.FR, draft.Org{Name: "Ville de Caen"}), "public", "")
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(body, "# Ville de Caen — point de situation\n"), "got %q", firstLine(body))
}

// TestDoneTaskNoteHasNoNestedBrackets: a task's note that holds brackets
// of its own (« point publié (brouillon n° 1) ») and a member shown
// with their handle are never wrapped in more brackets.
func TestDoneTaskNoteHasNoNestedBrackets(t *testing.T) {
	nested := func(s string) bool {
		depth := 0
		for _, r := range s {
			switch r {
			case '(':
				depth++
				if depth > 1 {
					return true
				}
			case ')':
				depth = max(depth-1, 0)
			case '\n':
				depth = 0
			}
		}
		return false
	}
	for _, lang := range []locale.Lang{locale.FR, locale.EN} {
		for _, kind := range []crisis.DraftKind{crisis.DraftComplaint, crisis.DraftBreach, crisis.DraftReport} {
			body, _, err := draft.Render(kind, wordingSheet(lang, draft.Org{Name: "Ville de Caen"}), "", "")
			require.NoError(t, err)
			for _, line := range strings.Split(body, "\n") {
				if strings.Contains(line, locale.T(lang, "task.note.draft", 1)) {
					assert.False(t, nested(line), "%s %s: got %q, want no brackets inside brackets", lang, kind, line)
				}
			}
		}
	}
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
