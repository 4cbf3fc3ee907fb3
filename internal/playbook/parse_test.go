package playbook_test

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/golden"
	"github.com/tocsin-crisis/tocsin/internal/playbook"
	"github.com/tocsin-crisis/tocsin/playbooks"
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

func TestEachCheckHasItsPosition(t *testing.T) {
	cases := []struct {
		name, yaml string
		want       []string
	}{
		{"missing title", "id: essai\nsteps:\n  - {id: a, title: A}\n",
			[]string{"f.yaml:1:1: the playbook is missing `title`"}},
		{"missing steps", "id: essai\ntitle: T\n",
			[]string{"f.yaml:1:1: the playbook is missing `steps`"}},
		{"step missing title", "id: essai\ntitle: T\nsteps:\n  - id: a\n",
			[]string{"f.yaml:4:5: a step is missing `title`"}},
		{"unknown field with suggestion", strings.Replace(valid, "    needs: [a]", "    nedds: [a]", 1),
			[]string{"f.yaml:13:5: unknown field `nedds` in a step, did you mean `needs`?"}},
		{"unknown top field", "id: essai\ntitle: T\nauthor: moi\nsteps:\n  - {id: a, title: A}\n",
			[]string{"f.yaml:3:1: unknown field `author` in the playbook (fields: id, title, description, roles, facts, steps)"}},
		{"duplicate step id", valid + "  - id: a\n    title: A encore\n",
			[]string{"f.yaml:14:9: duplicate step id `a` (first at line 8)"}},
		{"duplicate role id", strings.Replace(valid, "  - {id: dsi, name: DSI}", "  - {id: dsi, name: DSI}\n  - {id: dsi, name: Autre}", 1),
			[]string{"f.yaml:5:10: duplicate role id `dsi` (first at line 4)"}},
		{"id not a slug", strings.Replace(valid, "id: essai", "id: Essai_1", 1),
			[]string{`f.yaml:1:5: id "Essai_1" must be a lowercase slug (letters, digits, dashes: cyberattaque-collectivite)`}},
		{"step id not a slug", strings.Replace(valid, "  - id: b\n", "  - id: B b\n", 1),
			[]string{`f.yaml:11:9: step id "B b" must be a lowercase slug (letters, digits, dashes)`, "f.yaml:13:13: unknown step `a`"}[:1]},
		{"unknown role", strings.Replace(valid, "    role: dsi", "    role: dsj", 1),
			[]string{"f.yaml:10:11: unknown role `dsj`, did you mean `dsi`?"}},
		{"unknown needed step", strings.Replace(valid, "needs: [a]", "needs: [z]", 1),
			[]string{"f.yaml:13:13: unknown step `z`, did you mean `a`?"}},
		{"cycle", strings.Replace(valid, "    role: dsi\n", "    role: dsi\n    needs: [b]\n", 1),
			[]string{"f.yaml:8:9: cycle in needs: a → b → a"}},
		{"bad duration", strings.Replace(valid, "    role: dsi\n", "    role: dsi\n    due: demain\n", 1),
			[]string{"f.yaml:11:10: `due`: \"demain\" is not a duration above zero (write 30m, 2h, 3d)"}},
		{"zero duration", strings.Replace(valid, "    role: dsi\n", "    role: dsi\n    deadline: 0h\n", 1),
			[]string{"f.yaml:11:15: `deadline`: \"0h\" is not a duration above zero (write 30m, 2h, 3d)"}},
		{"bad expression", strings.Replace(valid, "    role: dsi\n", "    role: dsi\n    when: personal_data &&\n", 1),
			[]string{"f.yaml:11:11: `when` does not parse: unexpected token EOF (1:16)"}},
		{"unknown fact", strings.Replace(valid, "    role: dsi\n", "    role: dsi\n    when: personal_dta\n", 1),
			[]string{"f.yaml:11:11: unknown fact `personal_dta`, did you mean `personal_data`?"}},
		{"declared fact accepted, type checked", strings.Replace(valid, "    role: dsi\n", "    role: dsi\n    when: mail_down + 1\n", 1),
			[]string{"f.yaml:11:11: `when` must be true or false: invalid operation: + (mismatched types bool and int) (1:11)"}},
		{"unknown draft kind", strings.Replace(valid, "    role: dsi\n", "    role: dsi\n    draft: memo\n", 1),
			[]string{"f.yaml:11:12: unknown draft kind `memo`: status, complaint or breach"}},
		{"needs not a list", strings.Replace(valid, "needs: [a]", "needs: a", 1),
			[]string{"f.yaml:13:12: `needs` must be a list of step ids"}},
		{"empty checklist item", strings.Replace(valid, "    role: dsi\n", "    role: dsi\n    checklist: [\"\", ok]\n", 1),
			[]string{"f.yaml:11:17: an item of `checklist` is empty"}},
		{"two documents", valid + "---\nid: autre\n",
			[]string{"f.yaml:14:1: a second YAML document: one playbook per file"}},
		{"syntax", "id: essai\ntitle: x: y\n",
			[]string{"f.yaml:2:1: YAML syntax: mapping values are not allowed in this context"}},
		{"builtin fact redeclared", strings.Replace(valid, "mail_down", "personal_data", 1),
			[]string{"f.yaml:6:10: fact `personal_data` is built in: no need to declare it"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := playbook.Parse("f.yaml", []byte(c.yaml))
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

func TestFiveMistakesFiveErrors(t *testing.T) {
	data, err := os.ReadFile("testdata/five-mistakes.yaml")
	require.NoError(t, err)
	_, err = playbook.Parse("testdata/five-mistakes.yaml", data)
	var list playbook.Errors
	require.ErrorAs(t, err, &list)
	assert.Len(t, list, 5, "every mistake is reported, not the first")
	golden.Assert(t, "testdata/five-mistakes.golden", list.Pretty()+"\n")
}

func TestValidPlaybookParses(t *testing.T) {
	p, err := playbook.Parse("f.yaml", []byte(valid))
	require.NoError(t, err)
	assert.Equal(t, "essai", p.ID)
	assert.Equal(t, []string{"a"}, p.Steps[1].Needs)
	ok, err := playbook.Step{When: "personal_data && !ransom_demanded"}.Applies(map[string]string{"personal_data": "oui"})
	require.NoError(t, err)
	assert.True(t, ok)
	ok, err = playbook.Step{When: "personal_data"}.Applies(nil)
	require.NoError(t, err)
	assert.False(t, ok, "an unanswered fact is false")
}

// TestShippedPlaybooks: every built-in playbook validates and draws.
func TestShippedPlaybooks(t *testing.T) {
	set, err := playbook.Load(playbooks.FS, "")
	require.NoError(t, err)
	ids := []string{}
	for _, p := range set.List() {
		ids = append(ids, p.ID)
		golden.Assert(t, filepath.Join("testdata", "graph", p.ID+".mmd"), playbook.Graph(p))
	}
	assert.Equal(t, []string{"cyberattaque-collectivite", "messagerie-compromise", "rancongiciel"}, ids)
	for _, name := range []string{"cyberattaque-collectivite.yaml", "messagerie-compromise.yaml", "rancongiciel.yaml"} {
		data, err := playbooks.FS.ReadFile(name)
		require.NoError(t, err)
		assert.True(t, bytes.HasPrefix(data, []byte("# yaml-language-server: $schema=./schema.json\n")), "%s starts with the schema line", name)
	}
}

// TestSchemaIsCurrent regenerates the schema and compares it with the
// committed playbooks/schema.json (-update rewrites it).
func TestSchemaIsCurrent(t *testing.T) {
	s, err := playbook.Schema()
	require.NoError(t, err)
	golden.Assert(t, filepath.Join("..", "..", "playbooks", "schema.json"), string(s))
}

func TestDiskOverridesBuiltinAndReloadKeepsErrors(t *testing.T) {
	dir := t.TempDir()
	builtin := fstest.MapFS{"essai.yaml": {Data: []byte(valid)}}
	override := strings.Replace(valid, "title: Essai", "title: Essai local", 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "essai.yaml"), []byte(override), 0o644))
	set, err := playbook.Load(builtin, dir)
	require.NoError(t, err)
	p, _ := set.Get("essai")
	assert.Equal(t, "Essai local", p.Title, "a file on disk with the same id wins")

	require.NoError(t, os.WriteFile(filepath.Join(dir, "casse.yaml"), []byte("id: casse\n"), 0o644))
	engine := playbook.NewEngine(set, func() (*playbook.Set, error) { return playbook.Load(builtin, dir) })
	_, err = engine.Reload()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "casse.yaml:1:1: the playbook is missing `title`")
	kept, _ := engine.Set().Get("essai")
	assert.Equal(t, "Essai local", kept.Title, "a failed reload keeps the last good set")
}

// Hostile files are refused with a clear error, fast (see the benchmarks)
// and without allocating much.
func TestHostileFilesRefused(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"alias bomb", aliasBomb(), "anchors and aliases (& and *) are not allowed"},
		{"deep flow nesting", []byte("id: x\nsteps: " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n"), "nesting deeper than 32 levels"},
		{"deep block nesting", deepBlocks(10000), "nesting deeper than 32 levels"},
		{"20 MB", bytes.Repeat([]byte("# padding\n"), 2<<20), "file too large: 20971520 bytes"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := playbook.Parse("h.yaml", c.data)
			runtime.ReadMemStats(&after)
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
			assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(100<<20), "parsing allocated %d MB", (after.TotalAlloc-before.TotalAlloc)>>20)
		})
	}
}

