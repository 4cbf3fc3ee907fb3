package store

import (
	"fmt"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

const logCols = `id, crisis_id, seq, at, recorded_at, author, kind, text, prev_hash, hash`

func scanLog(s scanner) (crisis.LogEntry, error) {
	var e crisis.LogEntry
	var at, recorded, kind string
	err := s.Scan(&e.ID, &e.CrisisID, &e.Seq, &at, &recorded, &e.Author, &kind, &e.Text, &e.PrevHash, &e.Hash)
	e.At, e.RecordedAt, e.Kind = parseTime(at), parseTime(recorded), crisis.LogKind(kind)
	return e, err
}

// AppendLog inserts the entry and moves the crisis's log head to it, in the
// same transaction.
func (t *tx) AppendLog(e *crisis.LogEntry) error {
	res, err := t.tx.Exec(`INSERT INTO log_entries (crisis_id, seq, at, recorded_at, author, kind, text, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.CrisisID, e.Seq, fmtTime(e.At), fmtTime(e.RecordedAt), e.Author, e.Kind, e.Text, e.PrevHash, e.Hash)
	if err != nil {
		return fmt.Errorf("append log entry: %w", err)
	}
	if e.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	if _, err := t.tx.Exec(`UPDATE crises SET log_head = ? WHERE id = ?`, e.Hash, e.CrisisID); err != nil {
		return fmt.Errorf("move log head of crisis %d: %w", e.CrisisID, err)
	}
	return nil
}

// LogTail reads only what a new entry chains to: the last entry's number
// and hash, not its text (a long paste), on every /log.
func (t *tx) LogTail(crisisID int64) (seq int64, hash string, err error) {
	err = t.tx.QueryRow(`SELECT seq, hash FROM log_entries WHERE crisis_id = ? ORDER BY seq DESC LIMIT 1`, crisisID).Scan(&seq, &hash)
	if err != nil {
		return 0, "", notFound(err, "last log entry of crisis", crisisID)
	}
	return seq, hash, nil
}

func (t *tx) Log(crisisID int64) ([]crisis.LogEntry, error) {
	return queryAll(t, "log entries", scanLog, `SELECT `+logCols+` FROM log_entries WHERE crisis_id = ? ORDER BY seq`, crisisID)
}

// RecentLog returns the last n entries of a crisis, oldest first: the
// board shows a few, and reads no more than it shows.
func (t *tx) RecentLog(crisisID int64, n int) ([]crisis.LogEntry, error) {
	return queryAll(t, "recent log entries", scanLog, `SELECT `+logCols+` FROM (SELECT `+logCols+` FROM log_entries WHERE crisis_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq`, crisisID, n)
}

// CountLog counts a crisis's log entries without reading them.
func (t *tx) CountLog(crisisID int64) (int, error) {
	var n int
	if err := t.tx.QueryRow(`SELECT count(*) FROM log_entries WHERE crisis_id = ?`, crisisID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count log entries of crisis %d: %w", crisisID, err)
	}
	return n, nil
}
