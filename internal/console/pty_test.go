package console_test

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// screen collects what a pseudo-terminal shows.
type screen struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *screen) count(sub string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Count(s.buf.String(), sub)
}

// waitFor waits until the screen shows sub n times. The deadline only ends
// a test that would otherwise hang; nothing here measures time.
func (s *screen) waitFor(t *testing.T, sub string, n int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for s.count(sub) < n {
		if time.Now().After(deadline) {
			s.mu.Lock()
			defer s.mu.Unlock()
			t.Fatalf("got screen %q, want %q shown %d time(s)", s.buf.String(), sub, n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestConsoleOnATerminal drives a console through a pseudo-terminal as a
// member would: a command, a line corrected with the arrows before Enter,
// the last command again with Up, and the French exit word.
func TestConsoleOnATerminal(t *testing.T) {
	master, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal on this machine: %v", err)
	}
	defer master.Close()
	defer tty.Close()
	require.NoError(t, pty.Setsize(tty, &pty.Winsize{Rows: 40, Cols: 200}))
	c, _ := newConsole(t, "", locale.FR)
	var out screen
	go func() { _, _ = copyAll(&out, master) }()
	done := make(chan error, 1)
	go func() { done <- c.RunTerminal(context.Background(), tty, tty) }()

	type_ := func(s string) {
		_, err := master.WriteString(s)
		require.NoError(t, err)
	}
	out.waitFor(t, "tocsin> ", 1)
	type_("/crisis open title:Un\r")
	out.waitFor(t, "Crise n° 1 ouverte : Un", 1)

	// "/crisis sttus", three steps left, "a": the line now reads "/crisis status".
	out.waitFor(t, "tocsin> ", 2)
	type_("/crisis sttus\x1b[D\x1b[D\x1b[Da\r")
	out.waitFor(t, "Crise n° 1 — Un", 1)

	// Up brings back the last command.
	out.waitFor(t, "tocsin> ", 3)
	type_("\x1b[A\r")
	out.waitFor(t, "Crise n° 1 — Un", 2)

	out.waitFor(t, "tocsin> ", 4)
	type_("quitter\r")
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(20 * time.Second):
		t.Fatalf("got a console still running after « quitter », want it ended")
	}
	require.Zero(t, out.count("commande inconnue"), "got a refusal on screen, want every line understood")
}

// copyAll copies the master side until it is closed.
func copyAll(w *screen, r interface{ Read([]byte) (int, error) }) (int, error) {
	buf := make([]byte, 4096)
	n := 0
	for {
		k, err := r.Read(buf)
		if k > 0 {
			_, _ = w.Write(buf[:k])
			n += k
		}
		if err != nil {
			return n, err
		}
	}
}
