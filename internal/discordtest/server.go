// Package discordtest is a test-only Discord: a REST API and a gateway on
// loopback that discordgo talks to unchanged. It keeps what the bot creates
// in memory, checks every request against Discord's own API description
// (shared/discord/openapi.json) and against the rules Discord enforces on
// interactions, and fails the test at cleanup when the bot sent anything real
// Discord would have rejected, or left an interaction unanswered.
//
// Point discordgo at it by giving the session an http.Client whose
// RoundTripper sends https://discord.com/... to d.URL(); the gateway address
// then comes from GET /api/v9/gateway, as discordgo asks it:
//
//	d := discordtest.New(t)                  // skips when openapi.json is absent
//	s := newBotSession(d.URL())              // discordgo, REST rewritten to d
//	_ = s.Open()                             // HELLO, IDENTIFY, READY, GUILD_CREATE
//	id, _ := d.DispatchInteraction(discordtest.SlashCommand(discordtest.UserDirector,
//		[]string{discordtest.RoleDirector}, discordtest.ChannelGeneral, "task", "assign",
//		discordtest.Str("id", "3"), discordtest.UserOpt("member", discordtest.UserComms.ID)))
//	cb, _ := d.WaitCallback(ctx, id)         // the bot's initial response
//	msgs := d.Messages(discordtest.ChannelGeneral)
//	d.AssertNoMassMentions(t)
//
// Close the discordgo session before the test ends (t.Cleanup runs last in,
// first out, so register it after New): the double's own cleanup then
// reports violations and unanswered interactions.
package discordtest

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// T is the part of *testing.T the double uses; tests of tests pass a fake.
// Skip and Fatalf must stop the test, as *testing.T's do: New relies on it
// never to hand back a double it could not build.
type T interface {
	Helper()
	Cleanup(func())
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	Logf(format string, args ...any)
	Skip(args ...any)
}

// Option changes how New sets the double up.
type Option func(*config)

type config struct {
	world          World
	heartbeat      time.Duration
	deadline       time.Duration
	tokenLife      time.Duration
	privileged     int64
	token          string
	checkResponses bool
	noCrossCheck   bool
	otherGuilds    []string // more guilds the bot is in, listed in READY
	rateLimits     *RateLimits
}

// WithWorld replaces the default guild, roles, channels and members.
func WithWorld(w World) Option { return func(c *config) { c.world = w } }

// WithHeartbeat sets the heartbeat_interval HELLO announces (default 41.25 s).
func WithHeartbeat(d time.Duration) Option { return func(c *config) { c.heartbeat = d } }

// WithDeadline sets how long the bot has for an initial interaction
// response (default 3 s, discordgo.InteractionDeadline).
func WithDeadline(d time.Duration) Option { return func(c *config) { c.deadline = d } }

// WithPrivilegedIntents lets IDENTIFY ask for these privileged intents
// (GUILD_MEMBERS 1<<1, GUILD_PRESENCES 1<<8, MESSAGE_CONTENT 1<<15); by
// default none is enabled, as for a bot whose portal settings were left alone.
func WithPrivilegedIntents(mask int64) Option { return func(c *config) { c.privileged = mask } }

// WithToken makes the double accept only this bot token (without "Bot ").
func WithToken(token string) Option { return func(c *config) { c.token = token } }

// WithoutCrossCheck lets a body the fast check accepts go without the
// schema library's check as well (fastcheck.go). The bench uses it: it
// measures the program, while every test run checks the two checks against
// each other on every request.
func WithoutCrossCheck() Option { return func(c *config) { c.noCrossCheck = true } }

// withResponseCheck validates the double's own responses against the
// description too; the double's tests use it to keep its documents honest.
func withResponseCheck() Option { return func(c *config) { c.checkResponses = true } }

// Double is a fake Discord for one test. Its methods are safe for concurrent use.
type Double struct {
	t    T
	cfg  config
	spec *spec
	srv  *httptest.Server

	closeOnce sync.Once

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every change, for waiters
	skew    time.Duration // Advance moves the double's clock forward
	lastID  int64

	world        World
	requests     []Request
	violations   []Violation
	messages     map[string]*Message // by ID
	order        []string            // message IDs in creation order
	commands     map[string][]Command
	interactions map[string]*interaction // by ID
	byToken      map[string]*interaction
	callbacks    []Callback
	// firstCallback indexes callbacks: each interaction's first.
	firstCallback map[string]int
	failures      []Failure
	slows         []slow
	gw            gateway
	limiter       *limiter // nil: no 429s of the double's own
}