func aliasBomb() []byte {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 10; i++ {
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	return []byte(b.String())
}

// deepBlocks nests mappings by indentation, one space a level, as far as
// the size limit lets a file go.
func deepBlocks(levels int) []byte {
	var b strings.Builder
	for i := 0; i < levels && b.Len() < 900_000; i++ {
		b.WriteString(strings.Repeat(" ", i) + "k:\n")
	}
	return []byte(b.String())
}

func BenchmarkAliasBomb(b *testing.B)    { benchRefuse(b, aliasBomb()) }
func BenchmarkDeepNesting(b *testing.B)  { benchRefuse(b, []byte(strings.Repeat("[", 10000))) }
func BenchmarkDeepBlocks(b *testing.B)   { benchRefuse(b, deepBlocks(10000)) }
func BenchmarkTwentyMB(b *testing.B)     { benchRefuse(b, bytes.Repeat([]byte("# padding\n"), 2<<20)) }
func BenchmarkShippedParse(b *testing.B) { benchParse(b, "cyberattaque-collectivite.yaml") }

func benchRefuse(b *testing.B, data []byte) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := playbook.Parse("h.yaml", data); err == nil {
			b.Fatal("hostile file accepted")
		}
	}
}

func benchParse(b *testing.B, name string) {
	data, err := playbooks.FS.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := playbook.Parse(name, data); err != nil {
			b.Fatal(err)
		}
	}
}
