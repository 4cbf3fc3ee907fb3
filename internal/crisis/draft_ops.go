package crisis

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// DraftInput is a drafted text to put up for approval.
type DraftInput struct {
	Kind     DraftKind
	Audience string
	Body     string
	Source   string
	Flags    []Flag
}

// ProposeDraft stores a new draft. When an open task of the crisis's
// playbook asks for this kind of document, the draft is attached to it, and
// approving the draft will complete the task.
func (op *Op) ProposeDraft(c Crisis, in DraftInput) (Draft, error) {
	if err := MustBeOpen(c); err != nil && in.Kind != DraftReport {
		return Draft{}, err
	}
	if !slices.Contains(DraftKinds, in.Kind) {
		return Draft{}, locale.Errorf(ErrInvalid, "err.choice", "kind", string(in.Kind), "status, complaint, breach, report")
	}
	if strings.TrimSpace(in.Body) == "" {
		return Draft{}, locale.Errorf(ErrInvalid, "err.required", "text")
	}
	d := Draft{
		CrisisID: c.ID, Kind: in.Kind, Audience: in.Audience, State: DraftProposed,
		CreatedAt: op.Now, CreatedBy: op.Actor.ID,
		Current: DraftVersion{Version: 1, Body: in.Body, Flags: in.Flags, Source: in.Source, CreatedAt: op.Now, CreatedBy: op.Actor.ID},
	}
	if t, ok, err := op.draftTask(c, in.Kind); err != nil {
		return Draft{}, err
	} else if ok {
		d.TaskID = t.ID
	}
	if err := op.Tx.CreateDraft(&d); err != nil {
		return Draft{}, err
	}
	if err := op.Logf(c, LogDraft, "log.draft.proposed", d.ID, string(d.Kind), len(d.Current.Flags)); err != nil {
		return Draft{}, err
	}
	op.Emit(EventDraftChanged, c.ID, d.ID)
	return d, nil
}

// draftTask finds the open task that asks for a document of this kind.
func (op *Op) draftTask(c Crisis, kind DraftKind) (Task, bool, error) {
	tasks, err := op.Tx.Tasks(c.ID, TaskFilter{})
	if err != nil {
		return Task{}, false, err
	}
	for _, t := range tasks {
		if t.Active() && t.Draft == string(kind) {
			return t, true, nil
		}
	}
	return Task{}, false, nil
}

// FindDraft resolves a draft option: its number.
func (op *Op) FindDraft(c Crisis, ref string) (Draft, error) {
	n, err := strconv.ParseInt(strings.TrimPrefix(strings.TrimSpace(ref), "#"), 10, 64)
	if err != nil {
		return Draft{}, locale.Errorf(ErrInvalid, "err.draft.ref", ref)
	}
	d, err := op.Tx.Draft(n)
	if errors.Is(err, ErrNotFound) || (err == nil && d.CrisisID != c.ID) {
		return Draft{}, locale.Errorf(ErrNotFound, "err.draft.unknown", n, c.ID)
	}
	return d, err
}

// decidable checks that the actor may decide on d and that d awaits a decision.
func (op *Op) decidable(d Draft) error {
	if err := op.Require(d.Kind.ApproverCapability()); err != nil {
		return err
	}
	switch d.State {
	case DraftProposed:
	case DraftApproved:
		// The second of two approvals says so plainly, and who came first.
		return locale.Errorf(ErrConflict, "err.draft.already.approved", d.ID, "@"+d.DecidedBy)
	case DraftRejected:
		return locale.Errorf(ErrConflict, "err.draft.already.rejected", d.ID, "@"+d.DecidedBy)
	default:
		return locale.Errorf(ErrConflict, "err.draft.decided", d.ID, string(d.State))
	}
	return nil
}

// EditDraft replaces a draft's text with a new version; the old ones stay.
func (op *Op) EditDraft(c Crisis, d Draft, body string, flags []Flag) (Draft, error) {
	if err := op.decidable(d); err != nil {
		return Draft{}, err
	}
	body = strings.TrimSpace(body)
	if body == "" {
		return Draft{}, locale.Errorf(ErrInvalid, "err.required", "text")
	}
	v := DraftVersion{DraftID: d.ID, Version: d.Current.Version + 1, Body: body, Flags: flags,
		Source: "edit", CreatedAt: op.Now, CreatedBy: op.Actor.ID}
	if err := op.Tx.AddDraftVersion(v); err != nil {
		return Draft{}, err
	}
	d.Current = v
	if err := op.Logf(c, LogDraft, "log.draft.edited", d.ID, v.Version, op.Actor.Label()); err != nil {
		return Draft{}, err
	}
	op.Emit(EventDraftChanged, c.ID, d.ID)
	return d, nil
}

