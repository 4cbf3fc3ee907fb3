package discordtest

import (
	"net/http"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGlobalRateLimitIsWaitedOut(t *testing.T) {
	t.Parallel()
	d := New(t)
	s := newSession(t, d)
	d.FailNextWith(Failure{Method: "GET", PathPrefix: "/guilds/", Status: http.StatusTooManyRequests, RetryAfter: 200 * time.Millisecond, Global: true})

	start := time.Now()
	_, err := s.Guild(GuildID)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, time.Since(start), 200*time.Millisecond)
	reqs := d.Requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, http.StatusTooManyRequests, reqs[0].Status)
}

func TestSlowNextAndWaitFor(t *testing.T) {
	t.Parallel()
	d := New(t)
	s := newSession(t, d)
	d.SlowNext("/channels/"+ChannelGeneral, 200*time.Millisecond)

	done := make(chan error, 1)
	start := time.Now()
	go func() {
		_, err := s.ChannelMessageSendComplex(ChannelGeneral, &discordgo.MessageSend{Content: "Lent", AllowedMentions: &discordgo.MessageAllowedMentions{}})
		done <- err
	}()
	r, err := d.WaitFor(ctx(t), Operation("create_message"))
	require.NoError(t, err)
	assert.GreaterOrEqual(t, time.Since(start), 200*time.Millisecond)
	assert.Equal(t, http.StatusOK, r.Status)
	assert.Equal(t, "/channels/{channel_id}/messages", r.Route)
	require.NoError(t, <-done)
}

func TestWebhookMessagesAndTokenRules(t *testing.T) {
	t.Parallel()
	d := newStrict(t)
	s, got := openSession(t, d)
	id, _ := d.DispatchInteraction(SlashCommand(UserDirector, []string{RoleDirector}, ChannelGeneral, "crisis", "export"))
	i := got.wait(t, id)
	none := &discordgo.MessageAllowedMentions{}

	// A follow-up before any initial response is refused.
	_, err := s.FollowupMessageCreate(i, true, &discordgo.WebhookParams{Content: "trop tôt", AllowedMentions: none})
	require.Error(t, err)
	v := d.TakeViolations()
	require.Len(t, v, 1)
	assert.Contains(t, v[0].Problem, "before its initial response")

	require.NoError(t, s.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "Export en cours", AllowedMentions: none}}))
	orig, err := s.InteractionResponse(i)
	require.NoError(t, err)
	assert.Equal(t, "Export en cours", orig.Content)

	f, err := s.FollowupMessageCreate(i, true, &discordgo.WebhookParams{Content: "Étape 1", AllowedMentions: none})
	require.NoError(t, err)
	edited := "Étape 1 terminée"
	_, err = s.FollowupMessageEdit(i, f.ID, &discordgo.WebhookEdit{Content: &edited})
	require.NoError(t, err)
	m, ok := d.Message(f.ID)
	require.True(t, ok)
	assert.Equal(t, edited, m.Content)
	assert.Equal(t, 1, m.Edits)
	require.NoError(t, s.FollowupMessageDelete(i, f.ID))
	require.NoError(t, s.InteractionResponseDelete(i))
	assert.Empty(t, d.Messages(ChannelGeneral))
	assert.Len(t, d.AllMessages(), 2)
	assert.Empty(t, d.Violations())

	// Interaction tokens live 15 minutes.
	d.Advance(16 * time.Minute)
	_, err = s.FollowupMessageCreate(i, true, &discordgo.WebhookParams{Content: "trop tard", AllowedMentions: none})
	var rest *discordgo.RESTError
	require.ErrorAs(t, err, &rest)
	assert.Equal(t, 50027, rest.Message.Code)
	require.Len(t, d.TakeViolations(), 1)
}
