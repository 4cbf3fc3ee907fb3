package replay_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/playbook"
	"github.com/tocsin-crisis/tocsin/internal/publish"
	"github.com/tocsin-crisis/tocsin/internal/replay"
	"github.com/tocsin-crisis/tocsin/internal/store"
	"github.com/tocsin-crisis/tocsin/playbooks"
)

var englishScenario = filepath.Join("..", "..", "testdata", "scenarios", "kingsbridge-en.yaml")

// TestEnglishReplaySpeaksEnglish plays an English-speaking council's crisis
// (the cell's language English, as TOCSIN_LANG=en sets it) and looks for the
// bot's own French words in everything the replay wrote — transcript and
// replies, log, tasks, board, documents, published updates and the status
// page — once what the members typed and the playbook's ids are taken out.
// Issue 11: the log, the board and the documents spoke French. The cell runs
// the English playbook, so its titles, checklists and instructions are held
// to English like the bot's own words: only its ids (isoler, juridique),
// shared with the French playbook, may read French.
func TestEnglishReplaySpeaksEnglish(t *testing.T) {
	sc, err := replay.Load(englishScenario)
	require.NoError(t, err)
	require.Equal(t, locale.EN, sc.Lang, "the scenario is written for an English-speaking cell")
	set, err := playbook.Load(playbooks.FS, "")
	require.NoError(t, err)
	pb, ok := set.Get(englishPlaybook)
	require.True(t, ok, "the English playbook %s is shipped", englishPlaybook)
	require.Equal(t, []string{englishPlaybook}, playbooksRun(sc), "the English cell runs the English playbook")
	db, err := store.Open(context.Background(), ":memory:")
	require.NoError(t, err)
	defer db.Close()
	out := t.TempDir()
	res, err := replay.Run(context.Background(), sc, replay.Options{Store: db, Playbooks: playbook.NewEngine(set, nil), Lang: locale.EN, Out: out})
	require.NoError(t, err)
	require.Nil(t, res.Failed, "every step goes as the script expects")

	// The status page is the published updates' other form.
	var updates []publish.Update
	require.NoError(t, db.View(context.Background(), func(tx crisis.Tx) error {
		updates, err = publish.Updates(tx)
		return err
	}))
	require.NotEmpty(t, updates)
	page := filepath.Join(out, "page")
	require.NoError(t, publish.Page{Org: sc.Org.Name, Loc: sc.Loc, Lang: locale.EN}.Write(page, updates, sc.Steps[len(sc.Steps)-1].At))

	texts := map[string]string{}
	require.NoError(t, filepath.WalkDir(out, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasSuffix(path, ".pdf") {
			data, err := os.ReadFile(path)
			rel, _ := filepath.Rel(out, path)
			texts[filepath.ToSlash(rel)] = string(data)
			return err
		}
		return err
	}))
	for _, want := range []string{"transcript.md", "log.md", "tasks.md", "documents/1-status.md", "documents/2-complaint.md", "documents/3-breach.md", "published/1-status.md", "page/index.html", "page/feed.atom"} {
		require.Contains(t, texts, want, "the replay writes %s", want)
	}
	assert.Contains(t, texts["transcript.md"], "/crisis status", "the board is in the transcript")

	french := frenchVocabulary(t)
	exempt := exemptPhrases(sc, pb)
	for _, name := range sortedKeys(texts) {
		// A page's style sheet ("sans-serif") is not words for a reader.
		text := styleRE.ReplaceAllStringFunc(texts[name], blankOut)
		original := strings.Split(text, "\n")
		for i, line := range strings.Split(strip(text, exempt), "\n") {
			for _, w := range wordRE.FindAllString(line, -1) {
				if french[strings.ToLower(w)] {
					t.Errorf("%s:%d: got the French word %q in %q, want English", name, i+1, w, strings.TrimSpace(original[i]))
				}
			}
		}
	}
}

