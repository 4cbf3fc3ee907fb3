package command

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// FormatTime shows a time in the configured zone, the way the cell reads it.
func (c *Call) FormatTime(t time.Time) string { return locale.FormatTime(t, c.Env.Loc, c.Lang) }

// Board renders the crisis board: what the cell looks at first. Every
// section reads the record; nothing here is stored.
func (c *Call) Board(cr crisis.Crisis) (string, error) {
	var b strings.Builder
	state := c.T("crisis.state." + string(cr.State))
	fmt.Fprintf(&b, "**%s**\n", c.T("board.title", cr.ID, cr.Title, state))
	if cr.Severity != "" {
		fmt.Fprintf(&b, "%s\n", c.T("board.severity", c.T("severity."+cr.Severity)))
	}
	if !cr.StartedAt.IsZero() {
		fmt.Fprintf(&b, "%s\n", c.T("board.started", c.FormatTime(cr.StartedAt)))
	}
	if !cr.DetectedAt.IsZero() {
		fmt.Fprintf(&b, "%s\n", c.T("board.detected", c.FormatTime(cr.DetectedAt)))
	}
	fmt.Fprintf(&b, "%s\n", c.T("board.opened", c.FormatTime(cr.OpenedAt), "@"+cr.OpenedBy))
	pbs, err := c.Op.Tx.Playbooks(cr.ID)
	if err != nil {
		return "", err
	}
	if len(pbs) > 0 {
		fmt.Fprintf(&b, "%s\n", c.T("board.playbooks", strings.Join(pbs, ", ")))
	}
	// The board shows the tasks not done and counts the rest: those are
	// all it reads, once for the sections that show them. A crisis's done
	// tasks pile up; reading them was most of a board's cost. The compact
	// board shows only the tasks with a due time.
	count, err := c.Op.Tx.TaskCounts(cr.ID)
	if err != nil {
		return "", err
	}
	tasks, err := c.Op.Tx.ActiveTasks(cr.ID, c.compact)
	if err != nil {
		return "", err
	}
	deadlines := func(crisis.Crisis) (string, error) { return c.deadlinesSection(tasks) }
	sections := []func(crisis.Crisis) (string, error){deadlines, c.rolesSection, c.contactsSection, func(crisis.Crisis) (string, error) { return c.tasksSection(count, tasks) }, c.servicesSection, c.draftsSection, c.questionsSection, c.factsSection, c.indicatorsSection, c.recentLogSection}
	if c.compact {
		// Where space is short (a pinned Discord message), the tasks are
		// counted only — each has its own message — and the log, facts and
		// indicators are left to /crisis status.
		sections = []func(crisis.Crisis) (string, error){deadlines, c.rolesSection, func(crisis.Crisis) (string, error) { return c.taskCounts(count), nil }, c.servicesSection, c.draftsSection, c.questionsSection}
	}
	for _, s := range sections {
		text, err := s(cr)
		if err != nil {
			return "", err
		}
		if text != "" {
			b.WriteByte('\n')
			b.WriteString(text)
			b.WriteByte('\n')
		}
	}
	return strings.TrimRight(b.String(), "\n"), nil
}

// deadlinesSection counts down to the next due times, the 72-hour windows
// (complaint, insurer, breach notification) first among equals: what the
// cell must not miss.
func (c *Call) deadlinesSection(tasks []*crisis.Task) (string, error) {
	var due []*crisis.Task
	for _, t := range tasks {
		if t.Active() && !t.Due.IsZero() {
			due = append(due, t)
		}
	}
	if len(due) == 0 {
		return "", nil
	}
	sort.SliceStable(due, func(i, j int) bool { return due[i].Due.Before(due[j].Due) })
	// The long windows (the 72 hours of the complaint, the insurer, the
	// breach notification) are always shown; then the nearest others.
	const shown = 5
	var pick []*crisis.Task
	for _, t := range due {
		if isLongWindow(t) {
			pick = append(pick, t)
		}
	}
	for _, t := range due {
		if !isLongWindow(t) && len(pick) < shown {
			pick = append(pick, t)
		}
	}
	sort.SliceStable(pick, func(i, j int) bool { return pick[i].Due.Before(pick[j].Due) })
	lines := []string{"**" + c.T("board.deadlines") + "**"}
	for _, t := range pick {
		left := t.Due.Sub(c.Op.Now)
		when := c.T("deadline.left", c.span(left.Round(time.Minute)))
		if left <= 0 {
			when = c.T("deadline.passed", c.span((-left).Round(time.Minute)))
		}
		lines = append(lines, fmt.Sprintf("- %s — %s %s (%s)", c.FormatTime(t.Due), t.Ref(), t.Title, when))
	}
	if len(due) > len(pick) {
		lines = append(lines, c.T("deadline.more", locale.N(len(due)-len(pick), "count.more")))
	}
	return strings.Join(lines, "\n"), nil
}

