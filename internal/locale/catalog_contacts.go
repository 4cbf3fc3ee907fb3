package locale

// The words of the contacts directory (issue 14): the kinds of contact,
// /contact add and list, /member set, and the log entries they write.
func init() {
	register(map[string]Text{
		"contact.kind.police":     {"Police ou gendarmerie", "Police or gendarmerie"},
		"contact.kind.cert":       {"CERT-FR ou CSIRT régional", "CERT-FR or regional CSIRT"},
		"contact.kind.provider":   {"Prestataire de réponse à incident", "Incident-response provider"},
		"contact.kind.insurer":    {"Assureur", "Insurer"},
		"contact.kind.prefecture": {"Préfecture", "Prefecture"},
		"contact.kind.cnil":       {"CNIL et délégué à la protection des données", "CNIL and data protection officer"},
		"contact.kind.host":       {"Hébergeur", "Host"},
		"contact.kind.official":   {"Élus", "Elected officials"},
		"contact.kind.press":      {"Service de presse", "Press office"},
		"contact.kind.other":      {"Autres", "Others"},
		"contact.members":         {"Membres de la cellule", "Members of the cell"},
		"contact.hours":           {"horaires : %s", "hours: %s"},
		"contact.source":          {"source : %s, vérifiée le %s", "source: %s, checked %s"},
		"contact.source.nodate":   {"source : %s", "source: %s"},
		"contact.unreachable":     {"ni téléphone ni e-mail", "no phone or e-mail"},

		"err.contact.name":         {"le contact n'a pas de nom%.0s", "the contact has no name%.0s"},
		"err.contact.kind":         {"type de contact inconnu %q : %s", "unknown kind of contact %q: %s"},
		"err.contact.kind.suggest": {"type de contact inconnu %q : vouliez-vous dire %s ? (%s)", "unknown kind of contact %q: did you mean %s? (%s)"},
		"err.contact.phone":        {"téléphone invalide %q : des chiffres, des espaces, des points, et un + en tête seulement", "invalid phone %q: digits, spaces, dots, and a + in front only"},
		"err.contact.email":        {"adresse e-mail invalide %q : une seule @, suivie d'un nom de domaine avec un point", "invalid e-mail address %q: one @, followed by a domain name with a dot"},
		"err.contact.exists":       {"le contact %s (%s) est déjà dans l'annuaire : voir /contact list", "contact %s (%s) is already in the directory: see /contact list"},
		"reply.contact.added":      {"Contact ajouté à l'annuaire : %s — %s — %s", "Contact added to the directory: %s — %s — %s"},
		"reply.contact.list":       {"Annuaire de crise (%s) :", "Crisis directory (%s):"},
		"count.contact.one":        {"%d contact", "%d contact"},
		"count.contact.other":      {"%d contacts", "%d contacts"},
		"log.contact.added":        {"Contact ajouté à l'annuaire par %s : %s (%s) — %s", "Contact added to the directory by %s: %s (%s) — %s"},

		"err.member.exists.set":  {"le membre @%s existe déjà : pour changer ses capacités ou ses coordonnées, /member set id:%s", "member @%s already exists: to change their capabilities or contact details, /member set id:%s"},
		"err.member.set.nothing": {"rien à changer pour @%s : donnez capabilities, phone ou email", "nothing to change for @%s: give capabilities, phone or email"},
		"err.member.set.other":   {"seul un directeur change les coordonnées d'un autre membre (@%s) ; chacun peut changer son propre téléphone et son e-mail", "only a director changes another member's contact details (@%s); everyone may change their own phone and e-mail"},
		"err.member.set.caps":    {"seul un directeur change les capacités d'un membre (@%s)", "only a director changes a member's capabilities (@%s)"},
		"err.member.set.discord": {"sur Discord, les capacités de @%s viennent de ses rôles sur le serveur : changez ses rôles", "on Discord, the capabilities of @%s come from their roles on the server: change their roles"},
		"err.member.set.same":    {"@%s a déjà ces valeurs : rien n'a changé", "@%s already has these values: nothing changed"},
		"reply.member.set":       {"Membre %s modifié : %s", "Member %s changed: %s"},
		"member.change.caps":     {"capacités %s → %s", "capabilities %s → %s"},
		"member.change.phone":    {"téléphone « %s » → « %s »", "phone \"%s\" → \"%s\""},
		"member.change.email":    {"e-mail « %s » → « %s »", "e-mail \"%s\" → \"%s\""},
		"member.none":            {"aucun", "none"},
		"log.member.set":         {"Fiche du membre %s corrigée par %s : %s", "Member %s's record corrected by %s: %s"},
		"board.contacts":         {"Contacts", "Contacts"},
	})
}
