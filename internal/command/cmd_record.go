package command

import (
	"strings"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
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
			Name: "ioc list", NameFR: "ioc liste", Cap: crisis.CapMember, Crisis: true, ReadOnly: true,
			Desc: d("Les indicateurs relevés, retirés compris", "The indicators recorded, withdrawn ones included"),
			Run:  iocList,
		},
		{
			Name: "ioc retract", NameFR: "ioc retirer", Cap: crisis.CapMember, Crisis: true,
			Desc: d("Retirer un indicateur erroné (il reste au dossier, marqué retiré)", "Withdraw a wrong indicator (it stays in the record, marked withdrawn)"),
			Options: []Option{
				{Name: "id", Type: Integer, Required: true, Max: 12, Desc: d("Numéro de l'indicateur", "Indicator number")},
				{Name: "reason", NameFR: "raison", Required: true, Max: 1000, Desc: d("Pourquoi il est retiré", "Why it is withdrawn")},
			},
			Run: iocRetract,
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
			Name: "evidence list", NameFR: "preuve liste", Cap: crisis.CapMember, Crisis: true, ReadOnly: true,
			Desc: d("Les preuves conservées et leur chaîne de garde", "The evidence kept and its chain of custody"),
			Run:  evidenceList,
		},
		{
			Name: "evidence transfer", NameFR: "preuve remettre", Cap: crisis.CapMember, Crisis: true,
			Desc: d("Remettre une preuve à un nouveau gardien (chaîne de garde)", "Hand evidence to a new custodian (chain of custody)"),
			Options: []Option{
				{Name: "id", Type: Integer, Required: true, Max: 12, Desc: d("Numéro de la preuve", "Evidence number")},
				{Name: "custodian", NameFR: "gardien", Required: true, Max: 200, Desc: d("Qui en a la garde désormais", "Who holds it from now on")},
				{Name: "location", NameFR: "lieu", Max: 500, Desc: d("Où elle est conservée désormais, s'il change", "Where it is kept from now on, if that changes")},
			},
			Run: evidenceTransfer,
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
		{
			Name: "service rename", NameFR: "service renommer", Cap: crisis.CapMember, Crisis: true,
			Desc: d("Corriger le nom d'un service", "Correct a service's name"),
			Options: []Option{
				{Name: "name", NameFR: "nom", Required: true, Complete: CompleteService, Max: 100, Desc: d("Le service, tel qu'il est nommé", "The service, as it is named")},
				{Name: "new_name", NameFR: "nouveau_nom", Required: true, Max: 100, Desc: d("Son nom corrigé", "Its corrected name")},
				{Name: "reason", NameFR: "raison", Max: 1000, Desc: d("Pourquoi", "Why")},
			},
			Run: serviceRename,
		},
		{
			Name: "service remove", NameFR: "service retirer", Cap: crisis.CapMember, Crisis: true,
			Desc: d("Retirer un service du tableau (doublon, erreur)", "Take a service off the board (duplicate, mistake)"),
			Options: []Option{
				{Name: "name", NameFR: "nom", Required: true, Complete: CompleteService, Max: 100, Desc: d("Le service", "The service")},
				{Name: "reason", NameFR: "raison", Max: 1000, Desc: d("Pourquoi", "Why")},
			},
			Run: serviceRemove,
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
	return Reply{Text: c.T("reply.ioc", i.ID, crisis.IndicatorKindIn(c.Lang, i.Kind), i.Value)}, nil
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

func iocList(c *Call) (Reply, error) {
	all, err := c.Op.Tx.Indicators(c.Crisis().ID)
	if err != nil {
		return Reply{}, err
	}
	cs, err := c.Op.Tx.Corrections(c.Crisis().ID)
	if err != nil {
		return Reply{}, err
	}
	if len(all) == 0 {
		return Reply{Text: c.T("reply.ioc.none"), Ephemeral: true}, nil
	}
	standing, withdrawn := crisis.Retracted(all, cs)
	gone := map[int64]crisis.Correction{}
	for _, w := range withdrawn {
		gone[w.ID] = w.Retraction
	}
	counts := locale.N(len(standing), "count.ioc").In(c.Lang)
	if len(withdrawn) > 0 {
		counts += ", " + locale.N(len(withdrawn), "count.ioc.gone").In(c.Lang)
	}
	lines := []string{c.T("reply.ioc.list", counts)}
	for _, i := range all {
		lines = append(lines, c.T("reply.ioc.line", i.ID, crisis.IndicatorKindIn(c.Lang, i.Kind), i.Value, c.FormatTime(i.AddedAt), i.AddedBy))
		if i.Note != "" {
			lines = append(lines, "  "+i.Note)
		}
		if r, ok := gone[i.ID]; ok {
			lines = append(lines, c.T("reply.ioc.withdrawn", c.FormatTime(r.At), r.By, r.Reason))
		}
	}
	return Reply{Text: strings.Join(lines, "\n"), Ephemeral: true}, nil
}

func iocRetract(c *Call) (Reply, error) {
	w, err := c.Op.RetractIndicator(c.Crisis(), c.Int("id"), c.Str("reason"))
	if err != nil {
		return Reply{}, err
	}
	return Reply{Text: c.T("reply.ioc.retracted", w.ID, crisis.IndicatorKindIn(c.Lang, w.Kind), w.Value)}, nil
}

func evidenceList(c *Call) (Reply, error) {
	all, err := c.Op.Tx.Evidence(c.Crisis().ID)
	if err != nil {
		return Reply{}, err
	}
	if len(all) == 0 {
		return Reply{Text: c.T("reply.evidence.none"), Ephemeral: true}, nil
	}
	transfers, err := c.Op.Tx.Custody(c.Crisis().ID)
	if err != nil {
		return Reply{}, err
	}
	lines := []string{c.T("reply.evidence.list")}
	for _, e := range all {
		item := e.Item
		if e.SHA256 != "" {
			item += " · SHA-256 `" + e.SHA256 + "`"
		}
		lines = append(lines, c.T("reply.evidence.line", e.ID, item))
		lines = append(lines, c.chainLines(crisis.Chain(e, transfers))...)
	}
	return Reply{Text: strings.Join(lines, "\n"), Ephemeral: true}, nil
}

func evidenceTransfer(c *Call) (Reply, error) {
	e, chain, err := c.Op.TransferEvidence(c.Crisis(), c.Int("id"), c.Str("custodian"), c.Str("location"))
	if err != nil {
		return Reply{}, err
	}
	now := chain[len(chain)-1]
	lines := append([]string{c.T("reply.evidence.transfer", e.ID, now.Custodian, dash(now.Location))}, c.chainLines(chain)...)
	return Reply{Text: strings.Join(lines, "\n")}, nil
}

// chainLines shows a chain of custody, one hand a line, first hands first.
func (c *Call) chainLines(chain []crisis.CustodyLink) []string {
	out := make([]string, 0, len(chain))
	for _, l := range chain {
		out = append(out, c.T("reply.evidence.link", c.FormatTime(l.At), l.Custodian, dash(l.Location)))
	}
	return out
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func serviceRename(c *Call) (Reply, error) {
	before, after, err := c.Op.RenameService(c.Crisis(), c.Str("name"), c.Str("new_name"), c.Str("reason"))
	if err != nil {
		return Reply{}, err
	}
	return Reply{Text: c.T("reply.service.renamed", before.Name, after.Name) + "\n" + c.serviceLine(after)}, nil
}

func serviceRemove(c *Call) (Reply, error) {
	s, err := c.Op.RemoveService(c.Crisis(), c.Str("name"), c.Str("reason"))
	if err != nil {
		return Reply{}, err
	}
	return Reply{Text: c.T("reply.service.removed", s.Name, c.T("service."+s.Status))}, nil
}
