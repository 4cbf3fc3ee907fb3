package discordtest

import (
	"bytes"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOpenReachesReady(t *testing.T) {
	t.Parallel()
	d := newStrict(t)
	guilds := make(chan *discordgo.Guild, 1)
	s, _ := openSession(t, d, func(s *discordgo.Session) {
		s.AddHandler(func(_ *discordgo.Session, g *discordgo.GuildCreate) { guilds <- g.Guild })
	})

	require.NotNil(t, s.State.User)
	assert.Equal(t, AppID, s.State.User.ID)
	assert.True(t, s.State.User.Bot)
	ids := d.Identifies()
	require.Len(t, ids, 1)
	assert.True(t, ids[0].TokenIsBot)
	assert.Equal(t, int64(discordgo.IntentsAllWithoutPrivileged), ids[0].Intents)

	// GUILD_CREATE follows READY with the guild's roles and channels.
	select {
	case g := <-guilds:
		assert.Equal(t, GuildID, g.ID)
		assert.Len(t, g.Roles, len(DefaultWorld().Roles))
		assert.NotEmpty(t, g.Channels)
		assert.NotEmpty(t, g.Members)
	case <-time.After(3 * time.Second):
		t.Fatal("no GUILD_CREATE reached the session")
	}
}

func TestPrivilegedIntentRefused(t *testing.T) {
	t.Parallel()
	d := New(t)
	s := newSession(t, d)
	s.ShouldReconnectOnError = false
	s.Identify.Intents = discordgo.IntentsAll // includes MESSAGE_CONTENT, not enabled
	_ = s.Open()                              // discordgo returns before reading the close
	t.Cleanup(func() { _ = s.Close() })
	require.Eventually(t, func() bool { return len(d.Violations()) > 0 }, 2*time.Second, 10*time.Millisecond)
	v := d.TakeViolations()
	assert.Contains(t, v[0].String(), "privileged intents")
}

func taskCommand() *discordgo.ApplicationCommand {
	perm := int64(discordgo.PermissionSendMessages)
	return &discordgo.ApplicationCommand{
		Name:                     "task",
		Description:              "Manage tasks",
		NameLocalizations:        &map[discordgo.Locale]string{discordgo.French: "tache"},
		DescriptionLocalizations: &map[discordgo.Locale]string{discordgo.French: "Gérer les tâches"},
		DefaultMemberPermissions: &perm,
		Options: []*discordgo.ApplicationCommandOption{{
			Type: discordgo.ApplicationCommandOptionSubCommand, Name: "assign", Description: "Assign a task",
			NameLocalizations:        map[discordgo.Locale]string{discordgo.French: "attribuer"},
			DescriptionLocalizations: map[discordgo.Locale]string{discordgo.French: "Attribuer une tâche"},
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "id", Description: "Task", Required: true, Autocomplete: true},
				{Type: discordgo.ApplicationCommandOptionUser, Name: "member", Description: "Member", Required: true},
			},
		}, {
			Type: discordgo.ApplicationCommandOptionSubCommand, Name: "list", Description: "List tasks",
			Options: []*discordgo.ApplicationCommandOption{{
				Type: discordgo.ApplicationCommandOptionString, Name: "state", Description: "State",
				Choices: []*discordgo.ApplicationCommandOptionChoice{{Name: "open", Value: "open"}, {Name: "done", Value: "done"}},
			}},
		}},
	}
}

