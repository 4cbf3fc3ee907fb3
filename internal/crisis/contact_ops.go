package crisis

import (
	"github.com/tocsin-crisis/tocsin/internal/contacts"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// LogContact marks the log entries that record a contact added to the
// directory.
const LogContact LogKind = "contact"

// AddContact adds a person or organisation to the directory. The
// directory is the cell's, not one crisis's: it is kept outside any
// crisis, and prepared before an attack. When a crisis is open (logTo),
// the addition is also written in its log, so the record says where a
// number the complaint cites came from, who gave it and when. known are
// the entries already in the directory from elsewhere (configuration,
// national services): the same contact is not added twice.
func (op *Op) AddContact(e contacts.Entry, known []contacts.Entry, logTo Crisis) (contacts.Entry, error) {
	e = e.Clean()
	if ps := e.Check(); len(ps) > 0 {
		p := ps[0]
		if p.Field == "kind" {
			if sug := contacts.SuggestKind(p.Value, locale.FR); sug != "" {
				return contacts.Entry{}, locale.Errorf(ErrInvalid, "err.contact.kind.suggest", p.Value,
					locale.Text{FR: sug, EN: contacts.SuggestKind(p.Value, locale.EN)},
					locale.Text{FR: contacts.KindList(locale.FR), EN: contacts.KindList(locale.EN)})
			}
			return contacts.Entry{}, locale.Errorf(ErrInvalid, p.Key, p.Value,
				locale.Text{FR: contacts.KindList(locale.FR), EN: contacts.KindList(locale.EN)})
		}
		return contacts.Entry{}, locale.Errorf(ErrInvalid, p.Key, p.Value)
	}
	added, err := op.Tx.Contacts()
	if err != nil {
		return contacts.Entry{}, err
	}
	for _, k := range append(known, added...) {
		if contacts.Same(k, e) {
			return contacts.Entry{}, locale.Errorf(ErrConflict, "err.contact.exists", e.Name,
				locale.Text{FR: contacts.KindWord(locale.FR, e.Kind), EN: contacts.KindWord(locale.EN, e.Kind)})
		}
	}
	e.Origin, e.AddedAt, e.AddedBy = contacts.FromCommand, op.Now, op.Actor.ID
	if err := op.Tx.AddContact(&e); err != nil {
		return contacts.Entry{}, err
	}
	if logTo.ID != 0 && logTo.State == Open {
		reach := e.Reach()
		if reach == "" {
			reach = op.T("contact.unreachable")
		}
		if err := op.Logf(logTo, LogContact, "log.contact.added", op.Actor.Label(), e.Name, contacts.KindTitle(op.lang(), e.Kind), reach); err != nil {
			return contacts.Entry{}, err
		}
	}
	return e, nil
}

// lang is the cell's language, French when unset.
func (op *Op) lang() locale.Lang {
	if op.Lang == "" {
		return locale.FR
	}
	return op.Lang
}
