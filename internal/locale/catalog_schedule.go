package locale

// The rhythm of public updates.
func init() {
	register(map[string]Text{
		"err.draft.next.moved": {
			"le point n° %d annonce le prochain pour %s, mais publié maintenant le suivant serait pour %s : rien n'a été publié. Préparez un nouveau point (/draft status) ou corrigez l'heure (/draft edit).",
			"update #%d announces the next one for %s, but published now the next would be due %s: nothing was published. Draft a new update (/draft status) or correct the time (/draft edit)."},
	})
}
