package discord

import (
	"context"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/stretchr/testify/assert"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// countingStore counts the write transactions a store is asked for.
type countingStore struct {
	crisis.Store
	updates int
}

func (c *countingStore) Update(ctx context.Context, fn func(crisis.Tx) error) error {
	c.updates++
	return c.Store.Update(ctx, fn)
}

// TestActorUnchangedTakesNoWrite: a member whose copy is up to date costs
// an interaction no write transaction (and so no sync); a new name does.
func TestActorUnchangedTakesNoWrite(t *testing.T) {
	f := newFuzzBot(t)
	counting := &countingStore{Store: f.bot.env.Store}
	f.bot.env.Store = counting
	member := func(nick string) *discordgo.Interaction {
		return &discordgo.Interaction{Member: &discordgo.Member{Nick: nick, Roles: []string{fuzzMember},
			User: &discordgo.User{ID: "42", Username: "agent"}}}
	}
	tests := []struct {
		name string
		nick string
		want int
	}{
		{"first seen", "Agent", 1},
		{"unchanged", "Agent", 0},
		{"renamed", "Agent B", 1},
		{"unchanged again", "Agent B", 0},
	}
	for _, tt := range tests {
		before := counting.updates
		got := f.bot.actor(context.Background(), member(tt.nick))
		assert.Equal(t, "42", got)
		assert.Equal(t, tt.want, counting.updates-before, "%s: got %d write transactions, want %d", tt.name, counting.updates-before, tt.want)
	}
}
