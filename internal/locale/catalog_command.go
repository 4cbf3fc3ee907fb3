package locale

// The command table's and the crisis record's words for the checks of
// issue 9: playbooks at opening, the session's crisis, escaped input, time
// bounds, tasks taken over and drafts decided twice.
func init() {
	register(map[string]Text{
		"err.playbook.director":      {"refusé : lancer un playbook demande la capacité director, que %s n'a pas ; ouvrez la crise sans playbook, le directeur de crise le lancera avec /playbook run", "refused: running a playbook needs the director capability, which %s lacks; open the crisis without a playbook, and the crisis director will run it with /playbook run"},
		"err.control.bidi":           {"l'option %s contient un caractère de contrôle de direction (%U), qui maquillerait le texte", "option %s contains a text direction control character (%U), which would disguise the text"},
		"err.newline":                {"l'option %s tient sur une ligne : retirez le saut de ligne", "option %s takes one line: remove the line break"},
		"err.time.early":             {"l'option %s est antérieure au 1er janvier 1970 : vérifiez l'année", "option %s is before 1 January 1970: check the year"},
		"err.time.old":               {"l'option %s remonte à plus d'un an : vérifiez l'année", "option %s is more than a year ago: check the year"},
		"err.time.before.crisis":     {"l'option %s remonte à plus d'un an avant la crise : vérifiez l'année", "option %s is more than a year before the crisis: check the year"},
		"err.due.far":                {"l'option %s est à plus d'un an : une échéance se fixe dans l'année", "option %s is more than a year away: a due time is set within the year"},
		"err.duration.long":          {"l'option %s est une durée trop longue : %d jours au plus", "option %s is too long a duration: %d days at most"},
		"err.task.owned":             {"la tâche %s est à %s : pour la prendre quand même, /task take id:%d confirm:yes", "task %s belongs to %s: to take it anyway, /task take id:%d confirm:yes"},
		"err.draft.already.approved": {"le brouillon n° %d a déjà été approuvé par %s", "draft #%d was already approved by %s"},
		"err.draft.already.rejected": {"le brouillon n° %d a déjà été rejeté par %s", "draft #%d was already rejected by %s"},
		"err.crisis.unknown":         {"crise inconnue n° %d : /crisis switch id:… pour en choisir une autre", "unknown crisis #%d: /crisis switch id:… to choose another"},
		"log.task.taken.from":        {"Tâche %s « %s » prise par %s à %s", ""},
		"reply.crisis.prefix":        {"[Crise n° %d]", "[Crisis #%d]"},
		"reply.crisis.switched":      {"Vos commandes portent désormais sur la crise n° %d : %s (%s)", "Your commands now act on crisis #%d: %s (%s)"},
	})
}
