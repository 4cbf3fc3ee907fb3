package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/config"
)

// runWithStatusPage runs the program with statuspage.dir set to page.
func runWithStatusPage(t *testing.T, db, page string, at time.Time, stdin string, args ...string) (int, string, string) {
	t.Helper()
	env := map[string]string{"TOCSIN_DB": db, "TOCSIN_STATUSPAGE_DIR": page}
	file := []byte("org: {name: Ville de Caen}\nstatuspage: {contact: {phone: \"02 31 30 41 00\", hours: \"8 h 30 – 17 h 30\"}}\n")
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, system{
		stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut,
		load: func() (config.Config, error) {
			return config.Load(func(k string) string { return env[k] }, func(p string) ([]byte, error) {
				if p == "tocsin.yaml" {
					return file, nil
				}
				return nil, fs.ErrNotExist
			})
		},
		now: func() time.Time { return at },
	})
	return code, out.String(), errOut.String()
}

// TestStatusPageRewrittenOnApproval: issue 13. With statuspage.dir set,
// approving a public update rewrites the page at once, with the board as
// it stands; approving a staff update leaves it alone.
func TestStatusPageRewrittenOnApproval(t *testing.T) {
	dir := t.TempDir()
	db, page := filepath.Join(dir, "tocsin.db"), filepath.Join(dir, "site")
	t0 := time.Date(2022, 9, 26, 18, 30, 0, 0, paris)
	code, out, errOut := runWithStatusPage(t, db, page, t0, `/crisis open title:"Intrusion" detected_at:16:00
/service set name:"État civil" status:degraded workaround:"Registres papier"
/service set name:"Bibliothèques" status:up
/draft status audience:staff
/draft approve id:1 confirm:yes
`, "console", "--as", "dsi")
	require.Equal(t, 0, code, errOut)
	require.NotContains(t, out, "publication", "no publication failed: %s", out)
	_, err := os.Stat(filepath.Join(page, "index.html"))
	assert.ErrorIs(t, err, fs.ErrNotExist, "a staff update does not make a page")

	code, out, errOut = runWithStatusPage(t, db, page, t0.Add(10*time.Minute), `/draft status audience:public
/draft edit id:2 text:"L'état civil fonctionne sur registres papier."
/draft approve id:2 confirm:yes
`, "console", "--as", "dsi")
	require.Equal(t, 0, code, errOut)
	index, err := os.ReadFile(filepath.Join(page, "index.html"))
	require.NoError(t, err, "the approval wrote the page: %s", out)
	for _, want := range []string{"Ville de Caen — Point de situation", "État civil", "Perturbé", "Registres papier",
		"Mis à jour le 26/09/2022 18:40", "état civil fonctionne sur registres papier", `href="tel:0231304100"`} {
		assert.Contains(t, string(index), want)
	}
	assert.FileExists(t, filepath.Join(page, "feed.atom"))
	assert.FileExists(t, filepath.Join(page, "favicon.svg"))

	code, _, errOut = runWithStatusPage(t, db, page, t0.Add(20*time.Minute), `/service set name:"État civil" status:up
/draft status audience:staff
/draft approve id:3 confirm:yes
`, "console", "--as", "dsi")
	require.Equal(t, 0, code, errOut)
	after, err := os.ReadFile(filepath.Join(page, "index.html"))
	require.NoError(t, err)
	assert.Equal(t, string(index), string(after), "a staff approval leaves the public page alone")

	code, _, errOut = runWithStatusPage(t, db, page, t0.Add(30*time.Minute), `/draft status audience:public
/draft approve id:4 confirm:yes
`, "console", "--as", "dsi")
	require.Equal(t, 0, code, errOut)
	after, err = os.ReadFile(filepath.Join(page, "index.html"))
	require.NoError(t, err)
	assert.Contains(t, string(after), "Mis à jour le 26/09/2022 19:00")
	assert.Contains(t, string(after), `<article id="u2">`, "the first update is now a past one")
	assert.Contains(t, string(after), "<span aria-hidden=\"true\">✓</span> Fonctionne</span>", "the board as it stands at the approval")
	entries, err := os.ReadDir(page)
	require.NoError(t, err)
	for _, e := range entries {
		assert.False(t, strings.HasPrefix(e.Name(), "."), "got %s, want no temporary file left", e.Name())
	}
}

// TestReplayWritesStatusPage: tocsin replay writes the page under
// statuspage/, as the approvals of the scenario left it.
func TestReplayWritesStatusPage(t *testing.T) {
	out := t.TempDir()
	code, stdout, errOut := runTocsin(t, filepath.Join(out, "unused.db"), time.Now(), "", "replay", filepath.Join("..", "testdata", "scenarios", "caen-2022.yaml"), "--out", out)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, stdout, filepath.Join(out, "statuspage")+"/")
	index, err := os.ReadFile(filepath.Join(out, "statuspage", "index.html"))
	require.NoError(t, err)
	page := string(index)
	for _, want := range []string{"<h1>Ville de Caen — Point de situation</h1>", "Messagerie @caen.fr", "Actes tenus sur registres papier",
		"Paiement en espèces uniquement", "Horodateurs", "Mis à jour le 27/09/2022 09:00", `<article id="u1">`} {
		assert.Contains(t, page, want)
	}
	assert.NotContains(t, page, `id="u3"`, "the press update is not on the public page")

	// The picture shows the services and the updates, never the cell's
	// log: no attacker's address, no finding of the investigation.
	svg, err := os.ReadFile(filepath.Join(out, "statuspage", "timeline.svg"))
	require.NoError(t, err)
	assert.Contains(t, page, `src="timeline.svg"`)
	for _, want := range []string{"Points publiés", "Messagerie @caen.fr", "hors service"} {
		assert.Contains(t, string(svg), want)
	}
	for _, leak := range []string{"198.51.100.23", "pare-feu", "Main courante", "échéance", "CNIL"} {
		assert.NotContains(t, string(svg), leak, "the public picture holds the cell's log")
		assert.NotContains(t, page, leak)
	}
}
