package crisis

import "time"

// NoticeKind says why a notice is sent.
type NoticeKind string

// Notice kinds, in the order they come for one task.
const (
	NoticeReminder   NoticeKind = "reminder"   // before the due time, to the owner
	NoticeOverdue    NoticeKind = "overdue"    // at the due time, to the owner
	NoticeEscalation NoticeKind = "escalation" // later, to the director
)

// Notice is a reminder or an overdue notice about a task.
type Notice struct {
	ID         int64
	CrisisID   int64
	TaskID     int64
	Kind       NoticeKind
	DueAt      time.Time // when it was meant to go out
	SentAt     time.Time
	Recipients []string // member IDs: only they are mentioned
	Skipped    bool
}
