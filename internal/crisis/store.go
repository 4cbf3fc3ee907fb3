package crisis

import (
	"context"

	"github.com/tocsin-crisis/tocsin/internal/contacts"
)

// Store opens transactions on the crisis record. Every command runs in one
// Update: when fn returns an error nothing it did is kept.
type Store interface {
	Update(ctx context.Context, fn func(Tx) error) error
	View(ctx context.Context, fn func(Tx) error) error
	// Audit records a command outside any command's transaction, so refused
	// and failed commands are kept even though their work was rolled back.
	// A command that succeeds records itself with Tx.Audit instead.
	Audit(ctx context.Context, e AuditEntry) error
}

// Tx is the record as one transaction sees it. Getters return an error
// wrapping ErrNotFound when nothing matches.
type Tx interface {
	// Audit adds an entry to the audit trail in this transaction: a command
	// that succeeds commits its work and its entry at once, with one sync.
	Audit(e AuditEntry) error

	AddMember(m Member) error
	// SaveMember inserts or refreshes a member learnt from a front end.
	SaveMember(m Member) error
	Member(id string) (Member, error)
	Members() ([]Member, error)
	CountMembers() (int, error)
	// UpdateMember saves a member's capabilities and contact details.
	UpdateMember(m Member) error
	// AddContact adds an entry to the directory and sets its ID;
	// Contacts lists the entries added so, oldest first.
	AddContact(e *contacts.Entry) error
	Contacts() ([]contacts.Entry, error)

	CreateCrisis(c *Crisis) error
	Crisis(id int64) (Crisis, error)
	// CrisisByChannel finds the crisis a front-end channel belongs to.
	CrisisByChannel(channel string) (Crisis, error)
	// LatestCrisis is the last crisis opened, even once closed. (The crisis a
	// command acts on is Op.SessionCrisis's choice.)
	LatestCrisis() (Crisis, error)
	Crises() ([]Crisis, error)
	UpdateCrisis(c Crisis) error

	AttachPlaybook(crisisID int64, playbook string) error
	Playbooks(crisisID int64) ([]string, error)

	AssignRole(r RoleAssignment) error
	UnassignRole(crisisID int64, role, memberID string) error
	Roles(crisisID int64) ([]RoleAssignment, error)

	CreateTask(t *Task) error
	Task(id int64) (Task, error)
	UpdateTask(t Task) error
	Tasks(crisisID int64, f TaskFilter) ([]Task, error)
	// TaskByStep is the crisis's task made from a playbook step: the latest
	// occurrence not done, else the latest; ErrNotFound when none is.
	TaskByStep(crisisID int64, stepID string) (Task, error)
	// LastTaskID is the highest task number of all crises, 0 when there is
	// none; TasksAfter lists a crisis's tasks numbered above afterID, in
	// order: the tasks a command made, without reading the others.
	LastTaskID() (int64, error)
	TasksAfter(crisisID, afterID int64) ([]Task, error)
	// ActiveTasks lists the tasks not done, in order; with dueOnly, only
	// those with a due time. TaskCounts counts the tasks by state. The
	// board shows no more than these. The tasks are the store's own,
	// shared with other readers: a caller reads them and changes nothing.
	ActiveTasks(crisisID int64, dueOnly bool) ([]*Task, error)
	// ActiveTasksWhere lists, in order, the tasks not done that keep
	// accepts, at most limit of them (0: all).
	ActiveTasksWhere(crisisID int64, keep func(*Task) bool, limit int) ([]Task, error)
	TaskCounts(crisisID int64) (map[TaskState]int, error)

	// AppendLog stores an entry whose Seq, PrevHash and Hash are already set.
	AppendLog(e *LogEntry) error
	// LogTail is the last entry's number and hash: what a new entry
	// chains to (ErrNotFound for an empty log).
	LogTail(crisisID int64) (seq int64, hash string, err error)
	Log(crisisID int64) ([]LogEntry, error)
	// RecentLog is the last n entries, oldest first.
	RecentLog(crisisID int64, n int) ([]LogEntry, error)
	CountLog(crisisID int64) (int, error)

	AddIndicator(i *Indicator) error
	Indicators(crisisID int64) ([]Indicator, error)

	AddEvidence(e *Evidence) error
	Evidence(crisisID int64) ([]Evidence, error)

	SetService(s Service) error
	Service(crisisID int64, name string) (Service, error)
	Services(crisisID int64) ([]Service, error)

	SetFact(f Fact) error
	Facts(crisisID int64) ([]Fact, error)

	// Corrections (see Correction): kept for good, oldest first. The three
	// changes below alter what stands now; each goes with a Correction.
	AddCorrection(c *Correction) error
	Corrections(crisisID int64) ([]Correction, error)
	RenameService(crisisID int64, name, newName string) error
	RemoveService(crisisID int64, name string) error
	UnsetFact(crisisID int64, name string) error
	// AddCustody adds a link to an evidence item's chain of custody.
	AddCustody(t *CustodyTransfer) error
	Custody(crisisID int64) ([]CustodyTransfer, error)

	// CreateDraft stores a draft and its first version (d.Current).
	CreateDraft(d *Draft) error
	AddDraftVersion(v DraftVersion) error
	// UpdateDraft saves a draft's state and decision; versions are not touched.
	UpdateDraft(d Draft) error
	// Draft returns a draft with its latest version.
	Draft(id int64) (Draft, error)
	Drafts(crisisID int64) ([]Draft, error)
	DraftVersions(draftID int64) ([]DraftVersion, error)

	// ChasedTasks lists the tasks not done, with a due time, of open crises.
	ChasedTasks() ([]Task, error)
	// ClaimNotice records a notice before it goes out. It reports false when
	// the same notice (task, kind, due time) was already recorded.
	ClaimNotice(n *Notice) (bool, error)
	Notices(crisisID int64) ([]Notice, error)
}