// englishPlaybook is the shipped English playbook the English cell runs.
const englishPlaybook = "cyberattack-council"

// TestEnglishPlaybookSpeaksEnglish: every word of the English playbook a
// reader sees — title, description, role names, fact questions, step titles,
// checklists and instructions — is English, whether or not the replay shows
// that step. Its ids are the French playbook's and are not read as words.
func TestEnglishPlaybookSpeaksEnglish(t *testing.T) {
	set, err := playbook.Load(playbooks.FS, "")
	require.NoError(t, err)
	pb, ok := set.Get(englishPlaybook)
	require.True(t, ok, "the English playbook %s is shipped", englishPlaybook)
	french := frenchVocabulary(t)
	check := func(where, text string) {
		for _, w := range wordRE.FindAllString(text, -1) {
			if french[strings.ToLower(w)] {
				t.Errorf("%s: got the French word %q, want English", where, w)
			}
		}
	}
	check("title", pb.Title)
	check("description", pb.Description)
	for _, r := range pb.Roles {
		check("role "+r.ID, r.Name+"\n"+r.Description)
	}
	for _, f := range pb.Facts {
		check("fact "+f.ID, f.Question)
	}
	for _, s := range pb.Steps {
		check("step "+s.ID, s.Title+"\n"+s.Instructions+"\n"+strings.Join(s.Checklist, "\n"))
	}
}

// TestEnglishPlaybookMirrorsTheFrench: the English playbook is the French
// one in other words. Documents, templates and commands key on its ids,
// needs, timings, drafts and conditions, so they are the French playbook's,
// identical; only the text a reader sees differs.
func TestEnglishPlaybookMirrorsTheFrench(t *testing.T) {
	set, err := playbook.Load(playbooks.FS, "")
	require.NoError(t, err)
	en, ok := set.Get(englishPlaybook)
	require.True(t, ok, "the English playbook %s is shipped", englishPlaybook)
	fr, ok := set.Get("cyberattaque-collectivite")
	require.True(t, ok, "the French playbook is shipped")
	assert.NotEqual(t, fr.Title, en.Title, "the title is translated")

	ids := func(p *playbook.Playbook) (roles, facts []string) {
		for _, r := range p.Roles {
			roles = append(roles, r.ID)
		}
		for _, f := range p.Facts {
			facts = append(facts, f.ID)
		}
		return roles, facts
	}
	frRoles, frFacts := ids(fr)
	enRoles, enFacts := ids(en)
	assert.Equal(t, frRoles, enRoles, "the same roles")
	assert.Equal(t, frFacts, enFacts, "the same facts")

	// A step's shape: everything but its title, instructions and the words
	// of its checklist.
	shape := func(s playbook.Step) playbook.Step {
		s.Title, s.Instructions = "", ""
		s.Checklist = make([]string, len(s.Checklist))
		return s
	}
	require.Len(t, en.Steps, len(fr.Steps), "the same steps")
	for i, s := range fr.Steps {
		assert.Equal(t, shape(s), shape(en.Steps[i]), "step %s", s.ID)
		assert.NotEqual(t, s.Title, en.Steps[i].Title, "step %s: the title is translated", s.ID)
	}
}

// playbooksRun are the playbooks a scenario starts, by /playbook run or
// /crisis open playbook:.
func playbooksRun(sc *replay.Scenario) []string {
	var ids []string
	for _, st := range sc.Steps {
		if m := playbookRunRE.FindStringSubmatch(st.Do); m != nil {
			ids = append(ids, m[1])
		}
	}
	return ids
}