// span writes a duration for the reader: "2 j 4 h" in French, "2 d 4 h" in
// English.
func (c *Call) span(d time.Duration) string { return locale.Duration(c.Lang, d) }

// isLongWindow: a legal document's task, or a task given a day or more.
func isLongWindow(t *crisis.Task) bool {
	return t.Draft == string(crisis.DraftComplaint) || t.Draft == string(crisis.DraftBreach) || t.Due.Sub(t.CreatedAt) >= 24*time.Hour
}

func (c *Call) rolesSection(cr crisis.Crisis) (string, error) {
	roles, err := c.Op.Tx.Roles(cr.ID)
	if err != nil {
		return "", err
	}
	if len(roles) == 0 {
		return "**" + c.T("board.roles") + "**\n" + c.T("board.roles.none"), nil
	}
	lines := []string{"**" + c.T("board.roles") + "**"}
	byRole := map[string][]string{}
	var order []string
	for _, r := range roles {
		if _, ok := byRole[r.Role]; !ok {
			order = append(order, r.Role)
		}
		byRole[r.Role] = append(byRole[r.Role], "@"+r.MemberID)
	}
	for _, r := range order {
		lines = append(lines, "- "+c.T("kv", r, strings.Join(byRole[r], ", ")))
	}
	return strings.Join(lines, "\n"), nil
}

// tasksSection groups active tasks by owner (then by waiting role), with the
// counts by state on top.
func (c *Call) tasksSection(count map[crisis.TaskState]int, tasks []*crisis.Task) (string, error) {
	// Grouped by index: a crisis of hundreds of active tasks copied each
	// into its group on every /crisis status.
	groups := map[string][]int{}
	var keys []string
	for i, t := range tasks {
		if !t.Active() {
			continue
		}
		key := "3"
		switch {
		case t.Owner != "":
			key = "1@" + t.Owner
		case t.Role != "":
			key = "2" + t.Role
		}
		if _, ok := groups[key]; !ok {
			keys = append(keys, key)
		}
		groups[key] = append(groups[key], i)
	}
	var b strings.Builder
	size := 0
	for i := range tasks {
		size += 64 + len(tasks[i].Title) // a line's usual length, title aside
	}
	b.Grow(size)
	b.WriteString(c.taskCounts(count))
	sort.Strings(keys)
	for _, k := range keys {
		b.WriteByte('\n')
		switch k[0] {
		case '1':
			b.WriteString(k[1:])
		case '2':
			b.WriteString(c.T("board.tasks.role", k[1:]))
		default:
			b.WriteString(c.T("board.tasks.nobody"))
		}
		for _, i := range groups[k] {
			b.WriteString("\n  ")
			c.writeTaskLine(&b, tasks[i])
		}
	}
	return b.String(), nil
}

// taskCounts is the tasks section's first line alone.
func (c *Call) taskCounts(count map[crisis.TaskState]int) string {
	return "**" + c.T("board.tasks", locale.N(count[crisis.TaskOpen], "count.open"), locale.N(count[crisis.TaskTaken], "count.taken"),
		locale.N(count[crisis.TaskBlocked], "count.blocked"), locale.N(count[crisis.TaskDone], "count.done")) + "**"
}

