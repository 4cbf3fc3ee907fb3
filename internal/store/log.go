package store

import (
	"fmt"
	"slices"

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

// AppendLog inserts the entry; the insert's trigger moves the crisis's
// log head to it (migration 0011).
func (t *tx) AppendLog(e *crisis.LogEntry) error {
	res, err := t.tx.Exec(`INSERT INTO log_entries (crisis_id, seq, at, recorded_at, author, kind, text, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.CrisisID, e.Seq, fmtTime(e.At), fmtTime(e.RecordedAt), e.Author, e.Kind, e.Text, e.PrevHash, e.Hash)
	if err == nil {
		e.ID, err = res.LastInsertId()
	}
	if err != nil {
		// The head may have moved with a row that is not kept: what the
		// transaction remembers of the crises is read again.
		t.crisesRead = false
		t.wroteRecord()
		delete(t.heads, e.CrisisID)
		return fmt.Errorf("append log entry: %w", err)
	}
	t.movedHead(e.CrisisID, e.Hash)
	if t.tails == nil {
		t.tails = map[int64]logTail{}
	}
	t.tails[e.CrisisID] = logTail{seq: e.Seq, hash: e.Hash}
	return nil
}

// logTail is what a new entry chains to: the last entry's number and hash.
type logTail struct {
	seq  int64
	hash string
}

// Every /log chains to the last entry. Its hash is the crisis's log head,
// which the command has just read with the crisis; its number is not kept
// there. The DB remembers the tail of each crisis as this process last
// committed it, and a transaction uses it only when its hash is the head
// it read: a hash names one entry, number included, so the tail is the
// same as the one the database would return. When another process wrote
// since, or the transaction read no head, the query runs as before.

// sawHead records a log head the transaction read or wrote.
func (t *tx) sawHead(crisisID int64, head string) {
	if t.heads == nil {
		t.heads = map[int64]string{}
	}
	t.heads[crisisID] = head
}

// knownTail is the tail the transaction may trust without reading it.
func (t *tx) knownTail(crisisID int64) (logTail, bool) {
	head, ok := t.heads[crisisID]
	if !ok || head == "" {
		return logTail{}, false
	}
	if tl, ok := t.tails[crisisID]; ok && tl.hash == head {
		return tl, true
	}
	if t.db == nil {
		return logTail{}, false
	}
	t.db.tailMu.Lock()
	tl, ok := t.db.tails[crisisID]
	t.db.tailMu.Unlock()
	return tl, ok && tl.hash == head
}

// keepTails remembers the tails a transaction committed.
func (s *DB) keepTails(tails map[int64]logTail) {
	if len(tails) == 0 {
		return
	}
	s.tailMu.Lock()
	defer s.tailMu.Unlock()
	if s.tails == nil {
		s.tails = map[int64]logTail{}
	}
	for id, tl := range tails {
		s.tails[id] = tl
	}
}

// LogTail reads only what a new entry chains to: the last entry's number
// and hash, not its text (a long paste), on every /log.
func (t *tx) LogTail(crisisID int64) (seq int64, hash string, err error) {
	if tl, ok := t.knownTail(crisisID); ok {
		return tl.seq, tl.hash, nil
	}
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
	// Read newest first, walking the (crisis_id, seq) index backwards, and
	// turned round here: sorting them again in SQL made SQLite build a
	// temporary table for five rows, two thirds of the read's time.
	es, err := queryAll(t, "recent log entries", scanLog, `SELECT `+logCols+` FROM log_entries WHERE crisis_id = ? ORDER BY seq DESC LIMIT ?`, crisisID, n)
	slices.Reverse(es)
	return es, err
}

// CountLog counts a crisis's log entries without reading them: entries
// are numbered from 1 without a gap (each chains to the one before, and
// VerifyLogs checks it), so the last number is the count, read from the
// index's end where count(*) walked the whole crisis's log.
func (t *tx) CountLog(crisisID int64) (int, error) {
	var n int
	if err := t.tx.QueryRow(`SELECT coalesce(max(seq), 0) FROM log_entries WHERE crisis_id = ?`, crisisID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count log entries of crisis %d: %w", crisisID, err)
	}
	return n, nil
}
