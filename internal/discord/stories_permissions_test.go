package discord_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/discord"
	dt "github.com/tocsin-crisis/tocsin/internal/discordtest"
)

// outsider is in the server but holds none of the cell's roles.
var outsider = dt.User{ID: "1000000000000000049", Username: "passant", GlobalName: "Passant"}

var commsRoles = []string{dt.RoleMember, dt.RoleComms}

// draftPosted opens a crisis and has comms draft a status update; it
// returns the draft's message in the approvals channel.
func (s *story) draftPosted() dt.Message {
	s.t.Helper()
	s.slash(dt.UserDirector, dt.RoleDirector, "crisis", "open", dt.Str("title", "Intrusion"))
	s.crisisChannel()
	s.slash(dt.UserComms, dt.RoleComms, "draft", "status")
	return s.message(dt.ChannelApprovals, "Brouillon n° 1")
}

func (s *story) draftState(id int64) crisis.Draft {
	s.t.Helper()
	var d crisis.Draft
	require.NoError(s.t, s.db.View(context.Background(), func(tx crisis.Tx) error {
		var err error
		d, err = tx.Draft(id)
		return err
	}))
	return d
}

// TestStoryOldApproveButtonShowsNewerVersion: the Approve under version 1,
// pressed after an edit, approves nothing; it says a newer version exists
// and shows it.
func TestStoryOldApproveButtonShowsNewerVersion(t *testing.T) {
	s := start(t)
	msg := s.draftPosted()
	old := customIDs(msg)[0]
	_, edited := s.answer(dt.ModalSubmit(dt.UserComms, commsRoles, dt.ChannelApprovals, "modal:/draft edit id:1",
		map[string]string{"text": "# Point de situation\nTexte relu en version deux."}))
	require.Contains(t, edited, "version 2")

	id, _ := s.d.DispatchInteraction(dt.Button(dt.UserComms, commsRoles, dt.ChannelApprovals, msg.ID, old))
	reply := s.reply(id)
	assert.True(t, reply.Ephemeral(), "got a public answer, want an ephemeral one")
	assert.Contains(t, reply.Content, "version 2")
	assert.Contains(t, reply.Content, "Texte relu en version deux.", "the newer text is shown")
	assert.Equal(t, crisis.DraftProposed, s.draftState(1).State, "got the draft approved from a stale button")
	for _, m := range s.d.Messages(dt.ChannelPublic) {
		t.Errorf("got %q published, want nothing", m.Content)
	}
	newer := s.message(dt.ChannelApprovals, "Texte relu en version deux.")
	assert.Contains(t, customIDs(newer)[0], "version:2", "the new message's button names the version it shows")
}

// reply waits for the first message answering an interaction.
func (s *story) reply(id string) dt.Message {
	s.t.Helper()
	_, err := s.d.WaitCallback(s.ctx(), id)
	require.NoError(s.t, err)
	var found dt.Message
	require.Eventually(s.t, func() bool {
		for _, m := range s.d.AllMessages() {
			if m.InteractionID == id && m.Flags&dt.FlagLoading == 0 {
				found = m
				return true
			}
		}
		return false
	}, 5*time.Second, 10*time.Millisecond, "an answer to %s", id)
	return found
}

// TestStoryStrippedDirectorLosesRights: a director whose roles were all
// removed cannot close the crisis, and the attempt is audited.
func TestStoryStrippedDirectorLosesRights(t *testing.T) {
	s := start(t)
	s.slash(dt.UserDirector, dt.RoleDirector, "crisis", "open", dt.Str("title", "Intrusion"))
	s.crisisChannel()
	id, _ := s.d.DispatchInteraction(dt.SlashCommand(dt.UserDirector, nil, dt.ChannelGeneral, "crisis", "close"))
	reply := s.reply(id)
	assert.True(t, reply.Ephemeral())
	assert.Contains(t, reply.Content, "⚠️")
	var c crisis.Crisis
	require.NoError(t, s.db.View(context.Background(), func(tx crisis.Tx) error {
		var err error
		c, err = tx.Crisis(1)
		return err
	}))
	assert.Equal(t, crisis.Open, c.State, "got the crisis closed by a member without roles")
	trail, err := s.db.AuditTrail(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "refused", trail[len(trail)-1].Outcome)
}

