package main

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExportAndStatusPage: after a short crisis, tocsin export writes the
// zip with every part the spec lists, and tocsin statuspage the page and
// its feed.
func TestExportAndStatusPage(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "tocsin.db")
	t0 := time.Date(2022, 9, 26, 18, 30, 0, 0, paris)
	code, out, errOut := runTocsin(t, db, t0, `/member add id:comm name:Communication capabilities:member,comms
/crisis open title:"Intrusion" detected_at:16:00
/log text:"Serveurs isolés" at:16:28
/service set name:"État civil" status:degraded workaround:"Registres papier"
/draft status
/draft edit id:1 text:"L'état civil fonctionne sur registres papier."
/draft approve id:1
/draft complaint
`, "console", "--as", "dsi")
	require.Equal(t, 0, code, errOut)
	require.Equal(t, strings.Count(out, "⚠️"), strings.Count(out, "⚠️ Vérification"), "no command failed")
	assert.FileExists(t, filepath.Join(dir, "2-complaint.pdf"), "the console saves attachments beside the database")

	code, out, errOut = runTocsin(t, db, t0, "", "export", "--crisis", "1", "--out", filepath.Join(dir, "out"))
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "crisis-1.zip written")
	zr, err := zip.OpenReader(filepath.Join(dir, "out", "crisis-1.zip"))
	require.NoError(t, err)
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	assert.Subset(t, names, []string{"log.md", "log.csv", "tasks.md", "hash-chain.txt",
		"documents/1-status.md", "documents/2-complaint.md", "documents/2-complaint.pdf",
		"drafts/1-status/v1.md", "drafts/1-status/v2.md", "drafts/2-complaint/v1.md"})

	code, out, errOut = runTocsin(t, db, t0, "", "statuspage", "--out", filepath.Join(dir, "page"))
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "1 update\n")
	page, err := os.ReadFile(filepath.Join(dir, "page", "index.html"))
	require.NoError(t, err)
	assert.Contains(t, string(page), "état civil fonctionne sur registres papier.")
	assert.FileExists(t, filepath.Join(dir, "page", "feed.atom"))
}
