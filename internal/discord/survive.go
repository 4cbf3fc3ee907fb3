package discord

import (
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// logPanic is the message logged when handling an interaction panicked.
const logPanic = "interaction handler panicked"

// survive is deferred at the edge of the interaction handler. discordgo runs
// handlers in goroutines of their own, where a panic would end the process
// and the whole cell's bot with it, for one member's command. It logs the
// panic and tells that member, alone, under a reference the log shows.
func (b *Bot) survive(i *discordgo.Interaction) {
	p := recover()
	if p == nil {
		return
	}
	// When the panic came after the answer, this second answer is refused
	// by Discord, and logged; the member has had the first.
	b.reply(i, b.panicked(i, p))
}

// panicked logs a recovered panic with its stack, and returns the reply the
// member gets. The command may have been recorded before the panic, so the
// reply does not say it was not.
func (b *Bot) panicked(i *discordgo.Interaction, p any) command.Reply {
	ref := fmt.Sprintf("%06x", time.Now().UnixNano()&0xffffff)
	b.log.Error(logPanic, slog.String("ref", ref), slog.String("interaction", i.ID),
		slog.String("panic", fmt.Sprint(p)), slog.String("stack", string(debug.Stack())))
	return command.Reply{Text: "⚠️ " + locale.T(langOf(i), "err.panic", ref), Ephemeral: true, Failed: true}
}
