package paper_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/contacts"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/draft"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/paper"
	"github.com/tocsin-crisis/tocsin/internal/playbook"
	"github.com/tocsin-crisis/tocsin/internal/replay"
	"github.com/tocsin-crisis/tocsin/internal/store"
	"github.com/tocsin-crisis/tocsin/playbooks"
)

var paris, _ = time.LoadLocation("Europe/Paris")

// caen replays the Caen crisis on a fresh database and returns it with
// the playbooks it ran on.
func caen(t *testing.T) (*store.DB, *playbook.Set) {
	t.Helper()
	sc, err := replay.Load(filepath.Join("..", "..", "testdata", "scenarios", "caen-2022.yaml"))
	require.NoError(t, err)
	set, err := playbook.Load(playbooks.FS, "")
	require.NoError(t, err)
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "caen.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	res, err := replay.Run(context.Background(), sc, replay.Options{Store: db, Playbooks: playbook.NewEngine(set, nil), Lang: locale.FR})
	require.NoError(t, err)
	require.Nil(t, res.Failed)
	return db, set
}

func readKit(t *testing.T, db *store.DB, set *playbook.Set, id int64, lang locale.Lang, org draft.Org) *paper.Kit {
	t.Helper()
	var k *paper.Kit
	now := time.Date(2022, 9, 27, 12, 0, 0, 0, paris)
	require.NoError(t, db.View(context.Background(), func(tx crisis.Tx) error {
		var err error
		k, err = paper.Read(tx, id, paper.Source{Org: org, Set: set, Now: now, Loc: paris, Lang: lang})
		return err
	}))
	return k
}

// pdfText reads a PDF back with pdftotext, which .ci/deps installs.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (Debian's poppler-utils) is not installed: run .ci/deps to check the kit's PDF text")
	}
	path := filepath.Join(t.TempDir(), "kit.pdf")
	require.NoError(t, os.WriteFile(path, pdf, 0o644))
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	require.NoError(t, err)
	return string(out)
}

// flat joins the lines a PDF wraps, so a long title is found whole.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestCaenKit: the paper kit of the Caen replay holds every role's tasks
// of the crisis's playbook, with their checklists and deadlines and where
// each stands, the whole directory, the board and blank log sheets — in
// the PDF's own text, as a reader copies it.
func TestCaenKit(t *testing.T) {
	db, set := caen(t)
	org := draft.Org{Name: "Ville de Caen", Contacts: []contacts.Entry{
		{Name: "Prestataire CyberSecours", Kind: contacts.KindProvider, Phone: "02 31 00 00 01", Email: "soc@cybersecours.example", Hours: "24 h/24"},
	}}
	k := readKit(t, db, set, 1, locale.FR, org)
	require.NotNil(t, k.Crisis)
	require.Len(t, k.Playbooks, 1)
	assert.Equal(t, "paper-kit-1.pdf", k.FileName())

	md := k.Markdown()
	pdf, err := k.PDF()
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(pdf), "%PDF-"))
	text := flat(pdfText(t, pdf))

	p, _ := set.Get("cyberattaque-collectivite")
	for _, r := range p.Roles {
		assert.Contains(t, text, flat(r.Name), "role %s", r.ID)
	}
	for _, s := range p.Steps {
		assert.Contains(t, text, flat(s.Title), "step %s", s.ID)
		for _, c := range s.Checklist {
			assert.Contains(t, text, flat(paper.Box+" "+c), "checklist of %s", s.ID)
		}
	}
	for _, e := range contacts.Directory(org.Contacts, nil) {
		assert.Contains(t, text, flat(e.Name), "directory entry")
		if e.Phone != "" {
			assert.Contains(t, text, flat(e.Phone), "phone of %s", e.Name)
		}
	}
	for _, want := range []string{
		"Ville de Caen", "Crise n° 1 : Intrusion sur un serveur de messagerie (ouverte)",
		"Imprimé le 27/09/2022 12:00 (heure de Europe/Paris)",
		"dans les 30 min", "toutes les 4 h", "72 h après la détection",
		// Where each step stands, with its owner.
		"terminée le 26/09/2022 18:03", "@dsi",
		// The board: services with their workaround, roles held.
		"État civil (naissances, décès)", "Actes tenus sur registres papier", "hors service",
		"Directeur général des services (@dgs)",
		// The members of the cell.
		"Membres de la cellule", "Agent d'accueil",
		// The log sheets, the crisis number on their header.
		"Heure du fait", "Heure d'écriture", "Ce qui s'est passé — crise n° 1", "Qui",
		"tocsin import-log --crisis 1",
	} {
		assert.Contains(t, text, want)
	}
	assert.NotContains(t, text, "[U+", "every character is one the fonts draw")
	assert.Equal(t, paper.DefaultLogRows, strings.Count(md, "| | |\n"), "blank rows to write on")
	assert.GreaterOrEqual(t, strings.Count(text, "Ce qui s'est passé — crise n° 1"), 3, "the header, and the crisis number, on every log sheet")
}

