package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestImportLogCaen: the sheets of the Caen cell, typed into a French
// spreadsheet, are imported into the replayed crisis; the hash chain still
// verifies; a file with a bad row imports nothing and names the row.
func TestImportLogCaen(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "caen.db")
	code, _, errOut := runTocsin(t, db, time.Now(), "", "replay", filepath.Join("..", "testdata", "scenarios", "caen-2022.yaml"), "--db", db)
	require.Equal(t, 0, code, errOut)
	now := time.Date(2022, 9, 27, 12, 0, 0, 0, paris)

	bad := filepath.Join(dir, "bad.csv")
	require.NoError(t, os.WriteFile(bad, []byte("Heure du fait;Heure d'écriture;Texte;Qui\n26/09/2022 19:00;26/09/2022 19:05;Point préfecture;dgs\n26/09/2022 19:00;19:05;Sans date;dgs\n"), 0o644))
	code, out, errOut := runTocsin(t, db, now, "", "import-log", "--crisis", "1", bad)
	assert.Equal(t, 1, code)
	assert.Empty(t, out)
	assert.Equal(t, "ligne 3, colonne 2 (heure d'écriture) : « 19:05 » n'a pas de date : l'heure d'écriture porte sa date (JJ/MM/AAAA HH:MM)\n"+
		"tocsin import-log: rien n'a été importé : 1 ligne à corriger\n", errOut)

	code, out, errOut = runTocsin(t, db, now, "", "import-log", "--crisis", "1", filepath.Join("..", "internal", "paper", "testdata", "caen-paper.csv"))
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, "crise n° 1 : main courante papier importée (5 entrées, aux heures écrites sur le papier) ; tocsin verify vérifie la chaîne\n"+
		"auteur hors cellule, gardé tel qu'écrit et marqué : — (n° de ligne : 7)\n"+
		"auteur hors cellule, gardé tel qu'écrit et marqué : Mme Durand (pompes funèbres) (n° de ligne : 5)\n", out)

	code, out, errOut = runTocsin(t, db, now, "", "verify", "--crisis", "1")
	require.Equal(t, 0, code, errOut)
	assert.True(t, strings.HasPrefix(out, "crisis 1: ok, "), out)

	code, _, errOut = runTocsin(t, db, now, "", "import-log", "--crisis", "2", bad)
	assert.Equal(t, 1, code)
	assert.Equal(t, "tocsin import-log: pas de crise n° 2 dans la base\n", errOut)

	code, _, _ = runTocsin(t, db, now, "", "import-log", bad)
	assert.Equal(t, 2, code, "--crisis is required")
}

// TestImportLogNeedsADatabase: a mistyped TOCSIN_DB is refused in one line
// and no empty database is made in its place.
func TestImportLogNeedsADatabase(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "sheets.csv")
	require.NoError(t, os.WriteFile(csv, []byte("26/09/2022 16:00;26/09/2022 16:05;Serveur isolé;dsi\n"), 0o644))
	db := filepath.Join(dir, "tocsn.db")
	code, _, errOut := runTocsin(t, db, time.Now(), "", "import-log", "--crisis", "1", csv)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "no database at "+db)
	assert.NoFileExists(t, db)
}
