package discordtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Gateway opcodes.
const (
	opDispatch       = 0
	opHeartbeat      = 1
	opIdentify       = 2
	opResume         = 6
	opReconnect      = 7
	opInvalidSession = 9
	opHello          = 10
	opHeartbeatAck   = 11
)

// intentGuilds is GUILDS: channel and thread events need it.
const intentGuilds = 1 << 0

// privilegedIntents are GUILD_MEMBERS, GUILD_PRESENCES and MESSAGE_CONTENT.
const privilegedIntents int64 = 1<<1 | 1<<8 | 1<<15

// replayLimit is how many dispatches a session keeps for RESUME.
const replayLimit = 1000

// GatewayFrame is one gateway payload, sent or received.
type GatewayFrame struct {
	Time time.Time
	Sent bool // true: double → bot
	Op   int
	Type string // dispatch name, e.g. "READY", "INTERACTION_CREATE"
	Seq  int64  // dispatches only
}

// Identify is what the bot said in an IDENTIFY.
type Identify struct {
	Time           time.Time
	TokenIsBot     bool // the token had its "Bot " prefix
	Intents        int64
	Properties     map[string]any
	Compress       bool
	LargeThreshold int64
	Shard          []any
}

type gateway struct {
	sessions   map[string]*gwSession
	current    *gwSession // the session new dispatches go to
	conns      map[*gwConn]bool
	identifies []Identify
	frames     []GatewayFrame
}

type gwSession struct {
	id      string
	seq     int64
	intents int64
	replay  [][]byte // recent dispatches, each with its "s", for RESUME
	first   int64    // sequence number of replay[0]
	conn    *gwConn
}

type gwConn struct {
	ws        *websocket.Conn
	out       chan []byte
	done      chan struct{}
	closeOnce sync.Once
	session   *gwSession
}

func (g *gateway) init() {
	g.sessions = map[string]*gwSession{}
	g.conns = map[*gwConn]bool{}
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// serveGateway runs one websocket connection: HELLO, then IDENTIFY or
// RESUME, heartbeats, until the bot or the double closes it.
func (d *Double) serveGateway(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if v := q.Get("v"); v != "9" && v != "10" || q.Get("encoding") != "json" {
		d.mu.Lock()
		d.violate("GET", r.URL.RequestURI(), "gateway URL wants ?v=9 (or 10) and encoding=json")
		d.mu.Unlock()
	}
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // the upgrader has answered the HTTP request
	}
	c := &gwConn{ws: ws, out: make(chan []byte, 4*replayLimit), done: make(chan struct{})}
	go c.writeLoop()
	d.mu.Lock()
	d.gw.conns[c] = true
	d.sendOp(c, opHello, map[string]any{"heartbeat_interval": d.cfg.heartbeat.Milliseconds(), "_trace": []string{"discordtest"}})
	d.mu.Unlock()
	defer func() {
		d.mu.Lock()
		delete(d.gw.conns, c)
		if s := c.session; s != nil && s.conn == c {
			s.conn = nil // the session stays resumable
		}
		d.notify()
		d.mu.Unlock()
		c.close()
	}()
	for {
		_, raw, err := ws.ReadMessage()
		if err != nil {
			return
		}
		var p struct {
			Op int             `json:"op"`
			D  json.RawMessage `json:"d"`
		}
		if err := json.Unmarshal(raw, &p); err != nil {
			d.closeWith(c, 4002, "Error while decoding payload.", "gateway: undecodable payload: %v", err)
			return
		}
		d.mu.Lock()
		d.gw.frames = append(d.gw.frames, GatewayFrame{Time: d.now(), Op: p.Op})
		d.notify()
		keep := d.handleOp(c, p.Op, p.D)
		d.mu.Unlock()
		if !keep {
			return
		}
	}
}

// handleOp answers one payload from the bot; d.mu is held. It returns false
// when the connection must end.
func (d *Double) handleOp(c *gwConn, op int, data json.RawMessage) bool {
	switch op {
	case opHeartbeat:
		d.sendOp(c, opHeartbeatAck, nil)
		return true
	case opIdentify:
		return d.identify(c, data)
	case opResume:
		return d.resume(c, data)
	case 3, 4, 8: // presence, voice state, request guild members: accepted, ignored
		if c.session == nil {
			return d.closeLocked(c, 4003, "Not authenticated.", "gateway: op %d before IDENTIFY", op)
		}
		return true
	}
	return d.closeLocked(c, 4001, "Unknown opcode.", "gateway: unknown opcode %d", op)
}

