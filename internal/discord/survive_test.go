package discord

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPanicInHandlerDoesNotKillTheBot: a panic while handling an
// interaction, in discordgo's goroutine or in the one running the command,
// is logged and answered; the process, and the next command, go on.
func TestPanicInHandlerDoesNotKillTheBot(t *testing.T) {
	tests := []struct {
		name   string
		member map[string]any
	}{
		// A member with capabilities is saved first, in the handler's own
		// goroutine, which reads the clock.
		{"in the handler", memberWith(fuzzDirector, fuzzDirector)},
		// A stranger is not saved: the clock is first read by the command,
		// in the goroutine that runs it.
		{"in the command", memberWith("9999")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fb := newFuzzBot(t)
			fb.bot.env.Now = func() time.Time { panic("horloge en panne") }
			done := make(chan struct{})
			go func() { // as discordgo calls handlers
				defer close(done)
				fb.handle(interaction(2, fuzzCrisisCh, tt.member, slash("crisis", sub("status"))))
			}()
			<-done

			seen := fb.panics.take()
			require.Len(t, seen, 1, "got %d panics logged, want 1", len(seen))
			assert.Contains(t, seen[0], "horloge en panne")
			assert.Contains(t, seen[0], "stack=")
			assert.Contains(t, fb.stub.lastCallback(), "erreur interne (réf. ", "the member is told, with the log's reference")
			assert.Contains(t, fb.stub.lastCallback(), `"flags":64`, "and alone")

			fb.bot.env.Now = time.Now
			fb.handle(interaction(2, fuzzCrisisCh, tt.member, slash("crisis", sub("status"))))
			assert.Empty(t, fb.panics.take())
			assert.NotContains(t, fb.stub.lastCallback(), "erreur interne (réf. ")
		})
	}
}
