package store

import (
	"fmt"
	"slices"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// The corrections of the record (migration 0006): kept as written, never
// updated or deleted (triggers refuse it).

func (t *tx) AddCorrection(c *crisis.Correction) error {
	res, err := t.tx.Exec(`INSERT INTO corrections (crisis_id, kind, object, old_value, new_value, reason, made_at, made_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		c.CrisisID, string(c.Kind), c.Object, c.Old, c.New, c.Reason, fmtTime(c.At), c.By)
	if err != nil {
		return fmt.Errorf("add correction %s of %s: %w", c.Kind, c.Object, err)
	}
	c.ID, err = res.LastInsertId()
	return err
}

func (t *tx) Corrections(crisisID int64) ([]crisis.Correction, error) {
	return cachedList(t, crisisID, "corrections", func() ([]crisis.Correction, error) {
		return queryAll(t, "corrections", func(s scanner) (crisis.Correction, error) {
			var c crisis.Correction
			var kind, at string
			err := s.Scan(&c.ID, &c.CrisisID, &kind, &c.Object, &c.Old, &c.New, &c.Reason, &at, &c.By)
			c.Kind, c.At = crisis.CorrectionKind(kind), parseTime(at)
			return c, err
		}, `SELECT id, crisis_id, kind, object, old_value, new_value, reason, made_at, made_by FROM corrections WHERE crisis_id = ? ORDER BY id`, crisisID)
	}, slices.Clone[[]crisis.Correction])
}

func (t *tx) AddCustody(c *crisis.CustodyTransfer) error {
	res, err := t.tx.Exec(`INSERT INTO custody (crisis_id, evidence_id, custodian, location, given_at, given_by) VALUES (?, ?, ?, ?, ?, ?)`,
		c.CrisisID, c.EvidenceID, c.Custodian, c.Location, fmtTime(c.At), c.By)
	if err != nil {
		return fmt.Errorf("add custody transfer of evidence %d: %w", c.EvidenceID, err)
	}
	c.ID, err = res.LastInsertId()
	return err
}

func (t *tx) Custody(crisisID int64) ([]crisis.CustodyTransfer, error) {
	return queryAll(t, "custody transfers", func(s scanner) (crisis.CustodyTransfer, error) {
		var c crisis.CustodyTransfer
		var at string
		err := s.Scan(&c.ID, &c.CrisisID, &c.EvidenceID, &c.Custodian, &c.Location, &at, &c.By)
		c.At = parseTime(at)
		return c, err
	}, `SELECT id, crisis_id, evidence_id, custodian, location, given_at, given_by FROM custody WHERE crisis_id = ? ORDER BY id`, crisisID)
}

// RenameService changes a service's name; its state stays.
func (t *tx) RenameService(crisisID int64, name, newName string) error {
	res, err := t.tx.Exec(`UPDATE services SET name = ? WHERE crisis_id = ? AND name = ?`, newName, crisisID, name)
	if err != nil {
		return fmt.Errorf("rename service %s to %s: %w", name, newName, err)
	}
	return oneRow(res, "service", name)
}

// RemoveService takes a service off the board.
func (t *tx) RemoveService(crisisID int64, name string) error {
	res, err := t.tx.Exec(`DELETE FROM services WHERE crisis_id = ? AND name = ?`, crisisID, name)
	if err != nil {
		return fmt.Errorf("remove service %s: %w", name, err)
	}
	return oneRow(res, "service", name)
}

// UnsetFact withdraws a fact's answer.
func (t *tx) UnsetFact(crisisID int64, name string) error {
	res, err := t.tx.Exec(`DELETE FROM facts WHERE crisis_id = ? AND name = ?`, crisisID, name)
	if err != nil {
		return fmt.Errorf("unset fact %s: %w", name, err)
	}
	return oneRow(res, "fact", name)
}

// oneRow reports ErrNotFound when a change touched nothing.
func oneRow(res interface{ RowsAffected() (int64, error) }, what, key string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("change %s %s: %w", what, key, err)
	}
	if n == 0 {
		return fmt.Errorf("%s %s: %w", what, key, crisis.ErrNotFound)
	}
	return nil
}
