package command_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
			assert.Contains(t, r.Text, c.want)
			assert.True(t, r.Ephemeral, "a refusal concerns only who asked")
			assert.Equal(t, before, h.dump(), "a refused command changed the record")
			trail := h.audit()
			require.Len(t, trail, audited+1, "every attempt is audited")
			last := trail[len(trail)-1]
			assert.Equal(t, c.outcome, last.Outcome, "got outcome %s, want %s", last.Outcome, c.outcome)
			assert.Equal(t, c.as, last.Actor)
			assert.LessOrEqual(t, len(last.Command), 2100, "the audit keeps a bounded copy of the command")
		})
	}
}