// New starts a double on 127.0.0.1 and registers its Close with t.Cleanup.
// It skips the test, with one line saying what it needs, when Discord's API
// description cannot be found, and fails it when the double cannot start:
// it never returns nil.
func New(t T, opts ...Option) *Double {
	t.Helper()
	sp := needSpec(t)
	cfg := config{world: DefaultWorld(), heartbeat: 41250 * time.Millisecond, deadline: 3 * time.Second, tokenLife: 15 * time.Minute}
	for _, o := range opts {
		o(&cfg)
	}
	d := &Double{
		t: t, cfg: cfg, spec: sp, world: cfg.world,
		changed:      make(chan struct{}),
		messages:     map[string]*Message{},
		commands:     map[string][]Command{},
		interactions: map[string]*interaction{},
		byToken:      map[string]*interaction{},
	}
	d.gw.init()
	d.limiter = newLimiter(cfg.rateLimits)
	// Loopback only, and IPv4 explicitly: the tests must never reach out.
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("discordtest: listen: %v", err)
		panic("discordtest: T.Fatalf returned")
	}
	d.srv = httptest.NewUnstartedServer(http.HandlerFunc(d.serveHTTP))
	d.srv.Listener = ln
	d.srv.Start()
	t.Cleanup(d.Close)
	return d
}

// URL is the double's base address, the stand-in for https://discord.com.
func (d *Double) URL() string { return d.srv.URL }

// GatewayURL is what GET /api/v9/gateway answers.
func (d *Double) GatewayURL() string {
	return "ws" + strings.TrimPrefix(d.srv.URL, "http") + "/gateway"
}

// World returns the guild as it stands, including channels the bot created.
func (d *Double) World() World {
	d.mu.Lock()
	defer d.mu.Unlock()
	w := d.world
	w.Roles = append([]Role(nil), w.Roles...)
	w.Channels = append([]Channel(nil), w.Channels...)
	for i := range w.Channels {
		w.Channels[i].ThreadMembers = append([]ThreadMember(nil), w.Channels[i].ThreadMembers...)
	}
	w.Members = append([]Member(nil), w.Members...)
	return w
}

// Advance moves the double's clock forward, so a test can make an
// interaction late or a token expire without sleeping.
func (d *Double) Advance(by time.Duration) {
	d.mu.Lock()
	d.skew += by
	d.mu.Unlock()
}

// now is the double's clock; callers hold d.mu or accept a racy read of skew.
func (d *Double) now() time.Time { return time.Now().Add(d.skew) }

// Close stops the gateway and the server, then reports through t.Errorf
// every violation and every interaction left unanswered or answered late.
// It runs at t.Cleanup; calling it earlier is fine.
func (d *Double) Close() {
	d.closeOnce.Do(func() {
		d.closeGateway()
		d.srv.CloseClientConnections()
		d.srv.Close()
		d.t.Helper()
		for _, p := range d.Problems() {
			d.t.Errorf("discordtest: %s", p)
		}
	})
}

// Problems lists what Close would report: every violation, then every
// interaction that got no initial response, one line each.
func (d *Double) Problems() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []string
	for _, v := range d.violations {
		out = append(out, v.String())
	}
	for _, in := range d.interactionOrder() {
		if in.attempts == 0 && !in.expired {
			out = append(out, fmt.Sprintf("interaction %s (%s) got no initial response", in.id, in.what))
		}
	}
	return out
}

// newID returns a fresh snowflake: milliseconds since Discord's epoch
// (2015-01-01) in the high bits, a counter in the low ones, as Discord makes
// them; callers hold d.mu.
func (d *Double) newID() string {
	ms := d.now().UnixMilli() - 1420070400000
	id := ms << 22
	if id <= d.lastID {
		id = d.lastID + 1
	}
	d.lastID = id
	return fmt.Sprint(id)
}

// notify wakes waiters; callers hold d.mu.
func (d *Double) notify() {
	close(d.changed)
	d.changed = make(chan struct{})
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// timestamp renders a time as Discord does: ISO 8601 with microseconds.
func timestamp(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000000+00:00")
}
