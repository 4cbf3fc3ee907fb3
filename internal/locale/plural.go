package locale

// Count is a number with the noun phrase it counts ("3 tâches créées"), as
// a message argument: it renders as the catalogue message Key+".one" or
// Key+".other", whichever the number takes in the reader's language, so a
// message built before its reader is known still agrees with its count.
type Count struct {
	N   int
	Key string
}

// N counts n of the phrase key (see Count).
func N(n int, key string) Count { return Count{N: n, Key: key} }

// In renders the count in lang.
func (c Count) In(lang Lang) string {
	form := ".other"
	if One(lang, c.N) {
		form = ".one"
	}
	return T(lang, c.Key+form, c.N)
}

// One reports whether n takes the singular in lang: French writes 0 and 1
// in the singular (« 0 tâche bloquée »), English only 1.
func One(lang Lang, n int) bool {
	if lang == EN {
		return n == 1
	}
	return n == 0 || n == 1 || n == -1
}
