package crisis

import (
	"fmt"
	"slices"

	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/spell"
)

// FactInput is what /crisis fact takes.
type FactInput struct {
	Name, Value string
	// Known are the facts a crisis may hold without a second thought: the
	// built-in ones, those the playbooks declare and those documents read.
	// The facts already set on the crisis are known too.
	Known []string
	// Confirm sets a fact under a name nobody reads yet: a new name is
	// more often a typo than a new question, and a typo is a fact that no
	// condition and no document will ever see.
	Confirm bool
}

// factWords are the French names a member may type for the built-in facts
// ("donnees_personnelles"): too far from the English name for a typo, they
// are suggested all the same.
var factWords = map[string][]string{
	"personal_data":    {"données personnelles", "données perso"},
	"ransom_demanded":  {"rançon demandée", "rançon", "demande de rançon"},
	"data_exfiltrated": {"données exfiltrées", "exfiltration"},
	"encryption":       {"chiffrement", "données chiffrées"},
	"backups_affected": {"sauvegardes touchées", "sauvegardes atteintes"},
	"fraud_attempted":  {"tentative de fraude", "fraude"},
	"high_risk":        {"risque élevé"},
}

// checkFactName refuses a fact name that cannot be one, and, unless the
// member confirmed it, one that is neither known nor already set on the
// crisis, suggesting the nearest when it looks like a slip for one.
func (op *Op) checkFactName(c Crisis, name string, in FactInput) error {
	valid := ValidFactName(name)
	if valid && (in.Confirm || slices.Contains(in.Known, name)) {
		return nil
	}
	set, err := op.Tx.Facts(c.ID)
	if err != nil {
		return fmt.Errorf("read the facts of crisis %d: %w", c.ID, err)
	}
	names := slices.Clone(in.Known)
	for _, f := range set {
		if valid && f.Name == name {
			return nil
		}
		names = append(names, f.Name)
	}
	sug := factLike(name, names)
	switch {
	case sug != "":
		return locale.Errorf(ErrNotFound, "err.fact.suggest", name, sug)
	case !valid:
		return locale.Errorf(ErrInvalid, "err.fact.name", name)
	}
	return locale.Errorf(ErrNotFound, "err.fact.new", name)
}

// factLike is the name among names that typed is likely meant for, by its
// spelling or by its French name, or "".
func factLike(typed string, names []string) string {
	k := foldWord(typed)
	if len(k) > 64 {
		return "" // no slip for a short name; and comparing would be slow
	}
	var words []string
	owner := map[string]string{}
	for _, n := range names {
		for _, w := range append([]string{n}, factWords[n]...) {
			f := foldWord(w)
			if _, dup := owner[f]; !dup {
				words = append(words, f)
				owner[f] = n
			}
		}
	}
	if s := spell.Suggest(k, words); s != "" {
		return owner[s]
	}
	return ""
}
