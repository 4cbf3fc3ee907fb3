package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

func (t *tx) ChasedTasks() ([]crisis.Task, error) {
	return queryAll(t, "chased tasks", scanTask, `SELECT `+taskCols+` FROM tasks
		WHERE state <> 'done' AND due <> '' AND crisis_id IN (SELECT id FROM crises WHERE state = 'open') ORDER BY due, id`)
}

// ClaimNotice writes a notice into the outbox, pending delivery; a skipped
// notice is written down only so it is never sent.
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

const noticeCols = `id, crisis_id, task_id, kind, due_at, sent_at, recipients, skipped`

func scanNotice(s scanner) (crisis.Notice, error) {
	var n crisis.Notice
	var kind, due, sent, to string
	var skipped int
	err := s.Scan(&n.ID, &n.CrisisID, &n.TaskID, &kind, &due, &sent, &to, &skipped)
	n.Kind, n.DueAt, n.SentAt, n.Skipped = crisis.NoticeKind(kind), parseTime(due), parseTime(sent), skipped == 1
	if to != "" {
		n.Recipients = strings.Split(to, ",")
	}
	return n, err
}

func (t *tx) Notices(crisisID int64) ([]crisis.Notice, error) {
	return queryAll(t, "notices", scanNotice, `SELECT `+noticeCols+` FROM notices WHERE crisis_id = ? ORDER BY id`, crisisID)
}

// PendingNotices lists the notices waiting for delivery whose next attempt
// is due by now, in the order they were written.
func (s *DB) PendingNotices(ctx context.Context, now time.Time) ([]crisis.Notice, error) {
	rows, err := s.readers.QueryContext(ctx, `SELECT `+noticeCols+`, next_attempt_at FROM notices
		WHERE delivered_at = '' AND skipped = 0 ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("pending notices: %w", err)
	}
	defer rows.Close()
	var out []crisis.Notice
	for rows.Next() {
		var next string
		n, err := scanNotice(scanFunc(func(dest ...any) error { return rows.Scan(append(dest, &next)...) }))
		if err != nil {
			return nil, fmt.Errorf("pending notices: %w", err)
		}
		if at := parseTime(next); !at.IsZero() && at.After(now) {
			continue
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pending notices: %w", err)
	}
	return out, nil
}

// scanFunc lets a function stand for a scanner.
type scanFunc func(dest ...any) error

func (f scanFunc) Scan(dest ...any) error { return f(dest...) }

// NextNoticeAttempt is when the earliest pending notice is to be tried
// (the zero time: at once); ok is false when nothing waits.
func (s *DB) NextNoticeAttempt(ctx context.Context) (at time.Time, ok bool, err error) {
	rows, err := s.readers.QueryContext(ctx, `SELECT next_attempt_at FROM notices WHERE delivered_at = '' AND skipped = 0`)
	if err != nil {
		return at, false, fmt.Errorf("next notice attempt: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var next string
		if err := rows.Scan(&next); err != nil {
			return at, false, fmt.Errorf("next notice attempt: %w", err)
		}
		// Times are stored as RFC 3339 with a varying number of digits:
		// compared as times, not as strings.
		if t := parseTime(next); !ok || t.Before(at) {
			at, ok = t, true
		}
	}
	if err := rows.Err(); err != nil {
		return at, false, fmt.Errorf("next notice attempt: %w", err)
	}
	return at, ok, nil
}

// NoticeDelivered marks a notice accepted by the front end: it is never
// delivered again.
func (s *DB) NoticeDelivered(ctx context.Context, id int64, at time.Time) error {
	if err := s.exec(ctx, `UPDATE notices SET delivered_at = ?, last_error = '' WHERE id = ?`, fmtTime(at), id); err != nil {
		return fmt.Errorf("mark notice %d delivered: %w", id, err)
	}
	return nil
}

// NoticeFailed records a failed delivery; retry says, from the number of
// failures so far, when to try again.
func (s *DB) NoticeFailed(ctx context.Context, id int64, cause string, retry func(attempts int) time.Time) error {
	err := s.submit(&writeReq{ctx: ctx, fn: func(t *tx) error {
		var attempts int
		if err := t.tx.QueryRow(`UPDATE notices SET attempts = attempts + 1, last_error = ? WHERE id = ? AND delivered_at = '' RETURNING attempts`,
			cut(cause, 500), id).Scan(&attempts); err != nil {
			return err
		}
		_, err := t.tx.Exec(`UPDATE notices SET next_attempt_at = ? WHERE id = ?`, fmtTime(retry(attempts)), id)
		return err
	}})
	if err != nil {
		return fmt.Errorf("record failed delivery of notice %d: %w", id, err)
	}
	return nil
}

func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}