func TestBulkOverwriteLocalizedCommand(t *testing.T) {
	t.Parallel()
	d := newStrict(t)
	s := newSession(t, d)

	got, err := s.ApplicationCommandBulkOverwrite(AppID, GuildID, []*discordgo.ApplicationCommand{taskCommand()})
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.NotEmpty(t, got[0].ID)
	assert.Equal(t, "tache", (*got[0].NameLocalizations)[discordgo.French])

	// Overwriting again keeps the command's ID, as Discord does.
	again, err := s.ApplicationCommandBulkOverwrite(AppID, GuildID, []*discordgo.ApplicationCommand{taskCommand()})
	require.NoError(t, err)
	assert.Equal(t, got[0].ID, again[0].ID)

	cmds := d.Commands()
	require.Len(t, cmds, 1)
	assert.Equal(t, GuildID, cmds[0].GuildID)
	assert.Equal(t, "2048", cmds[0].DefaultMemberPermissions)
	assert.Equal(t, "attribuer", cmds[0].Options[0].NameLocalizations["fr"])
	assert.Empty(t, d.Violations())

	listed, err := s.ApplicationCommands(AppID, GuildID)
	require.NoError(t, err)
	assert.Len(t, listed, 1)
}

func TestInteractionRespondOnceWithinDeadline(t *testing.T) {
	t.Parallel()
	d := newStrict(t)
	s, got := openSession(t, d)

	id, token := d.DispatchInteraction(SlashCommand(UserDirector, []string{RoleMember, RoleDirector}, ChannelGeneral, "task", "assign",
		Str("id", "3"), UserOpt("member", UserComms.ID)))
	i := got.wait(t, id)
	assert.Equal(t, token, i.Token)
	assert.Equal(t, discordgo.Locale("fr"), i.Locale)
	data := i.ApplicationCommandData()
	assert.Equal(t, "task", data.Name)
	require.Len(t, data.Options, 1)
	assert.Equal(t, "assign", data.Options[0].Name)
	assert.Equal(t, "3", data.Options[0].GetOption("id").StringValue())
	assert.Equal(t, UserDirector.ID, i.Member.User.ID)
	assert.NotZero(t, i.Member.Permissions&discordgo.PermissionManageMessages)

	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "Tâche 3 attribuée", Flags: discordgo.MessageFlagsEphemeral,
			AllowedMentions: &discordgo.MessageAllowedMentions{}}}
	require.NoError(t, s.InteractionRespond(i, resp))

	err := s.InteractionRespond(i, resp)
	var rest *discordgo.RESTError
	require.True(t, errors.As(err, &rest), "second response: got %v, want a REST error", err)
	assert.Equal(t, http.StatusBadRequest, rest.Response.StatusCode)
	assert.Equal(t, 40060, rest.Message.Code)
	v := d.TakeViolations()
	require.Len(t, v, 1)
	assert.Contains(t, v[0].Problem, "acknowledged twice")

	msgs := d.Messages(ChannelGeneral)
	require.Len(t, msgs, 1)
	assert.True(t, msgs[0].Ephemeral())
	assert.Equal(t, "Tâche 3 attribuée", msgs[0].Content)
	lat := d.InteractionLatencies()
	require.Len(t, lat, 1)
	assert.True(t, lat[0].Answered)
	assert.Less(t, lat[0].Latency, 3*time.Second)
	assert.Contains(t, d.Report(), "1 answered in time")
	assert.Empty(t, d.MentionProblems())
}

func TestLateResponseIsUnknownInteraction(t *testing.T) {
	t.Parallel()
	d := New(t)
	s, got := openSession(t, d)
	id, _ := d.DispatchInteraction(Button(UserMember, []string{RoleMember}, ChannelGeneral, "1000000000000000099", "take:3"))
	i := got.wait(t, id)
	d.Advance(4 * time.Second)

	err := s.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate})
	var rest *discordgo.RESTError
	require.True(t, errors.As(err, &rest), "late response: got %v, want a REST error", err)
	assert.Equal(t, http.StatusNotFound, rest.Response.StatusCode)
	assert.Equal(t, 10062, rest.Message.Code)
	v := d.TakeViolations()
	require.Len(t, v, 1)
	assert.Contains(t, v[0].Problem, "deadline")
	assert.Contains(t, d.Report(), "LATE")
}