func (d *Double) identify(c *gwConn, data json.RawMessage) bool {
	if c.session != nil {
		return d.closeLocked(c, 4005, "Already authenticated.", "gateway: second IDENTIFY on one connection")
	}
	var id struct {
		Token          string         `json:"token"`
		Intents        *int64         `json:"intents"`
		Properties     map[string]any `json:"properties"`
		Compress       bool           `json:"compress"`
		LargeThreshold int64          `json:"large_threshold"`
		Shard          []any          `json:"shard"`
	}
	if err := json.Unmarshal(data, &id); err != nil {
		return d.closeLocked(c, 4002, "Error while decoding payload.", "gateway: IDENTIFY: %v", err)
	}
	tok, isBot := strings.CutPrefix(id.Token, "Bot ")
	rec := Identify{Time: d.now(), TokenIsBot: isBot, Properties: id.Properties, Compress: id.Compress,
		LargeThreshold: id.LargeThreshold, Shard: id.Shard}
	if id.Intents != nil {
		rec.Intents = *id.Intents
	}
	d.gw.identifies = append(d.gw.identifies, rec)
	switch {
	case !isBot:
		return d.closeLocked(c, 4004, "Authentication failed.", "gateway: IDENTIFY token lacks its \"Bot \" prefix")
	case d.cfg.token != "" && tok != d.cfg.token:
		return d.closeLocked(c, 4004, "Authentication failed.", "gateway: IDENTIFY with the wrong token")
	case id.Intents == nil:
		return d.closeLocked(c, 4013, "Invalid intent(s).", "gateway: IDENTIFY without intents")
	case *id.Intents&privilegedIntents&^d.cfg.privileged != 0:
		return d.closeLocked(c, 4014, "Disallowed intent(s).",
			"gateway: IDENTIFY asks for privileged intents %d not enabled for the bot", *id.Intents&privilegedIntents&^d.cfg.privileged)
	}
	s := &gwSession{id: randomHex(16), intents: rec.Intents, conn: c, first: 1}
	d.gw.sessions[s.id] = s
	d.gw.current = s
	c.session = s
	d.dispatchTo(s, "READY", d.readyDoc(s, id.Shard))
	d.dispatchTo(s, "GUILD_CREATE", d.guildCreateDoc())
	return true
}

func (d *Double) readyDoc(s *gwSession, shard []any) map[string]any {
	user := userDoc(d.world.Bot)
	user["verified"], user["mfa_enabled"], user["email"] = true, false, nil
	doc := map[string]any{
		"v": 9, "user": user, "session_id": s.id, "session_type": "normal",
		"resume_gateway_url": d.GatewayURL(),
		"guilds":             d.readyGuilds(),
		"application":        map[string]any{"id": d.world.Bot.ID, "flags": 0},
		"private_channels":   []any{}, "relationships": []any{}, "presences": []any{},
		"geo_ordered_rtc_regions": []any{"rotterdam"}, "_trace": []string{"discordtest"},
	}
	if len(shard) == 2 {
		doc["shard"] = shard
	}
	return doc
}

// resume reattaches a connection to its session and replays what it missed.
func (d *Double) resume(c *gwConn, data json.RawMessage) bool {
	var r struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	_ = json.Unmarshal(data, &r)
	tok, isBot := strings.CutPrefix(r.Token, "Bot ")
	s, ok := d.gw.sessions[r.SessionID]
	if !ok || !isBot || (d.cfg.token != "" && tok != d.cfg.token) || r.Seq < s.first-1 || r.Seq > s.seq {
		// Discord answers a bad resume with op 9, d false: identify anew.
		d.sendOp(c, opInvalidSession, false)
		return true
	}
	if old := s.conn; old != nil && old != c {
		old.close()
	}
	s.conn, c.session = c, s
	d.gw.current = s
	for i := r.Seq - s.first + 1; i < int64(len(s.replay)); i++ {
		d.send(c, s.replay[i], opDispatch, "replay", s.first+i)
	}
	d.dispatchTo(s, "RESUMED", map[string]any{"_trace": []string{"discordtest"}})
	return true
}

