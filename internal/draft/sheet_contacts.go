package draft

import (
	"strings"

	"github.com/tocsin-crisis/tocsin/internal/contacts"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/spell"
)

// Reachable lists the cell's people for the complaint's contacts: each
// crisis role's holder by name, with the phone and e-mail the record
// holds, not a chat handle an investigator cannot use. A holder without
// either gets a line to write them on.
func (s *Sheet) Reachable() []string {
	var out []string
	for _, r := range s.Roles {
		m, ok := s.Members[r.MemberID]
		if !ok {
			m = crisis.Member{ID: r.MemberID}
		}
		name := m.Name
		if name == "" {
			name = m.ID
		}
		reach := contacts.Entry{Phone: m.Phone, Email: m.Email}.Reach()
		if reach == "" {
			reach = "………………………… (" + locale.Text{FR: "téléphone et e-mail", EN: "phone and e-mail"}.In(s.Lang) + ")"
		}
		sep := " : "
		if s.Lang == locale.EN {
			sep = ": "
		}
		out = append(out, s.RoleName(r.Role)+sep+crisis.Escape(name)+" — "+reach)
	}
	return out
}

// DPO is the contact point of the breach notification (GDPR art.
// 33(3)(b)): the directory entry the cell added for its data protection
// officer (named "DPO", "délégué(e) à la protection des données" or "data
// protection officer", whatever its kind), with its details; "" when the
// cell has none. The CNIL is the authority notified, never the contact
// point, so no entry is taken for its kind alone.
func (s *Sheet) DPO() string {
	for _, e := range s.Directory {
		if e.Origin == contacts.FromNational || !isDPO(e) {
			continue
		}
		if r := e.Reach(); r != "" {
			return e.Name + " — " + r
		}
		return e.Name
	}
	return ""
}

// isDPO reports whether a directory entry names a data protection officer.
func isDPO(e contacts.Entry) bool {
	n := " " + spell.Fold(e.Name+" "+e.Note) + " "
	for _, w := range []string{" dpo ", " dpo,", "(dpo)", "delegue a la protection", "deleguee a la protection", "data protection officer"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// contactTexts are the directory's and the members' details, which a
// draft may cite: the fact check reads them as part of the record.
func (s *Sheet) contactTexts() []string {
	var out []string
	for _, e := range s.Directory {
		out = append(out, e.Name, e.Phone, e.Email, e.Hours, e.NoteIn(s.Lang), e.Source)
	}
	for _, m := range s.Members {
		out = append(out, m.Phone, m.Email)
	}
	return out
}

// RoleName is a crisis role as a reader knows it: its name in the crisis's
// playbook, else its id.
func (s *Sheet) RoleName(id string) string {
	if n := s.RoleNames[id]; n != "" {
		return n
	}
	return id
}
