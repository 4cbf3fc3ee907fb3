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
	"fraud_attempted":  {FR: "Tentative de virement frauduleux", EN: "Fraudulent transfer attempted"},
}

// yesNoFacts are the facts answered yes or no; the others hold free text.
var yesNoFacts = []string{"personal_data", "ransom_demanded", "data_exfiltrated", "encryption", "backups_affected", "fraud_attempted"}

// KnownFacts renders the answered built-in facts as "Rançon demandée : non",
// a yes or a no in the document's language whatever was typed.
func (v view) KnownFacts() []string {
	var out []string
	for _, name := range yesNoFacts {
		if _, ok := v.Facts[name]; ok {
			out = append(out, v.kv(factWords[name].In(v.Lang), v.Answer(name)))
		}
	}
	return out
}

// Answer is a fact's answer as the document says it: oui/non (yes/no) for
// an answer read as one, else as typed.
func (v view) Answer(name string) string {
	val := strings.TrimSpace(v.Facts[name])
	switch {
	case v.Yes(name):
		return locale.Text{FR: "oui", EN: "yes"}.In(v.Lang)
	case v.No(name):
		return locale.Text{FR: "non", EN: "no"}.In(v.Lang)
	}
	return val
}

// kv joins a label and a value with the language's colon.
func (v view) kv(label, value string) string {
	if v.Lang == locale.EN {
		return label + ": " + value
	}
	return label + " : " + value
}

// stateWords are the task states as a document names them.
var stateWords = map[crisis.TaskState]locale.Text{
	crisis.TaskOpen:    {FR: "À faire", EN: "To do"},
	crisis.TaskTaken:   {FR: "En cours", EN: "In progress"},
	crisis.TaskBlocked: {FR: "Bloquée", EN: "Blocked"},
	crisis.TaskDone:    {FR: "Faite", EN: "Done"},
}

// Offence is an article of the Code pénal the recorded facts support.
type Offence struct {
	Article string
	Text    string
}

// Offences are the offences the record supports: the intrusion (323-1)
// and its attempt (323-7) always, the attack being why the cell exists;
// obstructing the system (323-2) only when a service is recorded down or
// degraded, or data encrypted or backups hit; tampering with data (323-3)
// only when the record shows data encrypted, copied out, personal data
// touched, fraudulent mail sent, or a malicious file's hash; extortion
// (312-1) only when a ransom was demanded; attempted fraud (313-1, 313-3)
// only when a fraudulent transfer was attempted. A complaint that cites an
// article no recorded fact supports is one the cell cannot sign.
func (v view) Offences() []Offence {
	fr := v.Lang != locale.EN
	pick := func(f, e string) string {
		if fr {
			return f
		}
		return e
	}
	out := []Offence{
		{"323-1", pick("accès ou maintien frauduleux dans tout ou partie d'un système de traitement automatisé de données", "fraudulent access to or presence in all or part of an automated data processing system")},
	}
	if len(v.ServicesDown()) > 0 || v.Yes("encryption") || v.Yes("backups_affected") {
		out = append(out, Offence{"323-2", pick("fait d'entraver ou de fausser le fonctionnement d'un tel système", "obstructing or distorting the operation of such a system")})
	}
	if v.dataTampered() {
		out = append(out, Offence{"323-3", pick("introduction, extraction, détention, reproduction, transmission, suppression ou modification frauduleuse de données", "fraudulent introduction, extraction, holding, copying, transmission, deletion or alteration of data")})
	}
	out = append(out, Offence{"323-7", pick("la tentative de ces délits est punie des mêmes peines", "an attempt at these offences carries the same penalties")})
	if v.Yes("ransom_demanded") {
		out = append(out, Offence{"312-1", pick("extorsion : une rançon a été exigée", "extortion: a ransom was demanded")})
	}
	if v.Yes("fraud_attempted") {
		out = append(out,
			Offence{"313-1", pick("escroquerie : un virement frauduleux a été tenté", "fraud: a fraudulent transfer was attempted")},
			Offence{"313-3", pick("la tentative d'escroquerie est punie des mêmes peines", "attempted fraud carries the same penalties")})
	}
	return out
}

