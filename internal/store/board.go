package store

import (
	"fmt"
	"slices"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

func (t *tx) AddIndicator(i *crisis.Indicator) error {
	res, err := t.tx.Exec(`INSERT INTO indicators (crisis_id, kind, value, note, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?)`,
		i.CrisisID, i.Kind, i.Value, i.Note, fmtTime(i.AddedAt), i.AddedBy)
	if err != nil {
		return fmt.Errorf("add indicator %s %s: %w", i.Kind, i.Value, err)
	}
	i.ID, err = res.LastInsertId()
	return err
}

func (t *tx) Indicators(crisisID int64) ([]crisis.Indicator, error) {
	return cachedList(t, crisisID, "indicators", func() ([]crisis.Indicator, error) {
		return queryAll(t, "indicators", func(s scanner) (crisis.Indicator, error) {
			var i crisis.Indicator
			var at string
			err := s.Scan(&i.ID, &i.CrisisID, &i.Kind, &i.Value, &i.Note, &at, &i.AddedBy)
			i.AddedAt = parseTime(at)
			return i, err
		}, `SELECT id, crisis_id, kind, value, note, added_at, added_by FROM indicators WHERE crisis_id = ? ORDER BY id`, crisisID)
	}, slices.Clone[[]crisis.Indicator])
}

func (t *tx) AddEvidence(e *crisis.Evidence) error {
	res, err := t.tx.Exec(`INSERT INTO evidence (crisis_id, item, location, sha256, custodian, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		e.CrisisID, e.Item, e.Location, e.SHA256, e.Custodian, fmtTime(e.AddedAt), e.AddedBy)
	if err != nil {
		return fmt.Errorf("add evidence %q: %w", e.Item, err)
	}
	e.ID, err = res.LastInsertId()
	return err
}

func (t *tx) Evidence(crisisID int64) ([]crisis.Evidence, error) {
	return cachedList(t, crisisID, "evidence", func() ([]crisis.Evidence, error) {
		return queryAll(t, "evidence", func(s scanner) (crisis.Evidence, error) {
			var e crisis.Evidence
			var at string
			err := s.Scan(&e.ID, &e.CrisisID, &e.Item, &e.Location, &e.SHA256, &e.Custodian, &at, &e.AddedBy)
			e.AddedAt = parseTime(at)
			return e, err
		}, `SELECT id, crisis_id, item, location, sha256, custodian, added_at, added_by FROM evidence WHERE crisis_id = ? ORDER BY id`, crisisID)
	}, slices.Clone[[]crisis.Evidence])
}

const serviceCols = `crisis_id, name, status, workaround, updated_at, updated_by`

func scanService(s scanner) (crisis.Service, error) {
	var v crisis.Service
	var at string
	err := s.Scan(&v.CrisisID, &v.Name, &v.Status, &v.Workaround, &at, &v.UpdatedBy)
	v.UpdatedAt = parseTime(at)
	return v, err
}

func (t *tx) SetService(s crisis.Service) error {
	_, err := t.tx.Exec(`INSERT INTO services (`+serviceCols+`) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (crisis_id, name) DO UPDATE SET status = excluded.status, workaround = excluded.workaround, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
		s.CrisisID, s.Name, s.Status, s.Workaround, fmtTime(s.UpdatedAt), s.UpdatedBy)
	if err != nil {
		return fmt.Errorf("set service %s: %w", s.Name, err)
	}
	return nil
}

func (t *tx) Service(crisisID int64, name string) (crisis.Service, error) {
	s, err := scanService(t.tx.QueryRow(`SELECT `+serviceCols+` FROM services WHERE crisis_id = ? AND name = ?`, crisisID, name))
	if err != nil {
		return s, notFound(err, "service", name)
	}
	return s, nil
}

func (t *tx) Services(crisisID int64) ([]crisis.Service, error) {
	return cachedList(t, crisisID, "services", func() ([]crisis.Service, error) {
		return queryAll(t, "services", scanService, `SELECT `+serviceCols+` FROM services WHERE crisis_id = ? ORDER BY CASE status WHEN 'down' THEN 0 WHEN 'degraded' THEN 1 ELSE 2 END, name`, crisisID)
	}, slices.Clone[[]crisis.Service])
}

func (t *tx) SetFact(f crisis.Fact) error {
	_, err := t.tx.Exec(`INSERT INTO facts (crisis_id, name, value, set_at, set_by) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (crisis_id, name) DO UPDATE SET value = excluded.value, set_at = excluded.set_at, set_by = excluded.set_by`,
		f.CrisisID, f.Name, f.Value, fmtTime(f.SetAt), f.SetBy)
	if err != nil {
		return fmt.Errorf("set fact %s: %w", f.Name, err)
	}
	return nil
}

func (t *tx) Facts(crisisID int64) ([]crisis.Fact, error) {
	return cachedList(t, crisisID, "facts", func() ([]crisis.Fact, error) {
		return queryAll(t, "facts", func(s scanner) (crisis.Fact, error) {
			var f crisis.Fact
			var at string
			err := s.Scan(&f.CrisisID, &f.Name, &f.Value, &at, &f.SetBy)
			f.SetAt = parseTime(at)
			return f, err
		}, `SELECT crisis_id, name, value, set_at, set_by FROM facts WHERE crisis_id = ? ORDER BY name`, crisisID)
	}, slices.Clone[[]crisis.Fact])
}
