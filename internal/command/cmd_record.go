package command

import (
	"strings"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

func recordCommands() []*Command {
	return []*Command{
		{
			Name: "log", NameFR: "journal", Cap: crisis.CapMember, Crisis: true,
			Desc: d("Écrire dans la main courante", "Write in the crisis log"),
			Options: []Option{
				{Name: "text", NameFR: "texte", Required: true, Max: 4000, Multiline: true, Desc: d("Le fait constaté", "The fact observed")},
				{Name: "at", NameFR: "a", Type: PastTime, Max: 40, Desc: d("Heure du fait, si elle diffère (HH:MM…)", "Time of the fact, if different (HH:MM…)")},
			},
			Run: logNote,
		},
		{
			Name: "ioc add", NameFR: "ioc ajouter", Cap: crisis.CapMember, Crisis: true,
			Desc: d("Ajouter un indicateur de compromission", "Add an indicator of compromise"),
			Options: []Option{
				{Name: "kind", NameFR: "type", Required: true, Choices: crisis.IndicatorKinds, Desc: d("Type d'indicateur", "Kind of indicator")},
				{Name: "value", NameFR: "valeur", Required: true, Max: 2000, Desc: d("Valeur (adresse IP, domaine…)", "Value (IP address, domain…)")},
				{Name: "note", Max: 1000, Desc: d("Contexte", "Context")},
			},
			Run: iocAdd,
		},
		{
			Name: "evidence add", NameFR: "preuve ajouter", Cap: crisis.CapMember, Crisis: true,
			Desc: d("Consigner un élément de preuve conservé", "Record an item of evidence kept"),
			Options: []Option{
				{Name: "item", NameFR: "element", Required: true, Max: 500, Desc: d("Ce qui est conservé", "What is kept")},
				{Name: "location", NameFR: "lieu", Max: 500, Desc: d("Où il est conservé", "Where it is kept")},
				{Name: "sha256", Max: 64, Desc: d("Empreinte SHA-256", "SHA-256 digest")},
				{Name: "custodian", NameFR: "gardien", Max: 200, Desc: d("Qui en a la garde", "Who holds it")},
			},
			Run: evidenceAdd,
		},
		{
			Name: "service set", NameFR: "service etat", Cap: crisis.CapMember, Crisis: true,
			Desc: d("Mettre à jour l'état d'un service", "Update a service's status"),
			Options: []Option{
				{Name: "name", NameFR: "nom", Required: true, Complete: CompleteService, Max: 100, Desc: d("Service (ex. État civil)", "Service (e.g. Civil registry)")},
				{Name: "status", NameFR: "etat", Required: true, Choices: crisis.ServiceStatuses, Desc: d("opérationnel, dégradé ou hors service (up, degraded, down)", "up, degraded or down")},
				{Name: "workaround", NameFR: "contournement", Max: 1000, Desc: d("Solution de contournement", "Workaround")},
			},
			Run: serviceSet,
		},
		{
			Name: "service list", NameFR: "service liste", Cap: crisis.CapMember, Crisis: true, ReadOnly: true,
			Desc: d("L'état des services", "The service board"),
			Run:  serviceList,
		},
	}
}

func logNote(c *Call) (Reply, error) {
	e, err := c.Op.AddNote(c.Crisis(), c.Str("text"), c.TimeGiven("at"))
	if err != nil {
		return Reply{}, err
	}
	if !e.At.Equal(e.RecordedAt) {
		return Reply{Text: c.T("reply.log.backdated", e.Seq, c.FormatTime(e.At), c.FormatTime(e.RecordedAt))}, nil
	}
	return Reply{Text: c.T("reply.log", e.Seq, c.FormatTime(e.At))}, nil
}

func iocAdd(c *Call) (Reply, error) {
	i, err := c.Op.AddIndicator(c.Crisis(), c.Str("kind"), c.Str("value"), c.Str("note"))
	if err != nil {
		return Reply{}, err
	}
	return Reply{Text: c.T("reply.ioc", i.ID, crisis.WordIn(c.Lang, i.Kind), i.Value)}, nil
}

func evidenceAdd(c *Call) (Reply, error) {
	e, err := c.Op.AddEvidence(c.Crisis(), c.Str("item"), c.Str("location"), c.Str("sha256"), c.Str("custodian"))
	if err != nil {
		return Reply{}, err
	}
	return Reply{Text: c.T("reply.evidence", e.ID, e.Item, e.Custodian)}, nil
}

func serviceSet(c *Call) (Reply, error) {
	s, err := c.Op.SetService(c.Crisis(), c.Str("name"), c.Str("status"), c.Str("workaround"))
	if err != nil {
		return Reply{}, err
	}
	return Reply{Text: c.T("reply.service") + "\n" + c.serviceLine(s)}, nil
}

func serviceList(c *Call) (Reply, error) {
	ss, err := c.Op.Tx.Services(c.Crisis().ID)
	if err != nil {
		return Reply{}, err
	}
	if len(ss) == 0 {
		return Reply{Text: c.T("reply.service.none"), Ephemeral: true}, nil
	}
	lines := []string{c.T("board.services")}
	for _, s := range ss {
		lines = append(lines, c.serviceLine(s))
	}
	return Reply{Text: strings.Join(lines, "\n"), Ephemeral: true}, nil
}

var statusMark = map[string]string{"down": "🔴", "degraded": "🟠", "up": "🟢"}

func (c *Call) serviceLine(s crisis.Service) string {
	line := "- " + statusMark[s.Status] + " " + s.Name + " — " + c.T("service."+s.Status)
	if s.Workaround != "" {
		line += " · " + c.T("service.workaround", s.Workaround)
	}
	return line
}
