package locale

// The words of the crisis timeline (internal/timeline): the SVG picture and
// the same picture in the complaint PDF.
func init() {
	register(map[string]Text{
		"timeline.title":           {"Chronologie de la crise « %s »", "Timeline of the crisis “%s”"},
		"timeline.desc":            {"Chronologie de la crise « %s », du %s au %s.", "Timeline of the crisis “%s”, from %s to %s."},
		"timeline.desc.log":        {"Main courante : %s, dont %s.", "Log: %s, of which %s."},
		"timeline.desc.service":    {"Service %s : %s depuis le %s.", "Service %s: %s since %s."},
		"timeline.desc.deadline":   {"Échéance %s : %s.", "Deadline %s: %s."},
		"timeline.entry.one":       {"%d entrée", "%d entry"},
		"timeline.entry.other":     {"%d entrées", "%d entries"},
		"timeline.backdated.one":   {"%d antidatée", "%d back-dated"},
		"timeline.backdated.other": {"%d antidatées", "%d back-dated"},
		"timeline.deadline.one":    {"%d échéance", "%d deadline"},
		"timeline.deadline.other":  {"%d échéances", "%d deadlines"},
		"timeline.deadlines":       {"%s (%s)", "%s (%s)"},
		"timeline.log":             {"Main courante", "Log"},
		// The public picture, on the status page: updates, not the log.
		"timeline.public.title":       {"Chronologie des services%s", "Services over time%s"},
		"timeline.public.desc":        {"État des services%s, du %s au %s.", "State of the services%s, from %s to %s."},
		"timeline.public.log":         {"Points publiés", "Updates"},
		"timeline.public.legend.fact": {"point publié", "update published"},
		"timeline.public.desc.log":    {"Points publiés : %s.", "Updates published: %s."},
		"timeline.update.one":         {"%d point", "%d update"},
		"timeline.update.other":       {"%d points", "%d updates"},
		"timeline.logged":             {"(consigné à %s)", "(logged at %s)"},
		"timeline.detected":           {"Détection", "Detection"},
		"timeline.opened":             {"Ouverture", "Opened"},
		"timeline.closed":             {"Clôture", "Closed"},
		"timeline.legend.fact":        {"fait, à son heure", "fact, at its time"},
		"timeline.legend.logged":      {"heure où il a été consigné", "time it was logged"},
		"timeline.legend.deadline":    {"échéance", "deadline"},
		"timeline.pdf.heading":        {"Chronologie", "Timeline"},
		"timeline.report.alt":         {"Chronologie de la crise", "Timeline of the crisis"},
	})
}