func (c *Call) servicesSection(cr crisis.Crisis) (string, error) {
	ss, err := c.Op.Tx.Services(cr.ID)
	if err != nil || len(ss) == 0 {
		return "", err
	}
	lines := []string{"**" + c.T("board.services") + "**"}
	for _, s := range ss {
		lines = append(lines, c.serviceLine(s))
	}
	return strings.Join(lines, "\n"), nil
}

// draftsSection lists the drafts that wait for someone to decide.
func (c *Call) draftsSection(cr crisis.Crisis) (string, error) {
	ds, err := c.Op.Tx.Drafts(cr.ID)
	if err != nil {
		return "", err
	}
	lines := []string{"**" + c.T("board.drafts") + "**"}
	for _, d := range ds {
		if d.State == crisis.DraftProposed {
			lines = append(lines, c.draftLine(d))
		}
	}
	if len(lines) == 1 {
		return "", nil
	}
	return strings.Join(lines, "\n"), nil
}

// questionsSection lists what the playbooks still need to know: the board
// asks until someone answers with /crisis fact.
func (c *Call) questionsSection(cr crisis.Crisis) (string, error) {
	if c.Op.Planner == nil {
		return "", nil
	}
	qs, err := c.Op.Planner.Questions(c.Op, cr)
	if err != nil || len(qs) == 0 {
		return "", err
	}
	lines := []string{"**" + c.T("board.questions") + "**"}
	for _, q := range qs {
		lines = append(lines, fmt.Sprintf("- %s → /crisis fact name:%s value:…", q.Text, q.Fact))
	}
	return strings.Join(lines, "\n"), nil
}

func (c *Call) factsSection(cr crisis.Crisis) (string, error) {
	fs, err := c.Op.Tx.Facts(cr.ID)
	if err != nil || len(fs) == 0 {
		return "", err
	}
	lines := []string{"**" + c.T("board.facts") + "**"}
	for _, f := range fs {
		lines = append(lines, "- "+c.T("kv", f.Name, crisis.AnswerIn(c.Lang, f.Value)))
	}
	return strings.Join(lines, "\n"), nil
}

func (c *Call) indicatorsSection(cr crisis.Crisis) (string, error) {
	is, _, err := crisis.StandingIndicators(c.Op.Tx, cr.ID) // a withdrawn one is no indicator
	if err != nil || len(is) == 0 {
		return "", err
	}
	ev, err := c.Op.Tx.Evidence(cr.ID)
	if err != nil {
		return "", err
	}
	lines := []string{"**" + c.T("board.indicators", len(is), len(ev)) + "**"}
	for _, i := range is {
		lines = append(lines, "- "+crisis.IndicatorKindIn(c.Lang, i.Kind)+" `"+i.Value+"`")
	}
	return strings.Join(lines, "\n"), nil
}

// recentLogSection shows the last few log entries: enough to see what the
// cell did last without scrolling the channel.
func (c *Call) recentLogSection(cr crisis.Crisis) (string, error) {
	const last = 5
	// The last entries only: the log grows all crisis long. Entries are
	// numbered from 1 without a gap, so the last one's number counts them.
	entries, err := c.Op.Tx.RecentLog(cr.ID, last)
	if err != nil || len(entries) == 0 {
		return "", err
	}
	n := int(entries[len(entries)-1].Seq)
	lines := []string{"**" + c.T("board.log", locale.N(n, "count.entry")) + "**"}
	for _, e := range entries {
		lines = append(lines, c.logLine(e))
	}
	return strings.Join(lines, "\n"), nil
}

// logLine renders an entry; a back-dated one shows when it was recorded too.
func (c *Call) logLine(e crisis.LogEntry) string {
	s := fmt.Sprintf("- %s %s — %s", c.FormatTime(e.At), "@"+e.Author, e.Text)
	if !e.At.Equal(e.RecordedAt) {
		s += " " + c.T("log.recorded", c.FormatTime(e.RecordedAt))
	}
	return s
}
