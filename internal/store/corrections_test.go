package store_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// TestCorrectionsMigrationKeepsIndicators: a database of schema 5 with an
// indicator migrates to 0006 with the indicator and its number kept; the
// same value may then be recorded again (the record refuses a duplicate
// among the indicators that stand), and numbering goes on after the last.
func TestCorrectionsMigrationKeepsIndicators(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v5.db")
	raw, err := sql.Open("sqlite3", path)
	require.NoError(t, err)
	files, err := filepath.Glob("migrations/000[1-5]_*.sql")
	require.NoError(t, err)
	require.Len(t, files, 5)
	sort.Strings(files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		_, err = raw.Exec(string(b))
		require.NoError(t, err, f)
	}
	_, err = raw.Exec(`PRAGMA user_version = 5;
		INSERT INTO crises (id, title, state, opened_at, opened_by) VALUES (1, 'Intrusion', 'open', '2022-09-26T14:05:00Z', 'dsi');
		INSERT INTO indicators (id, crisis_id, kind, value, added_at, added_by) VALUES (7, 1, 'ip', '203.0.113.7', '2022-09-26T14:06:00Z', 'dsi')`)
	require.NoError(t, err)
	require.NoError(t, raw.Close())

	db, err := store.Open(ctx, path)
	require.NoError(t, err)
	defer db.Close()
	at := time.Date(2022, 9, 26, 16, 30, 0, 0, time.UTC)
	require.NoError(t, db.Update(ctx, func(tx crisis.Tx) error {
		is, err := tx.Indicators(1)
		require.NoError(t, err)
		require.Len(t, is, 1)
		assert.Equal(t, int64(7), is[0].ID)
		assert.Equal(t, "203.0.113.7", is[0].Value)
		again := crisis.Indicator{CrisisID: 1, Kind: "ip", Value: "203.0.113.7", AddedAt: at, AddedBy: "dsi"}
		require.NoError(t, tx.AddIndicator(&again))
		assert.Equal(t, int64(8), again.ID, "got number %d, want numbering to go on", again.ID)
		return nil
	}))
}

// TestCorrectionsAreKeptAsWritten: a correction and a custody link are
// never rewritten or deleted, even by hand in the database.
func TestCorrectionsAreKeptAsWritten(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, ":memory:")
	require.NoError(t, err)
	defer db.Close()
	at := time.Date(2022, 9, 26, 16, 30, 0, 0, time.UTC)
	require.NoError(t, db.Update(ctx, func(tx crisis.Tx) error {
		c := crisis.Crisis{Title: "Intrusion", State: crisis.Open, OpenedAt: at, OpenedBy: "dsi"}
		require.NoError(t, tx.CreateCrisis(&c))
		e := crisis.Evidence{CrisisID: c.ID, Item: "Image disque", Custodian: "DSI", AddedAt: at, AddedBy: "dsi"}
		require.NoError(t, tx.AddEvidence(&e))
		require.NoError(t, tx.AddCustody(&crisis.CustodyTransfer{CrisisID: c.ID, EvidenceID: e.ID, Custodian: "Gendarmerie", Location: "Scellé 12", At: at.Add(time.Hour), By: "dsi"}))
		require.NoError(t, tx.SetService(crisis.Service{CrisisID: c.ID, Name: "etat civil", Status: "down", UpdatedAt: at, UpdatedBy: "dsi"}))
		require.NoError(t, tx.RenameService(c.ID, "etat civil", "État civil"))
		require.NoError(t, tx.AddCorrection(&crisis.Correction{CrisisID: c.ID, Kind: crisis.CorrectServiceRename, Object: "etat civil", Old: "etat civil", New: "État civil", At: at, By: "dsi"}))
		assert.True(t, errors.Is(tx.RemoveService(c.ID, "Piscines"), crisis.ErrNotFound))
		assert.True(t, errors.Is(tx.UnsetFact(c.ID, "personal_data"), crisis.ErrNotFound))

		links, err := tx.Custody(c.ID)
		require.NoError(t, err)
		require.Len(t, links, 1)
		assert.Equal(t, "Gendarmerie", links[0].Custodian)
		assert.True(t, links[0].At.Equal(at.Add(time.Hour)))
		cs, err := tx.Corrections(c.ID)
		require.NoError(t, err)
		require.Len(t, cs, 1)
		assert.Equal(t, crisis.CorrectServiceRename, cs[0].Kind)
		s, err := tx.Service(c.ID, "État civil")
		require.NoError(t, err)
		assert.Equal(t, "down", s.Status)
		return nil
	}))
	for _, q := range []string{
		`UPDATE corrections SET reason = 'rewritten'`, `DELETE FROM corrections`,
		`UPDATE custody SET custodian = 'someone else'`, `DELETE FROM custody`,
	} {
		_, err := db.SQL().Exec(q)
		assert.Error(t, err, "%s: got it done, want it refused", q)
	}
}
