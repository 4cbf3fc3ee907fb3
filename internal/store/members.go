package store

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

func (t *tx) AddMember(m crisis.Member) error {
	t.wroteRecord()
	_, err := t.tx.Exec(`INSERT INTO members (id, name, capabilities, created_at) VALUES (?, ?, ?, ?)`,
		m.ID, m.Name, joinCaps(m.Capabilities), fmtTime(m.CreatedAt))
	if err != nil {
		return fmt.Errorf("add member %s: %w", m.ID, err)
	}
	return nil
}

// SaveMember inserts or refreshes a member; front ends that learn members
// from elsewhere (Discord roles) keep the record in step with it. A copy
// that has not changed is left alone: no page is written, so a command's
// transaction costs no more for it.
func (t *tx) SaveMember(m crisis.Member) error {
	t.wroteRecord()
	_, err := t.tx.Exec(`INSERT INTO members (id, name, capabilities, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, capabilities = excluded.capabilities
		WHERE name IS NOT excluded.name OR capabilities IS NOT excluded.capabilities`,
		m.ID, m.Name, joinCaps(m.Capabilities), fmtTime(m.CreatedAt))
	if err != nil {
		return fmt.Errorf("save member %s: %w", m.ID, err)
	}
	return nil
}

const memberCols = `id, name, capabilities, created_at, phone, email`

func scanMember(s scanner) (crisis.Member, error) {
	var m crisis.Member
	var caps, created string
	if err := s.Scan(&m.ID, &m.Name, &caps, &created, &m.Phone, &m.Email); err != nil {
		return m, err
	}
	for _, c := range strings.Split(caps, ",") {
		if c != "" {
			m.Capabilities = append(m.Capabilities, crisis.Capability(c))
		}
	}
	m.CreatedAt = parseTime(created)
	return m, nil
}

func (t *tx) Member(id string) (crisis.Member, error) {
	if set := t.records(); set != nil {
		i, ok := set.byID[id]
		if !ok {
			return crisis.Member{}, notFound(sql.ErrNoRows, "member", id)
		}
		return copyMember(set.members[i]), nil
	}
	m, err := scanMember(t.tx.QueryRow(`SELECT `+memberCols+` FROM members WHERE id = ?`, id))
	if err != nil {
		return m, notFound(err, "member", id)
	}
	return m, nil
}

func (t *tx) Members() ([]crisis.Member, error) {
	if set := t.records(); set != nil {
		if len(set.members) == 0 {
			return nil, nil // as the rows give none
		}
		out := make([]crisis.Member, len(set.members))
		for i, m := range set.members {
			out[i] = copyMember(m)
		}
		return out, nil
	}
	return queryAll(t, "members", scanMember, `SELECT `+memberCols+` FROM members ORDER BY id`)
}

// copyMember is a member that shares nothing with the record cache.
func copyMember(m crisis.Member) crisis.Member {
	m.Capabilities = slices.Clone(m.Capabilities)
	return m
}

func (t *tx) CountMembers() (int, error) {
	if set := t.records(); set != nil {
		return len(set.members), nil
	}
	var n int
	if err := t.tx.QueryRow(`SELECT count(*) FROM members`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count members: %w", err)
	}
	return n, nil
}

func joinCaps(cs []crisis.Capability) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = string(c)
	}
	return strings.Join(s, ",")
}

// queryAll runs a query and scans every row with scan.
func queryAll[T any](t *tx, what string, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := t.tx.Query(query, args...)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", what, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", what, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list %s: %w", what, err)
	}
	return out, nil
}

// UpdateMember saves a member's capabilities and contact details (/member
// set); the name and the creation time stay.
func (t *tx) UpdateMember(m crisis.Member) error {
	t.wroteRecord()
	res, err := t.tx.Exec(`UPDATE members SET capabilities = ?, phone = ?, email = ? WHERE id = ?`,
		joinCaps(m.Capabilities), m.Phone, m.Email, m.ID)
	if err != nil {
		return fmt.Errorf("update member %s: %w", m.ID, err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return fmt.Errorf("update member %s: %d rows changed (%v)", m.ID, n, err)
	}
	return nil
}
