package command

import (
	"fmt"
	"strings"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/draft"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

func draftCommands() []*Command {
	optDraft := Option{Name: "id", Type: Integer, Required: true, Complete: CompleteDraft, Max: 12,
		Desc: d("Numéro du brouillon", "Draft number")}
	return []*Command{
		{
			Name: "draft status", NameFR: "brouillon point", Cap: crisis.CapMember, Crisis: true, Slow: true,
			Desc: d("Rédiger un point de situation, soumis à approbation", "Draft a status update for approval"),
			Options: []Option{
				{Name: "audience", NameFR: "public", Choices: crisis.Audiences, Desc: d("Destinataires", "Audience")},
				{Name: "instructions", NameFR: "consignes", Max: 1000, Multiline: true, Desc: d("Consignes de rédaction", "Drafting instructions")},
			},
			Prepare: prepareDraft(crisis.DraftStatus), Run: proposeDraft(crisis.DraftStatus),
		},
		{
			Name: "draft complaint", NameFR: "brouillon plainte", Cap: crisis.CapMember, Crisis: true, Slow: true,
			Desc:    d("Préparer le dossier de plainte", "Draft the police complaint file"),
			Prepare: prepareDraft(crisis.DraftComplaint), Run: proposeDraft(crisis.DraftComplaint),
		},
		{
			Name: "draft breach", NameFR: "brouillon violation", Cap: crisis.CapMember, Crisis: true, Slow: true,
			Desc:    d("Préparer la notification de violation de données (RGPD art. 33)", "Draft the personal-data breach notification (GDPR art. 33)"),
			Prepare: prepareDraft(crisis.DraftBreach), Run: proposeDraft(crisis.DraftBreach),
		},
		{
			Name: "draft list", NameFR: "brouillon liste", Cap: crisis.CapMember, Crisis: true, ReadOnly: true,
			Desc: d("Les brouillons de la crise", "The crisis's drafts"), Run: draftList,
		},
		{
			Name: "draft approve", NameFR: "brouillon approuver", Cap: crisis.CapMember, Crisis: true,
			Desc: d("Approuver (et publier) un brouillon", "Approve (and publish) a draft"),
			Options: []Option{optDraft,
				{Name: "confirm", NameFR: "confirmer", Type: Bool, Desc: d("Confirmer malgré les points signalés", "Confirm despite the flagged items")},
				{Name: "version", Type: Integer, Max: 6, Desc: d("La version relue (par défaut : la dernière)", "The version read (default: the latest)")}},
			Run: draftApprove,
		},
		{
			Name: "draft reject", NameFR: "brouillon rejeter", Cap: crisis.CapMember, Crisis: true,
			Desc: d("Rejeter un brouillon", "Reject a draft"),
			Options: []Option{optDraft,
				{Name: "reason", NameFR: "raison", Required: true, Max: 1000, Desc: d("Pourquoi", "Why")}},
			Run: draftReject,
		},
		{
			Name: "draft edit", NameFR: "brouillon modifier", Cap: crisis.CapMember, Crisis: true,
			Desc: d("Remplacer le texte d'un brouillon", "Replace a draft's text"),
			Options: []Option{optDraft,
				{Name: "text", NameFR: "texte", Required: true, Max: 6000, Multiline: true, Desc: d("Le nouveau texte (Markdown)", "The new text (Markdown)")}},
			Run: draftEdit,
		},
	}
}

// sheet reads the crisis's fact sheet in the command's transaction.
func (c *Call) sheet(tx crisis.Tx, cr crisis.Crisis) (*draft.Sheet, error) {
	return draft.BuildSheet(tx, cr, c.Env.Org, c.Op.Now, c.Env.Loc, c.Env.Lang)
}

// nextOccurrence is when the next occurrence of a recurring step's task
// falls due once this one is done, as the playbook engine arms it (a fixed
// rhythm from the task's own due time); zero for a step that does not recur.
func (e *Env) nextOccurrence(t crisis.Task, now time.Time) time.Time {
	if e.Playbooks == nil || t.Playbook == "" {
		return time.Time{}
	}
	return e.Playbooks.NextOccurrence(t, now)
}

// roleNames are the names of the roles of the playbooks the crisis's
// tasks come from: a document names "Responsable des systèmes
// d'information", not "dsi". Read from the tasks' own playbooks, as the
// same role id may have another name in another playbook (an English one).
func (e *Env) roleNames(tasks []crisis.Task) map[string]string {
	if e.Playbooks == nil {
		return nil
	}
	names := map[string]string{}
	seen := map[string]bool{}
	for _, t := range tasks {
		if t.Playbook == "" || seen[t.Playbook] {
			continue
		}
		seen[t.Playbook] = true
		if p, ok := e.Playbooks.Set().Get(t.Playbook); ok {
			for _, r := range p.Roles {
				if _, done := names[r.ID]; !done {
					names[r.ID] = r.Name
				}
			}
		}
	}
	return names
}

// prepareDraft reads the record, then drafts outside any transaction: a
// model may take seconds and must not hold the database meanwhile.
func prepareDraft(kind crisis.DraftKind) func(c *Call) (any, error) {
	return func(c *Call) (any, error) {
		if err := crisis.MustBeOpen(c.Crisis()); err != nil {
			return nil, err
		}
		var s *draft.Sheet
		err := c.Env.Store.View(c.Ctx, func(tx crisis.Tx) error {
			var err error
			s, err = draft.BuildSheet(tx, c.Crisis(), c.Env.Org, c.Env.Now(), c.Env.Loc, c.Env.Lang)
			return err
		})
		if err == nil {
			// Only a public update completes the recurring task it answers;
			// any other audience leaves the board's schedule as it stands.
			completes := kind == crisis.DraftStatus && (c.Str("audience") == "" || c.Str("audience") == "public")
			s.Schedule(c.Env.nextOccurrence, completes)
			s.RoleNames = c.Env.roleNames(s.Tasks)
		}
		if err != nil {
			return nil, err
		}
		drafter := c.Env.Drafter
		if drafter == nil {
			drafter = &draft.Drafter{}
		}
		res, err := drafter.Draft(c.Ctx, kind, s, c.Str("audience"), c.Str("instructions"))
		return res, err
	}
}

func proposeDraft(kind crisis.DraftKind) Handler {
	return func(c *Call) (Reply, error) {
		res := c.Prepared.(draft.Result)
		audience := c.Str("audience")
		if kind == crisis.DraftStatus && audience == "" {
			audience = "public"
		}
		d, err := c.Op.ProposeDraft(c.Crisis(), crisis.DraftInput{Kind: kind, Audience: audience, Body: res.Body, Source: res.Source, Flags: res.Flags})
		if err != nil {
			return Reply{}, err
		}
		reply := Reply{Text: c.draftMessage(d), Buttons: c.draftButtons(d)}
		if c.Str("instructions") != "" && !c.Env.Drafter.HasModel() {
			// Templates have no place for instructions: only a model can
			// follow them, and the member must not believe it was done.
			head, rest, _ := strings.Cut(reply.Text, "\n")
			reply.Text = head + "\n" + c.T("reply.draft.nomodel") + "\n" + rest
		}
		if kind == crisis.DraftComplaint {
			// The complaint goes to the police as a document: it comes with
			// its PDF, ready to print or attach.
			pdf, err := draft.ComplaintPDF(c.Op.Tx, d, c.Env.Org.Name, c.T("doc.pdf.complaint", d.ID), c.Env.Lang, c.Env.Loc, c.Op.Now)
			if err != nil {
				return Reply{}, err
			}
			reply.Files = []File{{Name: fmt.Sprintf("%d-complaint.pdf", d.ID), Type: "application/pdf", Content: pdf}}
		}
		return reply, nil
	}
}

// draftMessage shows a draft with what the fact check found.
func (c *Call) draftMessage(d crisis.Draft) string {
	var b strings.Builder
	b.WriteString(c.T("reply.draft.head", d.ID, c.T("draft.kind."+string(d.Kind)), d.Current.Version, c.T("draft.state."+string(d.State))))
	if strings.HasPrefix(d.Current.Source, "template (") {
		b.WriteString("\n" + c.T("reply.draft.fallback", d.Current.Source))
	}
	switch {
	case d.TaskID != 0 && d.ApprovalIsAct():
		b.WriteString("\n" + c.T("reply.doc.task.public", d.TaskID))
	case d.TaskID != 0:
		b.WriteString("\n" + c.T("reply.doc.task.act", d.TaskID))
	}
	b.WriteString("\n\n" + strings.TrimSpace(d.Current.Body) + "\n")
	if d.Flagged() {
		b.WriteString("\n" + c.T("reply.draft.flags"))
		for _, f := range d.Current.Flags {
			b.WriteString("\n- " + c.T("kv", c.T("flag."+f.Kind), f.Value))
		}
	}
	b.WriteString("\n" + c.T("reply.draft.approver", crisis.WordIn(c.Lang, string(d.Kind.ApproverCapability()))))
	return b.String()
}

// draftButtons offers the decisions on a draft that awaits one.
func (c *Call) draftButtons(d crisis.Draft) []Button {
	if d.State != crisis.DraftProposed {
		return nil
	}
	id := fmt.Sprint(d.ID)
	// The button names the version it was drawn for: pressed after an
	// edit, it must not approve a text its presser never saw.
	approve := fmt.Sprintf("/draft approve id:%s version:%d", id, d.Current.Version)
	if d.Flagged() {
		approve += " confirm:yes"
	}
	return []Button{
		{Label: c.T("button.approve"), Command: approve, Style: Success},
		{Label: c.T("button.edit"), Command: "/draft edit id:" + id, Style: Secondary},
		{Label: c.T("button.reject"), Command: "/draft reject id:" + id, Style: Danger},
	}
}

func draftList(c *Call) (Reply, error) {
	ds, err := c.Op.Tx.Drafts(c.Crisis().ID)
	if err != nil {
		return Reply{}, err
	}
	if len(ds) == 0 {
		return Reply{Text: c.T("reply.draft.none"), Ephemeral: true}, nil
	}
	lines := []string{c.T("reply.draft.list", locale.N(len(ds), "count.draft"))}
	for _, d := range ds {
		lines = append(lines, c.draftLine(d))
	}
	return Reply{Text: strings.Join(lines, "\n"), Ephemeral: true}, nil
}

func (c *Call) draftLine(d crisis.Draft) string {
	line := fmt.Sprintf("- #%d %s — %s, v%d, %s", d.ID, c.T("draft.kind."+string(d.Kind)), c.T("draft.state."+string(d.State)), d.Current.Version, c.FormatTime(d.CreatedAt))
	if d.Flagged() && d.State == crisis.DraftProposed {
		line += " " + c.T("draft.flagged", locale.N(len(d.Current.Flags), "count.flag"))
	}
	if d.State == crisis.DraftRejected && d.Reason != "" {
		line += " — " + d.Reason
	}
	return line
}

func draftApprove(c *Call) (Reply, error) {
	d, err := c.Op.FindDraft(c.Crisis(), fmt.Sprint(c.Int("id")))
	if err != nil {
		return Reply{}, err
	}
	if err := crisis.MustBeVersion(d, int(c.Int("version"))); err != nil {
		return Reply{}, err
	}
	if err := c.sameNextUpdate(d); err != nil {
		return Reply{}, err
	}
	d, err = c.Op.ApproveDraft(c.Crisis(), d, c.Bool("confirm"), c.Env.FourEyes)
	if err != nil {
		return Reply{}, err
	}
	switch {
	case d.Public() && c.Channel != "":
		// A front end with channels publishes after this reply: it is
		// under way, not done.
		return Reply{Text: c.T("reply.draft.publishing", d.ID, d.Current.Version)}, nil
	case d.Public():
		return Reply{Text: c.T("reply.draft.published", d.ID, d.Current.Version)}, nil
	case d.Kind == crisis.DraftStatus:
		return Reply{Text: c.T("reply.doc.internal", d.ID, d.Current.Version, crisis.WordIn(c.Lang, d.Audience))}, nil
	case d.TaskID != 0:
		return Reply{Text: c.T("reply.doc.final.task", d.ID, d.Current.Version, d.TaskID, d.TaskID)}, nil
	}
	return Reply{Text: c.T("reply.draft.approved", d.ID, d.Current.Version)}, nil
}

// sameNextUpdate refuses a public update whose announced next update would
// no longer be the board's once published: written at one time, approved
// so much later that the rhythm moved on to another slot. Publishing it
// would promise residents a time the board does not keep.
func (c *Call) sameNextUpdate(d crisis.Draft) error {
	if !d.Public() || d.Kind != crisis.DraftStatus || d.TaskID == 0 || d.State != crisis.DraftProposed {
		return nil
	}
	t, err := c.Op.Tx.Task(d.TaskID)
	if err != nil || !t.Active() {
		return nil // no task to complete: the schedule does not move
	}
	promised := c.Env.nextOccurrence(t, d.Current.CreatedAt)
	now := c.Env.nextOccurrence(t, c.Op.Now)
	if promised.IsZero() || promised.Equal(now) {
		return nil
	}
	return locale.Errorf(crisis.ErrConflict, "err.draft.next.moved", d.ID,
		locale.FormatTime(promised, c.Env.Loc, c.Lang), locale.FormatTime(now, c.Env.Loc, c.Lang))
}

func draftReject(c *Call) (Reply, error) {
	d, err := c.Op.FindDraft(c.Crisis(), fmt.Sprint(c.Int("id")))
	if err != nil {
		return Reply{}, err
	}
	if d, err = c.Op.RejectDraft(c.Crisis(), d, c.Str("reason")); err != nil {
		return Reply{}, err
	}
	return Reply{Text: c.T("reply.draft.rejected", d.ID)}, nil
}

func draftEdit(c *Call) (Reply, error) {
	d, err := c.Op.FindDraft(c.Crisis(), fmt.Sprint(c.Int("id")))
	if err != nil {
		return Reply{}, err
	}
	s, err := c.sheet(c.Op.Tx, c.Crisis())
	if err != nil {
		return Reply{}, err
	}
	body := c.Str("text")
	if d, err = c.Op.EditDraft(c.Crisis(), d, body, draft.Check(s, body, nil)); err != nil {
		return Reply{}, err
	}
	return Reply{Text: c.draftMessage(d), Buttons: c.draftButtons(d)}, nil
}
