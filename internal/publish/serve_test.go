package publish

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// TestServeStatusPage: the folder is served on loopback with the right
// types, the browser's own /favicon.ico answers, and nothing else of the
// folder or the disk is reachable.
func TestServeStatusPage(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, caenPage(locale.FR).Write(dir, caenUpdates, caenAt(27, 15, 0)))
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".index.html.tmp123"), []byte("half"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(filepath.Dir(dir), "secret.db"), []byte("SECRET-7f3a"), 0o644))

	ctx, cancel := context.WithCancel(context.Background())
	addrs := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, "127.0.0.1:0", dir, func(a net.Addr) { addrs <- a }) }()
	var base string
	select {
	case a := <-addrs:
		base = "http://" + a.String()
	case err := <-done:
		t.Fatalf("serve: %v", err)
	}
	client := &http.Client{Timeout: 10 * time.Second}
	get := func(p string) (int, string, string) {
		resp, err := client.Get(base + p)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp.StatusCode, resp.Header.Get("Content-Type"), string(body)
	}
	cases := []struct {
		path, typ, holds string
		code             int
	}{
		{"/", "text/html; charset=utf-8", "Messagerie @caen.fr", 200},
		{"/index.html", "text/html; charset=utf-8", "<main>", 200},
		{"/feed.atom", "application/atom+xml; charset=utf-8", "<feed", 200},
		{"/favicon.ico", "image/svg+xml", "<svg", 200},
		{"/timeline.svg", "image/svg+xml", "<svg", 200},
		{"/.index.html.tmp123", "", "", 404},
		{"/../secret.db", "", "", 404},
		{"/%2e%2e/secret.db", "", "", 404},
		{"/statuspage/", "", "", 404},
	}
	for _, c := range cases {
		code, typ, body := get(c.path)
		assert.Equal(t, c.code, code, c.path)
		if c.code == 200 {
			assert.Equal(t, c.typ, typ, c.path)
			assert.Contains(t, body, c.holds, c.path)
		}
		assert.NotContains(t, body, "SECRET-7f3a", c.path)
		assert.NotContains(t, body, "half", c.path)
	}
	resp, err := client.Post(base+"/index.html", "text/plain", nil)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)

	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not stop")
	}
}
