package locale

// The store's sentences: the disk under the record cannot take a write.
// They say that nothing was kept, why, and who can act.
func init() {
	register(map[string]Text{
		"err.storage.full":     {"disque plein : rien n'a été enregistré ; libérez de la place sur le disque (ou prévenez l'administrateur), puis réessayez", "disk full: nothing was recorded; free some space on the disk (or tell the administrator), then try again"},
		"err.storage.readonly": {"la base est en lecture seule : rien n'a été enregistré ; prévenez l'administrateur (disque ou fichier protégé en écriture)", "the database is read-only: nothing was recorded; tell the administrator (write-protected disk or file)"},
		"err.storage.io":       {"erreur d'écriture ou de lecture sur le disque de la base : rien n'a été enregistré ; prévenez l'administrateur", "read or write error on the database's disk: nothing was recorded; tell the administrator"},
	})
}
