package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/contacts"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// TestContactsAndMemberDetails: entries added by command and a member's
// phone and e-mail are kept, and a front end refreshing a member from
// Discord does not wipe what the member set.
func TestContactsAndMemberDetails(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, ":memory:")
	require.NoError(t, err)
	defer db.Close()
	at := time.Date(2022, 9, 26, 14, 5, 0, 0, time.UTC)
	require.NoError(t, db.Update(ctx, func(tx crisis.Tx) error {
		if err := tx.AddMember(crisis.Member{ID: "dsi", Name: "DSI", Capabilities: []crisis.Capability{crisis.CapMember}, CreatedAt: at}); err != nil {
			return err
		}
		m, err := tx.Member("dsi")
		if err != nil {
			return err
		}
		m.Phone, m.Email, m.Capabilities = "06 12 34 56 78", "dsi@caen.fr", []crisis.Capability{crisis.CapMember, crisis.CapComms}
		if err := tx.UpdateMember(m); err != nil {
			return err
		}
		if err := tx.SaveMember(crisis.Member{ID: "dsi", Name: "DSI renamed", Capabilities: m.Capabilities, CreatedAt: at}); err != nil {
			return err
		}
		e := contacts.Entry{Name: "Gendarmerie", Kind: contacts.KindPolice, Phone: "17", Hours: "24 h/24", AddedAt: at, AddedBy: "dsi"}
		require.NoError(t, tx.AddContact(&e))
		assert.Equal(t, int64(1), e.ID)
		return nil
	}))
	require.NoError(t, db.View(ctx, func(tx crisis.Tx) error {
		m, err := tx.Member("dsi")
		require.NoError(t, err)
		assert.Equal(t, "06 12 34 56 78", m.Phone)
		assert.Equal(t, "dsi@caen.fr", m.Email)
		assert.Equal(t, "DSI renamed", m.Name)
		assert.Equal(t, []crisis.Capability{crisis.CapMember, crisis.CapComms}, m.Capabilities)
		cs, err := tx.Contacts()
		require.NoError(t, err)
		require.Len(t, cs, 1)
		assert.Equal(t, contacts.Entry{ID: 1, Name: "Gendarmerie", Kind: contacts.KindPolice, Phone: "17", Hours: "24 h/24", AddedAt: at, AddedBy: "dsi", Origin: contacts.FromCommand}, cs[0])
		return nil
	}))
}
