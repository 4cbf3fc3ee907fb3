package command

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/playbook"
)

func playbookCommands() []*Command {
	optName := Option{Name: "name", NameFR: "nom", Required: true, Complete: CompletePlaybook, Max: 64,
		Desc: d("Identifiant du playbook", "Playbook id")}
	return []*Command{
		{
			Name: "playbook list", NameFR: "playbook liste", Cap: crisis.CapMember, ReadOnly: true,
			Desc: d("Les playbooks disponibles", "The playbooks available"), Run: playbookList,
		},
		{
			Name: "playbook show", NameFR: "playbook voir", Cap: crisis.CapMember, ReadOnly: true,
			Desc:    d("Étapes, rôles et délais d'un playbook", "A playbook's steps, roles and deadlines"),
			Options: []Option{optName}, Run: playbookShow,
		},
		{
			Name: "playbook run", NameFR: "playbook lancer", Cap: crisis.CapDirector, Crisis: true,
			Desc:    d("Lancer un playbook sur la crise", "Run a playbook on the crisis"),
			Options: []Option{optName}, Run: playbookRun,
		},
		{
			Name: "playbook reload", NameFR: "playbook recharger", Cap: crisis.CapAuthor,
			Desc: d("Recharger les playbooks depuis le disque", "Reload the playbooks from disk"), Run: playbookReload,
		},
	}
}

func (c *Call) playbooks() (*playbook.Engine, error) {
	if c.Env.Playbooks == nil {
		return nil, locale.Errorf(crisis.ErrNotFound, "err.playbook.none")
	}
	return c.Env.Playbooks, nil
}

func (c *Call) playbook(id string) (*playbook.Playbook, error) {
	e, err := c.playbooks()
	if err != nil {
		return nil, err
	}
	p, ok := e.Set().Get(id)
	if !ok {
		var ids []string
		for _, p := range e.Set().List() {
			ids = append(ids, p.ID)
		}
		return nil, locale.Errorf(crisis.ErrNotFound, "err.playbook.unknown", id, c.T("kv", "", strings.Join(ids, ", ")))
	}
	return p, nil
}

func playbookList(c *Call) (Reply, error) {
	e, err := c.playbooks()
	if err != nil {
		return Reply{}, err
	}
	ps := e.Set().List()
	lines := []string{c.T("reply.playbook.list", locale.N(len(ps), "count.playbook"))}
	for _, p := range ps {
		lines = append(lines, fmt.Sprintf("- `%s` — %s (%s)", p.ID, p.Title, locale.N(len(p.Steps), "count.step").In(c.Lang)))
	}
	return Reply{Text: strings.Join(lines, "\n"), Ephemeral: true}, nil
}

func playbookShow(c *Call) (Reply, error) {
	p, err := c.playbook(c.Str("name"))
	if err != nil {
		return Reply{}, err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** (`%s`)\n", p.Title, p.ID)
	if p.Description != "" {
		b.WriteString(strings.TrimSpace(p.Description) + "\n")
	}
	b.WriteString("\n**" + c.T("playbook.roles") + "**\n")
	for _, r := range p.Roles {
		fmt.Fprintf(&b, "- `%s` — %s\n", r.ID, r.Name)
	}
	if len(p.Facts) > 0 {
		b.WriteString("\n**" + c.T("playbook.facts") + "**\n")
		for _, f := range p.Facts {
			fmt.Fprintf(&b, "- `%s` — %s\n", f.ID, f.Question)
		}
	}
	b.WriteString("\n**" + c.T("playbook.stepsh") + "**\n")
	for _, s := range p.Steps {
		fmt.Fprintf(&b, "- `%s` %s", s.ID, s.Title)
		var notes []string
		if s.Role != "" {
			notes = append(notes, c.T("playbook.role", s.Role))
		}
		if len(s.Needs) > 0 {
			notes = append(notes, c.T("playbook.needs", strings.Join(s.Needs, ", ")))
		}
		if s.When != "" {
			notes = append(notes, c.T("playbook.when", s.When))
		}
		if s.Due > 0 {
			notes = append(notes, c.T("playbook.due", c.span(time.Duration(s.Due))))
		}
		if s.Deadline > 0 {
			notes = append(notes, c.T("playbook.deadline", c.span(time.Duration(s.Deadline))))
		}
		if s.Every > 0 {
			notes = append(notes, c.T("playbook.every", c.span(time.Duration(s.Every))))
		}
		if s.Draft != "" {
			notes = append(notes, c.T("playbook.draft", s.Draft))
		}
		if len(notes) > 0 {
			b.WriteString(" — " + strings.Join(notes, " · "))
		}
		b.WriteString("\n")
	}
	return Reply{Text: strings.TrimRight(b.String(), "\n"), Ephemeral: true}, nil
}

func playbookRun(c *Call) (Reply, error) {
	p, err := c.playbook(c.Str("name"))
	if err != nil {
		return Reply{}, err
	}
	before, err := c.Op.Tx.Tasks(c.Crisis().ID, crisis.TaskFilter{})
	if err != nil {
		return Reply{}, err
	}
	if err := c.Op.RunPlaybook(c.Crisis(), p.ID); err != nil {
		return Reply{}, err
	}
	return Reply{Text: c.T("reply.playbook.run", p.ID, c.Crisis().ID) + c.newTasks(before)}, nil
}

func playbookReload(c *Call) (Reply, error) {
	e, err := c.playbooks()
	if err != nil {
		return Reply{}, err
	}
	set, err := e.Reload()
	if err != nil {
		var list playbook.Errors
		if errors.As(err, &list) {
			lines := make([]string, len(list))
			for i, pe := range list {
				lines[i] = pe.Error()
			}
			return Reply{}, locale.Errorf(crisis.ErrInvalid, "err.playbook.reload", locale.N(len(list), "count.error"), strings.Join(lines, "\n"), len(set.List()))
		}
		return Reply{}, locale.Errorf(crisis.ErrInvalid, "err.playbook.reload", locale.N(1, "count.error"), err.Error(), len(set.List()))
	}
	var ids []string
	for _, p := range set.List() {
		ids = append(ids, p.ID)
	}
	return Reply{Text: c.T("reply.playbook.reloaded", locale.N(len(ids), "count.playbook.reloaded"), strings.Join(ids, ", "))}, nil
}
