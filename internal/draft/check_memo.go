package draft

import "github.com/tocsin-crisis/tocsin/internal/crisis"

// readings remember what each distinct piece reads (see pieces), for one
// fact check: the record and the text drafted from it share most of their
// pieces (each log entry's text is a cell of the complaint's table), so
// what the record's reading found is not looked for again in the draft. A
// piece reads the same wherever it stands, so the results do not change.
type readings map[string][]token

// add files each piece's reading; a nil memo remembers nothing.
func (m readings) add(pieces []string, read [][]token) {
	if m == nil {
		return
	}
	for i, p := range pieces {
		m[p] = read[i]
	}
}

// checkAgainst is AllowedFrom(s).Check(body), each distinct piece of the
// record and of the body read once.
func checkAgainst(s *Sheet, body string) []crisis.Flag {
	// Sized for the record's pieces: an entry's text and number, the
	// rest of the record being far shorter than its log.
	memo := make(readings, 2*len(s.Log)+256)
	return allowedFrom(s, memo).check(body, memo)
}