func TestDeferredThenEditAndFollowUp(t *testing.T) {
	t.Parallel()
	d := newStrict(t)
	s, got := openSession(t, d)
	id, _ := d.DispatchInteraction(SlashCommand(UserComms, []string{RoleMember, RoleComms}, ChannelGeneral, "draft", "status"))
	i := got.wait(t, id)

	require.NoError(t, s.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}))
	content := "Brouillon n°1 prêt"
	none := &discordgo.MessageAllowedMentions{}
	_, err := s.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &content, AllowedMentions: none,
		Components: &[]discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Approuver", Style: discordgo.SuccessButton, CustomID: "approve:1"},
			discordgo.Button{Label: "Rejeter", Style: discordgo.DangerButton, CustomID: "reject:1"},
		}}}})
	require.NoError(t, err)
	f, err := s.FollowupMessageCreate(i, true, &discordgo.WebhookParams{Content: "Pour vous seul", Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: none})
	require.NoError(t, err)
	require.NotNil(t, f)

	msgs := d.Messages(ChannelGeneral)
	require.Len(t, msgs, 2)
	assert.Equal(t, content, msgs[0].Content)
	assert.Zero(t, msgs[0].Flags&FlagLoading, "the edit ends the loading state")
	assert.Contains(t, string(msgs[0].Components), "approve:1")
	assert.True(t, msgs[1].FollowUp)
	assert.True(t, msgs[1].Ephemeral())
	assert.Empty(t, d.Violations())
}

func TestRateLimitIsWaitedOut(t *testing.T) {
	t.Parallel()
	d := newStrict(t)
	s := newSession(t, d)
	d.FailNext("POST", "/channels/"+ChannelGeneral+"/messages", http.StatusTooManyRequests, 300*time.Millisecond)

	start := time.Now()
	m, err := s.ChannelMessageSendComplex(ChannelGeneral, &discordgo.MessageSend{Content: "Point de situation",
		AllowedMentions: &discordgo.MessageAllowedMentions{}})
	require.NoError(t, err)
	assert.GreaterOrEqual(t, time.Since(start), 300*time.Millisecond)
	assert.NotEmpty(t, m.ID)
	reqs := d.Requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, http.StatusTooManyRequests, reqs[0].Status)
	assert.Equal(t, http.StatusOK, reqs[1].Status)
	assert.Equal(t, "Bot [redacted]", reqs[0].Header.Get("Authorization"))
}

func TestBadGatewayIsRetried(t *testing.T) {
	t.Parallel()
	d := New(t)
	s := newSession(t, d)
	d.FailNext("", "/api/v9/guilds/"+GuildID+"/roles", http.StatusBadGateway, 0)
	roles, err := s.GuildRoles(GuildID)
	require.NoError(t, err)
	assert.Len(t, roles, len(DefaultWorld().Roles))
}

func TestDroppedGatewayResumes(t *testing.T) {
	t.Parallel()
	// The resume takes over a second (discordgo's Close sleeps one), so the
	// replayed interaction gets a roomier deadline.
	d := New(t, WithHeartbeat(time.Second), WithDeadline(10*time.Second))
	s, got := openSession(t, d)
	first, _ := d.DispatchInteraction(SlashCommand(UserMember, []string{RoleMember}, ChannelGeneral, "crisis", "status"))
	got.wait(t, first)

	d.DropGateway()
	// Dispatched while the bot is away: RESUME must replay it.
	missed, _ := d.DispatchInteraction(SlashCommand(UserMember, []string{RoleMember}, ChannelGeneral, "task", "list"))
	_, err := d.WaitGateway(ctx(t), func(f GatewayFrame) bool { return f.Type == "RESUMED" })
	require.NoError(t, err)
	got.wait(t, missed)
	after, _ := d.DispatchInteraction(SlashCommand(UserMember, []string{RoleMember}, ChannelGeneral, "log", "", Str("text", "Serveur isolé")))
	got.wait(t, after)

	var resumes, identifies int
	for _, f := range d.GatewayFrames() {
		if !f.Sent && f.Op == opResume {
			resumes++
		}
		if !f.Sent && f.Op == opIdentify {
			identifies++
		}
	}
	// At least one: discordgo's heartbeat can find the dropped socket too
	// (a loaded machine, a heartbeat due just then) and resume once more,
	// as it would against Discord. What must not happen is a new IDENTIFY.
	assert.GreaterOrEqual(t, resumes, 1)
	assert.Equal(t, 1, identifies, "a resumed session needs no new IDENTIFY")
	for _, id := range []string{first, missed, after} {
		require.NoError(t, s.InteractionRespond(got.wait(t, id), &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}))
	}
}

