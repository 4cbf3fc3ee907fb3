package locale

// The words of corrections (issue 14): listing indicators and evidence,
// withdrawing an indicator, handing evidence over, renaming or removing a
// service, unsetting a fact, and the log entries that tell each.
func init() {
	register(map[string]Text{
		"reply.ioc.none":       {"Aucun indicateur relevé : /ioc add kind:… value:…", "No indicator recorded yet: /ioc add kind:… value:…"},
		"reply.ioc.list":       {"Indicateurs de compromission (%s) :", "Indicators of compromise (%s):"},
		"reply.ioc.line":       {"- n° %d · %s `%s` — relevé le %s par @%s", "- #%d · %s `%s` — recorded %s by @%s"},
		"reply.ioc.withdrawn":  {"  ❌ retiré le %s par @%s : %s", "  ❌ withdrawn %s by @%s: %s"},
		"reply.ioc.retracted":  {"Indicateur n° %d retiré : %s %s. Il reste au dossier, marqué retiré ; les documents ne le citent plus comme indicateur.", "Indicator #%d withdrawn: %s %s. It stays in the record, marked withdrawn; documents no longer cite it as an indicator."},
		"count.ioc.one":        {"%d en vigueur", "%d standing"},
		"count.ioc.other":      {"%d en vigueur", "%d standing"},
		"count.ioc.gone.one":   {"%d retiré", "%d withdrawn"},
		"count.ioc.gone.other": {"%d retirés", "%d withdrawn"},
		"err.ioc.unknown":      {"indicateur n° %d inconnu : voir /ioc list", "unknown indicator #%d: see /ioc list"},
		"err.ioc.retracted":    {"l'indicateur n° %d est déjà retiré (par @%s : %s)", "indicator #%d is already withdrawn (by @%s: %s)"},
		"log.ioc.retract":      {"Indicateur n° %d retiré (%s %s) : %s", "Indicator #%d withdrawn (%s %s): %s"},

		"reply.evidence.none":     {"Aucune preuve consignée : /evidence add item:…", "No evidence recorded yet: /evidence add item:…"},
		"reply.evidence.list":     {"Preuves conservées et chaîne de garde :", "Evidence kept and chain of custody:"},
		"reply.evidence.line":     {"- n° %d · %s", "- #%d · %s"},
		"reply.evidence.link":     {"  - %s : %s — lieu : %s", "  - %s: %s — location: %s"},
		"reply.evidence.transfer": {"Preuve n° %d remise à %s (lieu : %s). Chaîne de garde :", "Evidence #%d handed to %s (location: %s). Chain of custody:"},
		"err.evidence.unknown":    {"preuve n° %d inconnue : voir /evidence list", "unknown evidence #%d: see /evidence list"},
		"err.evidence.same":       {"la preuve n° %d est déjà sous la garde de %s (lieu : %s) : rien n'a changé", "evidence #%d is already held by %s (location: %s): nothing changed"},
		"log.evidence.transfer":   {"Preuve n° %d remise à %s (lieu : %s), par @%s", "Evidence #%d handed to %s (location: %s), by @%s"},

		"reply.service.renamed":       {"Service renommé : « %s » devient « %s ».", "Service renamed: \"%s\" becomes \"%s\"."},
		"reply.service.removed":       {"Service « %s » retiré du tableau (était : %s).", "Service \"%s\" taken off the board (was: %s)."},
		"err.service.unknown":         {"service inconnu « %s » : voir /service list", "unknown service \"%s\": see /service list"},
		"err.service.suggest":         {"service inconnu « %s » : vouliez-vous dire %s ?", "unknown service \"%s\": did you mean %s?"},
		"err.service.same":            {"le service %s porte déjà ce nom : rien n'a changé", "service %s already has that name: nothing changed"},
		"err.service.exists":          {"impossible de renommer %s en %s : le service %s existe déjà (pour retirer le doublon : /service remove)", "cannot rename %s to %s: service %s already exists (to drop the duplicate: /service remove)"},
		"corr.service.was.workaround": {"%s, contournement : %s", "%s, workaround: %s"},
		"log.service.rename":          {"Service « %s » renommé « %s »", "Service \"%s\" renamed \"%s\""},
		"log.service.rename.reason":   {"Service « %s » renommé « %s » : %s", "Service \"%s\" renamed \"%s\": %s"},
		"log.service.remove":          {"Service « %s » retiré du tableau (était : %s)", "Service \"%s\" taken off the board (was: %s)"},
		"log.service.remove.reason":   {"Service « %s » retiré du tableau (était : %s) : %s", "Service \"%s\" taken off the board (was: %s): %s"},

		"reply.fact.unset":       {"Fait retiré : %s (était : %s). La réponse reste dans la main courante.", "Fact unset: %s (was: %s). The answer stays in the crisis log."},
		"err.fact.unset.unknown": {"le fait %s n'est pas établi : rien à retirer (voir /crisis status)", "fact %s is not set: nothing to unset (see /crisis status)"},
		"err.fact.unset.suggest": {"le fait %s n'est pas établi : vouliez-vous dire %s ?", "fact %s is not set: did you mean %s?"},
		"log.fact.unset":         {"Fait retiré : %s (était : %s) : %s", "Fact unset: %s (was: %s): %s"},
	})
}
