package crisis

import (
	"strings"

	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/spell"
)

// frenchWords names the values of the closed sets (severities, service
// statuses, indicator kinds, audiences, task states, capabilities) in
// French. The record stores the English value; the first French word is the
// one shown, the others are accepted as typed. A value without an entry
// reads the same in both languages.
var frenchWords = map[string][]string{
	// Severities.
	"low":      {"faible", "basse", "bas"},
	"medium":   {"moyenne", "moyen", "modérée"},
	"high":     {"élevée", "haute", "grave", "élevé"},
	"critical": {"critique"},
	// Service statuses.
	"up":       {"opérationnel", "fonctionnel", "en service", "ok"},
	"degraded": {"dégradé", "dégradée"},
	"down":     {"hors service", "hs", "en panne", "panne", "arrêté"},
	// Indicator kinds.
	"domain":  {"domaine", "nom de domaine"},
	"hash":    {"empreinte", "hachage"},
	"email":   {"courriel", "mail", "e-mail", "adresse mail"},
	"account": {"compte"},
	// Audiences.
	"staff":     {"agents", "personnel"},
	"officials": {"élus", "élu"},
	"press":     {"presse", "médias", "journalistes"},
	// Task states.
	"open":    {"à faire", "ouverte", "ouvert"},
	"taken":   {"en cours", "prise", "pris"},
	"blocked": {"bloquée", "bloqué"},
	"done":    {"terminée", "terminé", "faite", "fait"},
	// Answers.
	"yes": {"oui", "ouais", "vrai", "true", "y", "o", "1"},
	"no":  {"non", "nan", "faux", "false", "n", "0"},
	// Capabilities.
	"member":   {"membre"},
	"comms":    {"communication", "com"},
	"legal":    {"juridique"},
	"director": {"directeur", "directrice", "direction"},
	"author":   {"auteur", "autrice"},
}

// YesNo is the closed set of answers to a yes-or-no question: a fact such
// as personal_data, a confirm option.
var YesNo = []string{"yes", "no"}

// ParseWord finds the value of set that typed names, in English or French,
// with or without accents, capitals, dashes or underscores ("Dégradé",
// "degrade", "hors-service").
func ParseWord(set []string, typed string) (string, bool) {
	k := foldWord(typed)
	for _, v := range set {
		if foldWord(v) == k {
			return v, true
		}
		for _, fr := range frenchWords[v] {
			if foldWord(fr) == k {
				return v, true
			}
		}
	}
	return "", false
}

// SuggestWord is the value of set typed is likely a typo of, named in
// lang, or "".
func SuggestWord(set []string, typed string, lang locale.Lang) string {
	k := foldWord(typed)
	if len(k) > 64 {
		return "" // no typo of a short word; and comparing would be slow
	}
	var names []string
	owner := map[string]string{}
	for _, v := range set {
		for _, n := range append([]string{v}, frenchWords[v]...) {
			f := foldWord(n)
			names = append(names, f)
			owner[f] = v
		}
	}
	if s := spell.Suggest(k, names); s != "" {
		return WordIn(lang, owner[s])
	}
	return ""
}

// Suggestion names the value of set typed is likely a typo of, in
// whichever language reads the message; false when none is close.
func Suggestion(set []string, typed string) (locale.Text, bool) {
	fr := SuggestWord(set, typed, locale.FR)
	return locale.Text{FR: fr, EN: SuggestWord(set, typed, locale.EN)}, fr != ""
}

// indicatorKinds are the indicator kinds as a reader names them: "ip"
// is the stored value, « adresse IP » what a police officer reads.
var indicatorKinds = map[string]locale.Text{
	"ip":      {FR: "adresse IP", EN: "IP address"},
	"domain":  {FR: "nom de domaine", EN: "domain name"},
	"url":     {FR: "URL", EN: "URL"},
	"hash":    {FR: "empreinte", EN: "hash"},
	"email":   {FR: "adresse e-mail", EN: "e-mail address"},
	"account": {FR: "compte", EN: "account"},
}

// IndicatorKindIn is how an indicator's kind reads in lang: in replies,
// log entries, the board and the documents alike.
func IndicatorKindIn(lang locale.Lang, kind string) string {
	if w, ok := indicatorKinds[kind]; ok {
		return w.In(lang)
	}
	return kind
}

// WordIn is how a stored value of a closed set reads in lang.
func WordIn(lang locale.Lang, value string) string {
	if fr := frenchWords[value]; lang != locale.EN && len(fr) > 0 {
		return fr[0]
	}
	return value
}

// Words lists a closed set for a message: "faible, moyenne…" in French,
// "low, medium…" in English, whichever language reads the message.
func Words(set []string) locale.Text {
	fr := make([]string, len(set))
	for i, v := range set {
		fr[i] = WordIn(locale.FR, v)
	}
	return locale.Text{FR: strings.Join(fr, ", "), EN: strings.Join(set, ", ")}
}

// AnswerIn is how a fact's value reads in lang: a yes or a no in lang's
// word, any other value as it is.
func AnswerIn(lang locale.Lang, value string) string {
	if v, ok := ParseWord(YesNo, value); ok {
		return WordIn(lang, v)
	}
	return value
}

// CapabilityNames lists capabilities as they read in lang.
func CapabilityNames(lang locale.Lang, caps []Capability) string {
	s := make([]string, len(caps))
	for i, c := range caps {
		s[i] = WordIn(lang, string(c))
	}
	return strings.Join(s, ", ")
}

// foldWord is a word as compared: see spell.Fold.
func foldWord(s string) string { return spell.Fold(s) }
