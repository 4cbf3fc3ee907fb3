package crisis

// EventKind says what changed, for front ends that show the record
// elsewhere (Discord's pinned board and task messages).
type EventKind string

// Event kinds.
const (
	EventCrisisOpened EventKind = "crisis.opened"
	EventCrisisClosed EventKind = "crisis.closed"
	EventTaskCreated  EventKind = "task.created"
	EventTaskChanged  EventKind = "task.changed"
	EventBoardChanged EventKind = "board.changed" // services, roles, facts, drafts: redraw the board
	EventDraftChanged EventKind = "draft.changed"
	EventPublished    EventKind = "draft.published"
)

// Event is one change a command made, reported after the transaction commits.
type Event struct {
	Kind     EventKind
	CrisisID int64
	ObjectID int64 // the task or draft concerned, when there is one
}
