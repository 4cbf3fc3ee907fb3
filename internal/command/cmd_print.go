package command

import (
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/paper"
	"github.com/tocsin-crisis/tocsin/internal/playbook"
)

func printCommands() []*Command {
	return []*Command{
		{
			Name: "crisis print", NameFR: "crise imprimer", Cap: crisis.CapMember, Crisis: true, ReadOnly: true, Slow: true,
			Desc: d("Le kit papier (PDF) : annuaire, tâches de chaque rôle, tableau de bord, feuilles de main courante",
				"The paper kit (PDF): directory, each role's tasks, the board, crisis log sheets"),
			Run: crisisPrint,
		},
	}
}

// crisisPrint renders the paper kit of the crisis and attaches it, as
// /crisis export attaches its zip: the console saves it beside the
// database and shows the path, Discord attaches the file.
func crisisPrint(c *Call) (Reply, error) {
	var set *playbook.Set
	if c.Env.Playbooks != nil {
		set = c.Env.Playbooks.Set()
	}
	// The kit is a document of the cell: in the cell's language, like the
	// export, whoever asks for it.
	kit, err := paper.Read(c.Op.Tx, c.Crisis().ID, paper.Source{
		Org: c.Env.Org, Set: set, Now: c.Op.Now, Loc: c.Env.Loc, Lang: c.Env.Lang,
	})
	if err != nil {
		return Reply{}, err
	}
	pdf, err := kit.PDF()
	if err != nil {
		return Reply{}, err
	}
	name := kit.FileName()
	return Reply{
		Text:      c.T("reply.crisis.print", c.Crisis().ID, name),
		Ephemeral: true,
		Files:     []File{{Name: name, Type: "application/pdf", Content: pdf}},
	}, nil
}
