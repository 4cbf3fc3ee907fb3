package playbook_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/golden"
	"github.com/tocsin-crisis/tocsin/internal/playbook"
)

// valid is the smallest correct playbook; each case below breaks it once.
const valid = `id: essai
title: Essai
roles:
  - {id: dsi, name: DSI}
facts:
  - {id: mail_down, question: "La messagerie est-elle coupée ?"}
steps:
  - id: a
    title: A
    role: dsi
  - id: b
    title: B
    needs: [a]
`

// in returns valid with old replaced by new, failing when old is absent so
// that a case cannot silently test the valid file.
func in(t *testing.T, old, new string) string {
	t.Helper()
	require.Contains(t, valid, old)
	return strings.Replace(valid, old, new, 1)
}

// stepA adds lines to step a, after its role.
func stepA(t *testing.T, lines string) string {
	return in(t, "    role: dsi\n", "    role: dsi\n"+lines)
}

func TestEachCheckHasItsPosition(t *testing.T) {
	cases := []struct {
		name string
		yaml func(t *testing.T) string
		want []string
	}{
		// Required fields and empty values.
		{"missing title", lit("id: essai\nsteps:\n  - {id: a, title: A}\n"),
			[]string{"f.yaml:1:1: the playbook is missing `title`"}},
		{"missing steps", lit("id: essai\ntitle: T\n"),
			[]string{"f.yaml:1:1: the playbook is missing `steps`"}},
		{"empty title", func(t *testing.T) string { return in(t, "title: Essai", "title:") },
			[]string{"f.yaml:2:7: `title` is empty"}},
		{"no steps", lit("id: essai\ntitle: T\nsteps: []\n"),
			[]string{"f.yaml:3:8: `steps` is empty: a playbook needs at least one step"}},
		{"step missing title", lit("id: essai\ntitle: T\nsteps:\n  - id: a\n"),
			[]string{"f.yaml:4:5: a step is missing `title`"}},
		{"role missing name", func(t *testing.T) string { return in(t, "{id: dsi, name: DSI}", "{id: dsi}") },
			[]string{"f.yaml:4:5: a role is missing `name`"}},
		{"fact missing question", func(t *testing.T) string { return in(t, `, question: "La messagerie est-elle coupée ?"`, "") },
			[]string{"f.yaml:6:5: a fact is missing `question`"}},

		// Unknown and repeated fields, wrong kinds.
		{"unknown field with suggestion", func(t *testing.T) string { return in(t, "    needs: [a]", "    nedds: [a]") },
			[]string{"f.yaml:13:5: unknown field `nedds` in a step, did you mean `needs`?"}},
		{"unknown top field", lit("id: essai\ntitle: T\nauthor: moi\nsteps:\n  - {id: a, title: A}\n"),
			[]string{"f.yaml:3:1: unknown field `author` in the playbook (fields: id, title, description, roles, facts, steps)"}},
		{"field given twice", func(t *testing.T) string { return in(t, "title: Essai\n", "title: Essai\ntitle: Encore\n") },
			[]string{"f.yaml:3:1: field `title` given twice in the playbook (first at line 2)"}},
		{"field name not a word", func(t *testing.T) string { return stepA(t, "    [x]: y\n") },
			[]string{"f.yaml:11:5: field names in a step must be plain words (id, title, instructions, role, needs, when, due, deadline, every, draft, checklist)"}},
		{"steps not a list", lit("id: essai\ntitle: T\nsteps: {id: a}\n"),
			[]string{"f.yaml:3:8: `steps` must be a list of steps"}},
		{"role not a mapping", func(t *testing.T) string { return in(t, "  - {id: dsi, name: DSI}", "  - dsi") },
			[]string{"f.yaml:4:5: a role must be a mapping of fields (id, name, description)", "f.yaml:10:11: unknown role `dsi`: the playbook declares no roles"}},
		{"needs not a list", func(t *testing.T) string { return in(t, "needs: [a]", "needs: a") },
			[]string{"f.yaml:13:12: `needs` must be a list of step ids"}},
		{"title not text", func(t *testing.T) string { return in(t, "    title: A\n", "    title: [A]\n") },
			[]string{"f.yaml:9:12: `title` must be text"}},

		// Ids.
		{"id not a slug", func(t *testing.T) string { return in(t, "id: essai", "id: Essai_1") },
			[]string{`f.yaml:1:5: id "Essai_1" must be a lowercase slug (letters, digits, dashes: cyberattaque-collectivite)`}},
		{"step id not a slug", func(t *testing.T) string { return in(t, "  - id: b\n", "  - id: B b\n") },
			[]string{`f.yaml:11:9: step id "B b" must be a lowercase slug (letters, digits, dashes: isoler)`}},
		{"step id a number", func(t *testing.T) string { return in(t, "  - id: b\n", "  - id: 42\n") },
			[]string{"f.yaml:11:9: step id `42` must contain a letter: /task done id:42 would name task number 42"}},
		{"fact id not a name", func(t *testing.T) string { return in(t, "id: mail_down", "id: mail-down") },
			[]string{`f.yaml:6:10: fact id "mail-down" must be lowercase letters, digits and _ (it is a name in conditions: personal_data)`}},
		{"fact id reserved", func(t *testing.T) string { return in(t, "id: mail_down", "id: not") },
			[]string{"f.yaml:6:10: fact id `not` is a reserved word in conditions: choose another name"}},
		{"duplicate step id", lit(valid + "  - id: a\n    title: A encore\n"),
			[]string{"f.yaml:14:9: duplicate step id `a` (first at line 8)"}},
		{"duplicate role id", func(t *testing.T) string {
			return in(t, "  - {id: dsi, name: DSI}", "  - {id: dsi, name: DSI}\n  - {id: dsi, name: Autre}")
		}, []string{"f.yaml:5:10: duplicate role id `dsi` (first at line 4)"}},
		{"duplicate fact id", func(t *testing.T) string {
			return in(t, "facts:\n", "facts:\n  - {id: mail_down, question: \"Coupée ?\"}\n")
		}, []string{"f.yaml:7:10: duplicate fact id `mail_down` (first at line 6)"}},

		// References.
		{"unknown role", func(t *testing.T) string { return in(t, "    role: dsi", "    role: dsj") },
			[]string{"f.yaml:10:11: unknown role `dsj`, did you mean `dsi`?"}},
		{"unknown role far off", func(t *testing.T) string { return in(t, "    role: dsi", "    role: plombier") },
			[]string{"f.yaml:10:11: unknown role `plombier` (roles: dsi)"}},
		{"unknown needed step", func(t *testing.T) string { return in(t, "needs: [a]", "needs: [z]") },
			[]string{"f.yaml:13:13: unknown step `z`, did you mean `a`?"}},
		{"need listed twice", func(t *testing.T) string { return in(t, "needs: [a]", "needs: [a, a]") },
			[]string{"f.yaml:13:16: `a` is listed twice in `needs`"}},
		{"empty need", func(t *testing.T) string { return in(t, "needs: [a]", "needs: [a, ~]") },
			[]string{"f.yaml:13:16: an item of `needs` is empty"}},
		{"step needs itself", func(t *testing.T) string { return in(t, "needs: [a]", "needs: [b]") },
			[]string{"f.yaml:13:13: step `b` needs itself"}},
		{"cycle", func(t *testing.T) string { return stepA(t, "    needs: [b]\n") },
			[]string{"f.yaml:8:9: cycle in needs: a → b → a"}},
		{"longer cycle", lit("id: c\ntitle: C\nsteps:\n  - {id: a, title: A, needs: [c]}\n  - {id: b, title: B, needs: [a]}\n  - {id: c, title: C, needs: [b]}\n"),
			[]string{"f.yaml:4:10: cycle in needs: a → c → b → a"}},

		// Durations, drafts, checklists.
		{"bad duration", func(t *testing.T) string { return stepA(t, "    due: demain\n") },
			[]string{"f.yaml:11:10: `due`: \"demain\" is not a duration above zero (write 30m, 2h, 3d)"}},
		{"zero duration", func(t *testing.T) string { return stepA(t, "    deadline: 0h\n") },
			[]string{"f.yaml:11:15: `deadline`: \"0h\" is not a duration above zero (write 30m, 2h, 3d)"}},
		{"duration without unit", func(t *testing.T) string { return stepA(t, "    every: 30\n") },
			[]string{"f.yaml:11:12: `every`: \"30\" is not a duration above zero (write 30m, 2h, 3d)"}},
		{"unknown draft kind", func(t *testing.T) string { return stepA(t, "    draft: memo\n") },
			[]string{"f.yaml:11:12: unknown draft kind `memo`: status, complaint or breach"}},
		{"draft kind misspelt", func(t *testing.T) string { return stepA(t, "    draft: brech\n") },
			[]string{"f.yaml:11:12: unknown draft kind `brech`, did you mean `breach`? (status, complaint or breach)"}},
		{"empty checklist item", func(t *testing.T) string { return stepA(t, "    checklist: [\"\", ok]\n") },
			[]string{"f.yaml:11:17: an item of `checklist` is empty"}},

		// Conditions.
		{"bad expression", func(t *testing.T) string { return stepA(t, "    when: personal_data &&\n") },
			[]string{"f.yaml:11:26: `when` does not parse: unexpected token EOF"}},
		{"unknown fact", func(t *testing.T) string { return stepA(t, "    when: mail_down and personal_dta\n") },
			[]string{"f.yaml:11:25: unknown fact `personal_dta`, did you mean `personal_data`?"}},
		{"unknown fact, quoted", func(t *testing.T) string { return stepA(t, "    when: \"not personal_dta\"\n") },
			[]string{"f.yaml:11:16: unknown fact `personal_dta`, did you mean `personal_data`?"}},
		{"arithmetic", func(t *testing.T) string { return stepA(t, "    when: mail_down + 1\n") },
			[]string{"f.yaml:11:21: `when` may only combine facts with not, and, or, == and !=: `+` is not allowed"}},
		{"function call", func(t *testing.T) string { return stepA(t, "    when: mail_down or now() == nil\n") },
			[]string{"f.yaml:11:24: `when` may only combine facts with not, and, or, == and !=: a function call is not allowed"}},
		{"text", func(t *testing.T) string { return stepA(t, "    when: mail_down == 'oui'\n") },
			[]string{"f.yaml:11:24: `when` may only combine facts with not, and, or, == and !=: text is not allowed"}},

		// The file as a whole.
		{"empty file", lit("# rien\n"),
			[]string{"f.yaml:1:1: empty file: a playbook needs id, title and steps"}},
		{"two documents", lit(valid + "---\nid: autre\n"),
			[]string{"f.yaml:14:1: a second YAML document: one playbook per file"}},
		{"a broken second document", lit(valid + "---\nid: [\n"),
			[]string{"f.yaml:15:1: YAML syntax: did not find expected node content"}},
		{"syntax", lit("id: essai\ntitle: x: y\n"),
			[]string{"f.yaml:2:1: YAML syntax: mapping values are not allowed in this context"}},
		{"anchor", func(t *testing.T) string { return in(t, "title: Essai", "title: &t Essai") },
			[]string{"f.yaml:2:8: anchors and aliases (& and *) are not allowed in a playbook: write each value out"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := playbook.Parse("f.yaml", []byte(c.yaml(t)))
			require.Error(t, err)
			var list playbook.Errors
			require.ErrorAs(t, err, &list)
			var got []string
			for _, e := range list {
				got = append(got, e.Error())
			}
			assert.Equal(t, c.want, got)
		})
	}
}

