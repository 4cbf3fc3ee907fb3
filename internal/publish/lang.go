package publish

import (
	"strings"
	"unicode"

	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// Drafts carry no language of their own: a cell writes in its language,
// and comms may approve a translation beside it. The page must mark each
// text with the language it is in (a screen reader reads French with a
// French voice whatever the page's own words are in), so it reads the text.
var (
	frenchWords  = wordSet("le la les des du un une et est sont pour dans sur au aux ce cette qui que pas ne avec à été ont nous vous votre vos leur ou mais par plus sera seront en")
	englishWords = wordSet("the and is are of to for in on with this that not be has have will was were our your their or but by more from at an it")
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// detectLang is the language text is written in, fr or en, by its common
// words; fallback when it cannot tell.
func detectLang(text string, fallback locale.Lang) locale.Lang {
	fr, en := 0, 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch {
		case frenchWords[w]:
			fr++
		case englishWords[w]:
			en++
		}
		if strings.ContainsAny(w, "éèêàçùôî") {
			fr++
		}
	}
	switch {
	case fr > en:
		return locale.FR
	case en > fr:
		return locale.EN
	}
	return fallback
}

// version is one update in one language.
type version struct {
	Update
	Lang locale.Lang
}

// item is what the page shows as one update: its versions, French first,
// an English translation beside it when one was approved.
type item struct {
	Versions []version
}

// main is the version that dates and names the item: the first approved.
func (it item) main() version {
	m := it.Versions[0]
	for _, v := range it.Versions[1:] {
		if v.Draft.DecidedAt.Before(m.Draft.DecidedAt) {
			m = v
		}
	}
	return m
}

// newest is the latest approval among the item's versions.
func (it item) newest() version {
	n := it.Versions[0]
	for _, v := range it.Versions[1:] {
		if v.Draft.DecidedAt.After(n.Draft.DecidedAt) {
			n = v
		}
	}
	return n
}

// items groups updates (newest first) into what the page shows, newest
// first: an update approved right after one in the other language, before
// any other, is taken as its translation and shown beside it.
func items(updates []Update, fallback locale.Lang) []item {
	var out []item // oldest first while building
	for i := len(updates) - 1; i >= 0; i-- {
		v := version{Update: updates[i], Lang: detectLang(PlainText(updates[i].Draft.Current.Body), fallback)}
		if n := len(out); n > 0 && len(out[n-1].Versions) == 1 && out[n-1].Versions[0].Lang != v.Lang &&
			out[n-1].Versions[0].Crisis.ID == v.Crisis.ID {
			out[n-1].Versions = append(out[n-1].Versions, v)
			if v.Lang == locale.FR {
				out[n-1].Versions[0], out[n-1].Versions[1] = out[n-1].Versions[1], out[n-1].Versions[0]
			}
			continue
		}
		out = append(out, item{Versions: []version{v}})
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}
