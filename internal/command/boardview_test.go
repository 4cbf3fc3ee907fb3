package command_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// TestBoardViewFitsItsSpace: a long board is shown compact where space is
// short (a pinned Discord message holds 2,000 characters), and cut at a
// line with a pointer to the full board as a last resort.
func TestBoardViewFitsItsSpace(t *testing.T) {
	h := newHarness(t)
	h.must("dsi", `/crisis open title:"Intrusion"`)
	for i := 1; i <= 30; i++ {
		h.must("dsi", fmt.Sprintf(`/task add title:"Tâche numéro %d avec un titre assez long pour remplir le tableau" assignee:@dsi`, i))
	}
	full, err := h.env.BoardView(context.Background(), 1, locale.FR, 100000)
	require.NoError(t, err)
	require.Greater(t, utf8.RuneCountInString(full), 2000)
	assert.Contains(t, full, "Tâche numéro 30")

	compact, err := h.env.BoardView(context.Background(), 1, locale.FR, 2000)
	require.NoError(t, err)
	assert.LessOrEqual(t, utf8.RuneCountInString(compact), 2000)
	assert.Contains(t, compact, "Tâches — 30 à faire")
	assert.NotContains(t, compact, "Tâche numéro 30", "the compact board counts the tasks")

	tiny, err := h.env.BoardView(context.Background(), 1, locale.FR, 120)
	require.NoError(t, err)
	assert.LessOrEqual(t, utf8.RuneCountInString(tiny), 120)
	assert.True(t, strings.HasSuffix(tiny, "… tableau complet : /crisis status"))
}
