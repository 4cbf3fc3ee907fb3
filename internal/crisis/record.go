package crisis

import (
	"strconv"
	"time"
)

// State of a crisis.
type State string

// Crisis states.
const (
	Open   State = "open"
	Closed State = "closed"
)

// Crisis is one incident the cell manages, from opening to closing.
type Crisis struct {
	ID         int64
	Title      string
	Severity   string    // one of Severities, "" when not set
	State      State     // Open or Closed
	OpenedAt   time.Time // when the crisis was opened in the tool
	OpenedBy   string    // member ID
	DetectedAt time.Time // when the attack was detected; zero when unknown
	StartedAt  time.Time // when the attack began; zero when unknown
	ClosedAt   time.Time // zero while open
	Summary    string    // the director's closing words
	Channel    string    // the front end's place for this crisis (a Discord channel ID); "" in the console
	LogHead    string    // hash of the last log entry, so a removed last entry is noticed
}

// Reference is the time the crisis clock counts from: detection when known,
// else the opening. Legal deadlines (72 h) run from it.
func (c Crisis) Reference() time.Time {
	if !c.DetectedAt.IsZero() {
		return c.DetectedAt
	}
	return c.OpenedAt
}

// Severities are the accepted values of a crisis's severity.
var Severities = []string{"low", "medium", "high", "critical"}

// TaskState is where a task stands.
type TaskState string

// Task states.
const (
	TaskOpen    TaskState = "open"    // nobody has it yet, or it was assigned but not started
	TaskTaken   TaskState = "taken"   // its owner is on it
	TaskBlocked TaskState = "blocked" // its owner cannot go on; the reason says why
	TaskDone    TaskState = "done"
)

// TaskStates lists every state in display order.
var TaskStates = []TaskState{TaskOpen, TaskTaken, TaskBlocked, TaskDone}

// Task is one thing to do, made by hand or from a playbook step.
type Task struct {
	ID           int64
	CrisisID     int64
	Title        string
	Instructions string
	Playbook     string // the playbook whose step made it; "" for a task made by hand
	StepID       string
	Occurrence   int    // 1 for the first run of a step, 2… for a recurring step's later runs
	Role         string // the crisis role expected to do it; "" if none
	Owner        string // member ID; "" when nobody holds it
	State        TaskState
	Due          time.Time // zero when it has no due time
	Checklist    []string
	Draft        string // the document kind the step drafts ("status", "complaint", "breach"), if any
	Note         string // the closing note
	BlockReason  string
	CreatedAt    time.Time
	CreatedBy    string
	UpdatedAt    time.Time
	DoneAt       time.Time
}

// Ref is how a task is named to users: its number, and its step when it has one.
func (t Task) Ref() string {
	if t.StepID != "" {
		return "#" + itoa(t.ID) + " (" + t.StepID + ")"
	}
	return "#" + itoa(t.ID)
}

// Active reports whether the task still needs doing.
func (t Task) Active() bool { return t.State != TaskDone }

// TaskFilter narrows a task listing; zero fields do not filter.
type TaskFilter struct {
	Owner string
	State TaskState
	Role  string
}

// RoleAssignment gives a crisis role to a member.
type RoleAssignment struct {
	CrisisID   int64
	Role       string
	MemberID   string
	AssignedAt time.Time
	AssignedBy string
}

// IndicatorKinds are the accepted kinds of indicator of compromise.
var IndicatorKinds = []string{"ip", "domain", "url", "hash", "email", "account"}

// Indicator is an indicator of compromise, validated and normalized by kind.
type Indicator struct {
	ID       int64
	CrisisID int64
	Kind     string
	Value    string
	Note     string
	AddedAt  time.Time
	AddedBy  string
}

// Evidence is an item kept for the investigation, with its custody.
type Evidence struct {
	ID        int64
	CrisisID  int64
	Item      string
	Location  string
	SHA256    string // lower-case hex; "" when not computed
	Custodian string // who holds it; defaults to whoever logged it
	AddedAt   time.Time
	AddedBy   string
}

// ServiceStatuses are the accepted service statuses, from best to worst.
var ServiceStatuses = []string{"up", "degraded", "down"}

// Service is a line of the service board.
type Service struct {
	CrisisID   int64
	Name       string
	Status     string
	Workaround string
	UpdatedAt  time.Time
	UpdatedBy  string
}

// Fact is an answer to a question the playbooks ask ("personal_data: yes").
type Fact struct {
	CrisisID int64
	Name     string
	Value    string
	SetAt    time.Time
	SetBy    string
}

// AuditEntry records one command tried, whatever came of it.
type AuditEntry struct {
	ID       int64
	At       time.Time
	Actor    string
	CrisisID int64  // 0 when none applied
	Command  string // the written form, as received
	Outcome  string // "ok", "refused", "invalid", "error"
	Detail   string // the failure, in English, for the record
	Source   string // "console", "discord", "replay"
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