// dataTampered reports whether the record shows data introduced, copied,
// altered or made unreadable (Code pénal 323-3).
func (v view) dataTampered() bool {
	for _, f := range []string{"encryption", "data_exfiltrated", "personal_data", "phishing_sent", "backups_affected"} {
		if v.Yes(f) {
			return true
		}
	}
	for _, i := range v.Indicators {
		if i.Kind == "hash" {
			return true
		}
	}
	return false
}

// HighRisk reports whether the record shows a high risk to the persons
// concerned (GDPR art. 34): data exfiltrated, or the fact high_risk
// answered yes.
func (v view) HighRisk() bool { return v.Yes("high_risk") || v.Yes("data_exfiltrated") }

// Contacts lists who holds which crisis role.
func (v view) Contacts() []string {
	var out []string
	for _, r := range v.Roles {
		out = append(out, v.kv(r.Role, v.Member(r.MemberID)))
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
	// A complaint shows each entry's times and author on a row of its
	// own, 10,000 rows for a long crisis: each second is formatted and
	// each member labelled once.
	times, members := map[int64]string{}, map[string]string{}
	dt := func(t time.Time) string {
		if t.IsZero() {
			return locale.FormatTime(t, s.Loc, s.Lang)
		}
		f, ok := times[t.Unix()]
		if !ok {
			f = locale.FormatTime(t, s.Loc, s.Lang)
			times[t.Unix()] = f
		}
		return f
	}
	member := func(id string) string {
		l, ok := members[id]
		if !ok {
			l = s.Member(id)
			members[id] = l
		}
		return l
	}
	funcs := template.FuncMap{
		"dt": dt,
		"day": func(t time.Time) string {
			if s.Lang == locale.EN {
				return t.In(s.Loc).Format("2006-01-02")
			}
			return t.In(s.Loc).Format("02/01/2006")
		},
		"clock":       func(t time.Time) string { return t.In(s.Loc).Format("15:04") },
		"status":      func(st string) string { return locale.T(s.Lang, "service."+st) },
		"member":      member,
		"midSentence": midSentence,
		"state":       func(st crisis.TaskState) string { return stateWords[st].In(s.Lang) },
		"kind":        func(k string) string { return crisis.IndicatorKindIn(s.Lang, k) },
		// cell keeps a value on one table row.
		"cell": cell,
		// logRow is a log entry's row of a table: "| when | recorded |
		// text | by |", written in Go, as one call: a template calls its
		// functions through reflection, four a row cost more than the
		// rest of a 10,000-entry complaint.
		"logRow": func(e crisis.LogEntry) string {
			at, rec, text, by := dt(e.At), dt(e.RecordedAt), cell(e.Text), member(e.Author)
			var b strings.Builder
			b.Grow(len(at) + len(rec) + len(text) + len(by) + 14)
			for _, part := range [...]string{"| ", at, " | ", rec, " | ", text, " | ", by, " |"} {
				b.WriteString(part)
			}
			return b.String()
		},
		// blank marks what the signer fills in by hand on the signed
		// copy (the court, the place): shown, but no fact is missing.
		// It is a line to write on, not a gap in the record: the fact
		// check does not count it as missing.
		"blank": func(what string) string {
			return "………………………… (" + what + ")"
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

// cell keeps a value on one table row.
func cell(v string) string {
	if !strings.ContainsAny(v, "|\n") {
		return v // most cells: nothing to escape
	}
	return cellEscapes.Replace(v)
}

// cellEscapes keep a value on one table row; built once, not per cell (a
// complaint has a row per log entry).
var cellEscapes = strings.NewReplacer("|", "\\|", "\r\n", " ", "\n", " ")

// articles open an office written as it heads a line ("Le maire de Caen",
// "The Chief Executive"); inside a sentence the article is lower-case.
var articles = regexp.MustCompile(`^(Le|La|Les|The) |^L['’]`)

// midSentence writes a configured phrase as it reads inside a sentence:
// « représentée par le maire de Caen », not « par Le maire ». Only a
// leading article is lowered; a name ("Lemaire Paul") is left as typed.
func midSentence(s string) string {
	if !articles.MatchString(s) {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
