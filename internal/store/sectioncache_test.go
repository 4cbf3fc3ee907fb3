package store_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/contacts"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// The section cache (sectioncache.go) serves read-only transactions the
// board's lists read at their version. A write transaction always reads
// the rows, so each story compares what a View reads with what an Update
// reads of the same database.

// boardLists prints every list the section cache may hold, for crisis id.
func boardLists(tx crisis.Tx, id int64) (string, error) {
	var out []any
	for _, read := range []func() (any, error){
		func() (any, error) { return tx.Drafts(id) },
		func() (any, error) { return tx.Roles(id) },
		func() (any, error) { return tx.Services(id) },
		func() (any, error) { return tx.Contacts() },
		func() (any, error) { return tx.Indicators(id) },
		func() (any, error) { return tx.Evidence(id) },
		func() (any, error) { return tx.Corrections(id) },
		func() (any, error) { return tx.Facts(id) },
	} {
		l, err := read()
		if err != nil {
			return "", err
		}
		out = append(out, l)
	}
	return fmt.Sprintf("%+v", out), nil
}

// viewAndRows reads the lists twice through View (the second from the
// cache) and once through Update (the rows).
func viewAndRows(t *testing.T, db *store.DB, id int64) (viewed, rows string) {
	t.Helper()
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		require.NoError(t, db.View(ctx, func(tx crisis.Tx) (err error) {
			viewed, err = boardLists(tx, id)
			return err
		}))
	}
	errUndo := errors.New("undo")
	require.ErrorIs(t, db.Update(ctx, func(tx crisis.Tx) error {
		var err error
		if rows, err = boardLists(tx, id); err != nil {
			return err
		}
		return errUndo
	}), errUndo)
	return viewed, rows
}

func TestSectionCacheSeesEveryWrite(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	db := recordFixture(t, path)
	other, err := store.Open(ctx, path) // another process on the file
	require.NoError(t, err)
	t.Cleanup(func() { other.Close() })
	var draft crisis.Draft
	writes := []struct {
		name string
		db   *store.DB
		fn   func(tx crisis.Tx) error
	}{
		{"draft", db, func(tx crisis.Tx) error {
			draft = crisis.Draft{CrisisID: 1, Kind: crisis.DraftStatus, Audience: "public", State: crisis.DraftProposed, CreatedAt: recordAt, CreatedBy: "dsi",
				Current: crisis.DraftVersion{Version: 1, Body: "Les services « état civil » sont fermés.", Source: "template", CreatedAt: recordAt, CreatedBy: "dsi",
					Flags: []crisis.Flag{{Kind: "time", Value: "17 h"}}}}
			return tx.CreateDraft(&draft)
		}},
		{"draft version", db, func(tx crisis.Tx) error {
			return tx.AddDraftVersion(crisis.DraftVersion{DraftID: draft.ID, Version: 2, Body: "Texte revu", Source: "template", CreatedAt: recordAt, CreatedBy: "dsi"})
		}},
		{"draft decided", other, func(tx crisis.Tx) error {
			d, err := tx.Draft(draft.ID)
			if err != nil {
				return err
			}
			d.State, d.DecidedBy, d.DecidedAt = crisis.DraftApproved, "dgs", recordAt
			return tx.UpdateDraft(d)
		}},
		{"role", db, func(tx crisis.Tx) error {
			return tx.AssignRole(crisis.RoleAssignment{CrisisID: 1, Role: "comms", MemberID: "dgs", AssignedAt: recordAt, AssignedBy: "dsi"})
		}},
		{"service", other, func(tx crisis.Tx) error {
			return tx.SetService(crisis.Service{CrisisID: 1, Name: "piscines", Status: "degraded", Workaround: "espèces", UpdatedAt: recordAt, UpdatedBy: "dsi"})
		}},
		{"contact", db, func(tx crisis.Tx) error {
			return tx.AddContact(&contacts.Entry{Name: "Commissariat", Kind: contacts.Kind("police"), Phone: "17", AddedAt: recordAt, AddedBy: "dsi"})
		}},
		{"indicator", db, func(tx crisis.Tx) error {
			return tx.AddIndicator(&crisis.Indicator{CrisisID: 1, Kind: "ip", Value: "203.0.113.7", AddedAt: recordAt, AddedBy: "dsi"})
		}},
		{"evidence", other, func(tx crisis.Tx) error {
			return tx.AddEvidence(&crisis.Evidence{CrisisID: 1, Item: "disque du serveur de messagerie", Custodian: "dsi", AddedAt: recordAt, AddedBy: "dsi"})
		}},
		{"correction", db, func(tx crisis.Tx) error {
			return tx.AddCorrection(&crisis.Correction{CrisisID: 1, Kind: crisis.CorrectionKind("ioc_retract"), Object: "1", Old: "ip 203.0.113.7", Reason: "faux positif", At: recordAt, By: "dsi"})
		}},
		{"fact", db, func(tx crisis.Tx) error {
			return tx.SetFact(crisis.Fact{CrisisID: 1, Name: "rançon", Value: "non", SetAt: recordAt, SetBy: "dsi"})
		}},
	}
	before, _ := viewAndRows(t, db, 1)
	for _, w := range writes {
		require.NoError(t, w.db.Update(ctx, w.fn), w.name)
		viewed, rows := viewAndRows(t, db, 1)
		assert.Equal(t, rows, viewed, "after the %s", w.name)
		assert.NotEqual(t, before, viewed, "the %s changed nothing a View shows", w.name)
		before = viewed
	}
	// Around the store.
	_, err = db.SQL().Exec(`UPDATE services SET status = 'up' WHERE name = 'piscines'`)
	require.NoError(t, err)
	viewed, rows := viewAndRows(t, db, 1)
	assert.Equal(t, rows, viewed, "after a write around the store")
	assert.Contains(t, viewed, "Status:up")
}

