package discord

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/playbook"
	"github.com/tocsin-crisis/tocsin/internal/store"
	"github.com/tocsin-crisis/tocsin/playbooks"
)

// Who the fuzzed interactions come from: the role IDs map to capabilities,
// and the crisis channel is the one the stub gives every created channel.
const (
	fuzzGuild    = "1000"
	fuzzMember   = "2001"
	fuzzDirector = "2002"
	fuzzCrisisCh = "3000"
	fuzzOtherCh  = "3001"
)

// fuzzBot is the bot as the gateway drives it, without a gateway: its REST
// calls reach a stub on loopback that accepts everything, and its log says
// when a handler panicked (the bot survives a panic, so only the log shows it).
type fuzzBot struct {
	bot    *Bot
	panics *panicLog
	stub   *stub
}

func newFuzzBot(tb testing.TB) *fuzzBot {
	tb.Helper()
	st := newStub(tb)
	db, err := store.Open(context.Background(), ":memory:")
	require.NoError(tb, err)
	tb.Cleanup(func() { db.Close() })
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	db.SetLogger(quiet)
	set, err := playbook.Load(playbooks.FS, "")
	require.NoError(tb, err)
	paris, err := time.LoadLocation("Europe/Paris")
	require.NoError(tb, err)
	env := &command.Env{Store: db, Table: command.Default(), Now: time.Now, Loc: paris, Lang: locale.FR, Log: quiet,
		Playbooks: playbook.NewEngine(set, nil)}
	panics := &panicLog{}
	b, err := New(Config{
		Token: "fuzz-token", GuildID: fuzzGuild, APIURL: st.srv.URL,
		Roles: map[string][]crisis.Capability{
			fuzzMember:   {crisis.CapMember},
			fuzzDirector: crisis.Capabilities,
		},
		PublicChannel: "3100", ApprovalChannel: "3101",
	}, env, db, slog.New(panics))
	require.NoError(tb, err)
	// Every request goes to the stub, whatever host a forged ID or token
	// could make discordgo build: the test never leaves the machine.
	b.s.Client = &http.Client{Transport: toStub{base: st.base}, Timeout: 10 * time.Second}
	b.s.MaxRestRetries = 0
	return &fuzzBot{bot: b, panics: panics, stub: st}
}

// handle does what discordgo does with an INTERACTION_CREATE payload:
// unmarshal it into a new InteractionCreate and call the handler with what
// came out, even when unmarshalling failed half-way.
func (f *fuzzBot) handle(raw []byte) {
	ic := new(discordgo.InteractionCreate)
	_ = json.Unmarshal(raw, ic)
	f.bot.onInteraction(f.bot.s, ic)
}

// stub answers every REST call as a success: 204 for interaction
// callbacks, a channel-or-message-shaped object for the rest. It keeps the
// last callback bodies for tests that read the bot's answer.
type stub struct {
	srv  *httptest.Server
	base *url.URL

	mu        sync.Mutex
	callbacks []string
}

func newStub(tb testing.TB) *stub {
	tb.Helper()
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	require.NoError(tb, err)
	st := &stub{}
	st.srv = httptest.NewUnstartedServer(http.HandlerFunc(st.serve))
	st.srv.Listener = ln
	st.srv.Start()
	tb.Cleanup(st.srv.Close)
	st.base, err = url.Parse(st.srv.URL)
	require.NoError(tb, err)
	return st
}