func TestMultipartMessageWithFile(t *testing.T) {
	t.Parallel()
	d := newStrict(t)
	s := newSession(t, d)
	m, err := s.ChannelMessageSendComplex(ChannelGeneral, &discordgo.MessageSend{
		Content: "Export", AllowedMentions: &discordgo.MessageAllowedMentions{},
		Files: []*discordgo.File{{Name: "crisis-1.zip", ContentType: "application/zip", Reader: bytes.NewReader([]byte("PK…"))}},
	})
	require.NoError(t, err)
	require.Len(t, m.Attachments, 1)
	assert.Equal(t, "crisis-1.zip", m.Attachments[0].Filename)
	stored := d.Messages(ChannelGeneral)
	require.Len(t, stored, 1)
	assert.Equal(t, []byte("PK…"), stored[0].Attachments[0].Data)
	assert.JSONEq(t, `{"content":"Export","embeds":null,"tts":false,"components":null,"sticker_ids":null,"allowed_mentions":{"parse":null,"replied_user":false}}`,
		string(d.Requests()[0].Body))
}

func TestChannelsThreadsPinsAndLookups(t *testing.T) {
	t.Parallel()
	d := newStrict(t)
	s := newSession(t, d)

	ch, err := s.GuildChannelCreateComplex(GuildID, discordgo.GuildChannelCreateData{
		Name: "Crise 1 Intrusion", Type: discordgo.ChannelTypeGuildText, ParentID: CategoryCrisis,
		PermissionOverwrites: []*discordgo.PermissionOverwrite{{ID: RoleMember, Type: discordgo.PermissionOverwriteTypeRole, Allow: discordgo.PermissionViewChannel}},
	})
	require.NoError(t, err)
	assert.Equal(t, "crise-1-intrusion", ch.Name)
	board, err := s.ChannelMessageSendComplex(ch.ID, &discordgo.MessageSend{Content: "Tableau de bord", AllowedMentions: &discordgo.MessageAllowedMentions{}})
	require.NoError(t, err)
	require.NoError(t, s.ChannelMessagePin(ch.ID, board.ID))
	edited := "Tableau de bord (maj)"
	_, err = s.ChannelMessageEditComplex(&discordgo.MessageEdit{ID: board.ID, Channel: ch.ID, Content: &edited})
	require.NoError(t, err)
	pinned, err := s.ChannelMessagesPinned(ch.ID)
	require.NoError(t, err)
	require.Len(t, pinned, 1)
	assert.Equal(t, edited, pinned[0].Content)

	th, err := s.ThreadStartComplex(ChannelGeneral, &discordgo.ThreadStart{Name: "Crise 2", Type: discordgo.ChannelTypeGuildPublicThread, AutoArchiveDuration: 1440})
	require.NoError(t, err)
	assert.Equal(t, discordgo.ChannelTypeGuildPublicThread, th.Type)
	fromMsg, err := s.MessageThreadStart(ch.ID, board.ID, "Discussion", 60)
	require.NoError(t, err)
	assert.Equal(t, board.ID, fromMsg.ID)

	g, err := s.Guild(GuildID)
	require.NoError(t, err)
	assert.Equal(t, GuildName, g.Name)
	mem, err := s.GuildMember(GuildID, UserComms.ID)
	require.NoError(t, err)
	assert.Contains(t, mem.Roles, RoleComms)
	c, err := s.Channel(ChannelApprovals)
	require.NoError(t, err)
	assert.Equal(t, "validations", c.Name)
	me, err := s.User("@me")
	require.NoError(t, err)
	assert.Equal(t, AppID, me.ID)
	assert.Empty(t, d.Violations())
}

