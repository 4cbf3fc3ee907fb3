package command_test

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// Seeds shared by the fuzz targets: what members type, and what they
// should not.
var fuzzValues = []string{
	"x", "Serveur isolé", "👩‍💻 Alice", "👨‍👩‍👧", "🏊‍♀️ Piscines", "« guillemets »", "“anglais”", "‘simple’",
	"Élodie Ørsted-Ünal", "ligne 1\nligne 2", "tab\there", "\x1b[2J", "bip\x07", "nul\x00", "\r\n",
	"Eve\u202egnp.exe", "\u2066isolé\u2069", "\u200e", "\u200f", "\u061c", "\u2028", "\ufeff",
	`"`, `\`, `\"`, `a"b`, "a:b", ":", "", " ", "\u00a0", strings.Repeat("é", 201), strings.Repeat("a", 4001),
	"00:00", "23:59", "24:00", "00h00", "23h59", "2022-09-26 00:00", "2022-09-25 23:59", "2022-03-27 02:30",
	"2022-10-30 02:30", "0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "9999-12-31 23:59", "100000d100000d100000d",
	"3650d", "3651d", "-2h", "0m", "1", "0", "-1", "#1", "9223372036854775807", "@dsi", "<@123>", "oui", "non",
	"192.0.2.1", "https://evil.example/a?b=c", "personal_data", "dsi", "member,comms",
}

// FuzzParse: the parser never panics; what it refuses it explains on one
// clean line; what it accepts comes back the same when written again with
// Quote.
func FuzzParse(f *testing.F) {
	table := command.Default()
	for _, line := range []string{
		`/crisis status`, `/task assign id:3 member:@dsi`, `  /TASK   take   id:isoler  `,
		`/log text:"il a dit \"non\" \\ fin" at:16:28`, `/log text:""`, `/log some text`, `/crisis`, `/tsk list`,
		"/crisis \x1b[2Jzap", "/log \x1b]0;x\x07:1", `/log text:"pas fini`, `/log "pas fini`, `crisis status`, "/",
	} {
		f.Add(line)
	}
	for _, v := range fuzzValues {
		f.Add(`/log text:` + command.Quote(v))
		f.Add(`/log text:` + v)
	}
	f.Fuzz(func(t *testing.T, line string) {
		p, err := table.Parse(line)
		if err != nil {
			msg, ok := locale.Message(locale.FR, err)
			if !ok {
				t.Fatalf("Parse(%q): got internal error %v, want a sentence", line, err)
			}
			checkLine(t, "Parse's refusal", msg)
			return
		}
		cmd, ok := table.Lookup(p.Name)
		if !ok {
			t.Fatalf("Parse(%q): got command %q, not in the table", line, p.Name)
		}
		keys := make([]string, 0, len(p.Args))
		for k := range p.Args {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		again := "/" + cmd.Name
		for _, k := range keys {
			again += " " + k + ":" + command.Quote(p.Args[k])
		}
		q, err := table.Parse(again)
		if err != nil {
			t.Fatalf("Parse(%q) = %v, but its written form %q is refused: %v", line, p, again, err)
		}
		if q.Name != p.Name || len(q.Args) != len(p.Args) {
			t.Fatalf("Parse(%q) = %v, but its written form %q parses as %v", line, p, again, q)
		}
		for k, v := range p.Args {
			if q.Args[k] != v {
				t.Fatalf("Parse(%q): option %q is %q, but %q once written as %q", line, k, v, q.Args[k], again)
			}
		}
	})
}

// FuzzOptionValue runs every command with one option set to the fuzzed
// value (the others to plausible ones) through a full Execute on a fresh
// in-memory record: no value panics, reaches the record as an internal
// error, or comes back unescaped in the reply or the audit trail.
func FuzzOptionValue(f *testing.F) {
	table := command.Default()
	cmds := table.Commands()
	// Every value on the log's text, and one on each other option: seeds
	// run with every go test, and each builds a record.
	n := 0
	for i, c := range cmds {
		for j := range c.Options {
			if c.Name == "log" && c.Options[j].Name == "text" {
				for _, v := range fuzzValues {
					f.Add(uint8(i), uint8(j), v)
				}
				continue
			}
			f.Add(uint8(i), uint8(j), fuzzValues[n%len(fuzzValues)])
			n += 7 // coprime with the number of values: they all come round
		}
	}
	f.Fuzz(func(t *testing.T, ci, oi uint8, value string) {
		cmd := cmds[int(ci)%len(cmds)]
		args := map[string]string{}
		for _, o := range cmd.Options {
			if o.Required {
				args[o.Name] = plausible(cmd, o)
			}
		}
		if len(cmd.Options) > 0 {
			args[cmd.Options[int(oi)%len(cmd.Options)].Name] = value
		}
		h := fuzzHarness(t)
		r := h.env.Execute(context.Background(), command.Request{Name: cmd.Name, Args: args, Actor: "dsi", Source: "fuzz"})
		trail := h.audit()
		last := trail[len(trail)-1]
		if last.Outcome == "error" {
			t.Fatalf("/%s %v: got an internal error (%s), want an answer", cmd.Name, args, last.Detail)
		}
		if r.Failed {
			checkLine(t, "refusal", r.Text)
		} else {
			checkText(t, "reply", r.Text, true)
		}
		checkText(t, "audited command", last.Command, false)
		checkText(t, "audited detail", last.Detail, false)
	})
}

// FuzzParseTime: a time read is within the record's bounds, a due time
// within a year, and a duration ago is not in the future.
func FuzzParseTime(f *testing.F) {
	for _, v := range fuzzValues {
		f.Add(v, int64(1664201100), false) // 2022-09-26 16:05 Paris
		f.Add(v, int64(1664143200), true)  // 2022-09-26 00:00 Paris
	}
	f.Add("23:59", int64(1664229540), false) // 23:59 Paris
	f.Add("00:00", int64(1648344600), true)  // 2022-03-27 03:30 Paris, the spring change
	f.Add("02:30", int64(1667091600), false) // 2022-10-30 02:00 Paris, the autumn change
	f.Fuzz(func(t *testing.T, s string, unix int64, due bool) {
		// A clock between 1970 and 2100, as a server's would be.
		now := time.Unix(unix%(130*365*86400), 0)
		if now.Before(crisis.Earliest) {
			now = now.Add(130 * 365 * 24 * time.Hour)
		}
		typ := command.PastTime
		if due {
			typ = command.DueTime
		}
		got, err := command.ParseTime(s, now, paris, typ)
		if err != nil {
			return
		}
		if got.Before(crisis.Earliest) {
			t.Fatalf("ParseTime(%q, %v): got %v, before %v", s, now, got, crisis.Earliest)
		}
		if due && got.After(now.Add(crisis.Year)) {
			t.Fatalf("ParseTime(%q, %v, due): got %v, more than a year ahead", s, now, got)
		}
		if _, err := crisis.ParseDuration(s); err == nil && !due && got.After(now) {
			t.Fatalf("ParseTime(%q, %v, past): got %v, in the future", s, now, got)
		}
	})
}

// plausible is a value that option o of cmd would accept, to reach the
// option being fuzzed.
func plausible(cmd *command.Command, o command.Option) string {
	switch {
	case len(o.Choices) > 0:
		return o.Choices[0]
	case o.Name == "capabilities":
		return "member"
	case cmd.Name == "ioc add" && o.Name == "value":
		return "192.0.2.1" // kind's first choice is ip
	case cmd.Name == "crisis fact" && o.Name == "name":
		return "personal_data"
	case cmd.Name == "member add" && o.Name == "id":
		return "newbie"
	case o.Name == "role":
		return "dsi"
	}
	switch o.Type {
	case command.Integer, command.Ref:
		return "1"
	case command.MemberID:
		return "@comm"
	case command.PastTime:
		return "10m"
	case command.DueTime:
		return "2h"
	case command.Bool:
		return "yes"
	}
	return "x"
}

// fuzzHarness is a fresh record with a second member, an open crisis, a
// task and a draft, so that most commands have something to act on.
func fuzzHarness(t *testing.T) *harness {
	h := newHarness(t)
	h.must("dsi", `/member add id:comm name:Comm capabilities:member,comms`)
	h.must("dsi", `/crisis open title:"Intrusion" detected_at:"2022-09-26 15:00"`)
	h.must("dsi", `/task add title:"Isoler" assignee:@comm`)
	h.must("dsi", `/draft status`)
	return h
}

// checkLine checks a refusal: one line of clean text (tabs are text).
func checkLine(t *testing.T, what, s string) {
	t.Helper()
	if strings.Contains(s, "\n") {
		t.Fatalf("%s is not one line: %q", what, s)
	}
	checkText(t, what, s, true)
}

// checkText checks that s is UTF-8 with no control or bidi character (but
// line breaks and tabs when lines is set).
func checkText(t *testing.T, what, s string, lines bool) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%s is not UTF-8: %q", what, s)
	}
	for _, r := range s {
		if crisis.UnsafeRune(r) || (!lines && (r == '\n' || r == '\t')) {
			t.Fatalf("%s holds %U: %q", what, r, s)
		}
	}
}
