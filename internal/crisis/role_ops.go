package crisis

import (
	"slices"
	"strings"

	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/spell"
)

// AssignRole gives a crisis role to a member and hands them the open tasks
// that wait for that role with nobody on them.
func (op *Op) AssignRole(c Crisis, memberRef, role string) (Member, []Task, error) {
	if err := op.Require(CapDirector); err != nil {
		return Member{}, nil, err
	}
	if err := MustBeOpen(c); err != nil {
		return Member{}, nil, err
	}
	m, err := op.FindMember(memberRef)
	if err != nil {
		return Member{}, nil, err
	}
	role, err = op.checkRole(c, role)
	if err != nil {
		return Member{}, nil, err
	}
	held, err := op.Tx.Roles(c.ID)
	if err != nil {
		return Member{}, nil, err
	}
	for _, r := range held {
		if r.Role == role && r.MemberID == m.ID {
			return Member{}, nil, locale.Errorf(ErrConflict, "err.role.held", m.Label(), role)
		}
	}
	if err := op.Tx.AssignRole(RoleAssignment{CrisisID: c.ID, Role: role, MemberID: m.ID, AssignedAt: op.Now, AssignedBy: op.Actor.ID}); err != nil {
		return Member{}, nil, err
	}
	if err := op.Logf(c, LogRole, "log.role.assigned", role, m.Label()); err != nil {
		return Member{}, nil, err
	}
	handed, err := op.handRoleTasks(c, role, m)
	if err != nil {
		return Member{}, nil, err
	}
	op.Emit(EventBoardChanged, c.ID, 0)
	return m, handed, nil
}

func (op *Op) handRoleTasks(c Crisis, role string, m Member) ([]Task, error) {
	waiting, err := op.Tx.Tasks(c.ID, TaskFilter{Role: role, State: TaskOpen})
	if err != nil {
		return nil, err
	}
	var handed []Task
	for _, t := range waiting {
		if t.Owner != "" {
			continue
		}
		t.Owner, t.UpdatedAt = m.ID, op.Now
		if err := op.Tx.UpdateTask(t); err != nil {
			return nil, err
		}
		if err := op.Logf(c, LogTask, "log.task.assigned", t.Ref(), t.Title, m.Label()); err != nil {
			return nil, err
		}
		op.Emit(EventTaskChanged, c.ID, t.ID)
		handed = append(handed, t)
	}
	return handed, nil
}

// UnassignRole takes a crisis role back. Tasks keep their owner: taking them
// away silently would lose track of work under way.
func (op *Op) UnassignRole(c Crisis, memberRef, role string) (Member, error) {
	if err := op.Require(CapDirector); err != nil {
		return Member{}, err
	}
	if err := MustBeOpen(c); err != nil {
		return Member{}, err
	}
	m, err := op.FindMember(memberRef)
	if err != nil {
		return Member{}, err
	}
	role = strings.ToLower(strings.TrimSpace(role))
	if err := op.Tx.UnassignRole(c.ID, role, m.ID); err != nil {
		return Member{}, locale.Errorf(ErrNotFound, "err.role.nothold", m.Label(), role)
	}
	if err := op.Logf(c, LogRole, "log.role.unassigned", role, m.Label()); err != nil {
		return Member{}, err
	}
	op.Emit(EventBoardChanged, c.ID, 0)
	return m, nil
}

// RoleHolders returns the members holding role in the crisis, in the order
// they were given it.
func (op *Op) RoleHolders(c Crisis, role string) ([]string, error) {
	all, err := op.Tx.Roles(c.ID)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, r := range all {
		if r.Role == role {
			ids = append(ids, r.MemberID)
		}
	}
	return ids, nil
}

// RoleID is a role as typed made a role's id: roles are slugs, and
// "Continuité" and "continuite" are the same role.
func RoleID(typed string) string { return strings.ReplaceAll(foldWord(typed), " ", "-") }

// checkRole normalizes a role and, when the crisis runs playbooks, checks
// that one of them defines it.
func (op *Op) checkRole(c Crisis, role string) (string, error) {
	role = RoleID(role)
	if !ValidRoleID(role) {
		return "", locale.Errorf(ErrInvalid, "err.role.id", role)
	}
	if op.Planner == nil {
		return role, nil
	}
	known, err := op.Planner.Roles(op, c)
	if err != nil {
		return "", err
	}
	if known != nil && !slices.Contains(known, role) {
		if sug := spell.Suggest(role, known); sug != "" {
			return "", locale.Errorf(ErrNotFound, "err.role.suggest", role, sug, strings.Join(known, ", "))
		}
		return "", locale.Errorf(ErrNotFound, "err.role.unknown", role, strings.Join(known, ", "))
	}
	return role, nil
}
