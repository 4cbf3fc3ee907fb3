package crisis

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/spell"
)

// Corrections of the record (issue 14). Each leaves the past as it was
// written: the record's tables change to what stands now, a Correction
// keeps what they held, and a log entry in the cell's language says what
// changed and why (its author is who changed it).

// RetractIndicator withdraws an indicator found to be wrong. It stays in
// the record and in /ioc list, marked withdrawn; documents no longer use it
// as an indicator.
func (op *Op) RetractIndicator(c Crisis, id int64, reason string) (WithdrawnIndicator, error) {
	if err := MustBeOpen(c); err != nil {
		return WithdrawnIndicator{}, err
	}
	reason, err := required("reason", reason)
	if err != nil {
		return WithdrawnIndicator{}, err
	}
	standing, withdrawn, err := StandingIndicators(op.Tx, c.ID)
	if err != nil {
		return WithdrawnIndicator{}, err
	}
	for _, w := range withdrawn {
		if w.ID == id {
			return WithdrawnIndicator{}, locale.Errorf(ErrConflict, "err.ioc.retracted", id, w.Retraction.By, w.Retraction.Reason)
		}
	}
	i, found := Indicator{}, false
	for _, s := range standing {
		if s.ID == id {
			i, found = s, true
		}
	}
	if !found {
		return WithdrawnIndicator{}, locale.Errorf(ErrNotFound, "err.ioc.unknown", id)
	}
	kind := IndicatorKindIn(op.cellLang(), i.Kind)
	r := Correction{CrisisID: c.ID, Kind: CorrectIOCRetract, Object: strconv.FormatInt(i.ID, 10), Old: i.Kind + " " + i.Value, Reason: reason, At: op.Now, By: op.Actor.ID}
	if err := op.Tx.AddCorrection(&r); err != nil {
		return WithdrawnIndicator{}, err
	}
	if err := op.Logf(c, LogIOC, "log.ioc.retract", i.ID, kind, i.Value, reason); err != nil {
		return WithdrawnIndicator{}, err
	}
	op.Emit(EventBoardChanged, c.ID, 0)
	return WithdrawnIndicator{Indicator: i, Retraction: r}, nil
}

// TransferEvidence records that an evidence item changed hands (or place):
// a new link of its chain of custody, the earlier ones kept. The location
// stays where it was unless a new one is given.
func (op *Op) TransferEvidence(c Crisis, id int64, custodian, location string) (Evidence, []CustodyLink, error) {
	if err := MustBeOpen(c); err != nil {
		return Evidence{}, nil, err
	}
	all, err := op.Tx.Evidence(c.ID)
	if err != nil {
		return Evidence{}, nil, err
	}
	e, found := Evidence{}, false
	for _, x := range all {
		if x.ID == id {
			e, found = x, true
		}
	}
	if !found {
		return Evidence{}, nil, locale.Errorf(ErrNotFound, "err.evidence.unknown", id)
	}
	custodian, err = required("custodian", custodian)
	if err != nil {
		return Evidence{}, nil, err
	}
	if strings.HasPrefix(custodian, "@") || strings.HasPrefix(custodian, "<@") {
		m, err := op.FindMember(custodian)
		if err != nil {
			return Evidence{}, nil, err
		}
		custodian = m.Label()
	}
	transfers, err := op.Tx.Custody(c.ID)
	if err != nil {
		return Evidence{}, nil, err
	}
	chain := Chain(e, transfers)
	now := chain[len(chain)-1]
	location = strings.TrimSpace(location)
	if location == "" {
		location = now.Location
	}
	if foldWord(custodian) == foldWord(now.Custodian) && location == now.Location {
		return Evidence{}, nil, locale.Errorf(ErrConflict, "err.evidence.same", id, now.Custodian, orDash(now.Location))
	}
	t := CustodyTransfer{CrisisID: c.ID, EvidenceID: e.ID, Custodian: custodian, Location: location, At: op.Now, By: op.Actor.ID}
	if err := op.Tx.AddCustody(&t); err != nil {
		return Evidence{}, nil, err
	}
	if err := op.Logf(c, LogEvidence, "log.evidence.transfer", e.ID, custodian, orDash(location), op.Actor.ID); err != nil {
		return Evidence{}, nil, err
	}
	op.Emit(EventBoardChanged, c.ID, 0)
	return e, append(chain, CustodyLink{Custodian: t.Custodian, Location: t.Location, At: t.At, By: t.By}), nil
}

// RenameService corrects a service's name; its state and workaround stay.
// A name another service already has is refused: one service, one line.
// The same name with other accents or capitals is a correction of spelling.
func (op *Op) RenameService(c Crisis, name, newName, reason string) (before, after Service, err error) {
	if err := MustBeOpen(c); err != nil {
		return Service{}, Service{}, err
	}
	s, err := op.findService(c, name)
	if err != nil {
		return Service{}, Service{}, err
	}
	if newName, err = required("new_name", newName); err != nil {
		return Service{}, Service{}, err
	}
	if newName == s.Name {
		return Service{}, Service{}, locale.Errorf(ErrConflict, "err.service.same", s.Name)
	}
	all, err := op.Tx.Services(c.ID)
	if err != nil {
		return Service{}, Service{}, err
	}
	for _, other := range all {
		if other.Name != s.Name && SameService(other.Name, newName) {
			return Service{}, Service{}, locale.Errorf(ErrConflict, "err.service.exists", s.Name, newName, other.Name)
		}
	}
	if err := op.Tx.RenameService(c.ID, s.Name, newName); err != nil {
		return Service{}, Service{}, err
	}
	reason = strings.TrimSpace(reason)
	r := Correction{CrisisID: c.ID, Kind: CorrectServiceRename, Object: s.Name, Old: s.Name, New: newName, Reason: reason, At: op.Now, By: op.Actor.ID}
	if err := op.Tx.AddCorrection(&r); err != nil {
		return Service{}, Service{}, err
	}
	key, args := "log.service.rename", []any{s.Name, newName}
	if reason != "" {
		key, args = "log.service.rename.reason", append(args, reason)
	}
	if err := op.Logf(c, LogService, key, args...); err != nil {
		return Service{}, Service{}, err
	}
	op.Emit(EventBoardChanged, c.ID, 0)
	after = s
	after.Name = newName
	return s, after, nil
}

