package discordtest

// OtherGuild is a second guild the bot may be in (see WithOtherGuilds).
const OtherGuild = "1000000000000000090"

// WithOtherGuilds puts the bot in more guilds than the world's: READY lists
// them first, as Discord lists guilds in no order the bot may rely on.
func WithOtherGuilds(ids ...string) Option {
	return func(c *config) { c.otherGuilds = append(c.otherGuilds, ids...) }
}

// readyGuilds lists the bot's guilds as READY does: unavailable until
// their GUILD_CREATE comes.
func (d *Double) readyGuilds() []any {
	var out []any
	for _, id := range append(append([]string(nil), d.cfg.otherGuilds...), d.world.Guild) {
		out = append(out, map[string]any{"id": id, "unavailable": true})
	}
	return out
}
