package discord_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/discord"
	dt "github.com/tocsin-crisis/tocsin/internal/discordtest"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/playbook"
	"github.com/tocsin-crisis/tocsin/internal/store"
	"github.com/tocsin-crisis/tocsin/playbooks"
)

// mirrorStory is a story whose double is built with options (rate limits,
// another world), and which can start a second bot on the same record.
type mirrorStory struct {
	*story
	env *command.Env
	cfg discord.Config
	bot *discord.Bot
}

func startMirrorStory(t *testing.T, opts ...dt.Option) *mirrorStory {
	t.Helper()
	t.Parallel()
	d := dt.New(t, opts...)
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
	s := &mirrorStory{story: &story{t: t, d: d, db: db}, env: env, cfg: cfg}
	s.bot = s.newBot()
	return s
}

// newBot connects a bot to the story's double and record.
func (s *mirrorStory) newBot() *discord.Bot {
	s.t.Helper()
	bot, err := discord.New(s.cfg, s.env, s.db, s.env.Log)
	require.NoError(s.t, err)
	require.NoError(s.t, bot.Open())
	s.t.Cleanup(func() { bot.Close() })
	_, err = s.d.WaitFor(s.ctx(), func(r dt.Request) bool { return r.Operation == "bulk_set_guild_application_commands" })
	require.NoError(s.t, err)
	return bot
}

// taskMessage waits for the message that shows task id (not the board,
// which lists it too).
func (s *story) taskMessage(channel string, id int64) dt.Message {
	s.t.Helper()
	var found dt.Message
	require.Eventually(s.t, func() bool {
		for _, m := range s.d.Messages(channel) {
			if strings.HasPrefix(m.Content, fmt.Sprintf("#%d (", id)) || (strings.Contains(m.Content, fmt.Sprintf("#%d (", id)) && len(customIDs(m)) > 0) {
				found = m
				return true
			}
		}
		return false
	}, 5*time.Second, 10*time.Millisecond, "the message of task %d in %s", id, channel)
	return found
}

// pinnedBoards lists the live boards pinned in channel.
func (s *story) pinnedBoards(channel string) []dt.Message {
	var out []dt.Message
	for _, m := range s.d.Messages(channel) {
		if m.Pinned && strings.Contains(m.Content, "**Crise n°") {
			out = append(out, m)
		}
	}
	return out
}

// botPosts lists the messages the bot posted in channel on its own, not as
// answers to interactions.
func (s *story) botPosts(channel string) []dt.Message {
	var out []dt.Message
	for _, m := range s.d.Messages(channel) {
		if m.InteractionID == "" {
			out = append(out, m)
		}
	}
	return out
}
