package locale

import "fmt"

// The words of issue 11: documents the cell can sign, and the log entries
// the bot writes in the cell's language.
func init() {
	register(map[string]Text{
		"log.doc.proposed":        {"Brouillon n° %d (%s) proposé pour approbation (%s)", "Draft #%d (%s) proposed for approval (%s)"},
		"log.doc.flags.none":      {"aucun point signalé par la vérification%.0d", "nothing flagged by the fact check%.0d"},
		"log.doc.flags.one":       {"%d point signalé par la vérification", "%d item flagged by the fact check"},
		"log.doc.flags.many":      {"%d points signalés par la vérification", "%d items flagged by the fact check"},
		"log.doc.published":       {"Brouillon n° %d (%s) approuvé et publié, version %d, par %s", "Draft #%d (%s) approved and published, version %d, by %s"},
		"log.doc.internal":        {"Brouillon n° %d (%s, destinataires : %s) approuvé, version %d, par %s : non publié", "Draft #%d (%s, audience: %s) approved, version %d, by %s: not published"},
		"log.doc.approved":        {"Brouillon n° %d (%s) approuvé, version %d, par %s : document définitif", "Draft #%d (%s) approved, version %d, by %s: the document is final"},
		"log.doc.final.task":      {"Brouillon n° %d (%s) approuvé, version %d, par %s : document définitif ; la tâche #%d reste ouverte jusqu'à ce que l'acte soit consigné", "Draft #%d (%s) approved, version %d, by %s: the document is final; task #%d stays open until the act is recorded"},
		"err.doc.missing":         {"il manque au brouillon n° %d des éléments que le dossier ne contient pas encore (%s) : complétez le dossier ou le texte, ou confirmez avec /draft approve id:%d confirm:yes", "draft #%d lacks items the record does not hold yet (%s): complete the record or the text, or confirm with /draft approve id:%d confirm:yes"},
		"err.doc.missing.flagged": {"il manque au brouillon n° %d des éléments (%s), et il contient des éléments absents du dossier (%s) : corrigez-le, ou confirmez avec /draft approve id:%d confirm:yes", "draft #%d lacks items (%s) and contains items not in the record (%s): fix it, or confirm with /draft approve id:%d confirm:yes"},
		"reply.doc.final.task":    {"Brouillon n° %d approuvé (version %d) : document définitif. La tâche #%d reste ouverte : une fois l'acte accompli, consignez-le avec sa référence (/task done id:%d note:\"…\").", "Draft #%d approved (version %d): the document is final. Task #%d stays open: once the act is done, record it with its reference (/task done id:%d note:\"…\")."},
		"reply.doc.internal":      {"Brouillon n° %d approuvé (version %d) : document définitif, conservé au dossier et non publié (destinataires : %s).", "Draft #%d approved (version %d): the document is final, kept in the record and not published (audience: %s)."},
		"doc.pdf.complaint":       {"Dossier de plainte — brouillon %d", "Complaint file — draft %d"},
		"reply.doc.task.public":   {"Rattaché à la tâche #%d : la publication la terminera.", "Attached to task #%d: publishing it will complete the task."},
		"reply.doc.task.act":      {"Rattaché à la tâche #%d : l'approbation rend le document définitif ; la tâche sera terminée quand l'acte sera consigné.", "Attached to task #%d: approval makes the document final; the task is done when the act is recorded."},
	})
	// The log entries of the first catalogue were French only: the cell's
	// language is now the log's.
	translate(map[string]string{
		"log.crisis.opened":      "Crisis opened: %s",
		"log.crisis.started":     "Start of the attack",
		"log.crisis.detected":    "Attack detected",
		"log.crisis.closed":      "Crisis closed. Summary: %s",
		"log.evidence":           "Evidence #%d kept: %s (location: %s, custody: %s)",
		"log.fact":               "Fact established: %s = %s",
		"log.ioc":                "Indicator added (%s): %s",
		"log.ioc.note":           "Indicator added (%s): %s — %s",
		"log.role.assigned":      "Role %s given to %s",
		"log.role.unassigned":    "Role %s taken from %s",
		"log.service":            "Service %s: %s",
		"log.service.workaround": "Service %s: %s (workaround: %s)",
		"log.task.assigned":      "Task %s \"%s\" given to %s",
		"log.task.blocked":       "Task %s \"%s\" blocked: %s",
		"log.task.created":       "Task %s created: \"%s\" (%s)",
		"log.task.done":          "Task %s \"%s\" done by %s",
		"log.task.done.note":     "Task %s \"%s\" done by %s: %s",
		"log.task.taken":         "Task %s \"%s\" taken by %s",
		"log.playbook.started":   "Playbook %s started: %s",
		"log.draft.edited":       "Draft #%d edited (version %d) by %s",
		"log.draft.approved":     "Draft #%d (%s) approved, version %d, by %s",
		"log.draft.published":    "Draft #%d (%s) approved and published, version %d, by %s",
		"log.draft.rejected":     "Draft #%d (%s) rejected by %s: %s",
		"log.notice.overdue":     "Task %s \"%s\" overdue: reminder sent to %s",
		"log.notice.escalation":  "Task %s \"%s\" still overdue: escalated to %s",
		"log.task.taken.from":    "Task %s \"%s\" taken by %s from %s",
	})
}

// translate gives English to messages registered in French only. A message
// that already has its English keeps it; an unknown key is a programming
// error, caught by the first test run.
func translate(en map[string]string) {
	for k, v := range en {
		t, ok := catalog[k]
		if !ok {
			panic(fmt.Sprintf("locale: no message %q to translate", k))
		}
		if t.EN == "" {
			t.EN = v
			catalog[k] = t
		}
	}
}
