package discordtest

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestValidatorDirect feeds bodies straight to the operations' checks.
func TestValidatorDirect(t *testing.T) {
	t.Parallel()
	sp := needSpec(t)
	tests := []struct {
		name, method, path, body string
		want                     string // substring of a problem; "" for none
	}{
		{"message ok", "POST", "/channels/1/messages", `{"content":"ok","allowed_mentions":{"parse":[]}}`, ""},
		{"content over 4000", "POST", "/channels/1/messages", `{"content":"` + strings.Repeat("a", 4001) + `"}`, "maxLength"},
		{"callback content over 2000", "POST", "/interactions/1/tok/callback", `{"type":4,"data":{"content":"` + strings.Repeat("a", 2001) + `"}}`, "/data/content: maxLength"},
		{"callback unknown type", "POST", "/interactions/1/tok/callback", `{"type":42}`, "/type: got 42, want one of 1, 4, 5, 6, 7, 8, 9, 12, 13"},
		{"unknown option type", "PUT", "/applications/1/guilds/2/commands", `[{"name":"task","description":"d","options":[{"type":99,"name":"x","description":"y"}]}]`, "/0/options/0/type: got 99"},
		{"string permissions accepted", "PUT", "/applications/1/guilds/2/commands", `[{"name":"task","description":"d","default_member_permissions":"8"}]`, ""},
		{"six buttons in a row", "POST", "/webhooks/1/tok", `{"content":"x","components":[{"type":1,"components":[` + strings.TrimSuffix(strings.Repeat(`{"type":2,"style":1,"custom_id":"b","label":"b"},`, 6), ",") + `]}]}`, "maxItems"},
		{"custom_id over 100", "PATCH", "/webhooks/1/tok/messages/@original", `{"components":[{"type":1,"components":[{"type":2,"style":1,"label":"x","custom_id":"` + strings.Repeat("c", 101) + `"}]}]}`, "maxLength"},
		{"text input value over 4000", "POST", "/interactions/1/tok/callback", `{"type":9,"data":{"custom_id":"m","title":"t","components":[{"type":1,"components":[{"type":4,"custom_id":"v","style":2,"label":"l","value":"` + strings.Repeat("v", 4001) + `"}]}]}}`, "maxLength"},
		{"required body missing", "POST", "/channels/1/messages", ``, "request body required"},
		// Integer sets go through the double's own keyword (intenum.go):
		// the same verdicts as JSON Schema's enum and oneOf of constants.
		{"button style out of its set", "POST", "/webhooks/1/tok", `{"content":"x","components":[{"type":1,"components":[{"type":2,"style":9,"custom_id":"b","label":"b"}]}]}`, "/components/0/components/0/style: value must be one of 1, 2, 3, 4, 5, 6"},
		{"button style as a string", "POST", "/webhooks/1/tok", `{"content":"x","components":[{"type":1,"components":[{"type":2,"style":"1","custom_id":"b","label":"b"}]}]}`, "/components/0/components/0/style"},
		{"button style written 3.0", "POST", "/webhooks/1/tok", `{"content":"x","components":[{"type":1,"components":[{"type":2,"style":3.0,"custom_id":"b","label":"b"}]}]}`, ""},
		{"callback type 4e0", "POST", "/interactions/1/tok/callback", `{"type":4e0,"data":{"content":"ok"}}`, ""},
		{"callback type 4.5", "POST", "/interactions/1/tok/callback", `{"type":4.5,"data":{"content":"ok"}}`, "/type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, op, _ := sp.match(tt.method, tt.path)
			require.NotNil(t, op)
			probs := op.checkBody([]byte(tt.body), true)
			if tt.want == "" {
				assert.Empty(t, probs)
				return
			}
			require.NotEmpty(t, probs)
			assert.Contains(t, strings.Join(probs, "\n"), tt.want)
		})
	}
}

func TestRouteMatching(t *testing.T) {
	t.Parallel()
	sp := needSpec(t)
	for _, tt := range []struct{ method, path, want string }{
		{"PUT", "/channels/1/messages/pins/2", "create_pin"},
		{"PUT", "/channels/1/pins/2", "deprecated_create_pin"},
		{"PATCH", "/webhooks/1/tok/messages/@original", "update_original_webhook_message"},
		{"PATCH", "/webhooks/1/tok/messages/3", "update_webhook_message"},
		{"PUT", "/applications/1/guilds/2/commands", "bulk_set_guild_application_commands"},
		{"POST", "/interactions/1/tok/callback", "create_interaction_response"},
		{"POST", "/channels/1/messages/2/threads", "create_thread_from_message"},
		{"GET", "/channels/1/messages/pins", "list_pins"},
	} {
		_, op, _ := sp.match(tt.method, tt.path)
		require.NotNil(t, op, tt.path)
		assert.Equal(t, tt.want, op.id, tt.path)
	}
	_, op, vars := sp.match("GET", "/guilds/5/members/6")
	require.NotNil(t, op)
	assert.Equal(t, map[string]string{"guild_id": "5", "user_id": "6"}, vars)
	assert.Contains(t, strings.Join(op.checkParams(map[string]string{"guild_id": "x5", "user_id": "6"}, nil), ""), "guild_id")
	r, _, _ := sp.match("GET", "/no/such/route")
	assert.Nil(t, r)
}

