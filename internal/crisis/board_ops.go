package crisis

import (
	"errors"
	"strings"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// AddNote writes a member's entry in the crisis log. at, when not nil,
// back-dates the fact; the entry keeps both times. A fact cannot be dated in
// the future, before 1970, or more than a Year before the crisis began.
func (op *Op) AddNote(c Crisis, text string, at *time.Time) (LogEntry, error) {
	if err := MustBeOpen(c); err != nil {
		return LogEntry{}, err
	}
	text, err := required("text", text)
	if err != nil {
		return LogEntry{}, err
	}
	when := op.Now
	if at != nil {
		if err := op.checkPast("at", *at, c.Beginning().Add(-Year), "err.time.before.crisis"); err != nil {
			return LogEntry{}, err
		}
		when = *at
	}
	e, err := op.Log(c, LogNote, when, text)
	if err != nil {
		return LogEntry{}, err
	}
	op.Emit(EventBoardChanged, c.ID, 0)
	return e, nil
}

// AddEvidence records an item kept for the investigation. The custodian
// defaults to whoever records it: custody is never left blank.
func (op *Op) AddEvidence(c Crisis, item, location, sha, custodian string) (Evidence, error) {
	if err := MustBeOpen(c); err != nil {
		return Evidence{}, err
	}
	item, err := required("item", item)
	if err != nil {
		return Evidence{}, err
	}
	sha = strings.ToLower(strings.TrimSpace(sha))
	if sha != "" && !sha256Re.MatchString(sha) {
		return Evidence{}, locale.Errorf(ErrInvalid, "err.sha256", sha)
	}
	custodian = strings.TrimSpace(custodian)
	if custodian == "" {
		custodian = op.Actor.Label()
	} else if strings.HasPrefix(custodian, "@") || strings.HasPrefix(custodian, "<@") {
		m, err := op.FindMember(custodian)
		if err != nil {
			return Evidence{}, err
		}
		custodian = m.Label()
	}
	e := Evidence{CrisisID: c.ID, Item: item, Location: strings.TrimSpace(location), SHA256: sha, Custodian: custodian, AddedAt: op.Now, AddedBy: op.Actor.ID}
	if err := op.Tx.AddEvidence(&e); err != nil {
		return Evidence{}, err
	}
	return e, op.Logf(c, LogEvidence, "log.evidence", e.ID, item, orDash(e.Location), custodian)
}

// SetService updates a line of the service board. A workaround given before
// stays unless a new one replaces it: it is what the public needs most.
func (op *Op) SetService(c Crisis, name, status, workaround string) (Service, error) {
	if err := MustBeOpen(c); err != nil {
		return Service{}, err
	}
	name, err := required("name", name)
	if err != nil {
		return Service{}, err
	}
	typed := status
	status, ok := ParseWord(ServiceStatuses, typed)
	if !ok {
		return Service{}, locale.Errorf(ErrInvalid, "err.choice", "status", typed, Words(ServiceStatuses))
	}
	if name, err = op.knownService(c, name); err != nil {
		return Service{}, err
	}
	s := Service{CrisisID: c.ID, Name: name, Status: status, Workaround: strings.TrimSpace(workaround), UpdatedAt: op.Now, UpdatedBy: op.Actor.ID}
	prev, err := op.Tx.Service(c.ID, name)
	switch {
	case err == nil:
		s.Name = prev.Name // keep the spelling it was first given
		if s.Workaround == "" && status != "up" {
			s.Workaround = prev.Workaround
		}
	case !errors.Is(err, ErrNotFound):
		return Service{}, err
	}
	if err := op.Tx.SetService(s); err != nil {
		return Service{}, err
	}
	args := []any{s.Name, op.T("service." + status)}
	key := "log.service"
	if s.Workaround != "" {
		key, args = "log.service.workaround", append(args, s.Workaround)
	}
	if err := op.Logf(c, LogService, key, args...); err != nil {
		return Service{}, err
	}
	op.Emit(EventBoardChanged, c.ID, 0)
	return s, nil
}

// knownService is the name of the service name already stands for, written
// with other capitals or accents ("etat civil" for "État civil"), or name:
// one service is not two lines on the board for a keyboard's sake.
func (op *Op) knownService(c Crisis, name string) (string, error) {
	all, err := op.Tx.Services(c.ID)
	if err != nil {
		return "", err
	}
	for _, s := range all {
		if SameService(s.Name, name) {
			return s.Name, nil
		}
	}
	return name, nil
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
