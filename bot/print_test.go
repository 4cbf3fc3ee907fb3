package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/contacts"
	"github.com/tocsin-crisis/tocsin/internal/playbook"
	"github.com/tocsin-crisis/tocsin/playbooks"
)

// TestPrintCaenKit is the acceptance: the paper kit of the Caen
// replay opens as a PDF whose text (pdftotext) holds every role's tasks
// of the crisis's playbook and the directory.
func TestPrintCaenKit(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "caen.db")
	scenario := filepath.Join("..", "testdata", "scenarios", "caen-2022.yaml")
	code, _, errOut := runTocsin(t, db, time.Now(), "", "replay", scenario, "--db", db)
	require.Equal(t, 0, code, errOut)

	out := filepath.Join(dir, "kit")
	at := time.Date(2022, 9, 27, 12, 0, 0, 0, paris)
	code, stdout, errOut := runTocsin(t, db, at, "", "print", "--crisis", "1", "--out", out)
	require.Equal(t, 0, code, errOut)
	path := filepath.Join(out, "paper-kit-1.pdf")
	assert.Contains(t, stdout, path)
	pdf, err := os.ReadFile(path)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(pdf), "%PDF-"))
	entries, err := os.ReadDir(out)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "nothing but the kit is left in the folder (no temporary file)")

	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (Debian's poppler-utils) is not installed: run .ci/deps to read the kit's text back")
	}
	raw, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	require.NoError(t, err)
	text := strings.Join(strings.Fields(string(raw)), " ")
	set, err := playbook.Load(playbooks.FS, "")
	require.NoError(t, err)
	p, ok := set.Get("cyberattaque-collectivite")
	require.True(t, ok)
	for _, r := range p.Roles {
		assert.Contains(t, text, r.Name+" ("+r.ID+")", "role %s", r.ID)
		for _, s := range p.Steps {
			if s.Role == r.ID {
				assert.Contains(t, text, strings.Join(strings.Fields(s.Title), " "), "task %s of role %s", s.ID, r.ID)
			}
		}
	}
	for _, e := range contacts.National() {
		assert.Contains(t, text, e.Name, "directory")
	}
	for _, want := range []string{"Ce qui s'est passé — crise n° 1", "Heure du fait", "Heure d'écriture", "Qui",
		"Actes tenus sur registres papier", "Imprimé le 27/09/2022 12:00"} {
		assert.Contains(t, text, want)
	}
}

// TestPrintWithoutCrisis: before any crisis, tocsin print writes the kit
// of every playbook; a crisis that does not exist is one clear line.
func TestPrintWithoutCrisis(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "tocsin.db")
	code, _, errOut := runTocsin(t, db, time.Now(), "/member list\n", "console", "--as", "dsi")
	require.Equal(t, 0, code, errOut)

	code, stdout, errOut := runTocsin(t, db, time.Now(), "", "print", "--out", dir)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, stdout, filepath.Join(dir, "paper-kit.pdf"))
	assert.FileExists(t, filepath.Join(dir, "paper-kit.pdf"))

	code, _, errOut = runTocsin(t, db, time.Now(), "", "print", "--crisis", "7", "--out", dir)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "crise n° 7")
	assert.Equal(t, 1, strings.Count(strings.TrimSpace(errOut), "\n")+1, "one line: %q", errOut)

	code, _, errOut = runTocsin(t, db, time.Now(), "", "print")
	assert.Equal(t, 2, code, "--out is required")
	assert.Contains(t, errOut, "usage: tocsin print")
}
