package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/tocsin-crisis/tocsin/internal/playbook"
	"github.com/tocsin-crisis/tocsin/playbooks"
)

// loadPlaybooks reads the built-in playbooks and those of TOCSIN_PLAYBOOKS.
func (p *program) loadPlaybooks() (*playbook.Set, error) {
	return playbook.Load(playbooks.FS, p.cfg.Playbooks)
}

// engine starts the playbook engine. Errors in the configured folder are
// reported and the built-in playbooks alone are used, so a broken file on
// disk never keeps the cell from working.
func (p *program) engine() *playbook.Engine {
	set, err := p.loadPlaybooks()
	if err != nil {
		fmt.Fprintf(p.stderr, "tocsin: playbooks in %s have errors; using the built-in ones:\n%v\n", p.cfg.Playbooks, err)
		if set, err = playbook.Load(playbooks.FS, ""); err != nil {
			// The built-in set is tested; failing here is a build defect.
			panic(fmt.Sprintf("built-in playbooks do not load: %v", err))
		}
	}
	return playbook.NewEngine(set, p.loadPlaybooks)
}

// playbookTool runs `tocsin playbook validate|schema|graph`.
func (p *program) playbookTool(args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(p.stderr, "usage: tocsin playbook validate FILE|NAME... | schema | graph FILE|NAME")
		return 2
	}
	switch args[0] {
	case "validate":
		if len(args) < 2 {
			fmt.Fprintln(p.stderr, "usage: tocsin playbook validate FILE|NAME...")
			return 2
		}
		code := 0
		for _, file := range args[1:] {
			if _, err := p.playbookByName(file); err != nil {
				code = 1
				if list, ok := err.(playbook.Errors); ok {
					fmt.Fprintln(p.stdout, list.Pretty())
				} else {
					fmt.Fprintf(p.stdout, "%s: %v\n", file, err)
				}
				continue
			}
			fmt.Fprintf(p.stdout, "%s: ok\n", file)
		}
		return code
	case "schema":
		s, err := playbook.Schema()
		if err != nil {
			fmt.Fprintln(p.stderr, "tocsin playbook schema:", err)
			return 1
		}
		fmt.Fprint(p.stdout, string(s))
		return 0
	case "graph":
		if len(args) != 2 {
			fmt.Fprintln(p.stderr, "usage: tocsin playbook graph FILE|NAME")
			return 2
		}
		pb, err := p.playbookByName(args[1])
		if err != nil {
			if list, ok := err.(playbook.Errors); ok {
				fmt.Fprintln(p.stdout, list.Pretty())
			} else {
				fmt.Fprintln(p.stdout, err)
			}
			return 1
		}
		fmt.Fprint(p.stdout, playbook.Graph(pb))
		return 0
	}
	fmt.Fprintf(p.stderr, "tocsin playbook: unknown command %q: validate, schema or graph\n", args[0])
	return 2
}

// playbookByName reads a playbook file, or, when no file has that name, the
// built-in or configured playbook of that id ("cyberattaque-collectivite"):
// the names /playbook list shows work where a file is asked for.
func (p *program) playbookByName(name string) (*playbook.Playbook, error) {
	if _, err := os.Stat(name); err == nil || strings.ContainsAny(name, `/\.`) {
		return playbook.ParseFile(name)
	}
	set, err := p.loadPlaybooks()
	if err != nil {
		set, err = playbook.Load(playbooks.FS, "")
	}
	if err != nil {
		return nil, err
	}
	if pb, ok := set.Get(name); ok {
		return pb, nil
	}
	var ids []string
	for _, pb := range set.List() {
		ids = append(ids, pb.ID)
	}
	return nil, fmt.Errorf("%s: no such file, nor a playbook of that name (playbooks: %s)", name, strings.Join(ids, ", "))
}

// plural picks the singular for one and the plural otherwise, for the
// tools' English messages ("1 update", "2 updates").
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