// RemoveService takes a service off the board (a duplicate, one recorded
// by mistake). Documents and the board no longer show it; the correction
// keeps its last state, and /service set may bring it back.
func (op *Op) RemoveService(c Crisis, name, reason string) (Service, error) {
	if err := MustBeOpen(c); err != nil {
		return Service{}, err
	}
	s, err := op.findService(c, name)
	if err != nil {
		return Service{}, err
	}
	if err := op.Tx.RemoveService(c.ID, s.Name); err != nil {
		return Service{}, err
	}
	was := op.T("service." + s.Status)
	if s.Workaround != "" {
		was = op.T("corr.service.was.workaround", was, s.Workaround)
	}
	reason = strings.TrimSpace(reason)
	r := Correction{CrisisID: c.ID, Kind: CorrectServiceRemove, Object: s.Name, Old: was, Reason: reason, At: op.Now, By: op.Actor.ID}
	if err := op.Tx.AddCorrection(&r); err != nil {
		return Service{}, err
	}
	key, args := "log.service.remove", []any{s.Name, was}
	if reason != "" {
		key, args = "log.service.remove.reason", append(args, reason)
	}
	if err := op.Logf(c, LogService, key, args...); err != nil {
		return Service{}, err
	}
	op.Emit(EventBoardChanged, c.ID, 0)
	return s, nil
}

// findService is the service name stands for, whatever its accents or
// capitals; an unknown one is refused with the nearest name, if any.
func (op *Op) findService(c Crisis, name string) (Service, error) {
	name, err := required("name", name)
	if err != nil {
		return Service{}, err
	}
	all, err := op.Tx.Services(c.ID)
	if err != nil {
		return Service{}, err
	}
	var folded []string
	owner := map[string]string{}
	for _, s := range all {
		if SameService(s.Name, name) {
			return s, nil
		}
		k := serviceKey(s.Name)
		folded = append(folded, k)
		owner[k] = s.Name
	}
	if k := serviceKey(name); len(k) <= 64 {
		if sug := spell.Suggest(k, folded); sug != "" {
			return Service{}, locale.Errorf(ErrNotFound, "err.service.suggest", name, owner[sug])
		}
	}
	return Service{}, locale.Errorf(ErrNotFound, "err.service.unknown", name)
}

// SameService reports whether two names are one service: the same letters
// whatever their capitals, accents (typed as one character or as a letter
// and a combining mark), dashes or spacing.
func SameService(a, b string) bool { return serviceKey(a) == serviceKey(b) }

func serviceKey(s string) string { return foldWord(s) }

// UnsetFact withdraws a fact's answer: the board asks its question again
// and the playbook's conditions read it as unanswered. The answer stays in
// the log and in the correction.
func (op *Op) UnsetFact(c Crisis, name, reason string) (Fact, error) {
	if err := MustBeOpen(c); err != nil {
		return Fact{}, err
	}
	name, err := required("name", name)
	if err != nil {
		return Fact{}, err
	}
	name = strings.ToLower(name)
	if reason, err = required("reason", reason); err != nil {
		return Fact{}, err
	}
	set, err := op.Tx.Facts(c.ID)
	if err != nil {
		return Fact{}, fmt.Errorf("read the facts of crisis %d: %w", c.ID, err)
	}
	f, found := Fact{}, false
	names := make([]string, 0, len(set))
	for _, x := range set {
		if x.Name == name {
			f, found = x, true
		}
		names = append(names, x.Name)
	}
	if !found {
		if sug := factLike(name, names); sug != "" {
			return Fact{}, locale.Errorf(ErrNotFound, "err.fact.unset.suggest", name, sug)
		}
		return Fact{}, locale.Errorf(ErrNotFound, "err.fact.unset.unknown", name)
	}
	if err := op.Tx.UnsetFact(c.ID, name); err != nil {
		if errors.Is(err, ErrNotFound) {
			return Fact{}, locale.Errorf(ErrNotFound, "err.fact.unset.unknown", name)
		}
		return Fact{}, err
	}
	r := Correction{CrisisID: c.ID, Kind: CorrectFactUnset, Object: name, Old: f.Value, Reason: reason, At: op.Now, By: op.Actor.ID}
	if err := op.Tx.AddCorrection(&r); err != nil {
		return Fact{}, err
	}
	if err := op.Logf(c, LogFact, "log.fact.unset", name, AnswerIn(op.cellLang(), f.Value), reason); err != nil {
		return Fact{}, err
	}
	op.Emit(EventBoardChanged, c.ID, 0)
	if op.Planner != nil {
		return f, op.Planner.FactSet(op, c)
	}
	return f, nil
}

// cellLang is the cell's language, French when unset.
func (op *Op) cellLang() locale.Lang {
	if op.Lang == "" {
		return locale.FR
	}
	return op.Lang
}
