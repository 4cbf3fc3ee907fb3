package crisis

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
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
	h := sha256.New()
	writeField(h, "tocsin-log-v1")
	writeField(h, fmt.Sprint(e.CrisisID))
	writeField(h, fmt.Sprint(e.Seq))
	writeField(h, e.At.UTC().Format(time.RFC3339Nano))
	writeField(h, e.RecordedAt.UTC().Format(time.RFC3339Nano))
	writeField(h, e.Author)
	writeField(h, string(e.Kind))
	writeField(h, e.Text)
	writeField(h, e.PrevHash)
	return hex.EncodeToString(h.Sum(nil))
}

func writeField(h hash.Hash, s string) {
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(s)))
	h.Write(n[:])
	h.Write([]byte(s))
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
