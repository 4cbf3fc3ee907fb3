package playbook_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/golden"
	"github.com/tocsin-crisis/tocsin/internal/playbook"
	"github.com/tocsin-crisis/tocsin/playbooks"
)

var shipped = []string{"cyberattack-council", "cyberattaque-collectivite", "messagerie-compromise", "rancongiciel"}

// TestShippedPlaybooks: every built-in playbook validates and draws, and
// starts with the line that points editors at the schema.
func TestShippedPlaybooks(t *testing.T) {
	set, err := playbook.Load(playbooks.FS, "")
	require.NoError(t, err)
	var ids []string
	for _, p := range set.List() {
		ids = append(ids, p.ID)
		assert.Equal(t, "playbooks/"+p.ID+".yaml", p.File)
		golden.Assert(t, filepath.Join("testdata", "graph", p.ID+".mmd"), playbook.Graph(p))
		for _, s := range p.Steps {
			assert.NotEmpty(t, s.Instructions, "%s: step %s says what to do", p.ID, s.ID)
			assert.NotEmpty(t, s.Role, "%s: step %s has a role", p.ID, s.ID)
		}
	}
	assert.Equal(t, shipped, ids)
	for _, id := range shipped {
		data, err := playbooks.FS.ReadFile(id + ".yaml")
		require.NoError(t, err)
		assert.True(t, bytes.HasPrefix(data, []byte("# yaml-language-server: $schema=./schema.json\n")), "%s starts with the schema line", id)
	}
}

// TestCyberattaqueCoversTheBrief pins the steps others rely on: the Caen
// replay, the console acceptance and the README name them.
func TestCyberattaqueCoversTheBrief(t *testing.T) {
	set, err := playbook.Load(playbooks.FS, "")
	require.NoError(t, err)
	p, ok := set.Get("cyberattaque-collectivite")
	require.True(t, ok)
	for _, r := range []string{"directeur", "coordinateur", "dsi", "communication", "juridique", "continuite", "prestataire"} {
		_, ok := p.Role(r)
		assert.True(t, ok, "role %s", r)
	}
	step := func(id string) playbook.Step {
		s, ok := p.Step(id)
		require.True(t, ok, "step %s", id)
		return s
	}
	for _, id := range []string{"qualifier", "isoler", "sauvegardes", "main-courante", "preuves", "services",
		"communication-interne", "consignes-agents", "prestataire-reponse", "assureur", "plainte", "notifier-cnil",
		"anssi", "elus", "point-public", "rancon", "restauration", "retex"} {
		step(id)
	}
	assert.Equal(t, 30*time.Minute, time.Duration(step("isoler").Due))
	assert.Equal(t, "complaint", step("plainte").Draft)
	assert.Equal(t, 72*time.Hour, time.Duration(step("plainte").Deadline))
	assert.Equal(t, "breach", step("notifier-cnil").Draft)
	assert.Equal(t, "personal_data", step("notifier-cnil").When)
	assert.Equal(t, 72*time.Hour, time.Duration(step("assureur").Deadline))
	assert.Equal(t, "status", step("point-public").Draft)
	assert.NotEmpty(t, step("point-public").Checklist)
	assert.Equal(t, "ransom_demanded", step("rancon").When)
	assert.Subset(t, step("restauration").Needs, []string{"preuves", "plainte"})
}

func TestDiskOverridesBuiltinAndReloadKeepsErrors(t *testing.T) {
	dir := t.TempDir()
	builtin := fstest.MapFS{"essai.yaml": {Data: []byte(valid)}}
	write(t, dir, "essai.yaml", strings.Replace(valid, "title: Essai", "title: Essai local", 1))
	write(t, dir, "notes.txt", "pas un playbook")
	write(t, dir, ".#essai.yaml", "fichier verrou d'un éditeur")
	set, err := playbook.Load(builtin, dir)
	require.NoError(t, err)
	p, _ := set.Get("essai")
	assert.Equal(t, "Essai local", p.Title, "a file on disk with the same id wins")
	assert.Equal(t, filepath.Join(dir, "essai.yaml"), p.File)
	assert.Len(t, set.List(), 1)

	write(t, dir, "casse.yaml", "id: casse\n")
	engine := playbook.NewEngine(set, func() (*playbook.Set, error) { return playbook.Load(builtin, dir) })
	_, err = engine.Reload()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "casse.yaml:1:1: the playbook is missing `title`")
	kept, _ := engine.Set().Get("essai")
	assert.Equal(t, "Essai local", kept.Title, "a failed reload keeps the last good set")
}

// The repository's own folder given as TOCSIN_PLAYBOOKS: each file replaces
// its built-in twin, no duplicate is reported.
func TestBuiltinFolderOnDisk(t *testing.T) {
	set, err := playbook.Load(playbooks.FS, filepath.Join("..", "..", "playbooks"))
	require.NoError(t, err)
	assert.Len(t, set.List(), len(shipped))
}

func TestLoadReportsEveryFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.yaml", valid)
	write(t, dir, "b.yml", strings.Replace(valid, "title: Essai", "title: Doublon", 1))
	write(t, dir, "c.yaml", "id: c\ntitle: C\nsteps: [{id: x, title: X, role: r}]\n")
	write(t, dir, "d.yaml", strings.Repeat("#", playbook.MaxSize+1))
	_, err := playbook.Load(nil, dir)
	var list playbook.Errors
	require.ErrorAs(t, err, &list)
	var got []string
	for _, e := range list {
		got = append(got, strings.TrimPrefix(e.Error(), dir+string(filepath.Separator)))
	}
	assert.Equal(t, []string{
		"b.yml:1:5: playbook id `essai` is also the id of " + filepath.Join(dir, "a.yaml") + " (line 1)",
		"c.yaml:3:33: unknown role `r`: the playbook declares no roles",
		"d.yaml:1:1: file too large: 1048577 bytes, a playbook is at most 1048576",
	}, got)
	assert.Equal(t, "id: essai", list[0].Source)

	_, err = playbook.Load(nil, filepath.Join(dir, "absent"))
	require.ErrorAs(t, err, &list)
	assert.Contains(t, list[0].Msg, "cannot read the playbook folder")
}

func TestParseFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "ok.yaml", valid)
	p, err := playbook.ParseFile(filepath.Join(dir, "ok.yaml"))
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(dir, "ok.yaml"), p.File)
	_, err = playbook.ParseFile(dir)
	assert.ErrorContains(t, err, "not a regular file")
	_, err = playbook.ParseFile(filepath.Join(dir, "absent.yaml"))
	assert.ErrorContains(t, err, "cannot read")
}

func TestGraphEscapes(t *testing.T) {
	p := &playbook.Playbook{Title: `Essai : "guillemets"`, Steps: []playbook.Step{
		{ID: "end", Title: `Dire "non" <b>fort</b>`, When: "a && b"},
		{ID: "x-ray", Title: "Ligne\nsuivante", Needs: []string{"end"}, Every: playbook.Duration(90 * time.Minute)},
	}}
	assert.Equal(t, `---
title: "Essai : \"guillemets\""
---
flowchart TD
  s_end{{"end — Dire #quot;non#quot; #lt;b#gt;fort#lt;/b#gt;<br/><small>si a && b</small>"}}
  s_x_ray(["x-ray — Ligne suivante<br/><small>🔁 toutes les 1h30m</small>"])
  s_end --> s_x_ray
`, playbook.Graph(p))
}

func write(t *testing.T, dir, name, data string) {
	t.Helper()
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644))
}
