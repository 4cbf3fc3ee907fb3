package paper_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/paper"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

var caenMembers = []crisis.Member{
	{ID: "dgs", Name: "Directeur général des services"},
	{ID: "continuite", Name: "Responsable de la continuité des services"},
	{ID: "agent", Name: "Agent d'accueil"},
}

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, paris)
	if err != nil {
		panic(err)
	}
	return t
}

// TestReadPaperSheet reads what a French office's spreadsheet writes from
// the sheets: a byte-order mark, semicolons, CRLF, a header row, an empty
// row, accents, « », emoji, a quoted text holding the separator, a fact
// noted just after midnight, authors by name, by @id, unknown, or none.
func TestReadPaperSheet(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "caen-paper.csv"))
	require.NoError(t, err)
	s := paper.ReadSheet(data, paris, caenMembers)
	require.Empty(t, s.Errors)
	assert.False(t, s.CP1252)
	type row struct {
		line          int
		fact, written string
		text          string
		author        string
		member        string
	}
	var got []row
	for _, e := range s.Entries {
		got = append(got, row{e.Line, e.FactAt.In(paris).Format("2006-01-02 15:04"), e.WrittenAt.In(paris).Format("2006-01-02 15:04"), e.Text, e.Author, e.Member})
	}
	assert.Equal(t, []row{
		{2, "2022-09-26 17:10", "2022-09-26 17:15", "Naissance déclarée à l'accueil, acte tenu sur le registre papier n° 3", "Agent d'accueil", "agent"},
		{3, "2022-09-26 17:40", "2022-09-26 17:40", "Appel du maire : « tenir la presse informée avant 20 h » 📞", "@dgs", "dgs"},
		{5, "2022-09-26 23:50", "2022-09-27 00:10", "Décès déclaré par les pompes funèbres, registre papier", "Mme Durand (pompes funèbres)", ""},
		{6, "2022-09-27 07:55", "2022-09-27 08:02", `Piscine : caisse en espèces ouverte; 12 entrées "à l'ancienne"`, "continuite", "continuite"},
		{7, "2022-09-27 08:30", "2022-09-27 08:31", "Rendez-vous passeports reportés, affiche posée 🪧", "", ""},
	}, got)

	// The same sheet saved by Excel in Windows-1252 (which has no emoji):
	// read alike.
	plain := strings.NewReplacer(" 📞", "", " 🪧", "", "\ufeff", "").Replace(string(data))
	cp, err := charmap.Windows1252.NewEncoder().String(plain)
	require.NoError(t, err)
	s = paper.ReadSheet([]byte(cp), paris, caenMembers)
	require.Empty(t, s.Errors)
	assert.True(t, s.CP1252)
	require.Len(t, s.Entries, 5)
	assert.Equal(t, "Appel du maire : « tenir la presse informée avant 20 h »", s.Entries[1].Text)
}

// TestReadPaperSheetErrors: every bad row is named, with its column, in
// one line each; good rows around them do not hide them.
func TestReadPaperSheetErrors(t *testing.T) {
	csv := "Heure du fait;Heure d'écriture;Texte;Qui\n" +
		"26/09/2022 14:05;26/09/2022 14:10;Bon;dgs\n" +
		"31/09/2022 14:05;26/09/2022 14:10;Date impossible;dgs\n" +
		"14:05;14:10;Pas de date;dgs\n" +
		"26/09/2022 15:00;26/09/2022 14:10;Écrit avant d'arriver;dgs\n" +
		"26/09/2022 14:05;;Sans heure d'écriture;dgs\n" +
		"26/09/2022 14:05;26/09/2022 14:10;;dgs\n" +
		"26/09/2022 14:05;26/09/2022 14:10;Colonne de trop;dgs;bonjour\n" +
		"26/09/2022 14:05;26/09/2022 14:10\n" +
		"demain;26/09/2022 14:10;Heure illisible;dgs\n"
	s := paper.ReadSheet([]byte(csv), paris, caenMembers)
	require.Len(t, s.Entries, 1)
	var lines []string
	for _, e := range s.Errors {
		lines = append(lines, e.Message(locale.FR))
	}
	assert.Equal(t, []string{
		"ligne 3, colonne 1 (heure du fait) : « 31/09/2022 14:05 » n'est pas une date et une heure lisibles (JJ/MM/AAAA HH:MM, AAAA-MM-JJ HH:MM, ou HH:MM pour l'heure du fait)",
		"ligne 4, colonne 2 (heure d'écriture) : « 14:10 » n'a pas de date : l'heure d'écriture porte sa date (JJ/MM/AAAA HH:MM)",
		"ligne 5, colonne 1 (heure du fait) : le fait (26/09/2022 15:00) serait arrivé après avoir été écrit (26/09/2022 14:10)",
		"ligne 6, colonne 2 (heure d'écriture) : vide, alors qu'elle est obligatoire",
		"ligne 7, colonne 3 (texte) : vide, alors qu'elle est obligatoire",
		"ligne 8, colonne 5 : une colonne de trop, « bonjour » : les colonnes sont heure du fait, heure d'écriture, texte, auteur",
		"ligne 9 : 2 colonnes : il faut au moins heure du fait, heure d'écriture, texte (puis auteur)",
		"ligne 10, colonne 1 (heure du fait) : « demain » n'est pas une date et une heure lisibles (JJ/MM/AAAA HH:MM, AAAA-MM-JJ HH:MM, ou HH:MM pour l'heure du fait)",
	}, lines)
}

