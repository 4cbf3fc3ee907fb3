package crisis

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func chain(n int) []LogEntry {
	t0 := time.Date(2022, 9, 26, 16, 0, 0, 0, time.UTC)
	var out []LogEntry
	prev := ""
	for i := 1; i <= n; i++ {
		e := LogEntry{ID: int64(i), CrisisID: 1, Seq: int64(i), At: t0.Add(time.Duration(i) * time.Minute),
			RecordedAt: t0.Add(time.Duration(i) * time.Minute), Author: "dsi", Kind: LogNote, Text: "entry", PrevHash: prev}
		e.Hash = e.ComputeHash()
		prev = e.Hash
		out = append(out, e)
	}
	return out
}

func TestVerifyChain(t *testing.T) {
	good := chain(4)
	require.NoError(t, VerifyChain(good, good[3].Hash))

	cases := []struct {
		name    string
		tamper  func([]LogEntry) ([]LogEntry, string)
		wantSeq int64
		reason  string
	}{
		{"text changed", func(es []LogEntry) ([]LogEntry, string) { es[1].Text = "autre"; return es, es[3].Hash }, 2, "content does not match"},
		{"fact time changed", func(es []LogEntry) ([]LogEntry, string) { es[2].At = es[2].At.Add(time.Hour); return es, es[3].Hash }, 3, "content does not match"},
		{"entry removed", func(es []LogEntry) ([]LogEntry, string) { return append(es[:1], es[2:]...), es[3].Hash }, 3, "sequence number"},
		{"last entry removed", func(es []LogEntry) ([]LogEntry, string) { return es[:3], es[3].Hash }, 3, "later entries were removed"},
		{"rehashed without relinking", func(es []LogEntry) ([]LogEntry, string) {
			es[1].Text = "autre"
			es[1].Hash = es[1].ComputeHash()
			return es, es[3].Hash
		}, 3, "does not link"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			es, head := c.tamper(chain(4))
			err := VerifyChain(es, head)
			var ce *ChainError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, c.wantSeq, ce.Entry.Seq, "got entry %d, want %d", ce.Entry.Seq, c.wantSeq)
			assert.Contains(t, ce.Error(), c.reason)
		})
	}
}
