package store

import (
	"cmp"
	"database/sql"
	"fmt"
	"slices"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

const crisisCols = `id, title, severity, state, opened_at, opened_by, detected_at, started_at, closed_at, summary, channel, log_head`

func scanCrisis(s scanner) (crisis.Crisis, error) {
	var c crisis.Crisis
	var state, opened, detected, started, closed string
	err := s.Scan(&c.ID, &c.Title, &c.Severity, &state, &opened, &c.OpenedBy, &detected, &started, &closed, &c.Summary, &c.Channel, &c.LogHead)
	c.State = crisis.State(state)
	c.OpenedAt, c.DetectedAt, c.StartedAt, c.ClosedAt = parseTime(opened), parseTime(detected), parseTime(started), parseTime(closed)
	return c, err
}

func (t *tx) CreateCrisis(c *crisis.Crisis) error {
	t.crisesRead = false
	t.wroteRecord()
	res, err := t.tx.Exec(`INSERT INTO crises (title, severity, state, opened_at, opened_by, detected_at, started_at, closed_at, summary, channel)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Title, c.Severity, c.State, fmtTime(c.OpenedAt), c.OpenedBy, fmtTime(c.DetectedAt), fmtTime(c.StartedAt), fmtTime(c.ClosedAt), c.Summary, c.Channel)
	if err != nil {
		return fmt.Errorf("create crisis: %w", err)
	}
	c.ID, err = res.LastInsertId()
	return err
}

func (t *tx) Crisis(id int64) (crisis.Crisis, error) {
	if set := t.records(); set != nil {
		i, found := slices.BinarySearchFunc(set.crises, id, func(c crisis.Crisis, id int64) int { return cmp.Compare(c.ID, id) })
		if !found {
			return crisis.Crisis{}, notFound(sql.ErrNoRows, "crisis", id)
		}
		return t.sawCrisis(set.crises[i]), nil
	}
	c, err := scanCrisis(t.tx.QueryRow(`SELECT `+crisisCols+` FROM crises WHERE id = ?`, id))
	if err != nil {
		return c, notFound(err, "crisis", id)
	}
	t.sawHead(c.ID, c.LogHead)
	return c, nil
}

func (t *tx) CrisisByChannel(channel string) (crisis.Crisis, error) {
	if set := t.records(); set != nil {
		for i := len(set.crises) - 1; i >= 0; i-- {
			if set.crises[i].Channel == channel {
				return t.sawCrisis(set.crises[i]), nil
			}
		}
		return crisis.Crisis{}, notFound(sql.ErrNoRows, "crisis of channel", channel)
	}
	c, err := scanCrisis(t.tx.QueryRow(`SELECT `+crisisCols+` FROM crises WHERE channel = ? ORDER BY id DESC LIMIT 1`, channel))
	if err != nil {
		return c, notFound(err, "crisis of channel", channel)
	}
	t.sawHead(c.ID, c.LogHead)
	return c, nil
}

func (t *tx) LatestCrisis() (crisis.Crisis, error) {
	if set := t.records(); set != nil {
		if len(set.crises) == 0 {
			return crisis.Crisis{}, notFound(sql.ErrNoRows, "crisis", "latest")
		}
		return t.sawCrisis(set.crises[len(set.crises)-1]), nil
	}
	c, err := scanCrisis(t.tx.QueryRow(`SELECT ` + crisisCols + ` FROM crises ORDER BY id DESC LIMIT 1`))
	if err != nil {
		return c, notFound(err, "crisis", "latest")
	}
	t.sawHead(c.ID, c.LogHead)
	return c, nil
}

// Crises reads the table once per transaction (see tx.crises); each caller
// gets its own copy to change.
func (t *tx) Crises() ([]crisis.Crisis, error) {
	if set := t.records(); set != nil {
		if len(set.crises) == 0 {
			return nil, nil // as the rows give none
		}
		out := make([]crisis.Crisis, len(set.crises))
		for i, c := range set.crises {
			out[i] = t.sawCrisis(c)
		}
		return out, nil
	}
	if !t.crisesRead {
		all, err := queryAll(t, "crises", scanCrisis, `SELECT `+crisisCols+` FROM crises ORDER BY id`)
		if err != nil {
			return nil, err
		}
		t.crises, t.crisesRead = all, true
		for _, c := range all {
			t.sawHead(c.ID, c.LogHead)
		}
	}
	return slices.Clone(t.crises), nil
}

// sawCrisis is c, a row of the record cache, as this transaction sees it,
// its log head noted for the log's tail.
func (t *tx) sawCrisis(c crisis.Crisis) crisis.Crisis {
	c = t.withHead(c)
	t.sawHead(c.ID, c.LogHead)
	return c
}

// movedHead keeps what the transaction knows of the crises in step with a
// log head AppendLog moved: its copy of the table, the heads it hands out
// with the record cache's crises (before it read them with the versions,
// the database holds the move already), and the heads its log tails
// chain to.
func (t *tx) movedHead(crisisID int64, head string) {
	if t.rec.heads != nil {
		t.rec.heads[crisisID] = head
	}
	t.sawHead(crisisID, head)
	for i := range t.crises {
		if t.crises[i].ID == crisisID {
			t.crises[i].LogHead = head
		}
	}
}

// UpdateCrisis saves a crisis's changeable fields. The log head is not one:
// only AppendLog moves it.
func (t *tx) UpdateCrisis(c crisis.Crisis) error {
	t.crisesRead = false
	t.wroteRecord()
	_, err := t.tx.Exec(`UPDATE crises SET title = ?, severity = ?, state = ?, detected_at = ?, started_at = ?, closed_at = ?, summary = ?, channel = ? WHERE id = ?`,
		c.Title, c.Severity, c.State, fmtTime(c.DetectedAt), fmtTime(c.StartedAt), fmtTime(c.ClosedAt), c.Summary, c.Channel, c.ID)
	if err != nil {
		return fmt.Errorf("update crisis %d: %w", c.ID, err)
	}
	return nil
}

func (t *tx) AttachPlaybook(crisisID int64, playbook string) error {
	t.wroteRecord()
	_, err := t.tx.Exec(`INSERT OR IGNORE INTO crisis_playbooks (crisis_id, playbook) VALUES (?, ?)`, crisisID, playbook)
	if err != nil {
		return fmt.Errorf("attach playbook %s to crisis %d: %w", playbook, crisisID, err)
	}
	return nil
}

func (t *tx) Playbooks(crisisID int64) ([]string, error) {
	if set := t.records(); set != nil {
		return slices.Clone(set.playbooks[crisisID]), nil
	}
	return queryAll(t, "playbooks", func(s scanner) (string, error) {
		var p string
		return p, s.Scan(&p)
	}, `SELECT playbook FROM crisis_playbooks WHERE crisis_id = ? ORDER BY rowid`, crisisID)
}
