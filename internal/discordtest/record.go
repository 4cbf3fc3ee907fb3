package discordtest

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Request is one REST request the double received.
type Request struct {
	Time      time.Time
	Method    string
	Path      string // as sent, with its /api/vN prefix
	Route     string // the description's path template, e.g. "/channels/{channel_id}/messages"
	Operation string // the description's operationId, e.g. "create_message"
	Vars      map[string]string
	Query     url.Values
	Header    http.Header // Authorization keeps its scheme only: "Bot [redacted]"
	Body      []byte      // the JSON body, or a multipart body's payload_json
	Files     []Attachment
	Status    int // what the double answered
}

// Violation is a request real Discord would have refused, or an interaction
// rule the bot broke.
type Violation struct {
	Time    time.Time
	Method  string
	Path    string
	Problem string
}

// String is the one-line form Close reports: "METHOD path: problem".
func (v Violation) String() string {
	if v.Method == "" {
		return v.Path + ": " + v.Problem
	}
	return v.Method + " " + v.Path + ": " + v.Problem
}

// Requests returns every request received so far, oldest first.
func (d *Double) Requests() []Request {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]Request(nil), d.requests...)
}

// Violations returns every violation recorded so far.
func (d *Double) Violations() []Violation {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]Violation(nil), d.violations...)
}

// TakeViolations returns the violations so far and forgets them, for a test
// that provokes one on purpose and must not fail at cleanup for it.
func (d *Double) TakeViolations() []Violation {
	d.mu.Lock()
	defer d.mu.Unlock()
	v := d.violations
	d.violations = nil
	return v
}

// violate records a problem; callers hold d.mu.
func (d *Double) violate(method, path, format string, args ...any) {
	d.violations = append(d.violations, Violation{Time: d.now(), Method: method, Path: path, Problem: fmt.Sprintf(format, args...)})
	d.notify()
}

// WaitFor blocks until a request satisfying pred has been received (or
// already was), and returns the first such request.
func (d *Double) WaitFor(ctx context.Context, pred func(Request) bool) (Request, error) {
	seen := 0
	for {
		d.mu.Lock()
		for ; seen < len(d.requests); seen++ {
			if r := d.requests[seen]; pred(r) {
				d.mu.Unlock()
				return r, nil
			}
		}
		ch := d.changed
		d.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return Request{}, fmt.Errorf("discordtest: waiting for a request: %w", ctx.Err())
		}
	}
}

// Operation matches requests by the description's operationId.
func Operation(id string) func(Request) bool {
	return func(r Request) bool { return r.Operation == id }
}

// waitUntil blocks until cond (called with d.mu held) holds.
func (d *Double) waitUntil(ctx context.Context, what string, cond func() bool) error {
	for {
		d.mu.Lock()
		ok := cond()
		ch := d.changed
		d.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("discordtest: waiting for %s: %w", what, ctx.Err())
		}
	}
}

// redact keeps an Authorization header's scheme and drops its secret, so
// recorded requests can be printed.
func redact(h http.Header) http.Header {
	h = h.Clone()
	if a := h.Get("Authorization"); a != "" {
		scheme, _, found := strings.Cut(a, " ")
		if found {
			h.Set("Authorization", scheme+" [redacted]")
		} else {
			h.Set("Authorization", "[redacted]")
		}
	}
	return h
}