// TestStoryAssignToMemberNotYetSeen: the director gives a task to a member
// who never used the bot; Discord sent their roles with the command.
func TestStoryAssignToMemberNotYetSeen(t *testing.T) {
	s := start(t)
	s.slash(dt.UserDirector, dt.RoleDirector, "crisis", "open", dt.Str("title", "Intrusion"))
	s.crisisChannel()
	s.slash(dt.UserDirector, dt.RoleDirector, "task", "add", dt.Str("title", "Préparer la plainte"))
	reply := s.slash(dt.UserDirector, dt.RoleDirector, "task", "assign", dt.Str("id", "1"), dt.UserOpt("member", dt.UserLegal.ID))
	assert.NotContains(t, reply, "membre inconnu")
	require.NoError(t, s.db.View(context.Background(), func(tx crisis.Tx) error {
		task, err := tx.Task(1)
		assert.Equal(t, dt.UserLegal.ID, task.Owner)
		m, merr := tx.Member(dt.UserLegal.ID)
		assert.True(t, m.Can(crisis.CapLegal), "got capabilities %v, want legal from the member's roles", m.Capabilities)
		if err != nil {
			return err
		}
		return merr
	}))
}

// TestStoryOutsiderSeesNothing: someone without the cell's roles gets no
// suggestions from the record, and cannot see the crisis's channel.
func TestStoryOutsiderSeesNothing(t *testing.T) {
	s := start(t)
	s.slash(dt.UserDirector, dt.RoleDirector, "crisis", "open", dt.Str("title", "Intrusion"))
	ch := s.crisisChannel()
	s.slash(dt.UserMember, dt.RoleMember, "task", "add", dt.Str("title", "Isoler les serveurs"))
	cb, _ := s.answer(dt.Autocomplete(outsider, nil, dt.ChannelGeneral, "task", "done", dt.Focused("id", "")))
	require.Equal(t, 8, cb.Type)
	assert.NotContains(t, string(cb.Data), "Isoler", "got the record listed to an outsider")
	assert.False(t, s.d.CanSee(outsider.ID, nil, ch), "the crisis's channel is visible to an outsider")
	assert.True(t, s.d.CanSee(dt.UserMember.ID, []string{dt.RoleMember}, ch), "the cell sees its channel")
	s.message(ch, "**Crise n° 1") // the bot still sees and writes its channel
}

// TestStoryCrisisThreadIsPrivate: configured for threads, the crisis's
// thread is private.
func TestStoryCrisisThreadIsPrivate(t *testing.T) {
	s, _ := startWith(t, func(c *discord.Config) { c.Threads = true })
	s.slash(dt.UserDirector, dt.RoleDirector, "crisis", "open", dt.Str("title", "Intrusion"))
	ch := s.crisisChannel()
	for _, c := range s.d.World().Channels {
		if c.ID == ch {
			assert.Equal(t, 12, c.Type, "got thread type %d, want a private thread", c.Type)
		}
	}
}

// TestStoryTakeEditsTheClickedMessage: Take and Done update the task's own
// message (type 7); no new public message repeats the buttons.
func TestStoryTakeEditsTheClickedMessage(t *testing.T) {
	s := start(t)
	s.slash(dt.UserDirector, dt.RoleDirector, "crisis", "open", dt.Str("title", "Intrusion"))
	ch := s.crisisChannel()
	s.slash(dt.UserMember, dt.RoleMember, "task", "add", dt.Str("title", "Isoler les serveurs"))
	msg := s.withButton(ch, "/task take id:1")
	id, _ := s.d.DispatchInteraction(dt.Button(dt.UserMember, []string{dt.RoleMember}, ch, msg.ID, "/task take id:1"))
	cb, err := s.d.WaitCallback(s.ctx(), id)
	require.NoError(t, err)
	assert.Equal(t, 7, cb.Type, "got callback type %d, want 7 (update the clicked message)", cb.Type)
	for _, m := range s.d.AllMessages() {
		if m.InteractionID == id && !m.Ephemeral() && len(customIDs(m)) > 0 {
			t.Errorf("got a new public message with buttons %v", customIDs(m))
		}
	}
	m, _ := s.d.Message(msg.ID)
	assert.Contains(t, m.Content, "<@"+dt.UserMember.ID+">", "the owner is shown as a mention")
	assert.NotContains(t, m.Content, " @"+dt.UserMember.ID)
}

