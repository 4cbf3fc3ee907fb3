package locale

// The words of issue 15's last items: suggestions for members and facts,
// instructions a template cannot follow, and counts that agree with their
// noun.
func init() {
	register(map[string]Text{
		// Counts: each phrase in the singular (.one: 0 and 1 in French, 1
		// in English) and the plural (.other); see Count.
		"count.task.one":                {"%d tâche", "%d task"},
		"count.task.other":              {"%d tâches", "%d tasks"},
		"count.task.created.one":        {"%d tâche créée", "%d task created"},
		"count.task.created.other":      {"%d tâches créées", "%d tasks created"},
		"count.task.new.one":            {"%d nouvelle tâche", "%d new task"},
		"count.task.new.other":          {"%d nouvelles tâches", "%d new tasks"},
		"count.task.handed.one":         {"%d tâche en attente de ce rôle lui est confiée", "%d task waiting for this role is now theirs"},
		"count.task.handed.other":       {"%d tâches en attente de ce rôle lui sont confiées", "%d tasks waiting for this role are now theirs"},
		"count.task.open.one":           {"%d tâche ouverte", "%d open task"},
		"count.task.open.other":         {"%d tâches ouvertes", "%d open tasks"},
		"count.member.one":              {"%d membre", "%d member"},
		"count.member.other":            {"%d membres", "%d members"},
		"count.error.one":               {"%d erreur", "%d error"},
		"count.error.other":             {"%d erreurs", "%d errors"},
		"count.playbook.one":            {"%d playbook", "%d playbook"},
		"count.playbook.other":          {"%d playbooks", "%d playbooks"},
		"count.playbook.reloaded.one":   {"%d playbook rechargé", "%d playbook reloaded"},
		"count.playbook.reloaded.other": {"%d playbooks rechargés", "%d playbooks reloaded"},
		"count.step.one":                {"%d étape", "%d step"},
		"count.step.other":              {"%d étapes", "%d steps"},
		"count.draft.one":               {"%d brouillon", "%d draft"},
		"count.draft.other":             {"%d brouillons", "%d drafts"},
		"count.draft.pending.one":       {"%d brouillon en attente", "%d pending draft"},
		"count.draft.pending.other":     {"%d brouillons en attente", "%d pending drafts"},
		"count.flag.one":                {"%d point signalé", "%d flagged item"},
		"count.flag.other":              {"%d points signalés", "%d flagged items"},
		"count.more.one":                {"%d autre", "%d more"},
		"count.more.other":              {"%d autres", "%d more"},
		"count.open.one":                {"%d à faire", "%d to do"},
		"count.open.other":              {"%d à faire", "%d to do"},
		"count.taken.one":               {"%d en cours", "%d in progress"},
		"count.taken.other":             {"%d en cours", "%d in progress"},
		"count.blocked.one":             {"%d bloquée", "%d blocked"},
		"count.blocked.other":           {"%d bloquées", "%d blocked"},
		"count.done.one":                {"%d terminée", "%d done"},
		"count.done.other":              {"%d terminées", "%d done"},
		"count.entry.one":               {"%d entrée", "%d entry"},
		"count.entry.other":             {"%d entrées", "%d entries"},
		"err.fact.suggest":              {"fait inconnu %q : vouliez-vous dire %s ? (pour créer quand même ce nouveau fait, ajoutez confirm:oui)", "unknown fact %q: did you mean %s? (to create this new fact anyway, add confirm:yes)"},
		"err.fact.new":                  {"%q n'est pas un fait connu (ni intégré, ni déclaré par un playbook, ni lu par un document) : pour le créer, ajoutez confirm:oui", "%q is not a known fact (not built in, not declared by a playbook, not read by a document): to create it, add confirm:yes"},
		"err.member.suggest":            {"membre inconnu @%s : vouliez-vous dire @%s ? (voir /member list)", "unknown member @%s: did you mean @%s? (see /member list)"},
		"reply.draft.nomodel":           {"Consignes non suivies : sans modèle de langue configuré, ce brouillon vient du modèle de document. Modifiez-le avec /draft edit.", "Instructions not followed: with no language model configured, this draft comes from the document template. Edit it with /draft edit."},
	})
}
