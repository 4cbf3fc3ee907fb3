package replay_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/golden"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/playbook"
	"github.com/tocsin-crisis/tocsin/internal/replay"
	"github.com/tocsin-crisis/tocsin/internal/store"
	"github.com/tocsin-crisis/tocsin/playbooks"
)

var (
	caenScenario = filepath.Join("..", "..", "testdata", "scenarios", "caen-2022.yaml")
	caenGolden   = filepath.Join("..", "..", "testdata", "caen-2022")
)

// TestCaenReplay plays the Caen crisis and compares every text it writes
// with the committed files under testdata/caen-2022 (-update rewrites them
// after a deliberate change).
func TestCaenReplay(t *testing.T) {
	sc, err := replay.Load(caenScenario)
	require.NoError(t, err)
	set, err := playbook.Load(playbooks.FS, "")
	require.NoError(t, err)
	db, err := store.Open(context.Background(), ":memory:")
	require.NoError(t, err)
	defer db.Close()
	out := t.TempDir()
	res, err := replay.Run(context.Background(), sc, replay.Options{Store: db, Playbooks: playbook.NewEngine(set, nil), Lang: locale.FR, Out: out})
	require.NoError(t, err)
	require.Nil(t, res.Failed, "every step goes as the script expects")

	var files []string
	require.NoError(t, filepath.WalkDir(out, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasSuffix(path, ".pdf") {
			rel, _ := filepath.Rel(out, path)
			files = append(files, rel)
		}
		return err
	}))
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(out, f))
		require.NoError(t, err)
		golden.Assert(t, filepath.Join(caenGolden, f), string(data))
	}

	transcript := read(t, out, "transcript.md")
	// Reminders and escalations come at their virtual times.
	for _, want := range []string{
		"## 26/09/2022 16:35 — 🔔 Tocsin → @dsi\n\n> ⏰ Rappel : tâche #3 (isoler)",
		"## 26/09/2022 16:50 — 🔔 Tocsin → @dsi\n\n> ⚠️ En retard : tâche #3 (isoler)",
		"## 26/09/2022 17:20 — 🔔 Tocsin → @dgs @dsi\n\n> 🚨 Escalade : tâche #3 (isoler)",
	} {
		assert.Contains(t, transcript, want)
	}
	assert.Contains(t, transcript, "n'a pas la capacité comms", "the agent's approval is refused, as scripted")

	complaint := read(t, out, "documents/2-complaint.md")
	for _, want := range []string{
		"| 26/09/2022 14:30 | 26/09/2022 16:07 | Début de l'attaque",
		"| 26/09/2022 16:00 | 26/09/2022 16:06 | Alertes du pare-feu : une dizaine de tentatives d'intrusion par seconde",
		"| 26/09/2022 16:28 | 26/09/2022 16:28 | Début de l'isolement des serveurs",
		"| 26/09/2022 18:00 | 26/09/2022 18:02 | Serveurs totalement isolés ; sauvegardes isolées ; serveurs de fichiers arrêtés",
		"`198.51.100.23`",
		"Messagerie @caen.fr : hors service ; solution de contournement : Téléphone",
		"État civil (naissances, décès) : dégradé ; solution de contournement : Actes tenus sur registres papier",
		"Piscines, patinoires, musées et théâtres : dégradé ; solution de contournement : Paiement en espèces uniquement",
		"Retransmission du conseil municipal : hors service",
		"Journaux du pare-feu du 26/09", "Copie de la mémoire et des disques des 2 serveurs infectés",
		"Article 323-1",
	} {
		assert.Contains(t, complaint, want)
	}
	assert.FileExists(t, filepath.Join(out, "documents", "2-complaint.pdf"))
	assert.FileExists(t, filepath.Join(out, "published", "1-status.md"))
	assert.FileExists(t, filepath.Join(out, "published", "1-status.txt"))
	assert.NoFileExists(t, filepath.Join(out, "published", "3-status.md"), "the press update is a final document, never published")
	assert.FileExists(t, filepath.Join(out, "documents", "timeline.svg"))

	if _, err := exec.LookPath("pdftotext"); err == nil {
		text, err := exec.Command("pdftotext", "-enc", "UTF-8", filepath.Join(out, "documents", "2-complaint.pdf"), "-").Output()
		require.NoError(t, err)
		flat := strings.Join(strings.Fields(string(text)), " ")
		assert.Contains(t, flat, "Plainte contre X — atteinte à un système de traitement automatisé de données")
		assert.Contains(t, flat, "État civil (naissances, décès)")
	}
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	require.NoError(t, err)
	return string(data)
}
