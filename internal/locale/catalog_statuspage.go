package locale

// The public status page's own words (issue 13): what a resident reads on
// a phone while the town's sites are down. The updates themselves are in
// the language they were written in; only these words follow TOCSIN_LANG.
func init() {
	register(map[string]Text{
		"statuspage.description":          {"%s : état des services et points de situation publiés pendant l'incident.", "%s: service status and updates published during the incident."},
		"statuspage.state.open":           {"Incident en cours", "Incident ongoing"},
		"statuspage.state.closed":         {"Incident terminé", "Incident resolved"},
		"statuspage.closed.at":            {"Incident terminé le %s", "Incident resolved on %s"},
		"statuspage.count.down.one":       {"%d service hors service", "%d service unavailable"},
		"statuspage.count.down.other":     {"%d services hors service", "%d services unavailable"},
		"statuspage.count.degraded.one":   {"%d service perturbé", "%d service disrupted"},
		"statuspage.count.degraded.other": {"%d services perturbés", "%d services disrupted"},
		"statuspage.count.up.one":         {"%d service fonctionne normalement", "%d service working normally"},
		"statuspage.count.up.other":       {"%d services fonctionnent normalement", "%d services working normally"},
		"statuspage.services":             {"État des services", "Service status"},
		"statuspage.status.up":            {"Fonctionne", "Working"},
		"statuspage.status.degraded":      {"Perturbé", "Disrupted"},
		"statuspage.status.down":          {"Hors service", "Unavailable"},
		"statuspage.workaround":           {"En attendant :", "Meanwhile:"},
		"statuspage.since":                {"Depuis le %s", "Since %s"},
		"statuspage.contact":              {"Nous joindre", "How to reach us"},
		"statuspage.contact.phone":        {"Téléphone :", "Phone:"},
		"statuspage.contact.address":      {"Accueil :", "Address:"},
		"statuspage.contact.hours":        {"Horaires :", "Opening hours:"},
		"statuspage.current":              {"Point actuel", "Current update"},
		"statuspage.published":            {"Publié le %s", "Published %s"},
		"statuspage.next":                 {"Prochain point prévu le %s.", "Next update expected %s."},
		"statuspage.past":                 {"Points précédents", "Earlier updates"},
		"statuspage.timeline":             {"Chronologie des services", "Services over time"},
		"statuspage.past.item":            {"Point du %s", "Update of %s"},
		"statuspage.feed":                 {"Suivre les mises à jour (fil Atom)", "Follow updates (Atom feed)"},
		"statuspage.author":               {"Cellule de crise", "Crisis cell"},
	})
}
