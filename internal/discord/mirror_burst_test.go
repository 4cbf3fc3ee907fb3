package discord_test

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	dt "github.com/tocsin-crisis/tocsin/internal/discordtest"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// TestStoryBurstUnderRateLimits (points 6, 7): 30 commands from 10 members
// within 3 s in one crisis, Discord's rate limits on. Every interaction is
// answered inside Discord's 3 s; the pinned board shows the last command
// within 10 s of it; every task message ends current.
func TestStoryBurstUnderRateLimits(t *testing.T) {
	w := dt.DefaultWorld()
	users := []dt.User{dt.UserDirector, dt.UserComms, dt.UserLegal, dt.UserMember, dt.UserAdmin}
	for i := range 5 {
		u := dt.User{ID: fmt.Sprintf("10000000000000009%02d", i), Username: fmt.Sprintf("agent%d", i)}
		w.Members = append(w.Members, dt.Member{User: u, Roles: []string{dt.RoleMember}})
		users = append(users, u)
	}
	s := startMirrorStory(t, dt.WithWorld(w), dt.WithRateLimits(dt.DiscordRateLimits()))
	s.slash(dt.UserDirector, dt.RoleDirector, "crisis", "open", dt.Str("title", "Intrusion"), dt.Str("playbook", "cyberattaque-collectivite"))
	ch := s.crisisChannel()
	s.message(ch, "**Crise n° 1")

	start := time.Now()
	var last time.Time
	for i := range 30 {
		u := users[i%len(users)]
		in := dt.SlashCommand(u, []string{dt.RoleMember}, dt.ChannelGeneral, "log", "", dt.Str("text", fmt.Sprintf("Rafale %d", i)))
		if i%3 == 0 {
			in = dt.SlashCommand(u, []string{dt.RoleMember}, dt.ChannelGeneral, "task", "take", dt.Str("id", fmt.Sprint(1+(i/3)%4)))
		}
		s.d.DispatchInteraction(in)
		last = time.Now()
		time.Sleep(90 * time.Millisecond)
	}
	t.Logf("30 commands dispatched in %v", last.Sub(start).Round(time.Millisecond))

	// The board shows the last command within 10 s of it.
	var converged time.Duration
	require.Eventually(t, func() bool {
		for _, b := range s.pinnedBoards(ch) {
			if strings.Contains(b.Content, "Rafale 29") {
				converged = time.Since(last)
				return true
			}
		}
		return false
	}, 10*time.Second, 20*time.Millisecond, "the pinned board shows the last command")

	// Every task message ends current.
	require.Eventually(t, func() bool { return staleTasks(t, s) == 0 }, 10*time.Second, 50*time.Millisecond, "every task message current")

	var answered, late int
	var lats []time.Duration
	for _, l := range s.d.InteractionLatencies() {
		if l.Answered {
			answered++
			lats = append(lats, l.Latency)
		}
		if l.Late {
			late++
		}
	}
	sort.Slice(lats, func(i, j int) bool { return lats[i] < lats[j] })
	require.NotEmpty(t, lats)
	p := func(q int) time.Duration { return lats[(len(lats)*q+99)/100-1] }
	t.Logf("burst: %d/%d interactions answered in time, %d late; latency p50 %v, p99 %v; board converged %v after the last command; the bot met %d 429s",
		answered, len(s.d.InteractionLatencies()), late, p(50), p(99), converged.Round(time.Millisecond), s.d.RateLimited())
	assert.Equal(t, 0, late, "got late answers, want every one inside 3 s")
	assert.Equal(t, len(s.d.InteractionLatencies()), answered, "got unanswered interactions")
}

// userMention is how the bot writes a member on Discord, <@id>.
var userMention = regexp.MustCompile(`<@(\d+)>`)

// staleTasks counts the tasks of crisis 1 whose message does not show
// their current state.
func staleTasks(t *testing.T, s *mirrorStory) int {
	ctx := context.Background()
	var ts []crisis.Task
	require.NoError(t, s.db.View(ctx, func(tx crisis.Tx) error {
		var err error
		ts, err = tx.Tasks(1, crisis.TaskFilter{})
		return err
	}))
	stale := 0
	for _, task := range ts {
		text, _, err := s.env.TaskView(ctx, 1, task.ID, locale.FR)
		require.NoError(t, err)
		ref, err := s.db.MessageRefOf(ctx, fmt.Sprintf("task:%d", task.ID))
		if err != nil {
			stale++
			continue
		}
		if m, ok := s.d.Message(ref.Message); !ok || m.Deleted || userMention.ReplaceAllString(m.Content, "@$1") != text {
			stale++
			if testing.Verbose() {
				t.Logf("task %d: got %q, want %q", task.ID, m.Content, text)
			}
		}
	}
	return stale
}
