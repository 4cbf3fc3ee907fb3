package locale

// The words of issue 15: French input understood, replies that read
// naturally, and the console's own words.
func init() {
	register(map[string]Text{
		"err.choice.suggest":         {"l'option %s n'accepte pas %q : vouliez-vous dire « %s » ? (valeurs possibles : %s)", "option %s does not accept %q: did you mean \"%s\"? (possible values: %s)"},
		"err.capability.suggest":     {"capacité inconnue %q : vouliez-vous dire « %s » ? (capacités : %s)", "unknown capability %q: did you mean \"%s\"? (capabilities: %s)"},
		"err.role.suggest":           {"rôle inconnu %q : vouliez-vous dire %s ? (rôles de cette crise : %s)", "unknown role %q: did you mean %s? (this crisis's roles: %s)"},
		"err.task.suggest":           {"tâche inconnue %q dans la crise %d : vouliez-vous dire %s ?", "unknown task %q in crisis %d: did you mean %s?"},
		"err.due.past":               {"l'échéance %s (%s) est déjà passée : donnez une heure à venir", "due time %s (%s) has already passed: give a time to come"},
		"console.banner":             {"console tocsin sur %s en tant que @%s — « aide » liste les commandes, « quitter » pour sortir", "tocsin console on %s as @%s — help lists the commands, quit to leave"},
		"button.close":               {"Clore quand même", "Close anyway"},
		"reply.crisis.close.confirm": {"La crise n° %d a encore %s et %s :\n%s\nPour la clore quand même : /crisis close confirm:oui", "Crisis %d still has %s and %s:\n%s\nTo close it anyway: /crisis close confirm:yes"},
	})
}
