package crisis

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"
)

// LogKind says what produced a log entry.
type LogKind string

// Log entry kinds: "note" is what a member wrote with /log; the others are
// written by the record itself so the log tells the whole story.
const (
	LogNote     LogKind = "note"
	LogCrisis   LogKind = "crisis"
	LogTask     LogKind = "task"
	LogRole     LogKind = "role"
	LogFact     LogKind = "fact"
	LogIOC      LogKind = "ioc"
	LogEvidence LogKind = "evidence"
	LogService  LogKind = "service"
	LogDraft    LogKind = "draft"
)

// LogEntry is one line of the crisis log (main courante). Entries of a crisis
// form a hash chain: each hash covers the entry and the hash before it, so
// changing, removing or reordering any entry breaks every hash after it.
type LogEntry struct {
	ID         int64
	CrisisID   int64
	Seq        int64     // 1, 2, 3… within the crisis
	At         time.Time // when the fact happened (back-dated entries differ from RecordedAt)
	RecordedAt time.Time // when the entry was written
	Author     string    // member ID
	Kind       LogKind
	Text       string
	PrevHash   string // hex; "" for the first entry
	Hash       string // hex
}

// ComputeHash returns the hash the entry must carry. Each field is written
// with its length first so that no two different entries encode alike.
func (e LogEntry) ComputeHash() string {
	// One buffer, hashed once: every /log and every entry verified pays
	// for this, and writing field by field allocated each one.
	var at, rec [len(time.RFC3339Nano) + 8]byte
	fields := [...][]byte{
		[]byte("tocsin-log-v1"),
		strconv.AppendInt(nil, e.CrisisID, 10),
		strconv.AppendInt(nil, e.Seq, 10),
		e.At.UTC().AppendFormat(at[:0], time.RFC3339Nano),
		e.RecordedAt.UTC().AppendFormat(rec[:0], time.RFC3339Nano),
	}
	n := 8 * 9
	for _, f := range fields {
		n += len(f)
	}
	n += len(e.Author) + len(e.Kind) + len(e.Text) + len(e.PrevHash)
	buf := make([]byte, 0, n)
	for _, f := range fields {
		buf = appendField(buf, f)
	}
	for _, f := range [...]string{e.Author, string(e.Kind), e.Text, e.PrevHash} {
		buf = binary.BigEndian.AppendUint64(buf, uint64(len(f)))
		buf = append(buf, f...)
	}
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:])
}

// appendField writes a field with its length first, as ComputeHash hashes it.
func appendField(buf, f []byte) []byte {
	buf = binary.BigEndian.AppendUint64(buf, uint64(len(f)))
	return append(buf, f...)
}

// ChainError names the first log entry that breaks the chain.
type ChainError struct {
	Entry  LogEntry
	Reason string
}

func (e *ChainError) Error() string {
	return fmt.Sprintf("crisis %d, log entry %d (id %d, recorded %s by %s): %s",
		e.Entry.CrisisID, e.Entry.Seq, e.Entry.ID,
		e.Entry.RecordedAt.UTC().Format(time.RFC3339), e.Entry.Author, e.Reason)
}

// VerifyChain checks a crisis's entries in order, and that the last one is
// the head the crisis recorded. It returns a *ChainError for the first entry
// that does not match, or nil when the chain holds.
func VerifyChain(entries []LogEntry, head string) error {
	prev := ""
	for i, e := range entries {
		switch {
		case e.Seq != int64(i+1):
			return &ChainError{Entry: e, Reason: fmt.Sprintf("sequence number %d where %d was expected (an entry is missing or was inserted)", e.Seq, i+1)}
		case e.PrevHash != prev:
			return &ChainError{Entry: e, Reason: "does not link to the entry before it"}
		case e.ComputeHash() != e.Hash:
			return &ChainError{Entry: e, Reason: "content does not match its hash (the entry was changed)"}
		}
		prev = e.Hash
	}
	if prev != head {
		if len(entries) == 0 {
			return &ChainError{Reason: "the crisis records log entries but none is left"}
		}
		return &ChainError{Entry: entries[len(entries)-1], Reason: "is not the last entry the crisis recorded (later entries were removed)"}
	}
	return nil
}
