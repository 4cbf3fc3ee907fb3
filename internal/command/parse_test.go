package command_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/command"
)

func TestParse(t *testing.T) {
	table := command.Default()
	cases := []struct {
		line string
		name string
		args map[string]string
	}{
		{`/crisis status`, "crisis status", map[string]string{}},
		{`/task assign id:3 member:@dsi`, "task assign", map[string]string{"id": "3", "member": "@dsi"}},
		{`  /TASK   take   id:isoler  `, "task take", map[string]string{"id": "isoler"}},
		{`/log text:"Serveurs isolés à 16h28" at:16:28`, "log", map[string]string{"text": "Serveurs isolés à 16h28", "at": "16:28"}},
		{`/log text:"il a dit \"non\" \\ fin"`, "log", map[string]string{"text": `il a dit "non" \ fin`}},
		{`/crisis open title:"Intrusion" detected_at:"2022-09-26 16:00"`, "crisis open", map[string]string{"title": "Intrusion", "detected_at": "2022-09-26 16:00"}},
		{`/ioc add kind:url value:https://evil.example/a?b=c`, "ioc add", map[string]string{"kind": "url", "value": "https://evil.example/a?b=c"}},
		{`/log text:""`, "log", map[string]string{"text": ""}},
	}
	for _, c := range cases {
		t.Run(c.line, func(t *testing.T) {
			p, err := table.Parse(c.line)
			require.NoError(t, err)
			assert.Equal(t, c.name, p.Name)
			assert.Equal(t, c.args, p.Args)
		})
	}
}

func TestQuoteRoundTrip(t *testing.T) {
	table := command.Default()
	for _, v := range []string{"simple", "deux mots", `guillemet " dedans`, `barre \ oblique`, ""} {
		p, err := table.Parse(`/log text:` + command.Quote(v))
		require.NoError(t, err, v)
		assert.Equal(t, v, p.Args["text"], "got %q, want %q", p.Args["text"], v)
	}
}

func TestParseTime(t *testing.T) {
	now := time.Date(2022, 9, 26, 16, 5, 0, 0, paris)
	cases := []struct {
		in   string
		typ  command.Type
		want time.Time
	}{
		{"14:30", command.PastTime, time.Date(2022, 9, 26, 14, 30, 0, 0, paris)},
		{"2022-09-25 23:10", command.PastTime, time.Date(2022, 9, 25, 23, 10, 0, 0, paris)},
		{"2022-09-26T14:00:00Z", command.PastTime, time.Date(2022, 9, 26, 16, 0, 0, 0, paris)},
		{"14h30", command.PastTime, time.Date(2022, 9, 26, 14, 30, 0, 0, paris)},
		{"2h", command.PastTime, now.Add(-2 * time.Hour)},
		{"30m", command.DueTime, now.Add(30 * time.Minute)},
		{"3d", command.DueTime, now.Add(72 * time.Hour)},
	}
	for _, c := range cases {
		got, err := command.ParseTime(c.in, now, paris, c.typ)
		require.NoError(t, err, c.in)
		assert.True(t, c.want.Equal(got), "ParseTime(%q): got %v, want %v", c.in, got, c.want)
	}
	for _, bad := range []string{"25:00", "demain", "2022-13-01 10:00", "10x", "-2h"} {
		_, err := command.ParseTime(bad, now, paris, command.DueTime)
		assert.Error(t, err, "ParseTime(%q) should fail", bad)
	}
}

// TestNewlineEscape: a terminal line cannot hold a line break, so \n in a
// quoted value writes one; only the options that take several lines accept
// it, and Quote writes it back as \n.
func TestNewlineEscape(t *testing.T) {
	table := command.Default()
	p, err := table.Parse(`/draft edit id:1 text:"ligne 1\nligne 2"`)
	require.NoError(t, err)
	assert.Equal(t, "ligne 1\nligne 2", p.Args["text"], "got %q, want a real line break", p.Args["text"])

	p, err = table.Parse(`/log text:"C:\\new \\n \"n\""`)
	require.NoError(t, err)
	assert.Equal(t, `C:\new \n "n"`, p.Args["text"], "an escaped backslash before n stays a backslash")

	for _, v := range []string{"ligne 1\nligne 2", "fin\n", `barre \n littérale`, "\n\\\n"} {
		q := command.Quote(v)
		assert.NotContains(t, q, "\n", "got %q, want the written form on one line", q)
		p, err := table.Parse(`/draft edit id:1 text:` + q)
		require.NoError(t, err, v)
		assert.Equal(t, v, p.Args["text"], "got %q, want %q", p.Args["text"], v)
	}

	h := caen(t)
	h.must("comm", `/draft status`)
	edited := h.must("comm", `/draft edit id:1 text:"Point de situation.\nÉtat civil : registres papier."`)
	assert.Contains(t, edited.Text, "Point de situation.\nÉtat civil : registres papier.")
	refused := h.run("dsi", `/task add title:"une\nautre"`)
	require.True(t, refused.Failed, "got %q, want a one-line option to refuse a line break", refused.Text)
}
