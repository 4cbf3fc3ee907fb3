package discord_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/discord"
	dt "github.com/tocsin-crisis/tocsin/internal/discordtest"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/playbook"
	"github.com/tocsin-crisis/tocsin/internal/store"
	"github.com/tocsin-crisis/tocsin/playbooks"
)

// story is the bot serving the double's guild, on a private database.
type story struct {
	t  *testing.T
	d  *dt.Double
	db *store.DB
}

var roles = map[string][]crisis.Capability{
	dt.RoleMember:   {crisis.CapMember},
	dt.RoleDirector: {crisis.CapMember, crisis.CapDirector},
	dt.RoleComms:    {crisis.CapMember, crisis.CapComms},
	dt.RoleLegal:    {crisis.CapMember, crisis.CapLegal},
	dt.RoleAuthor:   {crisis.CapMember, crisis.CapAuthor},
}

func start(t *testing.T) *story {
	t.Helper()
	s, _ := startWithBot(t)
	return s
}

func startWithBot(t *testing.T) (*story, *discord.Bot) {
	t.Helper()
	return startWith(t, func(*discord.Config) {})
}

// startWith starts the bot with its configuration adjusted by tune.
func startWith(t *testing.T, tune func(*discord.Config)) (*story, *discord.Bot) {
	t.Helper()
	t.Parallel() // closing a discordgo session sleeps a second
	d := dt.New(t)
	db, err := store.Open(context.Background(), ":memory:")
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	set, err := playbook.Load(playbooks.FS, "")
	require.NoError(t, err)
	paris, _ := time.LoadLocation("Europe/Paris")
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	env := &command.Env{Store: db, Table: command.Default(), Now: time.Now, Loc: paris, Lang: locale.FR, Log: log,
		Playbooks: playbook.NewEngine(set, nil)}
	cfg := discord.Config{
		Token: "test-token", GuildID: dt.GuildID, APIURL: d.URL(), Roles: roles,
		PublicChannel: dt.ChannelPublic, ApprovalChannel: dt.ChannelApprovals,
	}
	tune(&cfg)
	bot, err := discord.New(cfg, env, db, log)
	require.NoError(t, err)
	require.NoError(t, bot.Open())
	t.Cleanup(func() { bot.Close() }) // runs before the double's own cleanup
	s := &story{t: t, d: d, db: db}
	_, err = d.WaitFor(s.ctx(), func(r dt.Request) bool { return r.Operation == "bulk_set_guild_application_commands" })
	require.NoError(t, err, "the bot registers its commands once connected")
	return s, bot
}

func (s *story) ctx() context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	s.t.Cleanup(cancel)
	return ctx
}

// answer dispatches an interaction and returns the content of the bot's
// answer once it is final (a deferred answer is waited for).
func (s *story) answer(in dt.Interaction) (dt.Callback, string) {
	s.t.Helper()
	id, _ := s.d.DispatchInteraction(in)
	cb, err := s.d.WaitCallback(s.ctx(), id)
	require.NoError(s.t, err)
	var content string
	require.Eventually(s.t, func() bool {
		for _, m := range s.d.AllMessages() {
			if m.InteractionID == id && m.Flags&dt.FlagLoading == 0 && (cb.Type != 5 || m.Edits > 0) {
				content = m.Content
				return true
			}
		}
		return cb.Type == 9 || cb.Type == 8 || cb.Type == 7
	}, 5*time.Second, 10*time.Millisecond, "answer to interaction %s", id)
	return cb, content
}

func (s *story) slash(u dt.User, role, command, sub string, opts ...dt.Opt) string {
	s.t.Helper()
	_, content := s.answer(dt.SlashCommand(u, []string{dt.RoleMember, role}, dt.ChannelGeneral, command, sub, opts...))
	return content
}

// crisisChannel is the channel the bot made for crisis 1.
func (s *story) crisisChannel() string {
	s.t.Helper()
	var ch string
	require.Eventually(s.t, func() bool {
		_ = s.db.View(context.Background(), func(tx crisis.Tx) error {
			c, err := tx.Crisis(1)
			ch = c.Channel
			return err
		})
		return ch != "" && ch != dt.ChannelGeneral
	}, 5*time.Second, 10*time.Millisecond)
	return ch
}

// message waits for a message in channel whose content contains text.
func (s *story) message(channel, text string) dt.Message {
	s.t.Helper()
	var found dt.Message
	require.Eventually(s.t, func() bool {
		for _, m := range s.d.Messages(channel) {
			if strings.Contains(m.Content, text) {
				found = m
				return true
			}
		}
		return false
	}, 5*time.Second, 10*time.Millisecond, "a message with %q in %s", text, channel)
	return found
}

