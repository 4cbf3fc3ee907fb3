package crisis

import (
	"errors"
	"slices"
)

// Members a front end knows (Discord: a member's name, and the
// capabilities their roles give them now) are copied into the record, so
// that the table decides on what the member may do today and the record
// names them as the cell sees them.

// KnownStale reports whether Learn would write m's copy, found being the
// record's copy (ok false when there is none).
func KnownStale(found Member, ok bool, m Member) bool {
	if !ok {
		// Someone unknown and without any capability is not written: the
		// table refuses them as unknown.
		return len(m.Capabilities) > 0
	}
	return found.Name != m.Name || !slices.Equal(found.Capabilities, m.Capabilities)
}

// Learn writes m's copy when it changed. joined says m now holds a
// capability they did not hold before (a front end lets them into the
// crises' private rooms).
func Learn(tx Tx, m Member) (joined bool, err error) {
	old, err := tx.Member(m.ID)
	ok := err == nil
	if err != nil && !errors.Is(err, ErrNotFound) {
		return false, err
	}
	if !KnownStale(old, ok, m) {
		return false, nil
	}
	if ok {
		m.CreatedAt = old.CreatedAt
	}
	if err := tx.SaveMember(m); err != nil {
		return false, err
	}
	return len(old.Capabilities) == 0 && len(m.Capabilities) > 0, nil
}
