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
// playbook asks for this kind of document, the draft is attached to it: a
// public update's approval completes the task; a document's approval makes
// it final, and the task waits for a member to record the act.
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
	// A staff, officials or press update is not the public update the
	// playbook's step asks for: it is attached to no task.
	if t, ok, err := op.draftTask(c, in.Kind); err != nil {
		return Draft{}, err
	} else if ok && (in.Kind != DraftStatus || d.Public()) {
		d.TaskID = t.ID
	}
	if err := op.Tx.CreateDraft(&d); err != nil {
		return Draft{}, err
	}
	if err := op.Logf(c, LogDraft, "log.doc.proposed", d.ID, op.T("draft.kind."+string(d.Kind)), op.flagCount(len(d.Current.Flags))); err != nil {
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

// ApproveDraft approves a draft: it becomes final. A public status update
// is published, and the task that asked for it is done: the approval is
// the act. A complaint or breach notification is filed or sent outside the
// bot: its task stays open, showing the final document, until a member
// records the act and its reference (/task done note:…). A draft the fact
// check flagged needs confirm. With fourEyes, its author cannot approve it.
func (op *Op) ApproveDraft(c Crisis, d Draft, confirm, fourEyes bool) (Draft, error) {
	if err := op.decidable(d); err != nil {
		return Draft{}, err
	}
	if fourEyes && d.CreatedBy == op.Actor.ID && d.Current.CreatedBy == op.Actor.ID {
		return Draft{}, locale.Errorf(ErrForbidden, "err.draft.foureyes", d.ID)
	}
	if d.Flagged() && !confirm {
		return Draft{}, flaggedError(d)
	}
	d.State, d.DecidedAt, d.DecidedBy = DraftApproved, op.Now, op.Actor.ID
	if err := op.Tx.UpdateDraft(d); err != nil {
		return Draft{}, err
	}
	kind := op.T("draft.kind." + string(d.Kind))
	var err error
	switch {
	case d.Public():
		err = op.Logf(c, LogDraft, "log.doc.published", d.ID, kind, d.Current.Version, op.Actor.Label())
	case d.Kind == DraftStatus:
		err = op.Logf(c, LogDraft, "log.doc.internal", d.ID, kind, WordIn(op.Lang, d.Audience), d.Current.Version, op.Actor.Label())
	case d.TaskID != 0:
		err = op.Logf(c, LogDraft, "log.doc.final.task", d.ID, kind, d.Current.Version, op.Actor.Label(), d.TaskID)
	default:
		err = op.Logf(c, LogDraft, "log.doc.approved", d.ID, kind, d.Current.Version, op.Actor.Label())
	}
	if err != nil {
		return Draft{}, err
	}
	op.Emit(EventDraftChanged, c.ID, d.ID)
	if d.Public() {
		op.Emit(EventPublished, c.ID, d.ID)
	}
	if d.TaskID != 0 && c.State == Open && d.ApprovalIsAct() {
		if err := op.completeDraftTask(c, d); err != nil {
			return Draft{}, err
		}
	}
	return d, nil
}

// flaggedError lists what the fact check found: what the record lacks for
// the document (missing) apart from what the text holds that the record
// does not.
func flaggedError(d Draft) error {
	var missing, foreign []string
	for _, f := range d.Current.Flags {
		if f.Kind == "missing" {
			missing = append(missing, f.Value)
		} else {
			foreign = append(foreign, f.Value)
		}
	}
	switch {
	case len(foreign) == 0:
		return locale.Errorf(ErrConflict, "err.doc.missing", d.ID, strings.Join(missing, ", "), d.ID)
	case len(missing) == 0:
		return locale.Errorf(ErrConflict, "err.draft.flagged", d.ID, strings.Join(foreign, ", "), d.ID)
	}
	return locale.Errorf(ErrConflict, "err.doc.missing.flagged", d.ID, strings.Join(missing, ", "), strings.Join(foreign, ", "), d.ID)
}

// completeDraftTask finishes the task a public update fulfils. The approver
// closes it even when someone else holds it: the publication is the task's
// outcome.
func (op *Op) completeDraftTask(c Crisis, d Draft) error {
	t, err := op.Tx.Task(d.TaskID)
	if err != nil || !t.Active() {
		return err
	}
	if t.Owner == "" {
		t.Owner = op.Actor.ID
	}
	t.State, t.DoneAt, t.UpdatedAt = TaskDone, op.Now, op.Now
	t.Note = op.T("task.note.draft", d.ID)
	if err := op.saveTask(c, t, "log.task.done.note", t.Ref(), t.Title, op.Actor.Label(), t.Note); err != nil {
		return err
	}
	if op.Planner != nil {
		return op.Planner.TaskDone(op, c, t)
	}
	return nil
}

// flagCount says how many items the fact check flagged, the noun agreeing
// with the count.
func (op *Op) flagCount(n int) string {
	switch n {
	case 0:
		return op.T("log.doc.flags.none", n)
	case 1:
		return op.T("log.doc.flags.one", n)
	}
	return op.T("log.doc.flags.many", n)
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
	if err := op.Logf(c, LogDraft, "log.draft.rejected", d.ID, op.T("draft.kind."+string(d.Kind)), op.Actor.Label(), reason); err != nil {
		return Draft{}, err
	}
	op.Emit(EventDraftChanged, c.ID, d.ID)
	return d, nil
}
