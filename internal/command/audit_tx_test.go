package command_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// countingStore counts the transactions a command opens besides its own.
type countingStore struct {
	crisis.Store
	updates, audits int
}

func (s *countingStore) Update(ctx context.Context, fn func(crisis.Tx) error) error {
	s.updates++
	return s.Store.Update(ctx, fn)
}

func (s *countingStore) Audit(ctx context.Context, e crisis.AuditEntry) error {
	s.audits++
	return s.Store.Audit(ctx, e)
}

// TestCommandCommitsOnce: a command that succeeds commits its work and its
// audit entry together, in one transaction; a refused one still leaves its
// entry, in a transaction of its own.
func TestCommandCommitsOnce(t *testing.T) {
	h := newHarness(t)
	h.must("dsi", `/crisis open title:"Une"`)
	cs := &countingStore{Store: h.db}
	h.env.Store = cs

	r := h.run("dsi", `/log text:"Serveur injoignable"`)
	require.False(t, r.Failed, r.Text)
	assert.Equal(t, 1, cs.updates, "got %d write transactions, want 1", cs.updates)
	assert.Equal(t, 0, cs.audits, "got %d separate audit writes, want 0", cs.audits)

	r = h.run("personne", `/log text:"Intrus"`)
	require.True(t, r.Failed, r.Text)
	assert.Equal(t, 1, cs.audits, "got %d separate audit writes for a refusal, want 1", cs.audits)

	trail, err := h.db.AuditTrail(context.Background())
	require.NoError(t, err)
	var outcomes []string
	for _, e := range trail[len(trail)-2:] {
		outcomes = append(outcomes, e.Outcome+" "+e.Command)
	}
	assert.Equal(t, []string{`ok /log text:"Serveur injoignable"`, `refused /log text:"Intrus"`}, outcomes)
	assert.Equal(t, int64(1), trail[len(trail)-2].CrisisID, "got crisis %d, want 1", trail[len(trail)-2].CrisisID)
}
