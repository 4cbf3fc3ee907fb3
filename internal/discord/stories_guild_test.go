package discord_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/discord"
	dt "github.com/tocsin-crisis/tocsin/internal/discordtest"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestStorySeveralGuildsNeedOneConfigured: in two servers with none
// configured, the bot registers nowhere and says why.
func TestStorySeveralGuildsNeedOneConfigured(t *testing.T) {
	t.Parallel()
	d := dt.New(t, dt.WithOtherGuilds(dt.OtherGuild))
	db, err := store.Open(context.Background(), ":memory:")
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	var logs syncBuffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	env := &command.Env{Store: db, Table: command.Default(), Now: time.Now, Loc: time.UTC, Lang: locale.FR, Log: log}
	bot, err := discord.New(discord.Config{Token: "test-token", APIURL: d.URL(), Roles: roles}, env, db, log)
	require.NoError(t, err)
	require.NoError(t, bot.Open())
	t.Cleanup(func() { bot.Close() })
	require.Eventually(t, func() bool { return strings.Contains(logs.String(), "DISCORD_GUILD_ID") }, 5*time.Second, 10*time.Millisecond,
		"the bot says a guild must be configured")
	for _, r := range d.Requests() {
		assert.NotEqual(t, "bulk_set_guild_application_commands", r.Operation, "got commands registered in a guild chosen at random")
	}
}
