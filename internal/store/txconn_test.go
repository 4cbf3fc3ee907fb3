package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// TestCallerGoneMidWriteCommitsNothing: a write whose caller gives up
// half-way keeps nothing, and the connection it ran on, handed back,
// serves the next write and read (not stuck inside the old transaction).
func TestCallerGoneMidWriteCommitsNothing(t *testing.T) {
	for _, path := range []string{filepath.Join(t.TempDir(), "t.db"), ":memory:"} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			db, err := store.Open(context.Background(), path)
			require.NoError(t, err)
			t.Cleanup(func() { db.Close() })
			now := time.Date(2022, 9, 26, 16, 5, 0, 0, time.UTC)

			ctx, cancel := context.WithCancel(context.Background())
			err = db.Update(ctx, func(tx crisis.Tx) error {
				if err := tx.AddMember(crisis.Member{ID: "parti", Name: "Parti", CreatedAt: now}); err != nil {
					return err
				}
				cancel() // the member has closed Discord; the next statement must not run
				return tx.AddMember(crisis.Member{ID: "second", Name: "Second", CreatedAt: now})
			})
			require.ErrorIs(t, err, context.Canceled)

			ctx, cancel = context.WithCancel(context.Background())
			err = db.Update(ctx, func(tx crisis.Tx) error {
				err := tx.AddMember(crisis.Member{ID: "tard", Name: "Tard", CreatedAt: now})
				cancel() // gone after the last statement: still nothing is committed
				return err
			})
			require.ErrorIs(t, err, context.Canceled)

			require.NoError(t, db.Update(context.Background(), func(tx crisis.Tx) error {
				return tx.AddMember(crisis.Member{ID: "dsi", Name: "DSI", CreatedAt: now})
			}))
			var ids []string
			require.NoError(t, db.View(context.Background(), func(tx crisis.Tx) error {
				ms, err := tx.Members()
				for _, m := range ms {
					ids = append(ids, m.ID)
				}
				return err
			}))
			assert.Equal(t, []string{"dsi"}, ids)
		})
	}
}

// TestPanicInAWriteLeavesTheConnectionClean: a write that panics is
// rolled back, and its connection serves the next one.
func TestPanicInAWriteLeavesTheConnectionClean(t *testing.T) {
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	now := time.Date(2022, 9, 26, 16, 5, 0, 0, time.UTC)
	boom := errors.New("boom")
	require.PanicsWithValue(t, boom, func() {
		_ = db.Update(context.Background(), func(tx crisis.Tx) error {
			if err := tx.AddMember(crisis.Member{ID: "panique", Name: "Panique", CreatedAt: now}); err != nil {
				return err
			}
			panic(boom)
		})
	})
	require.NoError(t, db.Update(context.Background(), func(tx crisis.Tx) error {
		return tx.AddMember(crisis.Member{ID: "dsi", Name: "DSI", CreatedAt: now})
	}))
	n := 0
	require.NoError(t, db.SQL().QueryRow(`SELECT count(*) FROM members`).Scan(&n))
	assert.Equal(t, 1, n, "the panicking write kept nothing")
}
