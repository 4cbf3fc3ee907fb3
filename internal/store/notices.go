package store

import (
	"fmt"
	"strings"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

func (t *tx) ChasedTasks() ([]crisis.Task, error) {
	return queryAll(t, "chased tasks", scanTask, `SELECT `+taskCols+` FROM tasks
		WHERE state <> 'done' AND due <> '' AND crisis_id IN (SELECT id FROM crises WHERE state = 'open') ORDER BY due, id`)
}

func (t *tx) ClaimNotice(n *crisis.Notice) (bool, error) {
	skipped := 0
	if n.Skipped {
		skipped = 1
	}
	res, err := t.tx.Exec(`INSERT OR IGNORE INTO notices (crisis_id, task_id, kind, due_at, sent_at, recipients, skipped) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		n.CrisisID, n.TaskID, n.Kind, fmtTime(n.DueAt), fmtTime(n.SentAt), strings.Join(n.Recipients, ","), skipped)
	if err != nil {
		return false, fmt.Errorf("claim %s notice of task %d: %w", n.Kind, n.TaskID, err)
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return false, nil
	}
	n.ID, err = res.LastInsertId()
	return true, err
}

func (t *tx) Notices(crisisID int64) ([]crisis.Notice, error) {
	return queryAll(t, "notices", func(s scanner) (crisis.Notice, error) {
		var n crisis.Notice
		var kind, due, sent, to string
		var skipped int
		err := s.Scan(&n.ID, &n.CrisisID, &n.TaskID, &kind, &due, &sent, &to, &skipped)
		n.Kind, n.DueAt, n.SentAt, n.Skipped = crisis.NoticeKind(kind), parseTime(due), parseTime(sent), skipped == 1
		if to != "" {
			n.Recipients = strings.Split(to, ",")
		}
		return n, err
	}, `SELECT id, crisis_id, task_id, kind, due_at, sent_at, recipients, skipped FROM notices WHERE crisis_id = ? ORDER BY id`, crisisID)
}
