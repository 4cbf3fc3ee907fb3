// Package draft writes the documents the cell must produce — public status
// updates, the police complaint file, the personal-data breach notification
// and the after-action report — from a fact sheet built from the crisis
// record and from nothing else. Templates always work; a language model, when
// configured, may write the status update's prose, and every draft goes
// through the fact check before anyone can approve it.
package draft

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/contacts"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// Org is the organisation the cell works for: the victim in the complaint,
// the controller in the breach notification.
type Org struct {
	Name           string
	Address        string
	Representative string
	SIREN          string
	// Contacts are the cell's own entries of the crisis directory.
	Contacts []contacts.Entry
}

// Sheet is everything a draft may say: the crisis record as of one moment.
type Sheet struct {
	Org        Org
	Crisis     crisis.Crisis
	Now        time.Time
	Loc        *time.Location
	Lang       locale.Lang
	Log        []crisis.LogEntry // in order of the time of the fact
	Services   []crisis.Service  // worst first
	Indicators []crisis.Indicator
	Evidence   []crisis.Evidence
	Tasks      []crisis.Task
	Facts      map[string]string
	Roles      []crisis.RoleAssignment
	Members    map[string]crisis.Member
	Drafts     []crisis.Draft
	// Withdrawn are the indicators recorded then retracted, with why:
	// Indicators holds only those that stand.
	Withdrawn []crisis.WithdrawnIndicator
	// Custody is every evidence transfer, oldest first (see Chain).
	Custody []crisis.CustodyTransfer
	// NextUpdate is when the next public update is due on the board's
	// schedule (see Schedule), never a time already due; zero when the
	// record schedules none, and then the update says nothing of it.
	NextUpdate time.Time
	// Directory is the crisis directory: configured, added, national.
	Directory []contacts.Entry
	// RoleNames are the crisis roles' names as its playbooks give them
	// ("Responsable des systèmes d'information" for dsi); a role without
	// one reads as its id.
	RoleNames map[string]string
}

// BuildSheet reads the crisis record into a fact sheet.
func BuildSheet(tx crisis.Tx, c crisis.Crisis, org Org, now time.Time, loc *time.Location, lang locale.Lang) (*Sheet, error) {
	s := &Sheet{Org: org, Crisis: c, Now: now, Loc: loc, Lang: lang, Facts: map[string]string{}, Members: map[string]crisis.Member{}}
	var err error
	if s.Log, err = tx.Log(c.ID); err != nil {
		return nil, err
	}
	sort.SliceStable(s.Log, func(i, j int) bool { return s.Log[i].At.Before(s.Log[j].At) })
	if s.Services, err = tx.Services(c.ID); err != nil {
		return nil, err
	}
	if s.Indicators, s.Withdrawn, err = crisis.StandingIndicators(tx, c.ID); err != nil {
		return nil, err
	}
	if s.Evidence, err = tx.Evidence(c.ID); err != nil {
		return nil, err
	}
	if s.Custody, err = tx.Custody(c.ID); err != nil {
		return nil, err
	}
	if s.Tasks, err = tx.Tasks(c.ID, crisis.TaskFilter{}); err != nil {
		return nil, err
	}
	facts, err := tx.Facts(c.ID)
	if err != nil {
		return nil, err
	}
	for _, f := range facts {
		s.Facts[f.Name] = f.Value
	}
	if s.Roles, err = tx.Roles(c.ID); err != nil {
		return nil, err
	}
	members, err := tx.Members()
	if err != nil {
		return nil, err
	}
	for _, m := range members {
		s.Members[m.ID] = m
	}
	if s.Drafts, err = tx.Drafts(c.ID); err != nil {
		return nil, err
	}
	added, err := tx.Contacts()
	if err != nil {
		return nil, err
	}
	s.Directory = contacts.Directory(org.Contacts, added)
	s.Schedule(nil, true)
	return s, nil
}

// Schedule sets NextUpdate from the board's schedule. A public update
// (completes) completes the first open status task (the one ProposeDraft
// attaches it to), so that task's due time is not the next update's: the
// next is the step's next occurrence as the playbook engine will arm it
// (next, given the task and the time of publication), or another status
// task already on the board. Only a time still to come counts. next may be
// nil (no playbooks): then only tasks on the board count.
func (s *Sheet) Schedule(next func(crisis.Task, time.Time) time.Time, completes bool) {
	s.NextUpdate = time.Time{}
	current := completes
	for _, t := range s.Tasks {
		if !t.Active() || t.Draft != string(crisis.DraftStatus) {
			continue
		}
		due := t.Due
		if current {
			current = false
			due = time.Time{}
			if next != nil {
				due = next(t, s.Now)
			}
		}
		if due.After(s.Now) && (s.NextUpdate.IsZero() || due.Before(s.NextUpdate)) {
			s.NextUpdate = due
		}
	}
}