func TestModalAndAutocomplete(t *testing.T) {
	t.Parallel()
	d := newStrict(t)
	s, got := openSession(t, d)

	ac, _ := d.DispatchInteraction(Autocomplete(UserMember, []string{RoleMember}, ChannelGeneral, "task", "done", Focused("id", "iso")))
	i := got.wait(t, ac)
	opt := i.ApplicationCommandData().Options[0].Options[0]
	assert.True(t, opt.Focused)
	require.NoError(t, s.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{{Name: "Isoler les serveurs", Value: "isoler"}}}}))

	btn, _ := d.DispatchInteraction(Button(UserComms, []string{RoleMember, RoleComms}, ChannelApprovals, "1000000000000000098", "edit:1"))
	i = got.wait(t, btn)
	modal := func(title string) *discordgo.InteractionResponse {
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal, Data: &discordgo.InteractionResponseData{
			CustomID: "edit:1", Title: title, Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.TextInput{CustomID: "text", Label: "Texte", Style: discordgo.TextInputParagraph, Value: "Bonjour", Required: true},
			}}}}}
	}
	require.NoError(t, s.InteractionRespond(i, modal("Modifier le brouillon 1")))

	sub, _ := d.DispatchInteraction(ModalSubmit(UserComms, []string{RoleMember, RoleComms}, ChannelApprovals, "edit:1", map[string]string{"text": "Nouveau texte"}))
	i = got.wait(t, sub)
	ms := i.ModalSubmitData()
	assert.Equal(t, "edit:1", ms.CustomID)
	row := ms.Components[0].(*discordgo.ActionsRow)
	assert.Equal(t, "Nouveau texte", row.Components[0].(*discordgo.TextInput).Value)
	require.NoError(t, s.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}))
	assert.Empty(t, d.Violations())

	// A modal title over 45 characters is refused, as Discord refuses it.
	late, _ := d.DispatchInteraction(Button(UserComms, []string{RoleComms}, ChannelApprovals, "1000000000000000098", "edit:2"))
	i = got.wait(t, late)
	err := s.InteractionRespond(i, modal(strings.Repeat("t", 50)))
	require.Error(t, err)
	v := d.TakeViolations()
	require.NotEmpty(t, v)
	assert.Contains(t, v[0].Problem, "/data/title")
}

func TestMentionProblems(t *testing.T) {
	t.Parallel()
	d := New(t)
	s := newSession(t, d)
	_, err := s.ChannelMessageSend(ChannelGeneral, "@everyone la messagerie est coupée")
	require.NoError(t, err)
	_, err = s.ChannelMessageSendComplex(ChannelGeneral, &discordgo.MessageSend{Content: "<@&" + RoleComms + "> à valider",
		AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{discordgo.AllowedMentionTypeRoles}}})
	require.NoError(t, err)
	_, err = s.ChannelMessageSendComplex(ChannelGeneral, &discordgo.MessageSend{Content: "Rien à signaler", AllowedMentions: &discordgo.MessageAllowedMentions{}})
	require.NoError(t, err)

	probs := d.MentionProblems()
	require.Len(t, probs, 2)
	assert.Contains(t, probs[0], "without allowed_mentions")
	assert.Contains(t, probs[1], "pinging roles")
	ft := newFakeT(t)
	d.AssertNoMassMentions(ft)
	assert.Len(t, ft.errors, 2)
}
