// Package discord is the Discord front end: it registers the command table
// as slash commands, turns interactions into command requests, answers
// inside Discord's three seconds, and mirrors the record into each crisis's
// channel (a pinned board, task and draft messages with buttons). It is the
// only package that imports discordgo.
package discord

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// Config is what the front end needs to know of the server.
type Config struct {
	Token   string
	GuildID string
	// APIURL replaces https://discord.com in every REST call ("" for Discord itself).
	APIURL string
	// Roles maps a Discord role ID to capabilities. Empty: members with the
	// Administrator permission get every capability, and nobody else any.
	Roles           map[string][]crisis.Capability
	PublicChannel   string // approved status updates are posted here
	ApprovalChannel string // drafts waiting for approval are posted here too
	Threads         bool   // a crisis gets a thread rather than a channel
}

// Bot serves the command table on Discord.
type Bot struct {
	cfg  Config
	env  *command.Env
	db   *store.DB
	log  *slog.Logger
	s    *discordgo.Session
	seen seenSet

	// mu guards what READY learns, read by handlers running meanwhile.
	mu    sync.RWMutex
	appID string
	guild string

	mirrorer *mirrorer // the mirror's queue and workers (mirror.go)
	traffic  *traffic  // the interactions being answered, which the mirror gives way to
}

// New prepares a bot; Open connects it.
func New(cfg Config, env *command.Env, db *store.DB, log *slog.Logger) (*Bot, error) {
	if cfg.Token == "" {
		return nil, errors.New("no Discord token")
	}
	s, err := discordgo.New("Bot " + cfg.Token)
	if err != nil {
		return nil, fmt.Errorf("discord session: %w", err)
	}
	s.Client = &http.Client{Timeout: 20 * time.Second, Transport: transport()}
	if cfg.APIURL != "" {
		base, err := url.Parse(cfg.APIURL)
		if err != nil || base.Host == "" {
			return nil, fmt.Errorf("DISCORD_API_URL %q is not an absolute URL", cfg.APIURL)
		}
		s.Client.Transport = &rebase{base: base, next: s.Client.Transport}
	}
	// Interactions and guild events are all the bot reads: it never needs
	// message content.
	s.Identify.Intents = discordgo.IntentsGuilds
	s.ShouldReconnectOnError = true
	s.ShouldRetryOnRateLimit = true
	s.MaxRestRetries = 3
	b := &Bot{cfg: cfg, env: env, db: db, log: log, s: s, guild: cfg.GuildID, traffic: newTraffic()}
	s.AddHandler(b.onReady)
	s.AddHandler(b.onInteraction)
	return b, nil
}

// Session exposes the discordgo session, for tests that tune it.
func (b *Bot) Session() *discordgo.Session { return b.s }

// Open connects to the gateway; commands are registered once READY comes.
func (b *Bot) Open() error {
	// The mirror starts first: a handler may queue work as soon as the
	// gateway is up.
	b.startMirror()
	if err := b.s.Open(); err != nil {
		b.stopMirror()
		return fmt.Errorf("connect to Discord: %w", err)
	}
	return nil
}

// Close disconnects.
func (b *Bot) Close() error {
	b.stopMirror()
	return b.s.Close()
}

// guildID is the guild the bot serves: the configured one, or the only
// one it is in; "" until READY when none is configured.
func (b *Bot) guildID() string {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return b.guild
}

func (b *Bot) onReady(s *discordgo.Session, r *discordgo.Ready) {
	appID := ""
	if r.Application != nil {
		appID = r.Application.ID
	} else if r.User != nil {
		appID = r.User.ID
	}
	guild := b.cfg.GuildID
	if guild == "" {
		// Without a configured guild, the bot serves the only one it is
		// in; in several, picking one would be a guess.
		if len(r.Guilds) > 1 {
			b.log.Error("the bot is in several Discord servers and none is configured: set DISCORD_GUILD_ID (discord.guild_id) to the crisis cell's server; no command registered",
				slog.Int("servers", len(r.Guilds)))
			return
		}
		if len(r.Guilds) == 1 {
			guild = r.Guilds[0].ID
		}
	}
	if guild == "" {
		b.log.Error("no guild to register commands in: set DISCORD_GUILD_ID")
		return
	}
	b.mu.Lock()
	b.appID, b.guild = appID, guild
	b.mu.Unlock()
	if _, err := s.ApplicationCommandBulkOverwrite(appID, guild, ApplicationCommands(b.env.Table)); err != nil {
		b.log.Error("register commands", slog.Any("err", err))
		return
	}
	b.log.Info("connected to Discord", slog.String("guild", guild), slog.String("session", r.SessionID))
}

// rebase sends every request for discord.com to another base address (a
// Discord-compatible server, or a local double), leaving the path as is.
type rebase struct {
	base *url.URL
	next http.RoundTripper
}

func (r *rebase) RoundTrip(req *http.Request) (*http.Response, error) {
	if strings.EqualFold(req.URL.Host, "discord.com") || strings.HasSuffix(strings.ToLower(req.URL.Host), ".discord.com") {
		req = req.Clone(req.Context())
		req.URL.Scheme, req.URL.Host = r.base.Scheme, r.base.Host
		req.Host = r.base.Host
		if p := strings.TrimSuffix(r.base.Path, "/"); p != "" {
			req.URL.Path = p + req.URL.Path
		}
	}
	return r.next.RoundTrip(req)
}

// noMentions lets a message ping only the members listed: never
// @everyone, @here or a role, whatever text a user logged.
func noMentions(users ...string) *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}, Users: users}
}

// idleConns is how many connections to the API the bot keeps open between
// requests: a meeting's burst answers twenty interactions at once while
// the mirror edits messages. Go's default keeps two, and every request
// beyond them opened (and closed) a connection of its own: under the
// bench's load a connection was dialled for most requests.
const idleConns = 32

func transport() http.RoundTripper {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = idleConns
	return t
}
