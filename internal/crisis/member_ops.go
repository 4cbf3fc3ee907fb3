package crisis

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/spell"
)

// AddMember adds a member of the cell; only the director may.
func (op *Op) AddMember(m Member) (Member, error) {
	if err := op.Require(CapDirector); err != nil {
		return Member{}, err
	}
	return op.addMember(m)
}

// Bootstrap creates the first member of an empty database with every
// capability, so a fresh install can be used at once. It refuses when the
// database already has members.
func Bootstrap(tx Tx, m Member) (Member, error) {
	n, err := tx.CountMembers()
	if err != nil {
		return Member{}, err
	}
	if n > 0 {
		return Member{}, locale.Errorf(ErrConflict, "err.bootstrap")
	}
	m.Capabilities = slices.Clone(Capabilities)
	return (&Op{Tx: tx, Now: m.CreatedAt, Actor: m}).addMember(m)
}

func (op *Op) addMember(m Member) (Member, error) {
	m.ID = strings.TrimPrefix(strings.TrimSpace(m.ID), "@")
	if !ValidMemberID(m.ID) {
		return Member{}, locale.Errorf(ErrInvalid, "err.member.id", m.ID)
	}
	m.Name = strings.TrimSpace(m.Name)
	if m.Name == "" {
		m.Name = m.ID
	}
	if len(m.Capabilities) == 0 {
		return Member{}, locale.Errorf(ErrInvalid, "err.capability.none", joinCaps(Capabilities))
	}
	if _, err := op.Tx.Member(m.ID); err == nil {
		// A member is changed, not added again: say how.
		return Member{}, locale.Errorf(ErrConflict, "err.member.exists.set", m.ID, m.ID)
	} else if !errors.Is(err, ErrNotFound) {
		return Member{}, err
	}
	if m.CreatedAt.IsZero() {
		m.CreatedAt = op.Now
	}
	if err := op.Tx.AddMember(m); err != nil {
		return Member{}, err
	}
	return m, nil
}

// FindMember resolves a member option: "dsi", "@dsi" or a Discord mention "<@123>".
func (op *Op) FindMember(ref string) (Member, error) {
	id := MemberRef(ref)
	m, err := op.Tx.Member(id)
	if errors.Is(err, ErrNotFound) {
		sug, err := op.memberLike(id)
		if err != nil {
			return Member{}, err
		}
		if sug != "" {
			return Member{}, locale.Errorf(ErrNotFound, "err.member.suggest", id, sug)
		}
		return Member{}, locale.Errorf(ErrNotFound, "err.member.unknown", id)
	}
	return m, err
}

// memberLike is the member id closest to a mistyped one ("dsj" for "dsi"),
// or "". Discord's numeric ids are not typed by hand: one that differs by a
// digit is another person, not a typo.
func (op *Op) memberLike(id string) (string, error) {
	if len(id) > 64 || strings.IndexFunc(id, func(r rune) bool { return r < '0' || r > '9' }) < 0 {
		return "", nil
	}
	all, err := op.Tx.Members()
	if err != nil {
		return "", fmt.Errorf("list the members to suggest one: %w", err)
	}
	ids := make([]string, 0, len(all))
	for _, m := range all {
		ids = append(ids, m.ID)
	}
	return spell.Suggest(strings.ToLower(id), ids), nil
}

// MemberRef strips the decorations a member reference may carry.
func MemberRef(ref string) string {
	ref = strings.TrimSpace(ref)
	ref = strings.TrimSuffix(strings.TrimPrefix(ref, "<@"), ">")
	ref = strings.TrimPrefix(ref, "!") // legacy nickname mentions
	return strings.TrimPrefix(ref, "@")
}
