package discord_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	dt "github.com/tocsin-crisis/tocsin/internal/discordtest"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/schedule"
)

// TestStorySlowChannelCreation (issue 10, point 6): channel creation takes
// 2 s (a 429 on that low-limit route) and a /log comes meanwhile. Nothing
// of the crisis is posted in the general channel; the board is posted and
// pinned in the crisis's own channel.
func TestStorySlowChannelCreation(t *testing.T) {
	s := startMirrorStory(t)
	s.d.SlowNext("/api/v9/guilds/"+dt.GuildID+"/channels", 2*time.Second)
	s.slash(dt.UserDirector, dt.RoleDirector, "crisis", "open", dt.Str("title", "Intrusion"))
	s.slash(dt.UserMember, dt.RoleMember, "log", "", dt.Str("text", "Serveurs isolés"))
	ch := s.crisisChannel()
	require.Eventually(t, func() bool {
		b := s.pinnedBoards(ch)
		return len(b) == 1 && strings.Contains(b[0].Content, "Serveurs isolés")
	}, 10*time.Second, 20*time.Millisecond, "the board, current and pinned, in the crisis's channel")
	assert.Empty(t, s.botPosts(dt.ChannelGeneral), "got posts of the crisis in the general channel, want none")
}

// TestStoryDeletedMessagesComeBack (point 6): a moderator deletes the
// board and a task's message. The next change re-posts and re-pins the
// board; a bot started afterwards repairs the task's message.
func TestStoryDeletedMessagesComeBack(t *testing.T) {
	s := startMirrorStory(t)
	s.slash(dt.UserDirector, dt.RoleDirector, "crisis", "open", dt.Str("title", "Intrusion"))
	ch := s.crisisChannel()
	s.slash(dt.UserMember, dt.RoleMember, "task", "add", dt.Str("title", "Isoler les serveurs"))
	var task dt.Message
	require.Eventually(t, func() bool {
		for _, m := range s.d.Messages(ch) {
			if strings.Contains(m.Content, "Isoler les serveurs") && len(customIDs(m)) > 0 {
				task = m
				return true
			}
		}
		return false
	}, 10*time.Second, 20*time.Millisecond)
	var board dt.Message
	require.Eventually(t, func() bool {
		b := s.pinnedBoards(ch)
		if len(b) == 1 {
			board = b[0]
		}
		return len(b) == 1
	}, 10*time.Second, 20*time.Millisecond)
	require.True(t, s.d.DeleteAsModerator(board.ID))
	require.True(t, s.d.DeleteAsModerator(task.ID))

	s.slash(dt.UserMember, dt.RoleMember, "log", "", dt.Str("text", "Après la suppression"))
	require.Eventually(t, func() bool {
		b := s.pinnedBoards(ch)
		return len(b) == 1 && b[0].ID != board.ID && strings.Contains(b[0].Content, "Après la suppression")
	}, 10*time.Second, 20*time.Millisecond, "the board posted and pinned again")

	require.NoError(t, s.bot.Close())
	s.newBot() // start-up repair
	require.Eventually(t, func() bool {
		for _, m := range s.d.Messages(ch) {
			if strings.Contains(m.Content, "Isoler les serveurs") && m.ID != task.ID && len(customIDs(m)) > 0 {
				return true
			}
		}
		return false
	}, 10*time.Second, 20*time.Millisecond, "the task's message repaired at start-up")
}

// TestStoryBoardNeedsPinPermission (point 9): without PIN_MESSAGES the
// board is not pinned and its first line says why; once the permission is
// granted, the next change pins it and the warning goes.
func TestStoryBoardNeedsPinPermission(t *testing.T) {
	s := startMirrorStory(t)
	require.True(t, s.d.SetRolePermissions(dt.RoleBot, 0))
	s.slash(dt.UserDirector, dt.RoleDirector, "crisis", "open", dt.Str("title", "Intrusion"))
	ch := s.crisisChannel()
	warning := locale.T(locale.FR, "board.cannot_pin")
	board := s.message(ch, "**Crise n° 1")
	require.Eventually(t, func() bool {
		m, _ := s.d.Message(board.ID)
		return strings.HasPrefix(m.Content, warning)
	}, 10*time.Second, 20*time.Millisecond, "the board's first line asks for the permission")
	m, _ := s.d.Message(board.ID)
	assert.False(t, m.Pinned, "got a pinned board without PIN_MESSAGES, want Discord's refusal")

	require.True(t, s.d.SetRolePermissions(dt.RoleBot, dt.PermPinMessages))
	s.slash(dt.UserMember, dt.RoleMember, "log", "", dt.Str("text", "Permission donnée"))
	require.Eventually(t, func() bool {
		m, _ := s.d.Message(board.ID)
		return m.Pinned && !strings.Contains(m.Content, warning) && strings.Contains(m.Content, "Permission donnée")
	}, 10*time.Second, 20*time.Millisecond, "the board pinned, the warning gone")
}

