package crisis

import "errors"

// Sentinel kinds of failure. Errors returned by this package wrap one of them
// (often inside a *locale.Error that carries the user's sentence), so callers
// branch with errors.Is.
var (
	// ErrNotFound: the crisis, task, member or other object named does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInvalid: a value does not have the expected form.
	ErrInvalid = errors.New("invalid")
	// ErrForbidden: the actor lacks the capability or the standing to act.
	ErrForbidden = errors.New("forbidden")
	// ErrConflict: the action does not fit the object's current state.
	ErrConflict = errors.New("conflict")
	// ErrUnavailable: the record cannot be written now for a reason outside
	// the command (a full disk, a read-only database); the user is told the
	// cause, and nothing of the command was kept.
	ErrUnavailable = errors.New("unavailable")
)