// StepDone reports whether a task of a playbook step whose id starts with
// prefix ("isoler", "sauvegardes") is done: the record of an act.
func (s *Sheet) StepDone(prefix string) bool {
	for _, t := range s.Tasks {
		if t.State == crisis.TaskDone && t.StepID != "" && strings.HasPrefix(t.StepID, prefix) {
			return true
		}
	}
	return false
}

// MailDown reports whether a mail service is recorded as down or degraded:
// only then may an update warn that messages may not arrive.
func (s *Sheet) MailDown() bool {
	for _, v := range s.Services {
		if v.Status == "up" {
			continue
		}
		n := strings.ToLower(v.Name)
		for _, w := range []string{"messagerie", "mail", "courriel"} {
			if strings.Contains(n, w) {
				return true
			}
		}
	}
	return false
}

// Workarounds reports whether a service down or degraded has a workaround
// recorded: only then may an update point to the ones "above".
func (s *Sheet) Workarounds() bool {
	for _, v := range s.Services {
		if v.Status != "up" && v.Workaround != "" {
			return true
		}
	}
	return false
}

// ServicesBy returns the services with the given status.
func (s *Sheet) ServicesBy(status string) []crisis.Service {
	var out []crisis.Service
	for _, v := range s.Services {
		if v.Status == status {
			out = append(out, v)
		}
	}
	return out
}

// Chronology is the log in the order things happened. A member dates a
// note, and the attack's start and detection, when they happened; every
// other entry is the record's own line, and happened when it was written:
// an overdue notice or an escalation is dated by the scheduler at the time
// it was planned, which is no fact (it put an escalation before the
// detection, or before the crisis was even open).
func (s *Sheet) Chronology() []crisis.LogEntry {
	out := slices.Clone(s.Log)
	for i, e := range out {
		if e.Kind != crisis.LogNote && e.Kind != crisis.LogCrisis {
			out[i].At = e.RecordedAt
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out
}

// Notes are the log entries members wrote (not the record's own lines).
func (s *Sheet) Notes() []crisis.LogEntry {
	// Nearly every entry is a note: sized once, not grown entry by entry.
	out := make([]crisis.LogEntry, 0, len(s.Log))
	for _, e := range s.Log {
		if e.Kind == crisis.LogNote || (e.Kind == crisis.LogCrisis && !e.At.Equal(e.RecordedAt)) {
			out = append(out, e)
		}
	}
	return out
}

// Fact returns a fact's value, "" when unanswered.
func (s *Sheet) Fact(name string) string { return s.Facts[name] }

// Yes reports whether a fact is answered yes.
func (s *Sheet) Yes(name string) bool {
	return slices.Contains([]string{"yes", "oui", "true", "vrai", "1", "y", "o"}, strings.ToLower(strings.TrimSpace(s.Facts[name])))
}

// No reports whether a fact is answered no.
func (s *Sheet) No(name string) bool {
	return slices.Contains([]string{"no", "non", "false", "faux", "0", "n"}, strings.ToLower(strings.TrimSpace(s.Facts[name])))
}

// DoneTasks are the tasks finished, in the order they were done.
func (s *Sheet) DoneTasks() []crisis.Task {
	var out []crisis.Task
	for _, t := range s.Tasks {
		if !t.Active() {
			out = append(out, t)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].DoneAt.Before(out[j].DoneAt) })
	return out
}

// OpenTasks are the tasks not done.
func (s *Sheet) OpenTasks() []crisis.Task {
	var out []crisis.Task
	for _, t := range s.Tasks {
		if t.Active() {
			out = append(out, t)
		}
	}
	return out
}

// Holders lists the members holding a role, by label.
func (s *Sheet) Holders(role string) []string {
	var out []string
	for _, r := range s.Roles {
		if r.Role == role {
			out = append(out, s.Member(r.MemberID))
		}
	}
	return out
}

// Member labels a member ID.
func (s *Sheet) Member(id string) string {
	if m, ok := s.Members[id]; ok {
		return m.Label()
	}
	return "@" + id
}

// BreachDeadline is 72 hours after detection (GDPR art. 33(1)).
func (s *Sheet) BreachDeadline() time.Time { return s.Crisis.Reference().Add(72 * time.Hour) }