// TestViolationsFailTheTestAtClose runs a double on a fake T and checks what
// its Close reports.
func TestViolationsFailTheTestAtClose(t *testing.T) {
	t.Parallel()
	ft := newFakeT(t)
	d := New(ft)
	require.NotNil(t, d)

	post := func(path, body string) int {
		req, _ := http.NewRequest("POST", d.URL()+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bot x")
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	assert.Equal(t, http.StatusBadRequest, post("/api/v9/channels/"+ChannelGeneral+"/messages", `{"content":"`+strings.Repeat("é", 3000)+`","allowed_mentions":{"parse":[]}}`))
	assert.Equal(t, http.StatusNotFound, post("/api/v9/no/such/thing", `{}`))
	assert.Equal(t, http.StatusNotFound, post("/api/v10/channels/"+ChannelGeneral+"/messages/1/crosspost", `{}`))
	d.Close()

	got := ft.joined()
	assert.Contains(t, got, "POST /api/v9/channels/"+ChannelGeneral+"/messages: content is 3000 characters, Discord allows 2000")
	assert.Contains(t, got, "POST /api/v9/no/such/thing: unknown route")
	assert.Contains(t, got, "not implemented by the Discord double: crosspost_message")
	for _, line := range ft.errors {
		assert.NotContains(t, line, "\n", "one line per violation")
	}
}

func TestUnansweredInteractionFailsAtClose(t *testing.T) {
	t.Parallel()
	ft := newFakeT(t)
	d := New(ft)
	ws := dialGateway(t, d)
	identify(t, ws)
	d.DispatchInteraction(SlashCommand(UserMember, []string{RoleMember}, ChannelGeneral, "crisis", "status"))
	d.Close()
	assert.Contains(t, ft.joined(), "(/crisis status) got no initial response")
	assert.Contains(t, d.Report(), "UNANSWERED")
}

// dialGateway speaks to the gateway with a bare websocket, to test what
// discordgo never sends.
func dialGateway(t *testing.T, d *Double) *websocket.Conn {
	t.Helper()
	ws, _, err := websocket.DefaultDialer.Dial(d.GatewayURL()+"/?v=9&encoding=json", nil)
	require.NoError(t, err)
	t.Cleanup(func() { ws.Close() })
	var hello map[string]any
	require.NoError(t, ws.ReadJSON(&hello))
	require.Equal(t, float64(opHello), hello["op"])
	return ws
}

type frame struct {
	Op int             `json:"op"`
	T  string          `json:"t"`
	S  int64           `json:"s"`
	D  json.RawMessage `json:"d"`
}

func identify(t *testing.T, ws *websocket.Conn) string {
	t.Helper()
	require.NoError(t, ws.WriteJSON(map[string]any{"op": 2, "d": map[string]any{"token": "Bot x", "intents": 1, "properties": map[string]any{}}}))
	var ready frame
	require.NoError(t, ws.ReadJSON(&ready))
	require.Equal(t, "READY", ready.T)
	var r struct {
		SessionID string `json:"session_id"`
		Resume    string `json:"resume_gateway_url"`
		Guilds    []struct {
			ID          string `json:"id"`
			Unavailable bool   `json:"unavailable"`
		} `json:"guilds"`
	}
	require.NoError(t, json.Unmarshal(ready.D, &r))
	require.Len(t, r.Guilds, 1)
	assert.True(t, r.Guilds[0].Unavailable)
	assert.NotEmpty(t, r.Resume)
	return r.SessionID
}

func TestGatewayHeartbeatAndBadResume(t *testing.T) {
	t.Parallel()
	d := New(t)
	ws := dialGateway(t, d)
	_ = ws.SetReadDeadline(time.Now().Add(5 * time.Second))
	session := identify(t, ws)
	var guild frame
	require.NoError(t, ws.ReadJSON(&guild))
	assert.Equal(t, "GUILD_CREATE", guild.T)
	assert.Equal(t, int64(2), guild.S)

	require.NoError(t, ws.WriteJSON(map[string]any{"op": 1, "d": 2}))
	var ack frame
	require.NoError(t, ws.ReadJSON(&ack))
	assert.Equal(t, opHeartbeatAck, ack.Op)

	// A second connection resuming a session that does not exist is told to identify anew.
	other := dialGateway(t, d)
	_ = other.SetReadDeadline(time.Now().Add(5 * time.Second))
	require.NoError(t, other.WriteJSON(map[string]any{"op": 6, "d": map[string]any{"token": "Bot x", "session_id": "nope", "seq": 2}}))
	var inv frame
	require.NoError(t, other.ReadJSON(&inv))
	assert.Equal(t, opInvalidSession, inv.Op)
	assert.Equal(t, "false", string(inv.D))

	// Resuming the real session replays nothing missed, then RESUMED with the next sequence.
	require.NoError(t, other.WriteJSON(map[string]any{"op": 6, "d": map[string]any{"token": "Bot x", "session_id": session, "seq": 2}}))
	var resumed frame
	require.NoError(t, other.ReadJSON(&resumed))
	assert.Equal(t, "RESUMED", resumed.T)
	assert.Equal(t, int64(3), resumed.S)
}

func TestFindSpec(t *testing.T) {
	t.Setenv(SpecEnv, filepath.Join(t.TempDir(), "missing.json"))
	_, err := findSpec()
	assert.ErrorIs(t, err, errNoSpec)

	f := filepath.Join(t.TempDir(), "openapi.json")
	require.NoError(t, os.WriteFile(f, []byte("{}"), 0o600))
	t.Setenv(SpecEnv, f)
	got, err := findSpec()
	require.NoError(t, err)
	assert.Equal(t, f, got)
}
