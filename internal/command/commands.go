package command

import (
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// d pairs a French and an English description.
func d(fr, en string) locale.Text { return locale.Text{FR: fr, EN: en} }

// Default is the table of every command Tocsin serves.
func Default() *Table {
	var cmds []*Command
	cmds = append(cmds, crisisCommands()...)
	cmds = append(cmds, printCommands()...)
	cmds = append(cmds, memberCommands()...)
	cmds = append(cmds, contactCommands()...)
	cmds = append(cmds, playbookCommands()...)
	cmds = append(cmds, taskCommands()...)
	cmds = append(cmds, recordCommands()...)
	cmds = append(cmds, draftCommands()...)
	return NewTable(cmds...)
}

// Common option declarations, shared so that the same option reads the same
// in every command.
var (
	optTaskRef = Option{Name: "id", Type: Ref, Required: true, Complete: CompleteTask, Max: 64,
		Desc: d("Numéro de la tâche, ou identifiant de l'étape", "Task number, or the step's id")}
	optMember = Option{Name: "member", NameFR: "membre", Type: MemberID, Required: true, Max: 80,
		Desc: d("Membre de la cellule", "Member of the cell")}
	optRole = Option{Name: "role", Required: true, Complete: CompleteRole, Max: 64,
		Desc: d("Rôle de crise (défini par le playbook)", "Crisis role (defined by the playbook)")}
)

// Capabilities' choices, for /member add.
func capabilityNames() []string {
	out := make([]string, len(crisis.Capabilities))
	for i, c := range crisis.Capabilities {
		out[i] = string(c)
	}
	return out
}
