package discord

import (
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/stretchr/testify/assert"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// TestActorKnowsMembersAsDiscordDoes: the members an interaction carries
// reach the command table as Discord knows them now, the actor first. The
// table compares them with the record's copies in the command's own
// transaction (command.TestKnownMembers): an interaction costs no read of
// its own.
func TestActorKnowsMembersAsDiscordDoes(t *testing.T) {
	f := newFuzzBot(t)
	user := &discordgo.User{ID: "42", Username: "agent", GlobalName: "Agent Global"}
	tests := []struct {
		name string
		i    *discordgo.Interaction
		id   string
		want []crisis.Member
	}{
		{"a nickname comes first", &discordgo.Interaction{Member: &discordgo.Member{Nick: "Agent", Roles: []string{fuzzMember}, User: user}},
			"42", []crisis.Member{{ID: "42", Name: "Agent", Capabilities: []crisis.Capability{crisis.CapMember}}}},
		{"else the global name", &discordgo.Interaction{Member: &discordgo.Member{Roles: []string{fuzzDirector}, User: user}},
			"42", []crisis.Member{{ID: "42", Name: "Agent Global", Capabilities: crisis.Capabilities}}},
		{"no role, no capability", &discordgo.Interaction{Member: &discordgo.Member{User: user}},
			"42", []crisis.Member{{ID: "42", Name: "Agent Global"}}},
		{"a member named in an option", &discordgo.Interaction{Member: &discordgo.Member{Nick: "Agent", Roles: []string{fuzzMember}, User: user},
			Data: discordgo.ApplicationCommandInteractionData{Resolved: &discordgo.ApplicationCommandInteractionDataResolved{
				Users:   map[string]*discordgo.User{"77": {ID: "77", Username: "elu"}},
				Members: map[string]*discordgo.Member{"77": {Roles: []string{fuzzMember}}},
			}}},
			"42", []crisis.Member{{ID: "42", Name: "Agent", Capabilities: []crisis.Capability{crisis.CapMember}}, {ID: "77", Name: "elu", Capabilities: []crisis.Capability{crisis.CapMember}}}},
		{"nobody", &discordgo.Interaction{}, "", nil},
	}
	for _, tt := range tests {
		id, known := f.bot.actor(tt.i)
		assert.Equal(t, tt.id, id, tt.name)
		for i := range known {
			assert.False(t, known[i].CreatedAt.IsZero(), tt.name) // the bot's clock: not compared
			known[i].CreatedAt = time.Time{}
		}
		assert.Equal(t, tt.want, known, tt.name)
	}
}
