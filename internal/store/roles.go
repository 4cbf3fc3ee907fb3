package store

import (
	"fmt"
	"slices"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

func (t *tx) AssignRole(r crisis.RoleAssignment) error {
	_, err := t.tx.Exec(`INSERT INTO crisis_roles (crisis_id, role, member_id, assigned_at, assigned_by) VALUES (?, ?, ?, ?, ?)`,
		r.CrisisID, r.Role, r.MemberID, fmtTime(r.AssignedAt), r.AssignedBy)
	if err != nil {
		return fmt.Errorf("assign role %s to %s: %w", r.Role, r.MemberID, err)
	}
	return nil
}

func (t *tx) UnassignRole(crisisID int64, role, memberID string) error {
	res, err := t.tx.Exec(`DELETE FROM crisis_roles WHERE crisis_id = ? AND role = ? AND member_id = ?`, crisisID, role, memberID)
	if err != nil {
		return fmt.Errorf("unassign role %s from %s: %w", role, memberID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("role %s of %s: %w", role, memberID, crisis.ErrNotFound)
	}
	return nil
}

func (t *tx) Roles(crisisID int64) ([]crisis.RoleAssignment, error) {
	return cachedList(t, crisisID, "roles", func() ([]crisis.RoleAssignment, error) {
		return queryAll(t, "roles", func(s scanner) (crisis.RoleAssignment, error) {
			var r crisis.RoleAssignment
			var at string
			err := s.Scan(&r.CrisisID, &r.Role, &r.MemberID, &at, &r.AssignedBy)
			r.AssignedAt = parseTime(at)
			return r, err
		}, `SELECT crisis_id, role, member_id, assigned_at, assigned_by FROM crisis_roles WHERE crisis_id = ? ORDER BY role, assigned_at, rowid`, crisisID)
	}, slices.Clone[[]crisis.RoleAssignment])
}