// MustBeVersion refuses a decision taken on a version of d that is no
// longer its current one (version 0: the current one, whatever it is): an
// approver approves the text they saw, and a confirmation covers only the
// flags of that text. The refusal shows the newer text, cut to fit.
func MustBeVersion(d Draft, version int) error {
	if version == 0 || version == d.Current.Version {
		return nil
	}
	if version > d.Current.Version || version < 1 {
		return locale.Errorf(ErrInvalid, "err.draft.version.unknown", d.ID, version)
	}
	body := []rune(strings.TrimSpace(d.Current.Body))
	if len(body) > maxStaleText {
		body = append(body[:maxStaleText], '…')
	}
	return locale.Errorf(ErrConflict, "err.draft.stale", d.ID, version, d.Current.Version, string(body))
}

// maxStaleText is how much of a newer version a refusal shows: with its
// sentence it stays inside one chat message.
const maxStaleText = 1500

// ApproveDraft approves a draft: a status update is published, a document
// becomes final, and the task that asked for it is done. A draft the fact
// check flagged needs confirm. With fourEyes, its author cannot approve it.
func (op *Op) ApproveDraft(c Crisis, d Draft, confirm, fourEyes bool) (Draft, error) {
	if err := op.decidable(d); err != nil {
		return Draft{}, err
	}
	if fourEyes && d.CreatedBy == op.Actor.ID && d.Current.CreatedBy == op.Actor.ID {
		return Draft{}, locale.Errorf(ErrForbidden, "err.draft.foureyes", d.ID)
	}
	if d.Flagged() && !confirm {
		vals := make([]string, len(d.Current.Flags))
		for i, f := range d.Current.Flags {
			vals[i] = f.Value
		}
		return Draft{}, locale.Errorf(ErrConflict, "err.draft.flagged", d.ID, strings.Join(vals, ", "), d.ID)
	}
	d.State, d.DecidedAt, d.DecidedBy = DraftApproved, op.Now, op.Actor.ID
	if err := op.Tx.UpdateDraft(d); err != nil {
		return Draft{}, err
	}
	key := "log.draft.approved"
	if d.Kind == DraftStatus {
		key = "log.draft.published"
	}
	if err := op.Logf(c, LogDraft, key, d.ID, string(d.Kind), d.Current.Version, op.Actor.Label()); err != nil {
		return Draft{}, err
	}
	op.Emit(EventDraftChanged, c.ID, d.ID)
	if d.Kind == DraftStatus {
		op.Emit(EventPublished, c.ID, d.ID)
	}
	if d.TaskID != 0 && c.State == Open {
		if err := op.completeDraftTask(c, d); err != nil {
			return Draft{}, err
		}
	}
	return d, nil
}

// completeDraftTask finishes the task a draft fulfils. The approver closes
// it even when someone else holds it: the approval is the task's outcome.
func (op *Op) completeDraftTask(c Crisis, d Draft) error {
	t, err := op.Tx.Task(d.TaskID)
	if err != nil || !t.Active() {
		return err
	}
	if t.Owner == "" {
		t.Owner = op.Actor.ID
	}
	t.State, t.DoneAt, t.UpdatedAt = TaskDone, op.Now, op.Now
	t.Note = locale.T(locale.FR, "task.note.draft", d.ID)
	if err := op.saveTask(c, t, "log.task.done.note", t.Ref(), t.Title, op.Actor.Label(), t.Note); err != nil {
		return err
	}
	if op.Planner != nil {
		return op.Planner.TaskDone(op, c, t)
	}
	return nil
}

// RejectDraft rejects a draft with the reason; it stays in the record.
func (op *Op) RejectDraft(c Crisis, d Draft, reason string) (Draft, error) {
	if err := op.decidable(d); err != nil {
		return Draft{}, err
	}
	reason, err := required("reason", reason)
	if err != nil {
		return Draft{}, err
	}
	d.State, d.DecidedAt, d.DecidedBy, d.Reason = DraftRejected, op.Now, op.Actor.ID, reason
	if err := op.Tx.UpdateDraft(d); err != nil {
		return Draft{}, err
	}
	if err := op.Logf(c, LogDraft, "log.draft.rejected", d.ID, string(d.Kind), op.Actor.Label(), reason); err != nil {
		return Draft{}, err
	}
	op.Emit(EventDraftChanged, c.ID, d.ID)
	return d, nil
}
