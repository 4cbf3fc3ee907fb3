package command_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tocsin-crisis/tocsin/internal/draft"
)

// echoModel is a model that rewrites nothing: it hands back its user prompt.
type echoModel struct{}

func (echoModel) Complete(_ context.Context, _, user string) (string, error) { return user, nil }

// TestInstructionsWithoutAModel: instructions only a model can follow are
// not dropped silently when none is configured.
func TestInstructionsWithoutAModel(t *testing.T) {
	const said = "sans modèle de langue configuré"
	cases := []struct {
		name    string
		drafter *draft.Drafter
		line    string
		want    bool
	}{
		{"no drafter, instructions", nil, `/draft status instructions:"Insister sur l'état civil"`, true},
		{"a drafter without a model, instructions", &draft.Drafter{}, `/draft status instructions:"Insister sur l'état civil"`, true},
		{"no drafter, no instructions", nil, `/draft status`, false},
		{"a model, instructions", &draft.Drafter{Model: echoModel{}}, `/draft status instructions:"Insister sur l'état civil"`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := caen(t)
			h.env.Drafter = c.drafter
			r := h.must("comm", c.line)
			if c.want {
				assert.Contains(t, r.Text, said, "got %q, want the reply to say the instructions were not followed", r.Text)
			} else {
				assert.NotContains(t, r.Text, said)
			}
		})
	}
}
