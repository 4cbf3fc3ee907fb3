package command

import (
	"slices"

	"github.com/tocsin-crisis/tocsin/internal/playbook"
)

// documentFacts are the facts the document templates read (the breach
// notification's fields): set by hand, asked by no playbook.
var documentFacts = []string{
	"dpo_contact", "data_subject_categories", "data_subjects", "data_categories",
	"records", "consequences", "delay_reasons",
}

// knownFacts lists the facts /crisis fact sets without a confirmation: the
// built-in ones, those any loaded playbook declares (a fact may be answered
// before its playbook runs), and those documents read.
func (e *Env) knownFacts() []string {
	known := slices.Clone(playbook.BuiltinFacts)
	if e.Playbooks != nil {
		for _, p := range e.Playbooks.Set().List() {
			for _, f := range p.Facts {
				known = append(known, f.ID)
			}
		}
	}
	return append(known, documentFacts...)
}