var (
	playbookRunRE = regexp.MustCompile(`^/(?:playbook run .*\bname|crisis open .*\bplaybook):"?([a-z0-9-]+)`)
	wordRE        = regexp.MustCompile(`[\p{L}]+(?:['’][\p{L}]+)?`)
	actionRE      = regexp.MustCompile(`\{\{.*?\}\}|%[-+# 0-9.]*[a-zA-Z]`)
	quotedRE      = regexp.MustCompile(`[a-z_]+:"((?:[^"\\]|\\.)*)"`)
	bareRE        = regexp.MustCompile(`[a-z_]+:([^\s"]+)`)
	styleRE       = regexp.MustCompile(`(?s)<style>.*?</style>|<[a-z][^>]*>|</[a-z]+>`) // a page's style and tags (<main>) are not words
)

// frenchVocabulary is the bot's distinctly French vocabulary: the words of
// the catalogue's French side and of the French templates that its English
// side and the English templates never use.
func frenchVocabulary(t *testing.T) map[string]bool {
	t.Helper()
	var fr, en strings.Builder
	for _, m := range locale.Texts() {
		fr.WriteString(m.FR + "\n")
		en.WriteString(m.EN + "\n")
	}
	for lang, b := range map[string]*strings.Builder{"fr": &fr, "en": &en} {
		files, err := filepath.Glob(filepath.Join("..", "draft", "templates", lang, "*.tmpl"))
		require.NoError(t, err)
		require.NotEmpty(t, files)
		for _, f := range files {
			data, err := os.ReadFile(f)
			require.NoError(t, err)
			b.Write(data)
		}
	}
	words := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, w := range wordRE.FindAllString(actionRE.ReplaceAllString(s, " "), -1) {
			m[strings.ToLower(w)] = true
		}
		return m
	}
	english := words(en.String())
	out := map[string]bool{}
	for w := range words(fr.String()) {
		// Two letters or fewer ("à", "le", "de") are too short to tell
		// a language by; longer ones are, unless English has them too.
		if len([]rune(w)) > 2 && !english[w] {
			out[w] = true
		}
	}
	require.Greater(t, len(out), 200, "the French vocabulary is built")
	for _, w := range []string{"tâche", "crise", "ouverte", "brouillon", "approuvé", "échéance", "consigné", "courante", "détection"} {
		require.True(t, out[w], "got no %q in the French vocabulary, want it", w)
	}
	return out
}

// exemptPhrases are what the replay may show in French because people
// wrote it: the members' typed values, the cast and the organisation, and
// the ids of the playbook the cell runs (shared with the French playbook).
// Its text is not exempt: it is English. Longest first, so a phrase goes
// before its parts.
func exemptPhrases(sc *replay.Scenario, pb *playbook.Playbook) []string {
	var p []string
	add := func(s ...string) {
		for _, v := range s {
			if v = strings.TrimSpace(v); v != "" {
				p = append(p, v)
				if strings.Contains(v, "\n") {
					p = append(p, strings.Split(v, "\n")...)
				}
			}
		}
	}
	add(sc.Name, sc.Org.Name, sc.Org.Address, sc.Org.Representative, sc.Org.SIREN)
	for _, m := range sc.Members {
		add(m.ID, m.Name)
	}
	for _, st := range sc.Steps {
		add(st.Do)
		for _, m := range quotedRE.FindAllStringSubmatch(st.Do, -1) {
			add(m[1])
		}
		for _, m := range bareRE.FindAllStringSubmatch(st.Do, -1) {
			add(m[1])
		}
	}
	add(pb.ID)
	for _, r := range pb.Roles {
		add(r.ID)
	}
	for _, f := range pb.Facts {
		add(f.ID)
	}
	for _, s := range pb.Steps {
		add(s.ID)
	}
	sort.SliceStable(p, func(i, j int) bool { return len(p[i]) > len(p[j]) })
	return p
}

// strip takes the exempt phrases out of text, keeping its lines where
// they were so a finding points at the right one.
func strip(text string, exempt []string) string {
	for _, e := range exempt {
		text = strings.ReplaceAll(text, e, blankOut(e))
	}
	return text
}

// blankOut is s emptied of everything but its line breaks.
func blankOut(s string) string { return strings.Repeat("\n", strings.Count(s, "\n")) + " " }

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
