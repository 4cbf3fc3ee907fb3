// Package contacts is the directory of the people and organisations a
// crisis cell must reach: CERT-FR or the regional CSIRT, the
// incident-response provider, the insurer, the police, the préfecture, the
// CNIL, the host, elected officials, the press office. Entries come from
// the configuration, from commands, and from the few national services
// shipped with Tocsin (national.yaml), each with the official page its
// details were checked against.
package contacts

import (
	"strings"
	"time"
	"unicode"

	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/spell"
)

// Kind is the role an entry plays in a crisis.
type Kind string

// The kinds of the spec, in the order the directory lists them: who to
// call first in an attack comes first.
const (
	KindPolice     Kind = "police"     // police or gendarmerie: emergencies, the complaint
	KindCERT       Kind = "cert"       // CERT-FR or the regional CSIRT
	KindProvider   Kind = "provider"   // the incident-response provider
	KindInsurer    Kind = "insurer"    // the cyber insurer: its own deadline
	KindPrefecture Kind = "prefecture" // the préfecture
	KindCNIL       Kind = "cnil"       // the data-protection authority (the DPO is an entry of its own)
	KindHost       Kind = "host"       // the hosting or cloud provider
	KindOfficial   Kind = "official"   // elected officials
	KindPress      Kind = "press"      // the press office
	KindOther      Kind = "other"
)

// Kinds lists every kind in display order.
var Kinds = []Kind{KindPolice, KindCERT, KindProvider, KindInsurer, KindPrefecture, KindCNIL, KindHost, KindOfficial, KindPress, KindOther}

// Origin says where an entry comes from.
type Origin string

// Origins of an entry.
const (
	FromNational Origin = "national" // shipped with Tocsin (national.yaml)
	FromConfig   Origin = "config"   // the contacts: list of tocsin.yaml
	FromCommand  Origin = "command"  // added with /contact add
)

// Entry is one person or organisation to reach.
type Entry struct {
	Name  string `yaml:"name"`
	Kind  Kind   `yaml:"kind"`
	Phone string `yaml:"phone,omitempty"`
	Email string `yaml:"email,omitempty"`
	Hours string `yaml:"hours,omitempty"`
	Note  string `yaml:"note,omitempty"`
	// NoteEN is the note in English, for shipped entries read by an
	// English-speaking cell; "" means Note reads in both.
	NoteEN string `yaml:"note_en,omitempty"`
	// Source is where the details were checked (an official page), for
	// shipped and configured entries.
	Source string `yaml:"source,omitempty"`
	// Checked is the day the details were checked at Source (2006-01-02).
	Checked string `yaml:"checked,omitempty"`

	Origin  Origin    `yaml:"-"`
	ID      int64     `yaml:"-"` // entries added by command: their number
	AddedAt time.Time `yaml:"-"`
	AddedBy string    `yaml:"-"` // member ID
}

// NoteIn is the entry's note in lang.
func (e Entry) NoteIn(lang locale.Lang) string {
	if lang == locale.EN && e.NoteEN != "" {
		return e.NoteEN
	}
	return e.Note
}

// Reach is how the entry is reached: "02 31 00 00 00 · a@b.fr", or "".
func (e Entry) Reach() string {
	var parts []string
	for _, p := range []string{e.Phone, e.Email} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " · ")
}

// Problem is one thing wrong with an entry: the field and the value.
// Key is the catalogue message that says it, with the value as argument.
type Problem struct {
	Field string
	Value string
	Key   string
}

// Check lists what is wrong with an entry, every problem once, nothing
// when it is sound.
func (e Entry) Check() []Problem {
	var out []Problem
	if strings.TrimSpace(e.Name) == "" {
		out = append(out, Problem{Field: "name", Key: "err.contact.name"})
	}
	if _, ok := ParseKind(string(e.Kind)); !ok {
		out = append(out, Problem{Field: "kind", Value: string(e.Kind), Key: "err.contact.kind"})
	}
	if e.Phone != "" && !ValidPhone(e.Phone) {
		out = append(out, Problem{Field: "phone", Value: e.Phone, Key: "err.contact.phone"})
	}
	if e.Email != "" && !ValidEmail(e.Email) {
		out = append(out, Problem{Field: "email", Value: e.Email, Key: "err.contact.email"})
	}
	return out
}

