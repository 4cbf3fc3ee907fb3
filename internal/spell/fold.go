package spell

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Fold is a word or a name as compared whatever the way it was typed:
// lower case, accents dropped (typed as one character or as a letter and a
// combining mark), dashes, underscores and runs of spaces as one space,
// the typographic apostrophe as the plain one. "État-civil", "etat  civil"
// and "E\u0301tat civil" are one name. The cell types on phones and
// keyboards that may lack accents.
func Fold(s string) string {
	s = strings.ToLower(strings.TrimSpace(norm.NFC.String(s)))
	s = accents.Replace(s)
	s = separators.Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// accents maps the accented letters of French to their plain forms.
var accents = strings.NewReplacer(
	"à", "a", "â", "a", "ä", "a", "é", "e", "è", "e", "ê", "e", "ë", "e",
	"î", "i", "ï", "i", "ô", "o", "ö", "o", "ù", "u", "û", "u", "ü", "u",
	"ÿ", "y", "ç", "c", "œ", "oe", "æ", "ae",
)

var separators = strings.NewReplacer("-", " ", "_", " ", "’", "'")
