package command_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/playbook"
	"github.com/tocsin-crisis/tocsin/playbooks"
)

// TestFrenchInput: what a French member types on a phone or in a terminal
// (issue 15), each line as quoted in the issue, is understood; a value
// that is no value of its set gets a "did you mean".
func TestFrenchInput(t *testing.T) {
	h := newHarness(t) // now: 2022-09-26 16:05, Paris
	set, err := playbook.Load(playbooks.FS, "")
	require.NoError(t, err)
	h.env.Playbooks = playbook.NewEngine(set, nil)
	h.must("dsi", `/crisis open title:"Intrusion" playbook:cyberattaque-collectivite`)

	cases := []struct {
		name, line string
		want       string // in the reply
		fails      bool
	}{
		{"capability in French", `/member add id:m1 name:M1 capabilities:membre`, "M1 (@m1) — membre", false},
		{"capabilities, accents dropped", `/member add id:m2 name:M2 capabilities:"membre, Communication, juridique"`, "membre, communication, juridique", false},
		{"status as the help reads it", `/service set name:Messagerie status:dégradé`, "Messagerie — dégradé", false},
		{"status without accent", `/service set name:Messagerie status:degrade`, "Messagerie — dégradé", false},
		{"status in two words", `/service set name:Messagerie status:"hors service"`, "Messagerie — hors service", false},
		{"indicator kind in French", `/ioc add kind:domaine value:evil.example`, "domaine evil.example", false},
		{"task state as lists show it", `/task list state:bloquée`, "", false},
		{"role with an accent", `/role assign member:@dsi role:Communication`, "Rôle communication confié", false},
		{"role misspelt", `/role assign member:@dsi role:comunication`, "vouliez-vous dire communication", true},
		{"role with its accent", `/role assign member:@dsi role:continuité`, "Rôle continuite confié", false},
		{"first step done", `/task done id:qualifier`, "Tâche terminée", false},
		{"step misspelt", `/task done id:isolr`, "vouliez-vous dire isoler", true},
		{"curly quotes", `/log text:“Appel du commissariat”`, "Consigné", false},
		{"guillemets", `/log text:« Appel du commissariat »`, "Consigné", false},
		{"single curly quotes", `/log text:‘Appel du commissariat’`, "Consigné", false},
		{"apostrophe in a bare word", `/log text:l’équipe`, "Consigné", false},
		{"the board shows the text without its quotes", `/crisis status`, "— Appel du commissariat", false},
		{"14h is a clock time", `/log text:x at:14h`, "26/09/2022 14:00", false},
		{"14h30 is a clock time", `/log text:x at:14h30`, "26/09/2022 14:30", false},
		{"due time already past", `/task add title:y due:08:00`, "l'échéance due (08:00) est déjà passée", true},
		{"due as a clock time to come", `/task add title:y due:18h`, "échéance 26/09/2022 18:00", false},
		{"a yes typed loosely", `/crisis fact name:personal_data value:ouais`, "personal_data = oui", false},
		{"a no typed in English", `/crisis fact name:ransom_demanded value:No`, "ransom_demanded = non", false},
		{"audience in French", `/draft status audience:presse`, "Brouillon n° 1", false},
		{"severity misspelt", `/crisis open title:C severity:critiqe`, "vouliez-vous dire « critique »", true},
		{"severity in French", `/crisis open title:B severity:critique`, "Crise n° 2 ouverte", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := h.run("dsi", c.line)
			assert.Equal(t, c.fails, r.Failed, "%s: got %q", c.line, r.Text)
			assert.Contains(t, r.Text, c.want, "%s: got %q, want %q in it", c.line, r.Text, c.want)
			assert.NotContains(t, r.Text, "\n⚠", "one line of refusal")
		})
	}
}

// TestFrenchTimes: clock times read as a French speaker means them.
func TestFrenchTimes(t *testing.T) {
	tenPast := time.Date(2022, 9, 26, 0, 10, 0, 0, paris)
	for _, c := range []struct {
		in   string
		now  time.Time
		typ  command.Type
		want time.Time
	}{
		{"23:50", tenPast, command.PastTime, time.Date(2022, 9, 25, 23, 50, 0, 0, paris)},
		{"23h50", tenPast, command.PastTime, time.Date(2022, 9, 25, 23, 50, 0, 0, paris)},
		{"00:05", tenPast, command.PastTime, time.Date(2022, 9, 26, 0, 5, 0, 0, paris)},
		{"14h", tenPast, command.DueTime, time.Date(2022, 9, 26, 14, 0, 0, 0, paris)},
		{"9h30", tenPast, command.DueTime, time.Date(2022, 9, 26, 9, 30, 0, 0, paris)},
		{"2h", tenPast, command.DueTime, tenPast.Add(2 * time.Hour)}, // a duration, as the written form says
	} {
		got, err := command.ParseTime(c.in, c.now, paris, c.typ)
		require.NoError(t, err, c.in)
		assert.True(t, got.Equal(c.want), "ParseTime(%q): got %v, want %v", c.in, got, c.want)
	}
	at1014 := time.Date(2022, 9, 26, 10, 14, 0, 0, paris)
	_, err := command.ParseTime("08:00", at1014, paris, command.DueTime)
	assert.Error(t, err, "due:08:00 at 10:14: got no error, want a refusal")
}

// TestFrenchWriting: durations and clock times as each language writes them.
func TestFrenchWriting(t *testing.T) {
	d := func(s string) time.Duration { v, err := time.ParseDuration(s); require.NoError(t, err); return v }
	for _, c := range []struct {
		in     time.Duration
		fr, en string
	}{
		{d("30m"), "30 min", "30 min"},
		{d("70h45m"), "2 j 22 h 45 min", "2 d 22 h 45 min"},
		{d("72h"), "3 j", "3 d"},
		{d("2h15m"), "2 h 15 min", "2 h 15 min"},
	} {
		assert.Equal(t, c.fr, locale.Duration(locale.FR, c.in), "Duration(FR, %v)", c.in)
		assert.Equal(t, c.en, locale.Duration(locale.EN, c.in), "Duration(EN, %v)", c.in)
	}
	nine := time.Date(2022, 9, 26, 9, 0, 0, 0, paris)
	assert.Equal(t, "9 h", locale.Clock(locale.FR, nine, paris))
	assert.Equal(t, "09:00", locale.Clock(locale.EN, nine, paris))
	odd := time.Date(2022, 9, 26, 14, 12, 0, 0, paris)
	assert.Equal(t, "14 h 12", locale.Clock(locale.FR, odd, paris))
	assert.Equal(t, "14 h 15", locale.PublicClock(locale.FR, odd, paris), "a time promised to the public is rounded")
	assert.Equal(t, "14:15", locale.PublicClock(locale.EN, odd, paris))
}
