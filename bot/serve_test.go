package main

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/config"
	dt "github.com/tocsin-crisis/tocsin/internal/discordtest"
)

// TestServeAgainstTheDouble runs `tocsin serve` as configured from the
// environment — token, guild, DISCORD_API_URL, roles — against the Discord
// double, answers a slash command, and stops cleanly when told to.
func TestServeAgainstTheDouble(t *testing.T) {
	t.Parallel()
	d := dt.New(t)
	db := filepath.Join(t.TempDir(), "tocsin.db")
	env := map[string]string{
		"DISCORD_TOKEN": "test-token", "DISCORD_GUILD_ID": dt.GuildID, "DISCORD_API_URL": d.URL(), "TOCSIN_DB": db,
		"TOCSIN_DISCORD_ROLES": dt.RoleMember + "=member;" + dt.RoleDirector + "=member,director",
	}
	load := func() (config.Config, error) {
		return config.Load(func(k string) string { return env[k] }, func(string) ([]byte, error) { return nil, fs.ErrNotExist })
	}
	ctx, stop := context.WithCancel(context.Background())
	stderr := &syncWriter{w: &bytes.Buffer{}}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, nil, system{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: stderr, load: load, now: time.Now})
	}()
	wait, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := d.WaitFor(wait, func(r dt.Request) bool { return r.Operation == "bulk_set_guild_application_commands" })
	require.NoError(t, err, "serve registers the commands")

	id, _ := d.DispatchInteraction(dt.SlashCommand(dt.UserDirector, []string{dt.RoleMember, dt.RoleDirector}, dt.ChannelGeneral, "crisis", "open", dt.Str("title", "Intrusion")))
	cb, err := d.WaitCallback(wait, id)
	require.NoError(t, err)
	assert.Equal(t, 4, cb.Type)
	assert.Contains(t, string(cb.Data), "Crise n° 1 ouverte")

	stop()
	select {
	case code := <-done:
		assert.Equal(t, 0, code)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	assert.NotContains(t, stderr.String(), "test-token", "the token is never logged")
}

// TestServeServesTheStatusPage: with statuspage.addr set, `tocsin serve`
// writes the page as the record stands and serves it on that address while
// it serves the cell.
func TestServeServesTheStatusPage(t *testing.T) {
	t.Parallel()
	d := dt.New(t)
	dir := t.TempDir()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	env := map[string]string{
		"DISCORD_TOKEN": "test-token", "DISCORD_GUILD_ID": dt.GuildID, "DISCORD_API_URL": d.URL(),
		"TOCSIN_DB": filepath.Join(dir, "tocsin.db"), "TOCSIN_DISCORD_ROLES": dt.RoleMember + "=member",
		"TOCSIN_STATUSPAGE_DIR": filepath.Join(dir, "page"), "TOCSIN_STATUSPAGE_ADDR": addr,
	}
	load := func() (config.Config, error) {
		return config.Load(func(k string) string { return env[k] }, func(string) ([]byte, error) { return nil, fs.ErrNotExist })
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, nil, system{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &syncWriter{w: &bytes.Buffer{}}, load: load, now: time.Now})
	}()
	defer func() {
		stop()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop")
		}
	}()
	client := &http.Client{Timeout: 2 * time.Second}
	var body string
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := client.Get("http://" + addr + "/")
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				body = string(b)
				break
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	require.NotEmpty(t, body, "the page is served on %s", addr)
	assert.Contains(t, body, "<main>")
	assert.Contains(t, body, "Aucune information publiée", "nothing approved yet: the page says so")
}
