package discord_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/discord"
	dt "github.com/tocsin-crisis/tocsin/internal/discordtest"
	"github.com/tocsin-crisis/tocsin/internal/schedule"
)

// TestRateLimitAndServerErrorsAreRetried: a 429 on posting the task's
// message is waited out, a 502 is retried, and the message still arrives.
func TestRateLimitAndServerErrorsAreRetried(t *testing.T) {
	s := start(t)
	s.slash(dt.UserDirector, dt.RoleDirector, "crisis", "open", dt.Str("title", "Intrusion"))
	ch := s.crisisChannel()
	s.d.FailNext(http.MethodPost, "/api/v9/channels/"+ch+"/messages", http.StatusTooManyRequests, 200*time.Millisecond)
	s.slash(dt.UserMember, dt.RoleMember, "task", "add", dt.Str("title", "Après la limite"))
	s.message(ch, "Après la limite")
	s.d.FailNext(http.MethodPost, "/api/v9/channels/"+ch+"/messages", http.StatusBadGateway, 0)
	s.slash(dt.UserMember, dt.RoleMember, "task", "add", dt.Str("title", "Après la panne"))
	s.message(ch, "Après la panne")
}

// TestNoticeMentionsOnlyItsRecipients: a reminder is posted in the crisis's
// channel and may ping its owner, nobody else.
func TestNoticeMentionsOnlyItsRecipients(t *testing.T) {
	s, bot := startWithBot(t)
	s.slash(dt.UserDirector, dt.RoleDirector, "crisis", "open", dt.Str("title", "Intrusion"))
	ch := s.crisisChannel()
	var c crisis.Crisis
	require.NoError(t, s.db.View(context.Background(), func(tx crisis.Tx) error {
		var err error
		c, err = tx.Crisis(1)
		return err
	}))
	err := bot.Notify(context.Background(), schedule.Delivery{
		Crisis: c, Notice: crisis.Notice{Kind: crisis.NoticeOverdue, Recipients: []string{dt.UserMember.ID}},
		Text: "⚠️ En retard : tâche #1 « Isoler » @everyone",
	})
	require.NoError(t, err)
	m := s.message(ch, "En retard")
	assert.Contains(t, m.Content, "<@"+dt.UserMember.ID+">")
	require.NotNil(t, m.AllowedMentions)
	assert.Equal(t, []string{dt.UserMember.ID}, m.AllowedMentions.Users)
	assert.Empty(t, m.AllowedMentions.Parse, "no @everyone, @here or role")
	s.d.AssertNoMassMentions(t)
}

// TestRefusedButtonIsEphemeralAndAudited: a member without the capability
// pressing Approve is told why, alone, and the attempt is in the audit trail.
func TestRefusedButtonIsEphemeralAndAudited(t *testing.T) {
	s := start(t)
	s.slash(dt.UserDirector, dt.RoleDirector, "crisis", "open", dt.Str("title", "Intrusion"))
	s.crisisChannel()
	s.slash(dt.UserComms, dt.RoleComms, "draft", "status")
	draft := s.message(dt.ChannelApprovals, "Brouillon n° 1")
	id, _ := s.d.DispatchInteraction(dt.Button(dt.UserMember, []string{dt.RoleMember}, dt.ChannelApprovals, draft.ID, "/draft approve id:1"))
	_, err := s.d.WaitCallback(s.ctx(), id)
	require.NoError(t, err)
	var reply dt.Message
	require.Eventually(t, func() bool {
		for _, m := range s.d.AllMessages() {
			if m.InteractionID == id {
				reply = m
				return true
			}
		}
		return false
	}, 5*time.Second, 10*time.Millisecond)
	assert.True(t, reply.Ephemeral(), "a refusal concerns only who pressed")
	assert.Contains(t, reply.Content, "n'a pas la capacité comms")
	trail, err := s.db.AuditTrail(context.Background())
	require.NoError(t, err)
	last := trail[len(trail)-1]
	assert.Equal(t, "refused", last.Outcome)
	assert.Equal(t, "/draft approve id:1", last.Command)
	assert.Equal(t, "discord", last.Source)
}

// TestAutocompleteFromTheRecord: typing a playbook's name or a task's id
// offers what exists.
func TestAutocompleteFromTheRecord(t *testing.T) {
	s := start(t)
	cb, _ := s.answer(dt.Autocomplete(dt.UserMember, []string{dt.RoleMember}, dt.ChannelGeneral, "playbook", "show", dt.Focused("name", "cyber")))
	require.Equal(t, 8, cb.Type)
	assert.Contains(t, string(cb.Data), `"value":"cyberattaque-collectivite"`)
	assert.NotContains(t, string(cb.Data), "rancongiciel", "only what matches what was typed")

	s.slash(dt.UserDirector, dt.RoleDirector, "crisis", "open", dt.Str("title", "Intrusion"))
	ch := s.crisisChannel()
	s.slash(dt.UserMember, dt.RoleMember, "task", "add", dt.Str("title", "Isoler les serveurs"))
	cb, _ = s.answer(dt.Autocomplete(dt.UserMember, []string{dt.RoleMember}, ch, "task", "done", dt.Focused("id", "isoler")))
	require.Equal(t, 8, cb.Type)
	assert.Contains(t, string(cb.Data), "#1 Isoler les serveurs")
}

// TestCrisisInAThread: configured for threads, a crisis lives in a private
// thread of the channel it was opened from, with its pinned board.
func TestCrisisInAThread(t *testing.T) {
	s, _ := startWith(t, func(c *discord.Config) { c.Threads = true })
	s.slash(dt.UserDirector, dt.RoleDirector, "crisis", "open", dt.Str("title", "Intrusion"))
	ch := s.crisisChannel()
	var thread dt.Channel
	for _, c := range s.d.World().Channels {
		if c.ID == ch {
			thread = c
		}
	}
	require.NotEmpty(t, thread.ID, "the crisis's channel is known to the double")
	assert.Equal(t, 12, thread.Type, "a private thread")
	assert.Equal(t, dt.ChannelGeneral, thread.ParentID)
	s.message(ch, "**Crise n° 1")
}
