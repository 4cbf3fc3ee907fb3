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
// page — once what the members typed and the playbook's own (French) text
// are taken out. Issue 11: the log, the board and the documents spoke French.
func TestEnglishReplaySpeaksEnglish(t *testing.T) {
	sc, err := replay.Load(englishScenario)
	require.NoError(t, err)
	require.Equal(t, locale.EN, sc.Lang, "the scenario is written for an English-speaking cell")
	set, err := playbook.Load(playbooks.FS, "")
	require.NoError(t, err)
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
	exempt := exemptPhrases(sc, set)
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

var (
	wordRE   = regexp.MustCompile(`[\p{L}]+(?:['’][\p{L}]+)?`)
	actionRE = regexp.MustCompile(`\{\{.*?\}\}|%[-+# 0-9.]*[a-zA-Z]`)
	quotedRE = regexp.MustCompile(`[a-z_]+:"((?:[^"\\]|\\.)*)"`)
	bareRE   = regexp.MustCompile(`[a-z_]+:([^\s"]+)`)
	styleRE  = regexp.MustCompile(`(?s)<style>.*?</style>`)
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
// the playbook's own text. Longest first, so a phrase goes before its parts.
func exemptPhrases(sc *replay.Scenario, set *playbook.Set) []string {
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
	for _, pb := range set.List() {
		add(pb.ID, pb.Title, pb.Description)
		for _, r := range pb.Roles {
			add(r.ID, r.Name, r.Description)
		}
		for _, f := range pb.Facts {
			add(f.ID, f.Question)
		}
		for _, s := range pb.Steps {
			add(s.ID, s.Title, s.Instructions)
			add(s.Checklist...)
		}
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