// Message is the problem as a reader sees it, in lang.
func (p Problem) Message(lang locale.Lang) string {
	if p.Key == "err.contact.kind" {
		return locale.T(lang, p.Key, p.Value, KindList(lang))
	}
	return locale.T(lang, p.Key, p.Value)
}

// ValidPhone accepts what a person writes a phone number with: digits,
// spaces and dots, and a + only in front ("+33 2 31 30 41 00", "17",
// "02.31.30.41.00"). It needs two digits: the shortest numbers (17, 15)
// have two.
func ValidPhone(s string) bool {
	s = strings.TrimSpace(s)
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ' ' || r == '.':
		case r == '+' && i == 0:
		default:
			return false
		}
	}
	return digits >= 2 && digits <= 20
}

// ValidEmail accepts an address with one @, something before it and a dot
// in what follows, and no space.
func ValidEmail(s string) bool {
	s = strings.TrimSpace(s)
	if strings.IndexFunc(s, unicode.IsSpace) >= 0 || strings.Count(s, "@") != 1 {
		return false
	}
	local, domain, _ := strings.Cut(s, "@")
	dot := strings.LastIndex(domain, ".")
	return local != "" && dot > 0 && dot < len(domain)-1
}

// frenchKinds are the French names of the kinds: the first is shown, every
// one is accepted as typed.
var frenchKinds = map[Kind][]string{
	KindPolice:     {"police", "gendarmerie", "police ou gendarmerie"},
	KindCERT:       {"cert", "csirt"},
	KindProvider:   {"prestataire", "prestataire de réponse à incident"},
	KindInsurer:    {"assureur", "assurance"},
	KindPrefecture: {"préfecture", "prefecture"},
	KindCNIL:       {"cnil", "dpo"},
	KindHost:       {"hébergeur", "hebergeur"},
	KindOfficial:   {"élu", "élus", "elu"},
	KindPress:      {"presse", "service de presse"},
	KindOther:      {"autre"},
}

// ParseKind reads a kind typed in English or French, with or without
// accents or capitals.
func ParseKind(typed string) (Kind, bool) {
	k := fold(typed)
	for _, kind := range Kinds {
		if fold(string(kind)) == k {
			return kind, true
		}
		for _, fr := range frenchKinds[kind] {
			if fold(fr) == k {
				return kind, true
			}
		}
	}
	return "", false
}

// SuggestKind is the kind typed is likely a typo of, named in lang, or "".
func SuggestKind(typed string, lang locale.Lang) string {
	k := fold(typed)
	if len(k) > 64 {
		return ""
	}
	var names []string
	owner := map[string]Kind{}
	for _, kind := range Kinds {
		for _, n := range append([]string{string(kind)}, frenchKinds[kind]...) {
			names = append(names, fold(n))
			owner[fold(n)] = kind
		}
	}
	if s := spell.Suggest(k, names); s != "" {
		return KindWord(lang, owner[s])
	}
	return ""
}

// KindWord is the kind's short name in lang, as typed in a command.
func KindWord(lang locale.Lang, k Kind) string {
	if fr := frenchKinds[k]; lang != locale.EN && len(fr) > 0 {
		return fr[0]
	}
	return string(k)
}

// KindList names every kind for a message, in lang.
func KindList(lang locale.Lang) string {
	s := make([]string, len(Kinds))
	for i, k := range Kinds {
		s[i] = KindWord(lang, k)
	}
	return strings.Join(s, ", ")
}

// KindTitle is the kind as a heading of the directory ("Police ou
// gendarmerie"), in lang.
func KindTitle(lang locale.Lang, k Kind) string {
	return locale.T(lang, "contact.kind."+string(k))
}

// fold is a word as compared: see spell.Fold.
func fold(s string) string { return spell.Fold(s) }
