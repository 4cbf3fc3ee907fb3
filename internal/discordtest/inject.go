package discordtest

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Failure is an error the double answers instead of serving a request.
type Failure struct {
	Method     string        // "" matches any method
	PathPrefix string        // matched against the path without /api/vN; "/api/v9/…" is accepted too
	Status     int           // 429, or a 5xx such as 502
	RetryAfter time.Duration // 429: how long the bot must wait
	Global     bool          // 429: the global limit rather than the route's bucket
	Times      int           // how many requests it answers (default 1)
}

type slow struct {
	prefix string
	delay  time.Duration
}

// FailNext makes the next request matching method and path prefix fail with
// status: a 429 carries Retry-After, the X-RateLimit-* headers and a JSON
// retry_after (in seconds, as Discord sends it); a 5xx carries Discord's
// error document.
func (d *Double) FailNext(method, pathPrefix string, status int, retryAfter time.Duration) {
	d.FailNextWith(Failure{Method: method, PathPrefix: pathPrefix, Status: status, RetryAfter: retryAfter})
}

// FailNextWith queues a failure described in full (global 429s, repeats).
func (d *Double) FailNextWith(f Failure) {
	if f.Times <= 0 {
		f.Times = 1
	}
	f.PathPrefix, _ = normalPrefix(f.PathPrefix)
	d.mu.Lock()
	d.failures = append(d.failures, f)
	d.mu.Unlock()
}

// SlowNext delays the next request whose path starts with pathPrefix by
// delay before the double serves it, as a slow Discord would.
func (d *Double) SlowNext(pathPrefix string, delay time.Duration) {
	p, _ := normalPrefix(pathPrefix)
	d.mu.Lock()
	d.slows = append(d.slows, slow{prefix: p, delay: delay})
	d.mu.Unlock()
}

func normalPrefix(p string) (string, bool) {
	if s, ok := stripVersion(p); ok {
		return s, true
	}
	return p, false
}

// takeFailure consumes a queued failure matching the request; d.mu is held.
func (d *Double) takeFailure(method, path string) (Failure, bool) {
	for i, f := range d.failures {
		if (f.Method == "" || strings.EqualFold(f.Method, method)) && strings.HasPrefix(path, f.PathPrefix) {
			d.failures[i].Times--
			if d.failures[i].Times == 0 {
				d.failures = append(d.failures[:i], d.failures[i+1:]...)
			}
			return f, true
		}
	}
	return Failure{}, false
}

func (d *Double) takeSlow(path string) time.Duration {
	d.mu.Lock()
	defer d.mu.Unlock()
	for i, s := range d.slows {
		if strings.HasPrefix(path, s.prefix) {
			d.slows = append(d.slows[:i], d.slows[i+1:]...)
			return s.delay
		}
	}
	return 0
}

// reply renders the failure as Discord would send it.
func (f Failure) reply(now time.Time, h http.Header) reply {
	if f.Status != http.StatusTooManyRequests {
		return apiError(f.Status, 0, fmt.Sprintf("%d: %s", f.Status, http.StatusText(f.Status)))
	}
	secs := f.RetryAfter.Seconds()
	h.Set("Retry-After", strconv.Itoa(int(math.Ceil(secs))))
	h.Set("X-RateLimit-Limit", "5")
	h.Set("X-RateLimit-Remaining", "0")
	h.Set("X-RateLimit-Reset", strconv.FormatFloat(float64(now.Add(f.RetryAfter).UnixMilli())/1000, 'f', 3, 64))
	h.Set("X-RateLimit-Reset-After", strconv.FormatFloat(secs, 'f', 3, 64))
	h.Set("X-RateLimit-Bucket", "double-injected")
	scope := "user"
	if f.Global {
		h.Set("X-RateLimit-Global", "true")
		scope = "global"
	}
	h.Set("X-RateLimit-Scope", scope)
	return reply{status: http.StatusTooManyRequests, body: map[string]any{
		"message":     "You are being rate limited.",
		"retry_after": math.Round(secs*1000) / 1000,
		"global":      f.Global,
	}}
}
