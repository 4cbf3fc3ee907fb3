package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// TestRecentLogAndCount: the board reads the last entries and the count
// without reading the whole log.
func TestRecentLogAndCount(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, ":memory:")
	require.NoError(t, err)
	defer db.Close()
	now := time.Date(2022, 9, 26, 16, 0, 0, 0, time.UTC)
	require.NoError(t, db.Update(ctx, func(tx crisis.Tx) error {
		actor, err := crisis.Bootstrap(tx, crisis.Member{ID: "dsi", Name: "DSI", CreatedAt: now})
		if err != nil {
			return err
		}
		op := crisis.NewOp(tx, now, actor, nil)
		for _, title := range []string{"one", "two"} {
			c := &crisis.Crisis{Title: title, State: crisis.Open, OpenedAt: now, OpenedBy: "dsi"}
			if err := tx.CreateCrisis(c); err != nil {
				return err
			}
			for i := 0; i < 7; i++ {
				if _, err := op.Log(*c, crisis.LogNote, now, fmt.Sprintf("%s %d", title, i)); err != nil {
					return err
				}
			}
		}
		return nil
	}))
	tests := []struct {
		crisis int64
		n      int
		want   []string
		count  int
	}{
		{crisis: 1, n: 3, want: []string{"one 4", "one 5", "one 6"}, count: 7},
		{crisis: 2, n: 2, want: []string{"two 5", "two 6"}, count: 7},
		{crisis: 2, n: 10, want: []string{"two 0", "two 1", "two 2", "two 3", "two 4", "two 5", "two 6"}, count: 7},
		{crisis: 2, n: 0, want: nil, count: 7},
		{crisis: 3, n: 5, want: nil, count: 0},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("crisis %d last %d", tt.crisis, tt.n), func(t *testing.T) {
			require.NoError(t, db.View(ctx, func(tx crisis.Tx) error {
				es, err := tx.RecentLog(tt.crisis, tt.n)
				require.NoError(t, err)
				var got []string
				for _, e := range es {
					got = append(got, e.Text)
				}
				assert.Equal(t, tt.want, got, "got %v, want %v", got, tt.want)
				n, err := tx.CountLog(tt.crisis)
				require.NoError(t, err)
				assert.Equal(t, tt.count, n, "got %d entries, want %d", n, tt.count)
				return nil
			}))
		})
	}
}
