package timeline

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// FromRecord reads one crisis's timeline from the record: its log, the
// history of its services (read back from the log entries the service
// board writes, in either language), its tasks' due times and, when
// personal data is concerned, the 72 hours of the breach notification.
// now ends the axis while the crisis is open; zero, the record's last
// entry does (an export then says nothing of when it was made).
func FromRecord(tx crisis.Tx, crisisID int64, now time.Time) (Input, error) {
	c, err := tx.Crisis(crisisID)
	if err != nil {
		return Input{}, fmt.Errorf("timeline of crisis %d: %w", crisisID, err)
	}
	entries, err := tx.Log(c.ID)
	if err != nil {
		return Input{}, fmt.Errorf("timeline of crisis %d: log: %w", c.ID, err)
	}
	services, err := tx.Services(c.ID)
	if err != nil {
		return Input{}, fmt.Errorf("timeline of crisis %d: services: %w", c.ID, err)
	}
	tasks, err := tx.Tasks(c.ID, crisis.TaskFilter{})
	if err != nil {
		return Input{}, fmt.Errorf("timeline of crisis %d: tasks: %w", c.ID, err)
	}
	facts, err := tx.Facts(c.ID)
	if err != nil {
		return Input{}, fmt.Errorf("timeline of crisis %d: facts: %w", c.ID, err)
	}
	in := Input{Title: c.Title, Opened: c.OpenedAt, Detected: c.DetectedAt, Closed: c.ClosedAt, Now: now}
	for _, e := range entries {
		if now.IsZero() && e.RecordedAt.After(in.Now) {
			in.Now = e.RecordedAt
		}
		in.Entries = append(in.Entries, Entry{Seq: e.Seq, At: e.At, Written: e.RecordedAt, Kind: string(e.Kind), Text: e.Text})
	}
	in.Services = serviceHistory(entries, services)

	breach := false
	for _, f := range facts {
		if f.Name == "personal_data" && yes(f.Value) {
			breach = true
		}
	}
	for _, t := range tasks {
		if t.Draft == string(crisis.DraftBreach) {
			breach = true
		}
		if t.Due.IsZero() {
			continue
		}
		in.Deadlines = append(in.Deadlines, Deadline{At: t.Due, Label: fmt.Sprintf("#%d %s", t.ID, t.Title), Done: t.State == crisis.TaskDone})
	}
	if breach {
		in.Deadlines = append(in.Deadlines, Deadline{At: c.Reference().Add(72 * time.Hour), Label: "72 h CNIL", Legal: true})
	}
	return in, nil
}

func yes(v string) bool {
	return slices.Contains([]string{"yes", "oui", "true", "vrai", "1", "y", "o"}, strings.ToLower(strings.TrimSpace(v)))
}

// serviceHistory rebuilds each service's states from the log: the board
// keeps only the latest, and every change was logged as "Service NAME :
// STATE…" in the cell's language of the day. A service whose entries
// cannot be read (renamed since, say) shows its current state from its
// last update.
func serviceHistory(entries []crisis.LogEntry, services []crisis.Service) []Service {
	words := map[string]string{}
	for _, st := range crisis.ServiceStatuses {
		for _, lang := range []locale.Lang{locale.FR, locale.EN} {
			words[locale.T(lang, "service."+st)] = st
		}
	}
	// Longest names first, so "Site web caen.fr" is not read as "Site web".
	names := make([]string, 0, len(services))
	for _, s := range services {
		names = append(names, s.Name)
	}
	sort.SliceStable(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	changes := map[string][]Change{}
	for _, e := range entries {
		if e.Kind != crisis.LogService {
			continue
		}
		rest, ok := strings.CutPrefix(e.Text, "Service ")
		if !ok {
			continue
		}
		for _, n := range names {
			after, ok := strings.CutPrefix(rest, n)
			if !ok {
				continue
			}
			after = strings.TrimPrefix(strings.TrimPrefix(after, " "), ":")
			word, _, _ := strings.Cut(strings.TrimSpace(after), " (")
			if st, ok := words[strings.TrimSpace(word)]; ok {
				changes[n] = append(changes[n], Change{At: e.At, Status: st})
			}
			break
		}
	}
	var out []Service
	for _, s := range services {
		ch := changes[s.Name]
		if len(ch) == 0 {
			ch = []Change{{At: s.UpdatedAt, Status: s.Status}}
		}
		out = append(out, Service{Name: s.Name, Changes: ch})
	}
	return out
}