// TestKitWithoutCrisis: before any attack, the kit holds every playbook
// loaded, the directory, and log sheets without a number; no board.
func TestKitWithoutCrisis(t *testing.T) {
	set, err := playbook.Load(playbooks.FS, "")
	require.NoError(t, err)
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "empty.db"))
	require.NoError(t, err)
	defer db.Close()
	k := readKit(t, db, set, 0, locale.EN, draft.Org{Name: "Kingsbridge Council"})
	assert.Nil(t, k.Crisis)
	assert.Equal(t, "paper-kit.pdf", k.FileName())
	assert.Len(t, k.Playbooks, len(set.List()))
	md := k.Markdown()
	for _, p := range set.List() {
		assert.Contains(t, md, p.Title)
	}
	assert.Contains(t, md, "No crisis open")
	assert.Contains(t, md, "What happened — crisis ……")
	assert.NotContains(t, md, "Board as of")
	assert.NotContains(t, md, "On the board:")
	assert.Contains(t, md, "Time of the fact")
	text := flat(pdfText(t, mustPDF(t, k)))
	assert.Contains(t, text, "Crisis cell paper kit")
	assert.NotContains(t, text, "[U+")
}

func mustPDF(t *testing.T, k *paper.Kit) []byte {
	t.Helper()
	pdf, err := k.PDF()
	require.NoError(t, err)
	return pdf
}

// TestKitEscapesWhatTheCellTyped: a name or workaround with Markdown's
// marks prints as typed, never as markup or a broken table.
func TestKitEscapesWhatTheCellTyped(t *testing.T) {
	k := &paper.Kit{Lang: locale.FR, Loc: paris, Now: time.Date(2022, 9, 27, 12, 0, 0, 0, paris),
		Crisis:    &crisis.Crisis{ID: 2, Title: "*urgent* | #1", State: crisis.Open},
		Services:  []crisis.Service{{Name: "Paie | RH", Status: "down", Workaround: "<b>chèques</b> _papier_"}},
		Directory: []contacts.Entry{{Name: "1. Gendarmerie", Kind: contacts.KindPolice, Phone: "17"}},
	}
	text := flat(pdfText(t, mustPDF(t, k)))
	for _, want := range []string{"*urgent* | #1", "Paie | RH", "<b>chèques</b> _papier_", "1. Gendarmerie"} {
		assert.Contains(t, text, want)
	}
}

// TestWriteKitForEyes writes the Caen kit where a person can look at it
// (TOCSIN_PAPER_OUT=dir); skipped otherwise.
func TestWriteKitForEyes(t *testing.T) {
	dir := os.Getenv("TOCSIN_PAPER_OUT")
	if dir == "" {
		t.Skip("set TOCSIN_PAPER_OUT to a folder to write the Caen kit there")
	}
	db, set := caen(t)
	k := readKit(t, db, set, 1, locale.FR, draft.Org{Name: "Ville de Caen"})
	require.NoError(t, os.WriteFile(filepath.Join(dir, k.FileName()), mustPDF(t, k), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "kit.md"), []byte(k.Markdown()), 0o644))
}