// TestImportPaperLog: imported into the Caen crisis, each entry keeps the
// time of the fact and the time written on paper, says it came from paper,
// names its author; the hash chain still verifies; importing again is
// refused row by row, and a file with one bad row imports nothing.
func TestImportPaperLog(t *testing.T) {
	db, _ := caen(t)
	ctx := context.Background()
	data, err := os.ReadFile(filepath.Join("testdata", "caen-paper.csv"))
	require.NoError(t, err)
	now := at("2022-09-27 12:00")
	count := func() int {
		var n int
		require.NoError(t, db.View(ctx, func(tx crisis.Tx) error { n, err = tx.CountLog(1); return err }))
		return n
	}
	before := count()

	imp := func(data []byte) (paper.Imported, []paper.RowError, error) {
		var got paper.Imported
		var rows []paper.RowError
		err := db.Update(ctx, func(tx crisis.Tx) error {
			members, err := tx.Members()
			if err != nil {
				return err
			}
			got, rows, err = paper.Import(tx, 1, paper.ReadSheet(data, paris, members), "caen-paper.csv", now, paris, locale.FR)
			return err
		})
		return got, rows, err
	}
	got, rows, err := imp(data)
	require.NoError(t, err)
	require.Empty(t, rows)
	require.Len(t, got.Entries, 5)
	assert.Equal(t, before+6, count(), "five entries and the line that says the import took place")

	e := got.Entries[0]
	assert.Equal(t, "agent", e.Author)
	assert.Equal(t, crisis.LogNote, e.Kind)
	assert.True(t, e.At.Equal(at("2022-09-26 17:10")), "the time of the fact: got %s", e.At)
	assert.True(t, e.RecordedAt.Equal(at("2022-09-26 17:15")), "the time written on paper: got %s", e.RecordedAt)
	assert.Equal(t, "[Main courante papier, saisie le 27/09/2022 12:00] Naissance déclarée à l'accueil, acte tenu sur le registre papier n° 3", e.Text)
	midnight := got.Entries[2]
	assert.Equal(t, paper.Importer, midnight.Author)
	assert.Equal(t, "[Main courante papier, saisie le 27/09/2022 12:00 ; auteur hors cellule : Mme Durand (pompes funèbres)] Décès déclaré par les pompes funèbres, registre papier", midnight.Text)
	assert.True(t, midnight.At.Equal(at("2022-09-26 23:50")))
	assert.Equal(t, "[Main courante papier, saisie le 27/09/2022 12:00 ; auteur non indiqué] Rendez-vous passeports reportés, affiche posée 🪧", got.Entries[4].Text)
	assert.Equal(t, map[string][]int{"Mme Durand (pompes funèbres)": {5}, "": {7}}, got.Unknown)

	reports, err := crisis.VerifyLogs(ctx, db, 1)
	require.NoError(t, err)
	require.Len(t, reports, 1)
	assert.NoError(t, reports[0].Err, "the hash chain verifies after the import")

	// The same file again: every row is already there.
	_, rows, err = imp(data)
	require.ErrorIs(t, err, paper.ErrRows)
	require.Len(t, rows, 5)
	assert.Contains(t, rows[0].Message(locale.FR), "ligne 2 : déjà dans la main courante (entrée n° ")
	assert.Equal(t, before+6, count(), "nothing imported twice")

	// A new sheet with one good row and one from the future: nothing.
	bad := "26/09/2022 19:00;26/09/2022 19:05;Point avec la préfecture;dgs\n27/09/2022 13:00;27/09/2022 13:05;Plus tard;dgs\n"
	_, rows, err = imp([]byte(bad))
	require.ErrorIs(t, err, paper.ErrRows)
	require.Len(t, rows, 1)
	assert.Equal(t, "ligne 2, colonne 2 (heure d'écriture) : 27/09/2022 13:05 est dans le futur", rows[0].Message(locale.FR))
	assert.Equal(t, before+6, count(), "all or nothing")
}

// TestImportIntoClosedCrisis is refused in one sentence.
func TestImportIntoClosedCrisis(t *testing.T) {
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "x.db"))
	require.NoError(t, err)
	defer db.Close()
	err = db.Update(context.Background(), func(tx crisis.Tx) error {
		c := crisis.Crisis{Title: "Ancienne", State: crisis.Closed, OpenedAt: at("2022-09-26 16:00"), OpenedBy: "dsi"}
		if err := tx.CreateCrisis(&c); err != nil {
			return err
		}
		s := paper.ReadSheet([]byte("26/09/2022 17:00;26/09/2022 17:05;x;y\n"), paris, nil)
		_, _, err := paper.Import(tx, c.ID, s, "f.csv", at("2022-09-27 12:00"), paris, locale.FR)
		return err
	})
	msg, ok := locale.Message(locale.FR, err)
	require.True(t, ok, "got %v", err)
	assert.Equal(t, "la crise n° 1 est close : sa main courante ne reçoit plus d'entrée", msg)
}