func customIDs(m dt.Message) []string {
	var rows []struct {
		Components []struct {
			CustomID string `json:"custom_id"`
		} `json:"components"`
	}
	_ = json.Unmarshal(m.Components, &rows)
	var ids []string
	for _, r := range rows {
		for _, c := range r.Components {
			ids = append(ids, c.CustomID)
		}
	}
	return ids
}

func TestCommandsRegisteredWithFrench(t *testing.T) {
	s := start(t)
	cmds := s.d.Commands()
	var names []string
	for _, c := range cmds {
		names = append(names, c.Name)
	}
	assert.Subset(t, names, []string{"crisis", "task", "log", "draft", "playbook", "service", "ioc", "evidence", "role", "member"})
	for _, c := range cmds {
		if c.Name == "crisis" {
			assert.Equal(t, "crise", c.NameLocalizations["fr"])
		}
	}
	assert.Empty(t, s.d.Violations())
}

// TestOpenCrisisWithPlaybook: the crisis gets its channel, a pinned board,
// and its first tasks as messages with Take and Done buttons.
func TestOpenCrisisWithPlaybook(t *testing.T) {
	s := start(t)
	reply := s.slash(dt.UserDirector, dt.RoleDirector, "crisis", "open",
		dt.Str("title", "Intrusion sur un serveur de messagerie"), dt.Str("playbook", "cyberattaque-collectivite"), dt.Str("detected_at", "10m"))
	assert.Contains(t, reply, "Crise n° 1 ouverte")
	ch := s.crisisChannel()
	board := s.message(ch, "**Crise n° 1")
	require.Eventually(t, func() bool { m, _ := s.d.Message(board.ID); return m.Pinned }, 5*time.Second, 10*time.Millisecond, "the board is pinned")
	task := s.withButton(ch, "/task take id:1")
	assert.Contains(t, task.Content, "#1 (")
	assert.Equal(t, []string{"/task take id:1", "/task done id:1"}, customIDs(task))
}

// TestTaskByButtons: Take then Done, pressed on the task's message.
func TestTaskByButtons(t *testing.T) {
	s := start(t)
	s.slash(dt.UserDirector, dt.RoleDirector, "crisis", "open", dt.Str("title", "Intrusion"))
	ch := s.crisisChannel()
	s.slash(dt.UserMember, dt.RoleMember, "task", "add", dt.Str("title", "Isoler les serveurs"))
	msg := s.withButton(ch, "/task take id:1")
	cb, _ := s.answer(dt.Button(dt.UserMember, []string{dt.RoleMember}, ch, msg.ID, "/task take id:1"))
	assert.Equal(t, 7, cb.Type, "Take redraws the task's message")
	taken, _ := s.d.Message(msg.ID)
	assert.Contains(t, taken.Content, "<@"+dt.UserMember.ID+">", "the task's message names its owner")
	cb, _ = s.answer(dt.Button(dt.UserMember, []string{dt.RoleMember}, ch, msg.ID, "/task done id:1"))
	assert.Equal(t, 7, cb.Type, "Done redraws the task's message")
	require.Eventually(t, func() bool {
		m, _ := s.d.Message(msg.ID)
		return strings.Contains(m.Content, "terminée") && len(customIDs(m)) == 0
	}, 5*time.Second, 10*time.Millisecond, "the task's message shows it done, without buttons")
}

// TestMassMentionsPingNobody: whatever a member logs, the bot's messages
// ping neither @everyone nor a role.
func TestMassMentionsPingNobody(t *testing.T) {
	s := start(t)
	s.slash(dt.UserDirector, dt.RoleDirector, "crisis", "open", dt.Str("title", "Intrusion"))
	ch := s.crisisChannel()
	s.slash(dt.UserMember, dt.RoleMember, "log", "", dt.Str("text", "@everyone @here <@&"+dt.RoleDirector+"> serveurs coupés"))
	s.message(ch, "@everyone @here")
	s.d.AssertNoMassMentions(t)
	for _, m := range s.d.AllMessages() {
		require.NotNil(t, m.AllowedMentions, "message %q sets allowed mentions", m.Content)
		assert.Empty(t, m.AllowedMentions.Parse)
		assert.Empty(t, m.AllowedMentions.Roles)
	}
}