// dispatch sends an event to the current session, buffering it while the
// bot is disconnected; d.mu is held. It reports whether a session exists.
func (g *gateway) dispatch(d *Double, event string, data any) bool {
	s := g.current
	if s == nil {
		return false
	}
	if event != "INTERACTION_CREATE" && s.intents&intentGuilds == 0 {
		return true // the bot did not ask for channel events
	}
	d.dispatchTo(s, event, data)
	return true
}

func (d *Double) dispatchTo(s *gwSession, event string, data any) {
	s.seq++
	raw, _ := json.Marshal(map[string]any{"op": opDispatch, "t": event, "s": s.seq, "d": data})
	s.replay = append(s.replay, raw)
	if len(s.replay) > replayLimit {
		s.replay = s.replay[1:]
		s.first++
	}
	if s.conn != nil {
		d.send(s.conn, raw, opDispatch, event, s.seq)
	}
}

func (d *Double) sendOp(c *gwConn, op int, data any) {
	raw, _ := json.Marshal(map[string]any{"op": op, "d": data, "s": nil, "t": nil})
	d.send(c, raw, op, "", 0)
}

// send queues a frame; a connection too slow to drain its queue is dropped
// rather than letting it block the double.
func (d *Double) send(c *gwConn, raw []byte, op int, event string, seq int64) {
	select {
	case c.out <- raw:
		d.gw.frames = append(d.gw.frames, GatewayFrame{Time: d.now(), Sent: true, Op: op, Type: event, Seq: seq})
		d.notify()
	default:
		c.close()
	}
}

func (c *gwConn) writeLoop() {
	for {
		select {
		case raw := <-c.out:
			if err := c.ws.WriteMessage(websocket.TextMessage, raw); err != nil {
				c.close()
				return
			}
		case <-c.done:
			return
		}
	}
}

func (c *gwConn) close() {
	c.closeOnce.Do(func() {
		close(c.done)
		_ = c.ws.Close()
	})
}

// closeLocked records a gateway violation and closes with Discord's close
// code; d.mu is held. It returns false so the read loop ends.
func (d *Double) closeLocked(c *gwConn, code int, reason, format string, args ...any) bool {
	d.violate("", "gateway", format, args...)
	msg := websocket.FormatCloseMessage(code, reason)
	_ = c.ws.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second))
	c.close()
	return false
}

func (d *Double) closeWith(c *gwConn, code int, reason, format string, args ...any) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.closeLocked(c, code, reason, format, args...)
}

// DropGateway cuts every gateway connection without a close frame, as a
// network failure would; the session stays resumable.
func (d *Double) DropGateway() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for c := range d.gw.conns {
		_ = c.ws.UnderlyingConn().Close()
	}
}

// RequestReconnect sends op 7 RECONNECT, asking the bot to reconnect and
// resume.
func (d *Double) RequestReconnect() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for c := range d.gw.conns {
		d.sendOp(c, opReconnect, nil)
	}
}

// closeGateway ends every connection and forgets the current session, so
// nothing is dispatched once the double is closing.
func (d *Double) closeGateway() {
	d.mu.Lock()
	conns := make([]*gwConn, 0, len(d.gw.conns))
	for c := range d.gw.conns {
		conns = append(conns, c)
	}
	d.gw.current = nil
	d.mu.Unlock()
	for _, c := range conns {
		c.close()
	}
}

// Identifies returns every IDENTIFY the bot sent.
func (d *Double) Identifies() []Identify {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]Identify(nil), d.gw.identifies...)
}

// GatewayFrames returns every gateway payload sent or received so far.
func (d *Double) GatewayFrames() []GatewayFrame {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]GatewayFrame(nil), d.gw.frames...)
}

// WaitGateway blocks until a gateway payload satisfying pred has been sent
// or received (or already was).
func (d *Double) WaitGateway(ctx context.Context, pred func(GatewayFrame) bool) (GatewayFrame, error) {
	var got GatewayFrame
	seen := 0
	err := d.waitUntil(ctx, "a gateway payload", func() bool {
		for ; seen < len(d.gw.frames); seen++ {
			if f := d.gw.frames[seen]; pred(f) {
				got = f
				return true
			}
		}
		return false
	})
	if err != nil {
		return GatewayFrame{}, fmt.Errorf("%w (%d payloads seen)", err, seen)
	}
	return got, nil
}
