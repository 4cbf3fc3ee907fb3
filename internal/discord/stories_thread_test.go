package discord_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/discord"
	dt "github.com/tocsin-crisis/tocsin/internal/discordtest"
)

// TestStoryCellSeesItsCrisisThread: configured for threads, the crisis's
// private thread is seen by the cell (the opener and every member the
// record knows with a capability), not by an outsider; a member who first
// uses the bot once the thread exists is added to it, and can then act in
// it.
func TestStoryCellSeesItsCrisisThread(t *testing.T) {
	s, _ := startWith(t, func(c *discord.Config) { c.Threads = true })
	directorRoles := []string{dt.RoleMember, dt.RoleDirector}
	memberRoles := []string{dt.RoleMember}

	s.slash(dt.UserComms, dt.RoleComms, "crisis", "status") // comms is known before the crisis
	s.slash(dt.UserDirector, dt.RoleDirector, "crisis", "open", dt.Str("title", "Intrusion"))
	ch := s.crisisChannel()
	s.message(ch, "**Crise n° 1")

	s.eventuallySees(dt.UserDirector.ID, directorRoles, ch, "the opener")
	s.eventuallySees(dt.UserComms.ID, commsRoles, ch, "a member known with a capability")
	assert.False(t, s.d.CanSee(outsider.ID, nil, ch), "got the crisis's thread visible to an outsider")
	assert.False(t, s.d.CanSee(dt.UserMember.ID, memberRoles, ch), "got the thread visible to a member the bot never met")

	s.answer(dt.SlashCommand(outsider, nil, dt.ChannelGeneral, "crisis", "status"))
	s.slash(dt.UserMember, dt.RoleMember, "crisis", "status") // their first use of the bot, in the general channel
	s.eventuallySees(dt.UserMember.ID, memberRoles, ch, "a member who first used the bot after the thread existed")
	assert.False(t, s.d.CanSee(outsider.ID, nil, ch), "got the thread visible to an outsider who used the bot")

	// Discord delivers this only if the member can see the thread (the
	// double fails the test otherwise).
	_, logged := s.answer(dt.SlashCommand(dt.UserMember, memberRoles, ch, "log", "", dt.Str("text", "Serveurs isolés")))
	assert.Contains(t, logged, "Consigné")
}

// eventuallySees waits until the user can see the channel.
func (s *story) eventuallySees(userID string, roles []string, channel, who string) {
	s.t.Helper()
	require.Eventually(s.t, func() bool { return s.d.CanSee(userID, roles, channel) }, 5*time.Second, 10*time.Millisecond,
		"got the crisis's thread hidden from %s (%s), want it visible", who, userID)
}

// TestStoryThreadNewcomerAddedDespiteAFailure: Discord refuses the first
// addition of a newcomer to the crisis's thread; the mirror tries again
// and they see it.
func TestStoryThreadNewcomerAddedDespiteAFailure(t *testing.T) {
	s, _ := startWith(t, func(c *discord.Config) { c.Threads = true })
	s.slash(dt.UserDirector, dt.RoleDirector, "crisis", "open", dt.Str("title", "Intrusion"))
	ch := s.crisisChannel()
	s.eventuallySees(dt.UserDirector.ID, []string{dt.RoleMember, dt.RoleDirector}, ch, "the opener")
	s.d.FailNext(http.MethodPut, "/api/v9/channels/"+ch+"/thread-members/", http.StatusInternalServerError, 0)
	s.slash(dt.UserLegal, dt.RoleLegal, "crisis", "status")
	s.eventuallySees(dt.UserLegal.ID, []string{dt.RoleMember, dt.RoleLegal}, ch, "a newcomer whose first addition failed")
	var failed int
	for _, r := range s.d.Requests() {
		if r.Operation == "add_thread_member" && r.Status == http.StatusInternalServerError {
			failed++
		}
	}
	assert.Equal(t, 1, failed, "got %d failed additions, want the injected one", failed)
}