// TestStoryReplayedInteractionsAreNotRun: an interaction replayed after a
// RESUME with its token long dead, and one delivered twice, run once at most.
func TestStoryReplayedInteractionsAreNotRun(t *testing.T) {
	s := start(t)
	s.slash(dt.UserDirector, dt.RoleDirector, "crisis", "open", dt.Str("title", "Intrusion"))
	s.crisisChannel()
	resumed := time.Now()
	s.d.ReplayAfterResume(dt.SlashCommand(dt.UserMember, []string{dt.RoleMember}, dt.ChannelGeneral, "log", "", dt.Str("text", "Vieux message")), 20*time.Minute)
	_, err := s.d.WaitGateway(s.ctx(), func(f dt.GatewayFrame) bool { return f.Sent && f.Type == "RESUMED" && f.Time.After(resumed) })
	require.NoError(t, err)
	id, _ := s.d.DispatchInteraction(dt.SlashCommand(dt.UserMember, []string{dt.RoleMember}, dt.ChannelGeneral, "log", "", dt.Str("text", "Une fois")))
	s.reply(id)
	s.d.Redeliver(id)
	after := s.slash(dt.UserMember, dt.RoleMember, "log", "", dt.Str("text", "Témoin"))
	require.Contains(t, after, "Consigné")
	var texts []string
	require.NoError(t, s.db.View(context.Background(), func(tx crisis.Tx) error {
		entries, err := tx.Log(1)
		for _, e := range entries {
			texts = append(texts, e.Text)
		}
		return err
	}))
	joined := strings.Join(texts, "\n")
	assert.NotContains(t, joined, "Vieux message", "got an interaction with a dead token run")
	assert.Equal(t, 1, strings.Count(joined, "Une fois"), "got a redelivered interaction run twice")
}

// TestStoryForeignGuildAndDMRefused: interactions from another guild or a
// DM run nothing.
func TestStoryForeignGuildAndDMRefused(t *testing.T) {
	s := start(t)
	in := dt.SlashCommand(dt.UserDirector, []string{dt.RoleMember, dt.RoleDirector}, dt.ChannelGeneral, "crisis", "open", dt.Str("title", "Ailleurs"))
	in.GuildID = dt.OtherGuild
	id, _ := s.d.DispatchInteraction(in)
	assert.True(t, s.reply(id).Ephemeral())
	dm := dt.SlashCommand(dt.UserDirector, nil, "1000000000000000099", "crisis", "open", dt.Str("title", "En privé"))
	dm.DM = true
	id, _ = s.d.DispatchInteraction(dm)
	assert.True(t, s.reply(id).Ephemeral())
	require.NoError(t, s.db.View(context.Background(), func(tx crisis.Tx) error {
		_, err := tx.Crisis(1)
		assert.ErrorIs(t, err, crisis.ErrNotFound, "got a crisis opened from outside the guild")
		return nil
	}))
}

// TestStoryDraftAutocompleteGivesIntegers: the draft id option is an
// INTEGER, so its suggestions are numbers.
func TestStoryDraftAutocompleteGivesIntegers(t *testing.T) {
	s := start(t)
	s.draftPosted()
	cb, _ := s.answer(dt.Autocomplete(dt.UserComms, commsRoles, dt.ChannelGeneral, "draft", "approve", dt.Focused("id", "")))
	var data struct {
		Choices []struct{ Value any } `json:"choices"`
	}
	require.NoError(t, json.Unmarshal(cb.Data, &data))
	require.NotEmpty(t, data.Choices)
	assert.IsType(t, float64(0), data.Choices[0].Value)
	assert.Empty(t, s.d.Violations())
}

// TestStoryApprovalDoesNotClaimPublication: the reply says the update was
// approved; it does not claim a publication that has not happened yet.
func TestStoryApprovalDoesNotClaimPublication(t *testing.T) {
	s := start(t)
	msg := s.draftPosted()
	_, approved := s.answer(dt.Button(dt.UserComms, commsRoles, dt.ChannelApprovals, msg.ID, customIDs(msg)[0]))
	assert.Contains(t, approved, "approuvé")
	assert.NotContains(t, approved, "et publié")
}

// withButton waits for the message in channel that carries a button.
func (s *story) withButton(channel, customID string) dt.Message {
	s.t.Helper()
	var found dt.Message
	require.Eventually(s.t, func() bool {
		for _, m := range s.d.Messages(channel) {
			for _, id := range customIDs(m) {
				if id == customID {
					found = m
					return true
				}
			}
		}
		return false
	}, 5*time.Second, 10*time.Millisecond, "a message with the button %q in %s", customID, channel)
	return found
}
