package discordtest

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Latency is how long the bot took to give an interaction its initial
// response.
type Latency struct {
	InteractionID string
	What          string // "/task assign", "component done:3", "modal edit:2"
	Dispatched    time.Time
	Latency       time.Duration // dispatch to the accepted callback; 0 when none was
	CallbackType  int
	Answered      bool // an initial response was accepted
	Late          bool // a callback came after the deadline
}

// InteractionLatencies returns one entry per dispatched interaction, in
// dispatch order.
func (d *Double) InteractionLatencies() []Latency {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []Latency
	for _, in := range d.interactionOrder() {
		out = append(out, Latency{InteractionID: in.id, What: in.what, Dispatched: in.dispatched,
			Latency: in.latency, CallbackType: in.callbackType, Answered: !in.answered.IsZero(), Late: in.late})
	}
	return out
}

// Report summarizes the interaction latencies: counts, median, 95th
// percentile and maximum, then one line per interaction.
func (d *Double) Report() string {
	lats := d.InteractionLatencies()
	var answered []time.Duration
	late, missing := 0, 0
	for _, l := range lats {
		switch {
		case l.Answered:
			answered = append(answered, l.Latency)
		case l.Late:
			late++
		default:
			missing++
		}
	}
	sort.Slice(answered, func(i, j int) bool { return answered[i] < answered[j] })
	var b strings.Builder
	fmt.Fprintf(&b, "interactions: %d dispatched, %d answered in time, %d late, %d unanswered (deadline %v)\n",
		len(lats), len(answered), late, missing, d.cfg.deadline)
	if len(answered) > 0 {
		fmt.Fprintf(&b, "latency: p50 %v, p95 %v, max %v\n",
			percentile(answered, 50), percentile(answered, 95), answered[len(answered)-1])
	}
	for _, l := range lats {
		state := fmt.Sprintf("%v (type %d)", l.Latency.Round(time.Microsecond), l.CallbackType)
		switch {
		case l.Late:
			state = "LATE"
		case !l.Answered:
			state = "UNANSWERED"
		}
		fmt.Fprintf(&b, "  %s %-24s %s\n", l.InteractionID, l.What, state)
	}
	return b.String()
}

// percentile picks the nearest-rank percentile of sorted durations.
func percentile(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p + 99) / 100
	if i < 1 {
		i = 1
	}
	return sorted[i-1]
}