func lit(s string) func(*testing.T) string { return func(*testing.T) string { return s } }

func TestFiveMistakesFiveErrors(t *testing.T) {
	data, err := os.ReadFile("testdata/five-mistakes.yaml")
	require.NoError(t, err)
	_, err = playbook.Parse("testdata/five-mistakes.yaml", data)
	var list playbook.Errors
	require.ErrorAs(t, err, &list)
	assert.Len(t, list, 5, "every mistake is reported, not the first")
	assert.Equal(t, strings.Count(list.Error(), "\n")+1, 5, "Error() gives one line per mistake")
	golden.Assert(t, "testdata/five-mistakes.golden", list.Pretty()+"\n")
}

func TestValidPlaybookParses(t *testing.T) {
	p, err := playbook.Parse("f.yaml", []byte(valid))
	require.NoError(t, err)
	assert.Equal(t, "essai", p.ID)
	assert.Equal(t, "f.yaml", p.File)
	assert.Equal(t, []string{"a"}, p.Steps[1].Needs)
	role, ok := p.Role("dsi")
	require.True(t, ok)
	assert.Equal(t, "DSI", role.Name)
	_, ok = p.Step("z")
	assert.False(t, ok)
	assert.Equal(t, append(append([]string{}, playbook.BuiltinFacts...), "mail_down"), p.KnownFacts())
}

