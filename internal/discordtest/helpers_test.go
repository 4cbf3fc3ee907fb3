package discordtest

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/stretchr/testify/require"
)

// rewrite sends https://discord.com/... to the double and refuses anything
// else, so a test can never reach the real Discord.
type rewrite struct {
	base *url.URL
	next http.RoundTripper
}

func (r rewrite) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Host != "discord.com" {
		return nil, fmt.Errorf("test transport refuses %s", req.URL)
	}
	out := req.Clone(req.Context())
	out.URL.Scheme, out.URL.Host = r.base.Scheme, r.base.Host
	out.Host = r.base.Host
	return r.next.RoundTrip(out)
}

// newSession is a plain discordgo session whose REST calls reach d.
func newSession(t *testing.T, d *Double) *discordgo.Session {
	t.Helper()
	s, err := discordgo.New("Bot test-token")
	require.NoError(t, err)
	base, err := url.Parse(d.URL())
	require.NoError(t, err)
	s.Client = &http.Client{Transport: rewrite{base: base, next: http.DefaultTransport}, Timeout: 10 * time.Second}
	s.LogLevel = discordgo.LogError
	return s
}

// interactions collects the INTERACTION_CREATE events a session receives.
type interactions struct {
	mu  sync.Mutex
	got []*discordgo.Interaction
	ch  chan struct{}
}

// openSession opens a session on d's gateway (after setup, which may add
// handlers) and closes it at cleanup
// (discordgo's Close sleeps a second, so tests run in parallel).
func openSession(t *testing.T, d *Double, setup ...func(*discordgo.Session)) (*discordgo.Session, *interactions) {
	t.Helper()
	s := newSession(t, d)
	for _, f := range setup {
		f(s)
	}
	in := &interactions{ch: make(chan struct{}, 64)}
	s.AddHandler(func(_ *discordgo.Session, e *discordgo.InteractionCreate) {
		in.mu.Lock()
		in.got = append(in.got, e.Interaction)
		in.mu.Unlock()
		in.ch <- struct{}{}
	})
	require.NoError(t, s.Open())
	t.Cleanup(func() {
		s.ShouldReconnectOnError = false
		_ = s.Close()
	})
	return s, in
}

// wait returns the interaction with the given ID once the session has it.
func (in *interactions) wait(t *testing.T, id string) *discordgo.Interaction {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		in.mu.Lock()
		for _, i := range in.got {
			if i.ID == id {
				in.mu.Unlock()
				return i
			}
		}
		in.mu.Unlock()
		select {
		case <-in.ch:
		case <-deadline:
			t.Fatalf("interaction %s never reached the session", id)
		}
	}
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	t.Cleanup(cancel)
	return c
}

// fakeT records what the double reports, for tests of its own failures.
// Skip and Fatalf stop the real test it stands in for, as the double's T
// requires: without the description the test skips rather than going on
// with no double.
type fakeT struct {
	real    *testing.T
	mu      sync.Mutex
	errors  []string
	cleanup []func()
}

func newFakeT(t *testing.T) *fakeT { return &fakeT{real: t} }

func (f *fakeT) Helper()             {}
func (f *fakeT) Cleanup(fn func())   { f.cleanup = append(f.cleanup, fn) }
func (f *fakeT) Logf(string, ...any) {}
func (f *fakeT) Skip(args ...any)    { f.real.Helper(); f.real.Skip(args...) }
func (f *fakeT) Fatalf(format string, args ...any) {
	f.real.Helper()
	f.real.Fatalf(format, args...)
}
func (f *fakeT) Errorf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}

func (f *fakeT) joined() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return strings.Join(f.errors, "\n")
}

// newStrict is a double that also checks its own responses against the
// description.
func newStrict(t *testing.T, opts ...Option) *Double {
	t.Helper()
	return New(t, append([]Option{withResponseCheck()}, opts...)...)
}
