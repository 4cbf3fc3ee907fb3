package discordtest

import (
	"crypto/sha1"
	"encoding/hex"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RouteLimit is one rate-limit bucket: Limit requests every Per, counted
// per major parameter (the channel, the guild), as Discord counts them.
type RouteLimit struct {
	Method string // "" matches any method
	Route  string // the description's path template, e.g. "/channels/{channel_id}/messages"
	Limit  int
	Per    time.Duration
}

// RateLimits is what WithRateLimits enforces: a global budget per second
// for the whole bot, and per-route buckets. Interaction callbacks and
// webhook follow-ups are outside the global limit, as on Discord.
type RateLimits struct {
	Global int // requests per second, Discord's 50
	Routes []RouteLimit
}

// DiscordRateLimits are limits of the order Discord applies: 50 requests a
// second overall, about 5 messages posted or edited per 5 s in a channel,
// and channel creation tighter still.
func DiscordRateLimits() RateLimits {
	return RateLimits{
		Global: 50,
		Routes: []RouteLimit{
			{Method: "POST", Route: "/channels/{channel_id}/messages", Limit: 5, Per: 5 * time.Second},
			{Method: "PATCH", Route: "/channels/{channel_id}/messages/{message_id}", Limit: 5, Per: 5 * time.Second},
			{Method: "PUT", Route: "/channels/{channel_id}/pins/{message_id}", Limit: 5, Per: 5 * time.Second},
			{Method: "PUT", Route: "/channels/{channel_id}/messages/pins/{message_id}", Limit: 5, Per: 5 * time.Second},
			{Method: "POST", Route: "/guilds/{guild_id}/channels", Limit: 2, Per: 10 * time.Second},
		},
	}
}

// WithRateLimits makes the double answer 429 as Discord does once a bucket
// or the global budget is spent, with the X-RateLimit-* headers that let a
// well-behaved client wait before it is refused. Without it the double
// sends relaxed headers and never refuses.
func WithRateLimits(rl RateLimits) Option {
	return func(c *config) { c.rateLimits = &rl }
}

// limiter holds the buckets' state; the double's mutex guards it.
type limiter struct {
	cfg     RateLimits
	buckets map[string]*bucket // by route and major parameter
	second  time.Time          // the global window's start
	inSec   int
}

type bucket struct {
	reset     time.Time
	remaining int
}

func newLimiter(rl *RateLimits) *limiter {
	if rl == nil {
		return nil
	}
	return &limiter{cfg: *rl, buckets: map[string]*bucket{}}
}

// outsideGlobal lists the routes Discord leaves out of the global limit.
func outsideGlobal(route string) bool {
	return strings.HasPrefix(route, "/interactions/") || strings.HasPrefix(route, "/webhooks/")
}

// rateLimit counts the request against its bucket and the global budget;
// it answers a 429 when either is spent, and otherwise sets the headers
// that tell the client how much is left. d.mu is held.
func (d *Double) rateLimit(method, route string, vars map[string]string, h http.Header) (reply, bool) {
	now := d.now()
	l := d.limiter
	if l == nil {
		setRateHeaders(h, method+" "+route, now)
		return reply{}, false
	}
	if !outsideGlobal(route) && l.cfg.Global > 0 {
		if now.Sub(l.second) >= time.Second {
			l.second, l.inSec = now, 0
		}
		if l.inSec >= l.cfg.Global {
			return tooMany(h, "global", l.second.Add(time.Second).Sub(now), 0, true, now), true
		}
		l.inSec++
	}
	rl, ok := l.route(method, route)
	if !ok {
		setRateHeaders(h, method+" "+route, now)
		return reply{}, false
	}
	name := method + " " + route
	key := name + " " + majorParam(vars)
	b := l.buckets[key]
	if b == nil || !now.Before(b.reset) {
		b = &bucket{reset: now.Add(rl.Per), remaining: rl.Limit}
		l.buckets[key] = b
	}
	if b.remaining <= 0 {
		return tooMany(h, name, b.reset.Sub(now), rl.Limit, false, now), true
	}
	b.remaining--
	bucketHeaders(h, name, rl.Limit, b.remaining, b.reset.Sub(now), now)
	return reply{}, false
}

func (l *limiter) route(method, route string) (RouteLimit, bool) {
	for _, r := range l.cfg.Routes {
		if (r.Method == "" || strings.EqualFold(r.Method, method)) && r.Route == route {
			return r, true
		}
	}
	return RouteLimit{}, false
}

// majorParam is what Discord keys a bucket on besides the route.
func majorParam(vars map[string]string) string {
	for _, k := range []string{"channel_id", "guild_id", "webhook_id", "interaction_id"} {
		if v, ok := vars[k]; ok {
			return k + "=" + v
		}
	}
	return ""
}

func bucketHeaders(h http.Header, name string, limit, remaining int, resetAfter time.Duration, now time.Time) {
	sum := sha1.Sum([]byte(name))
	h.Set("X-RateLimit-Bucket", hex.EncodeToString(sum[:8]))
	h.Set("X-RateLimit-Limit", strconv.Itoa(limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(remaining))
	h.Set("X-RateLimit-Reset", strconv.FormatFloat(float64(now.Add(resetAfter).UnixMilli())/1000, 'f', 3, 64))
	h.Set("X-RateLimit-Reset-After", strconv.FormatFloat(resetAfter.Seconds(), 'f', 3, 64))
}

// tooMany is Discord's 429: Retry-After, the bucket's headers, and a body
// with retry_after in seconds.
func tooMany(h http.Header, name string, wait time.Duration, limit int, global bool, now time.Time) reply {
	if wait < time.Millisecond {
		wait = time.Millisecond
	}
	secs := wait.Seconds()
	h.Set("Retry-After", strconv.Itoa(int(math.Ceil(secs))))
	scope := "user"
	if global {
		h.Set("X-RateLimit-Global", "true")
		scope = "global"
	} else {
		bucketHeaders(h, name, limit, 0, wait, now)
	}
	h.Set("X-RateLimit-Scope", scope)
	return reply{status: http.StatusTooManyRequests, body: map[string]any{
		"message":     "You are being rate limited.",
		"retry_after": math.Round(secs*1000) / 1000,
		"global":      global,
	}}
}

// RateLimited counts the requests the double answered with 429, injected
// ones included.
func (d *Double) RateLimited() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := 0
	for _, r := range d.requests {
		if r.Status == http.StatusTooManyRequests {
			n++
		}
	}
	return n
}
