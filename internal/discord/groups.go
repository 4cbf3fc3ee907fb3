package discord

import "github.com/tocsin-crisis/tocsin/internal/locale"

// groupDescriptions describe the top-level slash commands.
var groupDescriptions = map[string]locale.Text{
	"crisis":   {FR: "La crise : ouvrir, tableau de bord, faits, clôture", EN: "The crisis: open, board, facts, close"},
	"member":   {FR: "Les membres de la cellule", EN: "The cell's members"},
	"role":     {FR: "Les rôles de crise", EN: "Crisis roles"},
	"playbook": {FR: "Les playbooks", EN: "Playbooks"},
	"task":     {FR: "Les tâches", EN: "Tasks"},
	"ioc":      {FR: "Indicateurs de compromission", EN: "Indicators of compromise"},
	"evidence": {FR: "Preuves conservées", EN: "Evidence kept"},
	"service":  {FR: "L'état des services", EN: "The service board"},
	"contact":  {FR: "L'annuaire de crise : qui appeler", EN: "The crisis directory: whom to call"},
	"draft":    {FR: "Brouillons : points de situation, plainte, notification", EN: "Drafts: status updates, complaint, notification"},
}

func groupDescription(g string) locale.Text {
	if d, ok := groupDescriptions[g]; ok {
		return d
	}
	return locale.Text{FR: g, EN: g}
}
