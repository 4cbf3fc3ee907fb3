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

// TestReportChronologyInventsNoTime: an entry the record writes itself (an
// escalation the scheduler dated at the time it was planned) happened when
// it was written; only what a member dates (a note, the attack's start and
// detection) is placed at the time given. Issue 11: an escalation showed
// before the detection.
func TestReportChronologyInventsNoTime(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Paris")
	require.NoError(t, err)
	at := func(h, m int) time.Time { return time.Date(2022, 9, 26, h, m, 0, 0, loc) }
	s := &draft.Sheet{
		Crisis: crisis.Crisis{ID: 1, Title: "Intrusion", OpenedAt: at(18, 30), DetectedAt: at(16, 0)},
		Now:    at(20, 0), Loc: loc, Lang: locale.FR,
		Facts: map[string]string{}, Members: map[string]crisis.Member{},
		Log: []crisis.LogEntry{
			{Seq: 1, Kind: crisis.LogTask, At: at(15, 35), RecordedAt: at(18, 40), Author: "tocsin", Text: "Tâche #1 « Isoler » toujours en retard : escalade à @dsi"},
			{Seq: 2, Kind: crisis.LogCrisis, At: at(16, 0), RecordedAt: at(18, 30), Author: "dsi", Text: "Attaque détectée"},
			{Seq: 3, Kind: crisis.LogNote, At: at(16, 28), RecordedAt: at(18, 35), Author: "dsi", Text: "Début de l'isolement"},
		},
	}
	body, _, err := draft.Render(crisis.DraftReport, s, "", "")
	require.NoError(t, err)
	detected := strings.Index(body, "| 26/09/2022 16:00 | 26/09/2022 18:30 | Attaque détectée")
	noted := strings.Index(body, "| 26/09/2022 16:28 | 26/09/2022 18:35 | Début de l'isolement")
	escalated := strings.Index(body, "| 26/09/2022 18:40 | 26/09/2022 18:40 | Tâche #1")
	require.True(t, detected >= 0 && noted >= 0, "got %q, want the dated entries at their times", body)
	assert.True(t, escalated >= 0, "got %q, want the escalation dated when it was written", body)
	assert.NotContains(t, body, "15:35", "got %q, want no planned time passed off as a fact's", body)
	assert.True(t, escalated > noted && noted > detected, "got positions detected=%d noted=%d escalated=%d, want time order", detected, noted, escalated)
}

// TestCheckListsAMissingItemOnce: a gap the template marks three times
// (the representative in the complaint) is one missing item.
func TestCheckListsAMissingItemOnce(t *testing.T) {
	s := &draft.Sheet{Crisis: crisis.Crisis{ID: 1, Title: "Intrusion"}, Now: time.Date(2022, 9, 26, 18, 0, 0, 0, time.UTC), Loc: time.UTC, Lang: locale.FR,
		Facts: map[string]string{}, Members: map[string]crisis.Member{}}
	body, missing, err := draft.Render(crisis.DraftComplaint, s, "", "")
	require.NoError(t, err)
	count := map[string]int{}
	for _, f := range draft.Check(s, body, missing) {
		if f.Kind == "missing" {
			count[f.Value]++
		}
	}
	require.NotEmpty(t, count)
	for v, n := range count {
		assert.Equal(t, 1, n, "got %q listed %d times, want once", v, n)
	}
	assert.NotContains(t, count, "ville", "the place of signature is written by hand, not missing from the record")
}
