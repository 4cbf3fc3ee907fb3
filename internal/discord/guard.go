package discord

import (
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// tokenLife is how long an interaction's token lives: after it, nothing
// can be answered, so nothing should be done either.
const tokenLife = 15 * time.Minute

// discordEpoch is 2015-01-01 in Unix milliseconds, the origin of snowflakes.
const discordEpoch = 1420070400000

// snowflakeTime is when Discord made an ID; zero when it is not one.
func snowflakeTime(id string) time.Time {
	n, err := strconv.ParseUint(id, 10, 64)
	if err != nil {
		return time.Time{}
	}
	return time.UnixMilli(int64(n>>22) + discordEpoch)
}

// seenSet remembers the interactions handled within a token's life: after
// a RESUME, Discord may deliver an interaction again.
type seenSet struct {
	mu  sync.Mutex
	ids map[string]time.Time
	// swept is when ids was last cleared of dead tokens. Sweeping on every
	// interaction walked every id of the last 15 minutes each time; a
	// dead one left a little longer changes nothing, as first refuses an
	// id by its own age before looking it up.
	swept time.Time
}

// sweepEvery is how often the dead tokens are dropped.
const sweepEvery = time.Minute

// first reports whether id is new and still answerable at now, and
// remembers it.
func (s *seenSet) first(id string, now time.Time) bool {
	made := snowflakeTime(id)
	if made.IsZero() || now.Sub(made) > tokenLife {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ids == nil {
		s.ids = map[string]time.Time{}
	}
	if _, dup := s.ids[id]; dup {
		return false
	}
	if now.Sub(s.swept) >= sweepEvery || now.Before(s.swept) {
		for k, t := range s.ids {
			if now.Sub(t) > tokenLife {
				delete(s.ids, k)
			}
		}
		s.swept = now
	}
	s.ids[id] = made
	return true
}

// admit decides whether an interaction is acted on: not one replayed with
// its token dead or already handled (silently: it cannot be answered, or
// was), and only from the configured guild (others and DMs are told so,
// and logged).
func (b *Bot) admit(i *discordgo.Interaction) bool {
	if !b.seen.first(i.ID, time.Now()) {
		b.log.Warn("interaction replayed or expired: not run", slog.String("interaction", i.ID))
		return false
	}
	guild := b.guildID()
	if i.GuildID != "" && i.GuildID == guild {
		return true
	}
	b.log.Warn("interaction from outside the configured guild refused",
		slog.String("interaction", i.ID), slog.String("guild", i.GuildID), slog.String("configured", guild))
	if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		b.choices(i, nil)
		return false
	}
	b.reply(i, command.Reply{Text: locale.T(langOf(i), "reply.discord.guild.only"), Ephemeral: true})
	return false
}