// TestStoryNoticeSurvivesDiscordError (point 5): Discord answers 500 to the
// overdue notice; it is posted once when Discord is back, 30 s later on
// the scheduler's clock, and a second delivery with the same key (a retry
// whose answer was lost) does not post it twice.
func TestStoryNoticeSurvivesDiscordError(t *testing.T) {
	s := startMirrorStory(t)
	s.slash(dt.UserDirector, dt.RoleDirector, "crisis", "open", dt.Str("title", "Intrusion"))
	ch := s.crisisChannel()
	s.slash(dt.UserMember, dt.RoleMember, "task", "add", dt.Str("title", "Isoler"), dt.Str("due", "30m"))
	s.message(ch, "Isoler")
	now := time.Now().Add(31 * time.Minute)
	sched := &schedule.Scheduler{Store: s.db, Now: func() time.Time { return now }, Loc: s.env.Loc, Lang: locale.FR,
		Policy: schedule.DefaultPolicy, Notify: s.bot.Notify}
	s.d.FailNextWith(dt.Failure{Method: http.MethodPost, PathPrefix: "/api/v9/channels/" + ch + "/messages", Status: http.StatusInternalServerError})
	_, err := sched.Tick(context.Background())
	require.NoError(t, err)
	overdue := func() int {
		n := 0
		for _, m := range s.botPosts(ch) {
			if strings.Contains(m.Content, "Isoler") && !strings.Contains(m.Content, "**Crise") && len(customIDs(m)) == 0 {
				n++
			}
		}
		return n
	}
	assert.Equal(t, 0, overdue(), "Discord refused the notice")
	now = now.Add(30 * time.Second)
	_, err = sched.Tick(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 1, overdue(), "got %d notices after Discord came back, want 1", overdue())

	var c crisis.Crisis
	require.NoError(t, s.db.View(context.Background(), func(tx crisis.Tx) error { c, err = tx.Crisis(1); return err }))
	d := schedule.Delivery{Crisis: c, Text: "Isoler (again)", Key: "tocsin-n-dup"}
	require.NoError(t, s.bot.Notify(context.Background(), d))
	require.NoError(t, s.bot.Notify(context.Background(), d))
	n := 0
	for _, m := range s.d.Messages(ch) {
		if strings.Contains(m.Content, "Isoler (again)") {
			n++
		}
	}
	assert.Equal(t, 1, n, "got %d posts of one notice delivered twice with one key, want 1", n)
}

// TestStoryCommandsCoalesce (point 7): twenty commands in a burst redraw
// the board a handful of times, not twenty, and it ends current.
func TestStoryCommandsCoalesce(t *testing.T) {
	s := startMirrorStory(t, dt.WithRateLimits(dt.DiscordRateLimits()))
	s.slash(dt.UserDirector, dt.RoleDirector, "crisis", "open", dt.Str("title", "Intrusion"))
	ch := s.crisisChannel()
	board := s.message(ch, "**Crise n° 1")
	before := len(s.d.Requests())
	ids := make([]string, 20)
	for i := range ids {
		ids[i], _ = s.d.DispatchInteraction(dt.SlashCommand(dt.UserMember, []string{dt.RoleMember}, dt.ChannelGeneral, "log", "", dt.Str("text", fmt.Sprintf("Point %d", i))))
		time.Sleep(100 * time.Millisecond)
	}
	require.Eventually(t, func() bool {
		m, _ := s.d.Message(board.ID)
		return strings.Contains(m.Content, "Point 19")
	}, 10*time.Second, 20*time.Millisecond, "the board shows the last command")
	edits := 0
	for _, r := range s.d.Requests()[before:] {
		if r.Method == http.MethodPatch && strings.HasSuffix(r.Path, "/messages/"+board.ID) {
			edits++
		}
	}
	t.Logf("20 commands: %d board edits, %d 429s", edits, s.d.RateLimited())
	assert.LessOrEqual(t, edits, 10, "got %d board edits for 20 commands, want a handful", edits)
}
