package locale

// Approvals that name a version, and the Discord front end's refusals.
func init() {
	register(map[string]Text{
		"err.draft.stale": {
			"le brouillon n° %d a changé depuis la version %d que vous avez vue : la version %d est à relire avant d'approuver (rien n'a été approuvé).\n\n%s",
			"draft #%d has changed since the version %d you saw: version %d needs reading before approval (nothing was approved).\n\n%s"},
		"err.draft.version.unknown":  {"le brouillon n° %d n'a pas de version %d", "draft #%d has no version %d"},
		"reply.draft.publishing":     {"Brouillon n° %d approuvé (version %d) : publication dans le salon public en cours.", "Draft #%d approved (version %d): publication to the public channel under way."},
		"reply.discord.guild.only":   {"⚠️ Tocsin ne sert que le serveur de la cellule de crise : rien n'a été fait.", "⚠️ Tocsin serves only the crisis cell's server: nothing was done."},
		"reply.discord.no.rights":    {"⚠️ vous n'avez plus aucun rôle de la cellule : rien n'a été fait.", "⚠️ you no longer hold any of the cell's roles: nothing was done."},
		"reply.discord.task.updated": {"C'est noté : %s", "Done: %s"},
	})
}
