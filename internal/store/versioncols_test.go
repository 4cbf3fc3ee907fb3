package store_test

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/store"
)

// TestEveryCrisisColumnMovesTheVersion: the record's version moves with
// an update of any column of crises but its log head (migration 0011),
// which each transaction reads afresh. A column added later and left out
// of the trigger would be kept in memory past its change.
func TestEveryCrisisColumnMovesTheVersion(t *testing.T) {
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })

	var trigger string
	require.NoError(t, db.SQL().QueryRow(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'crises_version_update'`).Scan(&trigger))
	m := regexp.MustCompile(`(?is)UPDATE OF (.*?) ON crises`).FindStringSubmatch(trigger)
	require.NotNil(t, m, "the trigger names the columns it watches: %s", trigger)
	watched := map[string]bool{}
	for _, c := range strings.Split(m[1], ",") {
		watched[strings.TrimSpace(c)] = true
	}

	rows, err := db.SQL().Query(`SELECT name FROM pragma_table_info('crises')`)
	require.NoError(t, err)
	defer rows.Close()
	n := 0
	for rows.Next() {
		var col string
		require.NoError(t, rows.Scan(&col))
		n++
		if col == "log_head" {
			assert.False(t, watched[col], "the log head moves without the version")
			continue
		}
		assert.True(t, watched[col], "column crises.%s is not watched by crises_version_update", col)
	}
	require.NoError(t, rows.Err())
	assert.Equal(t, n-1, len(watched), "the trigger watches a column crises does not have")
}
