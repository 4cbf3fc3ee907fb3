package locale

// The Discord front end's last resort: a command's handling panicked. The
// bot goes on; the member is told, with a reference the log carries.
func init() {
	register(map[string]Text{
		"err.panic": {"erreur interne (réf. %s) : la commande a pu être enregistrée ou non ; vérifiez avec /crisis status avant de réessayer, et prévenez l'administrateur", "internal error (ref. %s): the command may or may not have been recorded; check with /crisis status before trying again, and tell the administrator"},
	})
}
