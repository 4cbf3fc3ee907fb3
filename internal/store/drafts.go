package store

import (
	"encoding/json"
	"fmt"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// draftCols selects a draft with its latest version.
const draftCols = `d.id, d.crisis_id, d.kind, d.audience, d.state, d.task_id, d.created_at, d.created_by, d.decided_at, d.decided_by, d.reason,
	v.version, v.body, v.flags, v.source, v.created_at, v.created_by`

const draftFrom = ` FROM drafts d JOIN draft_versions v ON v.draft_id = d.id
	AND v.version = (SELECT max(version) FROM draft_versions WHERE draft_id = d.id)`

func scanDraft(s scanner) (crisis.Draft, error) {
	var d crisis.Draft
	var kind, state, created, decided, vflags, vcreated string
	err := s.Scan(&d.ID, &d.CrisisID, &kind, &d.Audience, &state, &d.TaskID, &created, &d.CreatedBy, &decided, &d.DecidedBy, &d.Reason,
		&d.Current.Version, &d.Current.Body, &vflags, &d.Current.Source, &vcreated, &d.Current.CreatedBy)
	if err != nil {
		return d, err
	}
	d.Kind, d.State = crisis.DraftKind(kind), crisis.DraftState(state)
	d.CreatedAt, d.DecidedAt, d.Current.CreatedAt = parseTime(created), parseTime(decided), parseTime(vcreated)
	d.Current.DraftID = d.ID
	if err := json.Unmarshal([]byte(vflags), &d.Current.Flags); err != nil {
		return d, fmt.Errorf("draft %d flags: %w", d.ID, err)
	}
	return d, nil
}

func flagsJSON(fs []crisis.Flag) string {
	if fs == nil {
		fs = []crisis.Flag{}
	}
	b, _ := json.Marshal(fs) // plain strings always marshal
	return string(b)
}

func (t *tx) CreateDraft(d *crisis.Draft) error {
	res, err := t.tx.Exec(`INSERT INTO drafts (crisis_id, kind, audience, state, task_id, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		d.CrisisID, d.Kind, d.Audience, d.State, d.TaskID, fmtTime(d.CreatedAt), d.CreatedBy)
	if err != nil {
		return fmt.Errorf("create draft: %w", err)
	}
	if d.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	d.Current.DraftID = d.ID
	return t.AddDraftVersion(d.Current)
}

func (t *tx) AddDraftVersion(v crisis.DraftVersion) error {
	_, err := t.tx.Exec(`INSERT INTO draft_versions (draft_id, version, body, flags, source, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		v.DraftID, v.Version, v.Body, flagsJSON(v.Flags), v.Source, fmtTime(v.CreatedAt), v.CreatedBy)
	if err != nil {
		return fmt.Errorf("add version %d of draft %d: %w", v.Version, v.DraftID, err)
	}
	return nil
}

func (t *tx) UpdateDraft(d crisis.Draft) error {
	_, err := t.tx.Exec(`UPDATE drafts SET state = ?, task_id = ?, decided_at = ?, decided_by = ?, reason = ? WHERE id = ?`,
		d.State, d.TaskID, fmtTime(d.DecidedAt), d.DecidedBy, d.Reason, d.ID)
	if err != nil {
		return fmt.Errorf("update draft %d: %w", d.ID, err)
	}
	return nil
}

func (t *tx) Draft(id int64) (crisis.Draft, error) {
	d, err := scanDraft(t.tx.QueryRow(`SELECT `+draftCols+draftFrom+` WHERE d.id = ?`, id))
	if err != nil {
		return d, notFound(err, "draft", id)
	}
	return d, nil
}

func (t *tx) Drafts(crisisID int64) ([]crisis.Draft, error) {
	return cachedList(t, crisisID, "drafts", func() ([]crisis.Draft, error) {
		return queryAll(t, "drafts", scanDraft, `SELECT `+draftCols+draftFrom+` WHERE d.crisis_id = ? ORDER BY d.id`, crisisID)
	}, cloneDrafts)
}

func (t *tx) DraftVersions(draftID int64) ([]crisis.DraftVersion, error) {
	return queryAll(t, "draft versions", func(s scanner) (crisis.DraftVersion, error) {
		var v crisis.DraftVersion
		var flags, created string
		if err := s.Scan(&v.DraftID, &v.Version, &v.Body, &flags, &v.Source, &created, &v.CreatedBy); err != nil {
			return v, err
		}
		v.CreatedAt = parseTime(created)
		return v, json.Unmarshal([]byte(flags), &v.Flags)
	}, `SELECT draft_id, version, body, flags, source, created_at, created_by FROM draft_versions WHERE draft_id = ? ORDER BY version`, draftID)
}
