package command

import (
	"errors"
	"fmt"
	"strings"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/draft"
	"github.com/tocsin-crisis/tocsin/internal/export"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

func crisisCommands() []*Command {
	return []*Command{
		{
			Name: "crisis open", NameFR: "crise ouvrir", Cap: crisis.CapMember,
			Desc: d("Ouvrir une crise", "Open a crisis"),
			Options: []Option{
				{Name: "title", NameFR: "titre", Required: true, Max: 200, Desc: d("Intitulé de la crise", "Title of the crisis")},
				{Name: "playbook", Complete: CompletePlaybook, Max: 64, Desc: d("Playbook à démarrer", "Playbook to start")},
				{Name: "detected_at", NameFR: "detectee_a", Type: PastTime, Max: 40, Desc: d("Heure de détection (HH:MM, AAAA-MM-JJ HH:MM)", "Detection time (HH:MM, YYYY-MM-DD HH:MM)")},
				{Name: "started_at", NameFR: "debut_a", Type: PastTime, Max: 40, Desc: d("Début de l'attaque, s'il est connu", "When the attack began, if known")},
				{Name: "severity", NameFR: "gravite", Choices: crisis.Severities, Desc: d("Gravité", "Severity")},
			},
			Run: crisisOpen,
		},
		{
			Name: "crisis status", NameFR: "crise etat", Cap: crisis.CapMember, Crisis: true, ReadOnly: true,
			Desc: d("Le tableau de bord de la crise", "The crisis board"),
			Run:  crisisStatus,
		},
		{
			Name: "crisis fact", NameFR: "crise fait", Cap: crisis.CapMember, Crisis: true,
			Desc: d("Établir un fait (ex. personal_data: oui)", "Set a fact (e.g. personal_data: yes)"),
			Options: []Option{
				{Name: "name", NameFR: "nom", Required: true, Complete: CompleteFact, Max: 64, Desc: d("Nom du fait", "Fact name")},
				{Name: "value", NameFR: "valeur", Required: true, Max: 500, Desc: d("Valeur (oui, non, ou un texte)", "Value (yes, no, or text)")},
				{Name: "confirm", NameFR: "confirmer", Type: Bool, Desc: d("Créer un fait que rien ne lit encore", "Create a fact nothing reads yet")},
			},
			Run: crisisFact,
		},
		{
			// Written /crisis fact unset in the console (see spelled in
			// parse.go); one level on Discord, which cannot hold a
			// subcommand and a group both named fact.
			Name: "crisis unset", NameFR: "crise retirer", Cap: crisis.CapMember, Crisis: true,
			Desc: d("Retirer la réponse à un fait (une correction : la main courante la garde)", "Unset a fact's answer (a correction: the log keeps it)"),
			Options: []Option{
				{Name: "name", NameFR: "nom", Required: true, Complete: CompleteFact, Max: 64, Desc: d("Nom du fait", "Fact name")},
				{Name: "reason", NameFR: "raison", Required: true, Max: 1000, Desc: d("Pourquoi il est retiré", "Why it is unset")},
			},
			Run: crisisUnset,
		},
		{
			Name: "crisis export", NameFR: "crise exporter", Cap: crisis.CapMember, Crisis: true, ReadOnly: true, Slow: true,
			Desc: d("Tout exporter en zip : main courante, tâches, brouillons, documents", "Export everything as a zip: log, tasks, drafts, documents"),
			Run:  crisisExport,
		},
		{
			Name: "crisis switch", NameFR: "crise basculer", Cap: crisis.CapMember, ConsoleOnly: true, ReadOnly: true,
			Desc: d("Choisir la crise sur laquelle portent vos commandes (console et rejeu)", "Choose the crisis your commands act on (console and replay)"),
			Options: []Option{
				{Name: "id", Type: Integer, Required: true, Max: 12, Desc: d("Numéro de la crise", "Crisis number")},
			},
			Run: crisisSwitch,
		},
		{
			Name: "crisis close", NameFR: "crise clore", Cap: crisis.CapDirector, Crisis: true, Slow: true,
			Desc: d("Clore la crise", "Close the crisis"),
			Options: []Option{
				{Name: "summary", NameFR: "bilan", Max: 2000, Multiline: true, Desc: d("Bilan de clôture", "Closing summary")},
				{Name: "confirm", NameFR: "confirmer", Type: Bool, Desc: d("Clore même s'il reste des tâches ou des brouillons", "Close even with tasks or drafts left")},
			},
			Run: crisisClose,
		},
	}
}

func crisisOpen(c *Call) (Reply, error) {
	cr, err := c.Op.OpenCrisis(crisis.OpenInput{
		Title: c.Str("title"), Playbook: c.Str("playbook"), Severity: c.Str("severity"),
		DetectedAt: c.Time("detected_at"), StartedAt: c.Time("started_at"), Channel: c.Channel,
	})
	if err != nil {
		return Reply{}, err
	}
	text := c.T("reply.crisis.opened", cr.ID, cr.Title)
	tasks, err := c.Op.Tx.Tasks(cr.ID, crisis.TaskFilter{})
	if err != nil {
		return Reply{}, err
	}
	if len(tasks) > 0 {
		text += "\n" + c.T("reply.crisis.tasks", locale.N(len(tasks), "count.task.created"))
		for _, t := range tasks {
			text += "\n" + c.taskLine(t)
		}
	}
	return Reply{Text: text, CrisisID: cr.ID}, nil
}

// crisisSwitch names the crisis the session goes on to: the front end
// keeps the reply's CrisisID and sends it with every later command.
func crisisSwitch(c *Call) (Reply, error) {
	cr, err := c.Op.Tx.Crisis(c.Int("id"))
	if errors.Is(err, crisis.ErrNotFound) {
		return Reply{}, locale.Errorf(crisis.ErrNotFound, "err.crisis.unknown", c.Int("id"))
	} else if err != nil {
		return Reply{}, err
	}
	return Reply{
		Text:      c.T("reply.crisis.switched", cr.ID, cr.Title, c.T("crisis.state."+string(cr.State))),
		Ephemeral: true,
		CrisisID:  cr.ID,
	}, nil
}

func crisisStatus(c *Call) (Reply, error) {
	text, err := c.Board(c.Crisis())
	if err != nil {
		return Reply{}, err
	}
	return Reply{Text: text, Ephemeral: true}, nil
}

func crisisFact(c *Call) (Reply, error) {
	before, err := c.Op.Tx.Tasks(c.Crisis().ID, crisis.TaskFilter{})
	if err != nil {
		return Reply{}, err
	}
	in := crisis.FactInput{Name: c.Str("name"), Value: c.Str("value"), Known: c.Env.knownFacts(), Confirm: c.Bool("confirm")}
	if err := c.Op.SetFact(c.Crisis(), in); err != nil {
		return Reply{}, err
	}
	text := c.T("reply.fact", c.Str("name"), crisis.AnswerIn(c.Lang, c.Str("value")))
	return Reply{Text: text + c.newTasks(before)}, nil
}

func crisisUnset(c *Call) (Reply, error) {
	f, err := c.Op.UnsetFact(c.Crisis(), c.Str("name"), c.Str("reason"))
	if err != nil {
		return Reply{}, err
	}
	return Reply{Text: c.T("reply.fact.unset", f.Name, crisis.AnswerIn(c.Lang, f.Value))}, nil
}

func crisisClose(c *Call) (Reply, error) {
	if !c.Bool("confirm") {
		if r, ok, err := c.closeLeftovers(); err != nil || ok {
			return r, err
		}
	}
	cr, err := c.Op.CloseCrisis(c.Crisis(), c.Str("summary"))
	if err != nil {
		return Reply{}, err
	}
	// The after-action report is drafted at once, from templates: the
	// director reviews it while the crisis is fresh.
	s, err := c.sheet(c.Op.Tx, cr)
	if err != nil {
		return Reply{}, err
	}
	body, missing, err := draft.Render(crisis.DraftReport, s, "", "")
	if err != nil {
		return Reply{}, err
	}
	report, err := c.Op.ProposeDraft(cr, crisis.DraftInput{Kind: crisis.DraftReport, Body: body, Source: "template", Flags: draft.Check(s, body, missing)})
	if err != nil {
		return Reply{}, err
	}
	open, err := c.Op.Tx.Tasks(cr.ID, crisis.TaskFilter{})
	if err != nil {
		return Reply{}, err
	}
	n := 0
	for _, t := range open {
		if t.Active() {
			n++
		}
	}
	return Reply{Text: c.T("reply.crisis.closed", cr.ID, cr.Title, n) + "\n" + c.T("reply.crisis.report", report.ID), Buttons: c.draftButtons(report)}, nil
}

// closeLeftovers is the question asked before closing a crisis that still
// has open tasks or drafts waiting for approval: what is left, and the
// command that closes it anyway. ok is false when nothing is left.
func (c *Call) closeLeftovers() (r Reply, ok bool, err error) {
	cr := c.Crisis()
	tasks, err := c.Op.Tx.Tasks(cr.ID, crisis.TaskFilter{})
	if err != nil {
		return Reply{}, false, err
	}
	drafts, err := c.Op.Tx.Drafts(cr.ID)
	if err != nil {
		return Reply{}, false, err
	}
	const shown = 10 // the rest is on the board
	var lines []string
	nTasks, nDrafts := 0, 0
	for _, t := range tasks {
		if t.Active() {
			if nTasks++; nTasks <= shown {
				lines = append(lines, c.taskLine(t))
			}
		}
	}
	for _, d := range drafts {
		if d.State == crisis.DraftProposed {
			if nDrafts++; nDrafts <= shown {
				lines = append(lines, c.draftLine(d))
			}
		}
	}
	if nTasks+nDrafts == 0 {
		return Reply{}, false, nil
	}
	again := "/crisis close confirm:yes"
	if c.Has("summary") {
		again += " summary:" + Quote(c.Str("summary"))
	}
	text := c.T("reply.crisis.close.confirm", cr.ID, locale.N(nTasks, "count.task.open"), locale.N(nDrafts, "count.draft.pending"), strings.Join(lines, "\n"))
	return Reply{Text: text, Ephemeral: true, Buttons: []Button{{Label: c.T("button.close"), Command: again, Style: Danger}}}, true, nil
}

// newTasks lists the tasks created since before was read, for replies to
// commands whose effects ripple through the playbook.
func (c *Call) newTasks(before []crisis.Task) string {
	after, err := c.Op.Tx.Tasks(c.Crisis().ID, crisis.TaskFilter{})
	if err != nil || len(after) <= len(before) {
		return ""
	}
	s := "\n" + c.T("reply.tasks.new", locale.N(len(after)-len(before), "count.task.new"))
	for _, t := range after[len(before):] {
		s += "\n" + c.taskLine(t)
	}
	return s
}

func crisisExport(c *Call) (Reply, error) {
	files, err := export.CrisisTx(c.Op.Tx, c.Crisis().ID, c.Env.Loc, c.Env.Lang, export.WithOrg(c.Env.Org.Name))
	if err != nil {
		return Reply{}, err
	}
	zip, err := export.Zip(files)
	if err != nil {
		return Reply{}, err
	}
	name := fmt.Sprintf("crisis-%d.zip", c.Crisis().ID)
	return Reply{
		Text:      c.T("reply.crisis.export", name, len(files)),
		Ephemeral: true,
		Files:     []File{{Name: name, Type: "application/zip", Content: zip}},
	}, nil
}
