package contacts

import (
	"slices"
	"strings"
)

// Directory is every entry a cell may reach, grouped by kind in the order
// of Kinds: within a kind, the cell's own entries (configured, then added
// by command, in the order given) come before the national ones, since
// the cell's own provider or gendarmerie brigade is who it calls first.
func Directory(configured, added []Entry) []Entry {
	all := slices.Concat(configured, added, National())
	slices.SortStableFunc(all, func(a, b Entry) int { return rank(a.Kind) - rank(b.Kind) })
	return all
}

// KeyKinds are the kinds the board shows: whom the cell calls first.
var KeyKinds = []Kind{KindPolice, KindCERT, KindInsurer, KindProvider}

// Key are the entries of the directory a board shows: the key kinds, only
// those with a phone or an e-mail to reach them by.
func Key(dir []Entry) []Entry {
	var out []Entry
	for _, k := range KeyKinds {
		for _, e := range dir {
			if e.Kind == k && e.Reach() != "" {
				out = append(out, e)
			}
		}
	}
	return out
}

// OfKind are the entries of one kind, in directory order.
func OfKind(dir []Entry, k Kind) []Entry {
	var out []Entry
	for _, e := range dir {
		if e.Kind == k {
			out = append(out, e)
		}
	}
	return out
}

// Same reports whether two entries name the same contact: one kind, one
// name whatever its case or accents.
func Same(a, b Entry) bool {
	return a.Kind == b.Kind && fold(a.Name) == fold(b.Name)
}

func rank(k Kind) int {
	if i := slices.Index(Kinds, k); i >= 0 {
		return i
	}
	return len(Kinds)
}

// Clean trims every field of an entry and reads its kind, English or
// French, into the stored value.
func (e Entry) Clean() Entry {
	for _, f := range []*string{&e.Name, &e.Phone, &e.Email, &e.Hours, &e.Note, &e.NoteEN, &e.Source, &e.Checked} {
		*f = strings.TrimSpace(*f)
	}
	if k, ok := ParseKind(string(e.Kind)); ok {
		e.Kind = k
	}
	return e
}
