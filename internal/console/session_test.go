package console_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/console"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// TestConsoleKeepsItsCrisis: two consoles on one database; the crisis the
// first opens does not become the second's.
func TestConsoleKeepsItsCrisis(t *testing.T) {
	a, _ := newConsole(t, "/crisis open title:Un\n", locale.FR)
	require.NoError(t, a.Run(context.Background()))
	var out strings.Builder
	b := &console.Console{Env: a.Env, Actor: "dsi", Out: &out}
	b.In = strings.NewReader("/crisis status\n")
	require.NoError(t, b.Run(context.Background()))

	a.In = strings.NewReader("/crisis open title:Deux\n")
	require.NoError(t, a.Run(context.Background()))
	out.Reset()
	b.In = strings.NewReader("/crisis status\n")
	require.NoError(t, b.Run(context.Background()))
	assert.Contains(t, out.String(), "Crise n° 1 — Un", "got %q, want the second console still on crisis 1", out.String())

	out.Reset()
	b.In = strings.NewReader("/crisis switch id:2\n/crisis status\n")
	require.NoError(t, b.Run(context.Background()))
	assert.Contains(t, out.String(), "Crise n° 2 — Deux")
}
