package draft

import (
	"bytes"
	"embed"
	"fmt"
	"regexp"
	"strings"
	"text/template"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// templates are the documents' Markdown, one file per kind and language,
// written to be read and edited by non-programmers.
//
//go:embed templates/*/*.md.tmpl
var templates embed.FS

// view is what a template sees: the sheet, the request, and derived lists.
type view struct {
	*Sheet
	Audience     string
	Instructions string
}

// ServicesDown are the services that are down or degraded, worst first.
func (v view) ServicesDown() []crisis.Service {
	return append(v.ServicesBy("down"), v.ServicesBy("degraded")...)
}

// Deadline72 is 72 hours after detection: the breach notification's and
// the insurer's deadline.
func (v view) Deadline72() time.Time { return v.BreachDeadline() }

// BreachLate reports whether the 72 hours have passed.
func (v view) BreachLate() bool { return v.Now.After(v.BreachDeadline()) }

// factWords are the built-in facts as sentences, for the documents.
var factWords = map[string]locale.Text{
	"personal_data":    {FR: "Données personnelles concernées", EN: "Personal data involved"},
	"ransom_demanded":  {FR: "Rançon demandée", EN: "Ransom demanded"},
	"data_exfiltrated": {FR: "Données exfiltrées", EN: "Data exfiltrated"},
	"encryption":       {FR: "Données chiffrées par l'attaquant", EN: "Data encrypted by the attacker"},
	"backups_affected": {FR: "Sauvegardes touchées", EN: "Backups affected"},
}

// KnownFacts renders the answered built-in facts as "Rançon demandée : non".
func (v view) KnownFacts() []string {
	var out []string
	for _, name := range []string{"personal_data", "ransom_demanded", "data_exfiltrated", "encryption", "backups_affected"} {
		if val, ok := v.Facts[name]; ok {
			sep := " : "
			if v.Lang == locale.EN {
				sep = ": "
			}
			out = append(out, factWords[name].In(v.Lang)+sep+val)
		}
	}
	return out
}

// Contacts lists who holds which crisis role.
func (v view) Contacts() []string {
	var out []string
	for _, r := range v.Roles {
		sep := " : "
		if v.Lang == locale.EN {
			sep = ": "
		}
		out = append(out, r.Role+sep+v.Member(r.MemberID))
	}
	return out
}

// OnTime are the tasks done before their due time, or that had none.
func (v view) OnTime() []crisis.Task {
	var out []crisis.Task
	for _, t := range v.DoneTasks() {
		if t.Due.IsZero() || !t.DoneAt.After(t.Due) {
			out = append(out, t)
		}
	}
	return out
}

// LateTasks are the tasks done after their due time or still open past it.
func (v view) LateTasks() []crisis.Task {
	var out []crisis.Task
	for _, t := range v.Tasks {
		if t.Due.IsZero() {
			continue
		}
		if (t.Active() && v.Now.After(t.Due)) || (!t.Active() && t.DoneAt.After(t.Due)) {
			out = append(out, t)
		}
	}
	return out
}

// Blocked are the tasks still blocked.
func (v view) Blocked() []crisis.Task {
	var out []crisis.Task
	for _, t := range v.Tasks {
		if t.State == crisis.TaskBlocked {
			out = append(out, t)
		}
	}
	return out
}

// Render fills the template of a kind in the sheet's language. It returns
// the Markdown and what the document lacks, each marked in the text for
// someone to complete.
func Render(kind crisis.DraftKind, s *Sheet, audience, instructions string) (string, []string, error) {
	var missing []string
	funcs := template.FuncMap{
		"dt": func(t time.Time) string { return locale.FormatTime(t, s.Loc, s.Lang) },
		"day": func(t time.Time) string {
			if s.Lang == locale.EN {
				return t.In(s.Loc).Format("2006-01-02")
			}
			return t.In(s.Loc).Format("02/01/2006")
		},
		"clock":  func(t time.Time) string { return t.In(s.Loc).Format("15:04") },
		"status": func(st string) string { return locale.T(s.Lang, "service."+st) },
		"member": s.Member,
		// cell keeps a value on one table row.
		"cell": func(v string) string {
			return strings.NewReplacer("|", "\\|", "\r\n", " ", "\n", " ").Replace(v)
		},
		"missing": func(what string) string {
			missing = append(missing, what)
			if s.Lang == locale.EN {
				return "**[TO BE COMPLETED: " + what + "]**"
			}
			return "**[À COMPLÉTER : " + what + "]**"
		},
	}
	name := fmt.Sprintf("templates/%s/%s.md.tmpl", s.Lang, kind)
	t, err := template.New(string(kind)+".md.tmpl").Funcs(funcs).ParseFS(templates, name)
	if err != nil {
		return "", nil, fmt.Errorf("template %s: %w", name, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, view{Sheet: s, Audience: audience, Instructions: instructions}); err != nil {
		return "", nil, fmt.Errorf("template %s: %w", name, err)
	}
	// Templates stay readable with their blocks on lines of their own; the
	// blank lines that leaves are folded here.
	return strings.TrimSpace(blankRuns.ReplaceAllString(b.String(), "\n\n")) + "\n", missing, nil
}

var blankRuns = regexp.MustCompile(`\n{3,}`)
