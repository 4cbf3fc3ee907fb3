package command_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// TestBadInput: every kind of bad input gets one clear line naming what was
// wrong, and changes nothing but the audit trail.
func TestBadInput(t *testing.T) {
	cases := []struct {
		name    string
		as      string
		line    string
		want    string // a part of the one-line reply
		outcome string // what the audit trail records
	}{
		{"unknown command", "dsi", `/crisis zzz`, "commande incomplète /crisis zzz", "invalid"},
		{"misspelt subcommand", "dsi", `/task asign id:1 member:@dsi`, "vouliez-vous dire /task assign ?", "invalid"},
		{"unknown group", "dsi", `/tsk list`, "vouliez-vous dire /task", "invalid"},
		{"no slash", "dsi", `crisis status`, "une commande commence par /", "invalid"},
		{"missing option", "dsi", `/task assign id:1`, "il manque l'option member", "invalid"},
		{"unknown option", "dsi", `/task add title:x dew:2h`, "option inconnue dew pour /task add : vouliez-vous dire due ?", "invalid"},
		{"option twice", "dsi", `/log text:a text:b`, "l'option text est donnée deux fois", "invalid"},
		{"stray word", "dsi", `/task take 3`, `mot inattendu "3"`, "invalid"},
		{"unclosed quote", "dsi", `/log text:"pas fini`, "guillemet non fermé dans text", "invalid"},
		{"bad time", "dsi", `/log text:x at:25:99`, `l'option at attend une heure`, "invalid"},
		{"future time", "dsi", `/log text:x at:"2022-09-27 10:00"`, "l'option at est dans le futur", "invalid"},
		{"bad ip", "dsi", `/ioc add kind:ip value:300.1.2.3`, `adresse IP invalide "300.1.2.3"`, "invalid"},
		{"bad kind", "dsi", `/ioc add kind:phone value:0231`, `l'option kind n'accepte pas "phone"`, "invalid"},
		{"bad sha256", "dsi", `/evidence add item:disque sha256:abc`, `empreinte SHA-256 invalide`, "invalid"},
		{"bad status", "dsi", `/service set name:Piscines status:closed`, `l'option status n'accepte pas "closed"`, "invalid"},
		{"unknown task id", "dsi", `/task done id:99`, `tâche inconnue "99" dans la crise 1`, "invalid"},
		{"unknown step id", "dsi", `/task done id:isoler`, `tâche inconnue "isoler"`, "invalid"},
		{"unknown member", "dsi", `/task assign id:1 member:@personne`, "membre inconnu @personne", "invalid"},
		{"not a member", "intrus", `/log text:x`, "vous (intrus) n'êtes pas membre de la cellule", "refused"},
		{"without the capability", "comm", `/crisis close`, "refusé : Communication (@comm) n'a pas la capacité director", "refused"},
		{"task of someone else", "comm", `/task done id:1`, "seul son responsable ou le directeur de crise", "refused"},
		{"100 kB value", "dsi", `/log text:"` + strings.Repeat("a", 100_000) + `"`, "l'option text est trop longue : 4000 caractères au plus, 100000 reçus", "invalid"},
		{"control character", "dsi", "/log text:\"bip\x07\"", "l'option text contient un caractère de contrôle (U+0007)", "invalid"},
		{"escape sequence", "dsi", "/task add title:\"\x1b[2Jx\"", "l'option title contient un caractère de contrôle (U+001B)", "invalid"},
		{"invalid utf-8", "dsi", "/log text:\"\xff\xfe\"", "UTF-8 invalide", "invalid"},
		{"bad capability", "dsi", `/member add id:x name:X capabilities:member,boss`, `capacité inconnue "boss"`, "invalid"},
		{"duplicate member", "dsi", `/member add id:comm name:X capabilities:member`, "le membre @comm existe déjà", "invalid"},
		{"duplicate ioc", "dsi", `/ioc add kind:ip value:192.0.2.44`, "déjà enregistré (n° 1)", "invalid"},
		{"bad member id", "dsi", `/task assign id:1 member:"a b"`, "identifiant de membre invalide", "invalid"},
		{"bad fact name", "dsi", `/crisis fact name:Données value:oui`, "nom de fait invalide", "invalid"},
		{"bad severity", "dsi", `/crisis open title:x severity:apocalyptic`, `l'option severity n'accepte pas "apocalyptic"`, "invalid"},
		{"playbook without director", "comm", `/crisis open title:y playbook:cyberattaque-collectivite`, "lancer un playbook demande la capacité director", "refused"},
		{"escape in a subcommand", "dsi", "/crisis \x1b[2Jzap", `/crisis \u{1B}[2jzap`, "invalid"},
		{"bell in a group", "dsi", "/ta\x07sk list", `/ta\u{7}sk list`, "invalid"},
		{"escape in an option name", "dsi", "/log text:x \x1b]0;pwned\x07:1", `option inconnue \u{1B}]0;pwned\u{7} pour /log`, "invalid"},
		{"escape in an option given twice", "dsi", "/log text:a \x1b:1 \x1b:2", `l'option \u{1B} est donnée deux fois`, "invalid"},
		{"escape in an unclosed quote", "dsi", "/log \x1b[2J:\"abc", `guillemet non fermé dans \u{1B}[2j`, "invalid"},
		{"escape in an unclosed word", "dsi", "/log \"\x1b[2J abc", `guillemet non fermé dans "\u{1B}[2J abc`, "invalid"},
		{"unclosed quote cut in a letter", "dsi", "/log \"" + strings.Repeat("é", 30), `guillemet non fermé dans "` + strings.Repeat("é", 9), "invalid"},
		{"right-to-left override in a name", "dsi", "/member add id:eve name:\"Eve\u202egnp.exe\" capabilities:member", "l'option name contient un caractère de contrôle de direction (U+202E)", "invalid"},
		{"bidi isolate in a service", "dsi", "/service set name:\"Piscines\u2067\" status:down", "l'option name contient un caractère de contrôle de direction (U+2067)", "invalid"},
		{"left-to-right mark in the log", "dsi", "/log text:\"ok\u200e\"", "l'option text contient un caractère de contrôle de direction (U+200E)", "invalid"},
		{"arabic letter mark in a title", "dsi", "/task add title:\"x\u061c\"", "l'option title contient un caractère de contrôle de direction (U+061C)", "invalid"},
		{"line break in a name", "dsi", "/service set name:\"Piscines\n- 🟢 État civil\" status:down", "l'option name tient sur une ligne : retirez le saut de ligne", "invalid"},
		{"megabyte command name", "dsi", "/" + strings.Repeat("z", command.MaxLine-1), "commande inconnue /" + strings.Repeat("z", 60) + "…", "invalid"},
		{"long stray word", "dsi", "/log " + strings.Repeat("z", 5000), `mot inattendu "` + strings.Repeat("z", 60) + `…"`, "invalid"},
		{"long unknown option", "dsi", "/log " + strings.Repeat("z", 5000) + ":1", "option inconnue " + strings.Repeat("z", 60) + "… pour /log", "invalid"},
		{"zero time", "dsi", `/log text:x at:0001-01-01T00:00:00Z`, "l'option at est antérieure au 1er janvier 1970", "invalid"},
		{"before 1970", "dsi", `/log text:x at:"1969-12-31 23:59"`, "l'option at est antérieure au 1er janvier 1970", "invalid"},
		{"a year before the crisis", "dsi", `/log text:x at:"2021-09-01 10:00"`, "l'option at remonte à plus d'un an avant la crise", "invalid"},
		{"detected in year 1", "dsi", `/crisis open title:y detected_at:"0001-01-01 00:00"`, "l'option detected_at est antérieure au 1er janvier 1970", "invalid"},
		{"detected as the zero time", "dsi", `/crisis open title:y detected_at:0001-01-01T00:00:00Z`, "l'option detected_at est antérieure au 1er janvier 1970", "invalid"},
		{"detected years ago", "dsi", `/crisis open title:y detected_at:"2020-01-01 10:00"`, "l'option detected_at remonte à plus d'un an", "invalid"},
		{"started years ago", "dsi", `/crisis open title:y started_at:"2019-01-01 10:00"`, "l'option started_at remonte à plus d'un an", "invalid"},
		{"due in year 9999", "dsi", `/task add title:y due:"9999-12-31 23:59"`, "l'option due est à plus d'un an", "invalid"},
		{"due in 400 days", "dsi", `/task add title:y due:400d`, "l'option due est à plus d'un an", "invalid"},
		{"overflowing duration", "dsi", `/task add title:y due:100000d100000d100000d`, "l'option due est une durée trop longue", "invalid"},
		{"task someone else holds", "comm", `/task take id:1`, "la tâche #1 est à @dsi : pour la prendre quand même, /task take id:1 confirm:yes", "invalid"},
		{"switch to an unknown crisis", "dsi", `/crisis switch id:9`, "crise inconnue n° 9", "invalid"},
	}
	h := newHarness(t)
	h.must("dsi", `/member add id:comm name:Communication capabilities:member,comms`)
	h.must("dsi", `/crisis open title:"Intrusion"`)
	h.must("dsi", `/task add title:"Isoler" assignee:@dsi`)
	h.must("dsi", `/ioc add kind:ip value:192.0.2.44`)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before, audited := h.dump(), len(h.audit())
			r := h.run(c.as, c.line)
			require.True(t, r.Failed, "got success %q, want a refusal", r.Text)
			assert.NotContains(t, r.Text, "\n", "a refusal is one line")
			assert.Less(t, utf8.RuneCountInString(r.Text), 600, "a refusal echoes a bounded part of what was typed")
			assert.Contains(t, r.Text, c.want)
			assert.True(t, r.Ephemeral, "a refusal concerns only who asked")
			assert.Equal(t, before, h.dump(), "a refused command changed the record")
			trail := h.audit()
			require.Len(t, trail, audited+1, "every attempt is audited")
			last := trail[len(trail)-1]
			assert.Equal(t, c.outcome, last.Outcome, "got outcome %s, want %s", last.Outcome, c.outcome)
			assert.Equal(t, c.as, last.Actor)
			assert.LessOrEqual(t, len(last.Command), 2100, "the audit keeps a bounded copy of the command")
			assertNeutral(t, "reply", r.Text, false)
			assertNeutral(t, "audited command", last.Command, false)
			assertNeutral(t, "audited detail", last.Detail, false)
		})
	}
}

// assertNeutral checks that s holds no control or bidi character (line
// breaks only when lines is set): what a member typed is shown escaped,
// never acted on by a terminal or a renderer.
func assertNeutral(t *testing.T, what, s string, lines bool) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("%s is not valid UTF-8: got %q", what, s)
	}
	for _, r := range s {
		if crisis.UnsafeRune(r) || (r == '\n' && !lines) {
			t.Errorf("%s holds %U: got %q, want it escaped", what, r, s)
			return
		}
	}
}
