package paper

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/playbook"
)

// roleTasks is, for each playbook, each role's steps in the playbook's
// order: what to do, by when, the checklist to tick and, while a crisis
// runs, where the task stands on the board.
func (k *Kit) roleTasks(b *strings.Builder) {
	fmt.Fprintf(b, "# %s\n\n", k.T("paper.section.roles"))
	switch {
	case len(k.Playbooks) == 0:
		fmt.Fprintf(b, "%s\n\n", k.T("paper.playbook.missing"))
		return
	case k.FellBack && k.Crisis != nil:
		fmt.Fprintf(b, "%s\n\n", k.T("paper.playbook.none", k.Crisis.ID))
	}
	for _, p := range k.Playbooks {
		fmt.Fprintf(b, "**%s**\n\n", k.T("paper.playbook", md(p.Title)))
		for _, r := range p.Roles {
			k.role(b, p, r.ID, r.Name, r.Description)
		}
		// Steps whose role the playbook does not declare (none, in a valid
		// playbook) or that have none: still someone's work.
		k.role(b, p, "", k.T("paper.role.none"), "")
	}
}

// role writes one role's steps; nothing when it has none.
func (k *Kit) role(b *strings.Builder, p *playbook.Playbook, id, name, desc string) {
	var steps []playbook.Step
	for _, s := range p.Steps {
		_, declared := p.Role(s.Role)
		if (id != "" && s.Role == id) || (id == "" && !declared) {
			steps = append(steps, s)
		}
	}
	if len(steps) == 0 {
		return
	}
	if id != "" {
		fmt.Fprintf(b, "## %s (%s)\n\n", md(name), id)
	} else {
		fmt.Fprintf(b, "## %s\n\n", md(name))
	}
	if desc != "" {
		fmt.Fprintf(b, "*%s*\n\n", md(desc))
	}
	if k.Crisis != nil && id != "" {
		var held []string
		for _, r := range k.Roles {
			if r.Role == id {
				m := k.member(r.MemberID)
				held = append(held, m.Label()+" — "+orBlank(m.Phone))
			}
		}
		if len(held) > 0 {
			fmt.Fprintf(b, "%s\n\n", k.T("paper.role.held", md(strings.Join(held, " ; "))))
		} else {
			fmt.Fprintf(b, "%s\n\n", k.T("paper.role.nobody", k.T("paper.role.write")))
		}
	}
	for i, s := range steps {
		fmt.Fprintf(b, "### %d. %s\n\n", i+1, md(s.Title))
		if rules := k.rules(s); rules != "" {
			fmt.Fprintf(b, "**%s**\n\n", rules)
		}
		if k.Crisis != nil {
			fmt.Fprintf(b, "%s\n\n", k.T("paper.step.state", md(k.stepState(p, s))))
		}
		if in := strings.TrimSpace(s.Instructions); in != "" {
			// The author's own Markdown (its lists), as the playbook shows it.
			fmt.Fprintf(b, "%s\n\n", in)
		}
		if len(s.Checklist) > 0 {
			lines := make([]string, len(s.Checklist))
			for j, c := range s.Checklist {
				lines[j] = Box + " " + md(c)
			}
			fmt.Fprintf(b, "%s\n\n", strings.Join(lines, "\n"))
		}
	}
}

// rules are a step's deadline and order as people say them: "dans les
// 30 min", "toutes les 4 h", "72 h après la détection", "après :
// qualifier", "seulement si : personal_data".
func (k *Kit) rules(s playbook.Step) string {
	var out []string
	switch {
	case time.Duration(s.Due) == time.Hour:
		out = append(out, k.T("paper.rule.due.hour"))
	case s.Due > 0:
		out = append(out, k.T("paper.rule.due", span(k.Lang, time.Duration(s.Due))))
	}
	if s.Deadline > 0 {
		out = append(out, k.T("paper.rule.deadline", span(k.Lang, time.Duration(s.Deadline))))
	}
	if s.Every > 0 {
		out = append(out, k.T("paper.rule.every", span(k.Lang, time.Duration(s.Every))))
	}
	if len(s.Needs) > 0 {
		out = append(out, k.T("paper.rule.needs", strings.Join(s.Needs, ", ")))
	}
	if s.When != "" {
		out = append(out, k.T("paper.rule.when", md(s.When)))
	}
	return strings.Join(out, " · ")
}

// span writes a playbook's delay the way the cell says it: in hours below
// a week ("72 h", not "3 j": the legal deadlines are said in hours), in
// days above.
func span(lang locale.Lang, d time.Duration) string {
	if d >= 7*24*time.Hour && d%(24*time.Hour) == 0 {
		unit := "j"
		if lang == locale.EN {
			unit = "d"
		}
		return fmt.Sprintf("%d %s", d/(24*time.Hour), unit)
	}
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case h == 0:
		return fmt.Sprintf("%d min", m)
	case m == 0:
		return fmt.Sprintf("%d h", h)
	}
	return fmt.Sprintf("%d h %02d", h, m)
}

// stepState is where a step stands on the board: its latest task's state,
// owner and due time, or "not open yet".
func (k *Kit) stepState(p *playbook.Playbook, s playbook.Step) string {
	var last *crisis.Task
	for i, t := range k.Tasks {
		if t.Playbook == p.ID && t.StepID == s.ID && (last == nil || t.Occurrence >= last.Occurrence) {
			last = &k.Tasks[i]
		}
	}
	if last == nil {
		if ok, err := s.Applies(k.Facts); err == nil && !ok {
			return k.T("paper.step.skipped")
		}
		return k.T("paper.step.notyet")
	}
	t := *last
	parts := []string{t.Ref()}
	if t.State == crisis.TaskDone {
		parts = append(parts, k.T("paper.step.done", k.time(t.DoneAt)))
	} else {
		parts = append(parts, k.T("state."+string(t.State)))
	}
	if t.Owner != "" {
		parts = append(parts, "@"+t.Owner)
	}
	if !t.Due.IsZero() && t.Active() {
		due := k.T("task.due", k.time(t.Due))
		if k.Now.After(t.Due) {
			due = k.T("paper.board.overdue", due)
		}
		parts = append(parts, due)
	}
	if t.State == crisis.TaskBlocked && t.BlockReason != "" {
		parts = append(parts, t.BlockReason)
	}
	if t.State == crisis.TaskDone && t.Note != "" {
		parts = append(parts, quote(k.Lang, t.Note))
	}
	return strings.Join(slices.DeleteFunc(parts, func(s string) bool { return s == "" }), ", ")
}

// quote puts what a member wrote between the quotation marks of lang.
func quote(lang locale.Lang, s string) string {
	if lang == locale.EN {
		return "“" + s + "”"
	}
	return "« " + s + " »"
}