// A built-in fact may be declared, which gives it the board's question; it
// is then known once.
func TestBuiltinFactDeclared(t *testing.T) {
	p, err := playbook.Parse("f.yaml", []byte(strings.Replace(valid, "mail_down", "personal_data", 1)))
	require.NoError(t, err)
	assert.Equal(t, playbook.BuiltinFacts, p.KnownFacts())
	assert.Equal(t, "La messagerie est-elle coupée ?", p.Facts[0].Question)
}

func TestApplies(t *testing.T) {
	cases := []struct {
		when  string
		facts map[string]string
		want  bool
	}{
		{"", nil, true},
		{"personal_data", nil, false},
		{"personal_data", map[string]string{"personal_data": "Oui"}, true},
		{"personal_data", map[string]string{"personal_data": " VRAI "}, true},
		{"personal_data", map[string]string{"personal_data": "yes"}, true},
		{"personal_data", map[string]string{"personal_data": "1"}, true},
		{"personal_data", map[string]string{"personal_data": "true"}, true},
		{"personal_data", map[string]string{"personal_data": "non"}, false},
		{"personal_data", map[string]string{"personal_data": "peut-être"}, false},
		{"personal_data && !ransom_demanded", map[string]string{"personal_data": "oui"}, true},
		{"personal_data and not ransom_demanded", map[string]string{"personal_data": "oui", "ransom_demanded": "oui"}, false},
		{"personal_data or data_exfiltrated", map[string]string{"data_exfiltrated": "oui"}, true},
		{"encryption == backups_affected", nil, true},
		{"(a or b) and c", map[string]string{"a": "oui", "c": "oui"}, true},
	}
	for _, c := range cases {
		got, err := playbook.Step{ID: "x", When: c.when}.Applies(c.facts)
		require.NoError(t, err, c.when)
		assert.Equal(t, c.want, got, "%q with %v: got %v, want %v", c.when, c.facts, got, c.want)
	}
	_, err := playbook.Step{ID: "x", When: "now() == nil"}.Applies(nil)
	assert.ErrorContains(t, err, "a function call is not allowed", "a hand-made step is held to the same rules")
}
