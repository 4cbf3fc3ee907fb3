package discordtest

import (
	"encoding/json"
	"fmt"
	"time"
)

// discordEpoch is 2015-01-01T00:00:00Z in Unix milliseconds: a snowflake's
// high bits count milliseconds from it.
const discordEpoch = 1420070400000

// SnowflakeTime is the moment a snowflake was made.
func SnowflakeTime(id string) time.Time {
	var n int64
	_, _ = fmt.Sscan(id, &n)
	return time.UnixMilli(n>>22 + discordEpoch)
}

// idAt makes a snowflake for a moment in the past; the low bits keep it
// unique. d.mu is held.
func (d *Double) idAt(t time.Time) string {
	d.lastID++
	return fmt.Sprint((t.UnixMilli()-discordEpoch)<<22 | d.lastID&(1<<22-1))
}

// ReplayAfterResume makes an interaction that happened age ago, while the
// bot was away: it is queued in the session's buffer without being sent,
// then the connection drops, so the bot RESUMEs and Discord replays it. Its
// token is as old as its ID says; answering it past the deadline is a
// violation, and leaving it unanswered is not.
func (d *Double) ReplayAfterResume(in Interaction, age time.Duration) (id string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	doc, rec := d.interactionDoc(in)
	delete(d.interactions, rec.id)
	rec.dispatched = d.now().Add(-age)
	rec.id = d.idAt(rec.dispatched)
	rec.expired = age > d.cfg.deadline
	doc["id"] = rec.id
	d.interactions[rec.id] = rec
	d.byToken[rec.token] = rec
	rec.seq = len(d.interactions)
	s := d.gw.current
	if s == nil {
		d.t.Errorf("discordtest: ReplayAfterResume %s: no gateway session has identified", rec.what)
		return rec.id
	}
	live := s.conn
	s.conn = nil // buffered for RESUME, not sent
	d.dispatchTo(s, "INTERACTION_CREATE", doc)
	s.conn = live
	for c := range d.gw.conns {
		_ = c.ws.UnderlyingConn().Close()
	}
	d.notify()
	return rec.id
}

// Redeliver sends an INTERACTION_CREATE already sent once again, as
// Discord may after a RESUME: the bot must not act on it twice.
func (d *Double) Redeliver(interactionID string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	s := d.gw.current
	if s == nil {
		return
	}
	for _, raw := range s.replay {
		var f struct {
			T string         `json:"t"`
			D map[string]any `json:"d"`
		}
		if json.Unmarshal(raw, &f) == nil && f.T == "INTERACTION_CREATE" && f.D["id"] == interactionID {
			d.dispatchTo(s, "INTERACTION_CREATE", f.D)
			d.notify()
			return
		}
	}
	d.t.Errorf("discordtest: Redeliver: interaction %s was never dispatched", interactionID)
}
