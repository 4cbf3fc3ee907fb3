package crisis

import (
	"slices"
	"strings"

	"github.com/tocsin-crisis/tocsin/internal/contacts"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// LogMember marks the log entries that record a change to a member's
// record: a correction is a new entry, never an edit of the past.
const LogMember LogKind = "member"

// MemberChange is what /member set changes; nil fields are left alone. An
// empty Phone or Email clears it.
type MemberChange struct {
	Capabilities []Capability // nil: unchanged
	Phone        *string
	Email        *string
}

// SetMember changes a member's capabilities and contact details. A
// director may change anyone's; a member may change their own phone and
// e-mail, never their capabilities. The change is written in the log of
// logTo when it is open (Crisis{} for none): the cell's record says who
// changed what, and when.
func (op *Op) SetMember(id string, ch MemberChange, logTo Crisis) (Member, []locale.Text, error) {
	m, err := op.FindMember(id)
	if err != nil {
		return Member{}, nil, err
	}
	if ch.Capabilities == nil && ch.Phone == nil && ch.Email == nil {
		return Member{}, nil, locale.Errorf(ErrInvalid, "err.member.set.nothing", m.ID)
	}
	if !op.Actor.Can(CapDirector) {
		switch {
		case ch.Capabilities != nil:
			return Member{}, nil, locale.Errorf(ErrForbidden, "err.member.set.caps", m.ID)
		case m.ID != op.Actor.ID:
			return Member{}, nil, locale.Errorf(ErrForbidden, "err.member.set.other", m.ID)
		}
	}
	next := m
	var changes []locale.Text
	if ch.Capabilities != nil && !slices.Equal(ch.Capabilities, m.Capabilities) {
		next.Capabilities = ch.Capabilities
		changes = append(changes, change("member.change.caps", CapabilityNames(locale.FR, m.Capabilities), CapabilityNames(locale.FR, ch.Capabilities),
			CapabilityNames(locale.EN, m.Capabilities), CapabilityNames(locale.EN, ch.Capabilities)))
	}
	if ch.Phone != nil {
		p := strings.TrimSpace(*ch.Phone)
		if p != "" && !contacts.ValidPhone(p) {
			return Member{}, nil, locale.Errorf(ErrInvalid, "err.contact.phone", p)
		}
		if p != m.Phone {
			next.Phone = p
			changes = append(changes, change("member.change.phone", m.Phone, p, m.Phone, p))
		}
	}
	if ch.Email != nil {
		e := strings.TrimSpace(*ch.Email)
		if e != "" && !contacts.ValidEmail(e) {
			return Member{}, nil, locale.Errorf(ErrInvalid, "err.contact.email", e)
		}
		if e != m.Email {
			next.Email = e
			changes = append(changes, change("member.change.email", m.Email, e, m.Email, e))
		}
	}
	if len(changes) == 0 {
		return Member{}, nil, locale.Errorf(ErrConflict, "err.member.set.same", m.ID)
	}
	if err := op.Tx.UpdateMember(next); err != nil {
		return Member{}, nil, err
	}
	lang := op.Lang
	if lang == "" {
		lang = locale.FR
	}
	if logTo.ID != 0 && logTo.State == Open {
		if err := op.Logf(logTo, LogMember, "log.member.set", next.Label(), op.Actor.Label(), joinIn(lang, changes)); err != nil {
			return Member{}, nil, err
		}
	}
	return next, changes, nil
}

// JoinChanges lists changes in lang, as one line.
func JoinChanges(lang locale.Lang, ts []locale.Text) string { return joinIn(lang, ts) }

// change renders one change in both languages; "" reads as none.
func change(key, oldFR, newFR, oldEN, newEN string) locale.Text {
	none := func(lang locale.Lang, s string) string {
		if s == "" {
			return locale.T(lang, "member.none")
		}
		return s
	}
	return locale.Text{
		FR: locale.T(locale.FR, key, none(locale.FR, oldFR), none(locale.FR, newFR)),
		EN: locale.T(locale.EN, key, none(locale.EN, oldEN), none(locale.EN, newEN)),
	}
}

func joinIn(lang locale.Lang, ts []locale.Text) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = t.In(lang)
	}
	if lang == locale.EN {
		return strings.Join(s, "; ")
	}
	return strings.Join(s, " ; ")
}