// TestStatusUpdateEditedAndApproved: drafted, edited through the modal,
// refused to a plain member, approved by comms and published.
func TestStatusUpdateEditedAndApproved(t *testing.T) {
	s := start(t)
	s.slash(dt.UserDirector, dt.RoleDirector, "crisis", "open", dt.Str("title", "Intrusion"))
	s.crisisChannel()
	s.slash(dt.UserMember, dt.RoleMember, "service", "set", dt.Str("name", "État civil"), dt.Str("status", "degraded"), dt.Str("workaround", "Registres papier"))
	cb, drafted := s.answer(dt.SlashCommand(dt.UserComms, []string{dt.RoleMember, dt.RoleComms}, dt.ChannelGeneral, "draft", "status"))
	assert.Equal(t, 5, cb.Type, "drafting is deferred at once")
	assert.Contains(t, drafted, "Brouillon n° 1")
	draft := s.message(dt.ChannelApprovals, "Brouillon n° 1")
	assert.Equal(t, []string{"/draft approve id:1 version:1", "/draft edit id:1", "/draft reject id:1"}, customIDs(draft))

	cb, refused := s.answer(dt.Button(dt.UserMember, []string{dt.RoleMember}, dt.ChannelApprovals, draft.ID, "/draft approve id:1"))
	assert.Equal(t, 4, cb.Type)
	assert.Contains(t, refused, "n'a pas la capacité comms")

	cb, _ = s.answer(dt.Button(dt.UserComms, []string{dt.RoleMember, dt.RoleComms}, dt.ChannelApprovals, draft.ID, "/draft edit id:1"))
	require.Equal(t, 9, cb.Type, "Edit opens a form")
	assert.Contains(t, string(cb.Data), "Registres papier", "the form holds the current text")
	_, edited := s.answer(dt.ModalSubmit(dt.UserComms, []string{dt.RoleMember, dt.RoleComms}, dt.ChannelApprovals, "modal:/draft edit id:1",
		map[string]string{"text": "# Point de situation\nL'état civil fonctionne sur registres papier."}))
	assert.Contains(t, edited, "version 2")

	_, approved := s.answer(dt.Button(dt.UserComms, []string{dt.RoleMember, dt.RoleComms}, dt.ChannelApprovals, draft.ID, "/draft approve id:1"))
	assert.Contains(t, approved, "approuvé (version 2)")
	s.message(dt.ChannelPublic, "L'état civil fonctionne sur registres papier.")
	require.NoError(t, s.db.View(context.Background(), func(tx crisis.Tx) error {
		vs, err := tx.DraftVersions(1)
		assert.Len(t, vs, 2, "the edit kept the first version")
		return err
	}))
}

// TestGatewayDropMidStory: the connection drops; the bot resumes and the
// story goes on.
func TestGatewayDropMidStory(t *testing.T) {
	s := start(t)
	s.slash(dt.UserDirector, dt.RoleDirector, "crisis", "open", dt.Str("title", "Intrusion"))
	dropped := time.Now()
	s.d.DropGateway()
	// RESUME (op 6), or a new IDENTIFY (op 2), from the bot after the drop.
	_, err := s.d.WaitGateway(s.ctx(), func(f dt.GatewayFrame) bool { return !f.Sent && (f.Op == 6 || f.Op == 2) && f.Time.After(dropped) })
	require.NoError(t, err, "the bot reconnects")
	reply := s.slash(dt.UserMember, dt.RoleMember, "log", "", dt.Str("text", "Après la coupure"))
	assert.Contains(t, reply, "Consigné")
}

// TestAnswersWithinThreeSeconds: every interaction of a story got its
// first answer well inside Discord's window, as the double measured it.
func TestAnswersWithinThreeSeconds(t *testing.T) {
	s := start(t)
	s.slash(dt.UserDirector, dt.RoleDirector, "crisis", "open", dt.Str("title", "Intrusion"), dt.Str("playbook", "cyberattaque-collectivite"))
	s.slash(dt.UserMember, dt.RoleMember, "crisis", "status")
	s.slash(dt.UserLegal, dt.RoleLegal, "draft", "complaint")
	s.slash(dt.UserMember, dt.RoleMember, "crisis", "export")
	lat := s.d.InteractionLatencies()
	require.NotEmpty(t, lat)
	for _, l := range lat {
		assert.True(t, l.Answered && !l.Late, "interaction %s (%s) answered in time", l.InteractionID, l.What)
		assert.Less(t, l.Latency, 2*time.Second, "interaction %s (%s) answered in %s", l.InteractionID, l.What, l.Latency)
	}
	t.Log(s.d.Report())
}