func TestSectionCacheHandsOutCopies(t *testing.T) {
	ctx := context.Background()
	db := recordFixture(t, filepath.Join(t.TempDir(), "t.db"))
	require.NoError(t, db.Update(ctx, func(tx crisis.Tx) error {
		d := crisis.Draft{CrisisID: 1, Kind: crisis.DraftStatus, State: crisis.DraftProposed, CreatedAt: recordAt, CreatedBy: "dsi",
			Current: crisis.DraftVersion{Version: 1, Body: "Texte", Source: "template", CreatedAt: recordAt, CreatedBy: "dsi", Flags: []crisis.Flag{{Kind: "time", Value: "17 h"}}}}
		if err := tx.CreateDraft(&d); err != nil {
			return err
		}
		return tx.SetFact(crisis.Fact{CrisisID: 1, Name: "rançon", Value: "non", SetAt: recordAt, SetBy: "dsi"})
	}))
	want, _ := viewAndRows(t, db, 1)
	require.NoError(t, db.View(ctx, func(tx crisis.Tx) error {
		ds, err := tx.Drafts(1)
		require.NoError(t, err)
		ds[0].Current.Flags[0].Value = "changé"
		ds[0].State = crisis.DraftRejected
		fs, err := tx.Facts(1)
		require.NoError(t, err)
		fs[0].Value = "changé"
		return nil
	}))
	got, _ := viewAndRows(t, db, 1)
	assert.Equal(t, want, got)
}

// TestSectionCacheStaysOutOfWrites: a write transaction reads its own
// writes, whatever a View kept at the version it began from.
func TestSectionCacheStaysOutOfWrites(t *testing.T) {
	ctx := context.Background()
	db := recordFixture(t, filepath.Join(t.TempDir(), "t.db"))
	viewAndRows(t, db, 1) // the lists kept at this version
	errUndo := errors.New("undo")
	require.ErrorIs(t, db.Update(ctx, func(tx crisis.Tx) error {
		before, err := tx.Facts(1)
		assert.NoError(t, err)
		assert.Empty(t, before)
		assert.NoError(t, tx.SetFact(crisis.Fact{CrisisID: 1, Name: "rançon", Value: "non", SetAt: recordAt, SetBy: "dsi"}))
		after, err := tx.Facts(1)
		assert.NoError(t, err)
		assert.Len(t, after, 1, "the transaction's own fact")
		return errUndo
	}), errUndo)
	viewed, rows := viewAndRows(t, db, 1)
	assert.Equal(t, rows, viewed)
}