func (st *stub) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if strings.HasSuffix(r.URL.Path, "/callback") {
		st.mu.Lock()
		if len(st.callbacks) == 16 {
			st.callbacks = st.callbacks[1:]
		}
		st.callbacks = append(st.callbacks, string(body))
		st.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"id":"4000","channel_id":%q,"guild_id":%q,"type":0,"name":"crise"}`, fuzzCrisisCh, fuzzGuild)
}

// lastCallback is the body of the last interaction response the bot sent.
func (st *stub) lastCallback() string {
	st.mu.Lock()
	defer st.mu.Unlock()
	if len(st.callbacks) == 0 {
		return ""
	}
	return st.callbacks[len(st.callbacks)-1]
}

type toStub struct{ base *url.URL }

func (s toStub) RoundTrip(req *http.Request) (*http.Response, error) {
	out := req.Clone(req.Context())
	out.URL.Scheme, out.URL.Host, out.Host = s.base.Scheme, s.base.Host, s.base.Host
	return http.DefaultTransport.RoundTrip(out)
}

// panicLog is a slog handler that keeps the records of recovered panics.
type panicLog struct {
	mu   sync.Mutex
	seen []string
}

func (p *panicLog) Enabled(context.Context, slog.Level) bool { return true }
func (p *panicLog) WithAttrs([]slog.Attr) slog.Handler       { return p }
func (p *panicLog) WithGroup(string) slog.Handler            { return p }
func (p *panicLog) Handle(_ context.Context, r slog.Record) error {
	if r.Message != logPanic {
		return nil
	}
	var sb strings.Builder
	r.Attrs(func(a slog.Attr) bool {
		fmt.Fprintf(&sb, "%s=%v\n", a.Key, a.Value)
		return true
	})
	p.mu.Lock()
	p.seen = append(p.seen, sb.String())
	p.mu.Unlock()
	return nil
}

// take returns the panics logged since the last call.
func (p *panicLog) take() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	seen := p.seen
	p.seen = nil
	return seen
}

// interaction builds an INTERACTION_CREATE payload as Discord sends it.
func interaction(typ int, channel string, member any, data any) []byte {
	m := map[string]any{
		"id": freshID(), "application_id": "6000", "type": typ, "token": "tok-en",
		"version": 1, "channel_id": channel, "guild_id": fuzzGuild, "locale": "fr",
	}
	if member != nil {
		m["member"] = member
	}
	if data != nil {
		m["data"] = data
	}
	raw, _ := json.Marshal(m)
	return raw
}

var idCounter atomic.Int64

// freshID is a snowflake made now, unique: the bot acts only on
// interactions whose token is alive and that it has not seen.
func freshID() string {
	return strconv.FormatInt((time.Now().UnixMilli()-1420070400000)<<22|idCounter.Add(1)&(1<<22-1), 10)
}

func memberWith(id string, roles ...string) map[string]any {
	return map[string]any{"user": map[string]any{"id": id, "username": "u" + id, "global_name": "Membre " + id},
		"roles": roles, "nick": "", "permissions": "0"}
}

func slash(name string, opts ...any) map[string]any {
	return map[string]any{"id": "7000", "name": name, "type": 1, "options": opts}
}

func sub(name string, opts ...any) map[string]any {
	return map[string]any{"name": name, "type": 1, "options": opts}
}

func opt(name string, typ int, value any) map[string]any {
	return map[string]any{"name": name, "type": typ, "value": value}
}

// fuzzSeeds are payloads a member, a client bug or a forger could send.
func fuzzSeeds() [][]byte {
	dir := memberWith(fuzzDirector, fuzzDirector)
	mem := memberWith(fuzzMember, fuzzMember)
	huge := strings.Repeat("é", 5000) // past every limit the bot has; bigger only slows the fuzzer
	emoji := strings.Repeat("🚨👩🏽‍💻🇫🇷", 50)
	seeds := [][]byte{
		// Slash commands, well formed and with odd option types.
		interaction(2, fuzzOtherCh, dir, slash("crisis", sub("open", opt("title", 3, "Intrusion 🚨👩🏽‍💻🇫🇷"), opt("playbook", 3, "cyberattaque-collectivite")))),
		interaction(2, fuzzOtherCh, dir, slash("crisis", sub("open", opt("title", 3, emoji), opt("severity", 3, emoji)))),
		interaction(2, fuzzCrisisCh, mem, slash("task", sub("add", opt("title", 3, 12.5), opt("due", 3, true)))),
		interaction(2, fuzzCrisisCh, mem, slash("task", sub("assign", opt("id", 4, map[string]any{"x": 1}), opt("member", 6, []any{1, "2"})))),
		interaction(2, fuzzCrisisCh, mem, slash("log", opt("text", 3, nil), opt("at", 3, "2022-09-26 14:30"))),
		interaction(2, fuzzCrisisCh, mem, slash("log", opt("text", 3, huge))),
		interaction(2, fuzzCrisisCh, dir, slash("task", map[string]any{"name": "list", "type": 2, "options": []any{sub("deeper", sub("deepest"))}})),
		interaction(2, fuzzCrisisCh, dir, slash("", sub(""))),
		interaction(2, fuzzCrisisCh, dir, slash("crisis", sub("status"), sub("close"))),
		interaction(2, fuzzCrisisCh, dir, slash("crisis", sub("fact", opt("name", 3, "personal_data"), opt("value", 3, "oui")))),
		interaction(2, fuzzCrisisCh, dir, slash("draft", sub("status", opt("audience", 3, "public")))),
		// Buttons, genuine and forged.
		interaction(3, fuzzCrisisCh, mem, map[string]any{"custom_id": "/task take id:1", "component_type": 2}),
		interaction(3, fuzzCrisisCh, mem, map[string]any{"custom_id": "/draft edit id:99999999999999999999", "component_type": 2}),
		interaction(3, fuzzCrisisCh, mem, map[string]any{"custom_id": "/draft edit id:-1", "component_type": 2}),
		interaction(3, fuzzCrisisCh, dir, map[string]any{"custom_id": "/draft edit id:1", "component_type": 2}),
		interaction(3, fuzzCrisisCh, mem, map[string]any{"custom_id": "/draft reject id:" + emoji, "component_type": 2}),
		interaction(3, fuzzCrisisCh, mem, map[string]any{"custom_id": "/crisis close summary:\"forgé\"", "component_type": 2}),
		interaction(3, fuzzCrisisCh, mem, map[string]any{"custom_id": "", "component_type": 3, "values": []string{"a"}}),
		interaction(3, fuzzCrisisCh, mem, map[string]any{"custom_id": "modal:/task done id:1", "component_type": 2}),
		// Modal submits.
		interaction(5, fuzzCrisisCh, dir, map[string]any{"custom_id": "modal:/draft edit id:1", "components": []any{
			map[string]any{"type": 1, "components": []any{map[string]any{"type": 4, "custom_id": "text", "value": "Nouveau texte " + emoji}}}}}),
		interaction(5, fuzzCrisisCh, dir, map[string]any{"custom_id": "modal:/draft reject id:1", "components": []any{
			map[string]any{"type": 4, "custom_id": "reason", "value": "pas une ligne"},
			map[string]any{"type": 1, "components": []any{map[string]any{"type": 2, "custom_id": "x"}}}}}),
		interaction(5, fuzzCrisisCh, dir, map[string]any{"custom_id": "modal:", "components": []any{}}),
		interaction(5, fuzzCrisisCh, dir, map[string]any{"custom_id": "/log", "components": []any{
			map[string]any{"type": 1, "components": []any{map[string]any{"type": 4, "custom_id": "text", "value": huge}}}}}),
		// Autocomplete, focused at every depth.
		interaction(4, fuzzCrisisCh, mem, slash("task", sub("done", map[string]any{"name": "id", "type": 3, "value": "is", "focused": true}))),
		interaction(4, fuzzCrisisCh, mem, slash("playbook", sub("show", map[string]any{"name": "name", "type": 3, "value": 3, "focused": true}))),
		interaction(4, fuzzCrisisCh, mem, slash("nope", map[string]any{"name": "x", "type": 3, "focused": true})),
		interaction(4, fuzzOtherCh, mem, slash("role", sub("assign", map[string]any{"name": "role", "type": 3, "value": "", "focused": true}))),
		// Missing member or user, a DM (no guild), a user without a member.
		interaction(2, fuzzCrisisCh, nil, slash("crisis", sub("status"))),
		interaction(2, fuzzCrisisCh, map[string]any{"roles": []string{fuzzDirector}}, slash("crisis", sub("status"))),
		[]byte(`{"id":"1","type":2,"token":"t","channel_id":"9","user":{"id":"42","username":"dm"},"data":{"name":"task","type":1,"options":[{"name":"list","type":1}]}}`),
		[]byte(`{"id":"1","type":3,"token":"t","user":{"id":"42"},"data":{"custom_id":"/task take id:1","component_type":2}}`),
		// Shapes discordgo cannot decode, passed on anyway as it does.
		[]byte(`{"type":2}`),
		[]byte(`{"type":3,"data":"x"}`),
		[]byte(`{"type":4,"data":[]}`),
		[]byte(`{"type":5,"data":{"components":[{"type":1,"components":"x"}]}}`),
		[]byte(`null`),
		[]byte(`[]`),
		[]byte(`{}`),
		[]byte(`{"type":1}`),
		[]byte(`{"type":99,"data":{}}`),
		[]byte(`{"id":"1","type":2,"token":"../../x?y#z","channel_id":"` + fuzzCrisisCh + `","member":{"user":{"id":"` + fuzzDirector + `"},"roles":["` + fuzzDirector + `"]},"data":{"name":"crisis","type":1,"options":[{"name":"status","type":1}]}}`),
		[]byte(`{"id":"1","type":2,"locale":"\u0000","guild_locale":"zz","member":{"user":{"id":"` + fuzzMember + `"},"roles":["` + fuzzMember + `"],"permissions":"8"},"data":{"name":"log","type":1,"options":[{"name":"text","type":3,"value":"\ud800 @everyone <@&1>"}]}}`),
	}
	return seeds
}

// FuzzInteraction feeds arbitrary bytes to the bot as an INTERACTION_CREATE
// payload: whatever arrives, the handler returns and nothing panics.
func FuzzInteraction(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	fb := newFuzzBot(f)
	// A crisis to act on, in the channel the stub hands out.
	fb.handle(fuzzSeeds()[0])
	require.Empty(f, fb.panics.take())
	f.Fuzz(func(t *testing.T, raw []byte) {
		fb.handle(raw)
		if p := fb.panics.take(); len(p) > 0 {
			t.Fatalf("got a panic handling %q, want none:\n%s", raw, strings.Join(p, "\n"))
		}
	})
}
