package command

import (
	"strings"

	"github.com/tocsin-crisis/tocsin/internal/contacts"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

func memberCommands() []*Command {
	return []*Command{
		{
			Name: "member add", NameFR: "membre ajouter", Cap: crisis.CapDirector, ConsoleOnly: true,
			Desc: d("Ajouter un membre de la cellule (console et rejeu)", "Add a member of the cell (console and replay)"),
			Options: []Option{
				{Name: "id", Type: MemberID, Required: true, Max: 64, Desc: d("Identifiant (ex. dsi)", "Identifier (e.g. dsi)")},
				{Name: "name", NameFR: "nom", Required: true, Max: 100, Desc: d("Nom affiché", "Display name")},
				{Name: "capabilities", NameFR: "capacites", Required: true, Complete: CompleteCapability, Max: 100,
					Desc: d("Capacités, séparées par des virgules : membre, communication, juridique, directeur, auteur", "Comma-separated capabilities: member, comms, legal, director, author")},
			},
			Run: memberAdd,
		},
		{
			Name: "member set", NameFR: "membre modifier", Cap: crisis.CapMember,
			Desc: d("Changer les capacités (directeur) ou les coordonnées d'un membre (les siennes : chacun)", "Change a member's capabilities (director) or contact details (one's own: anyone)"),
			Options: []Option{
				{Name: "id", Type: MemberID, Required: true, Max: 80, Desc: d("Le membre (ex. dsi)", "The member (e.g. dsi)")},
				{Name: "capabilities", NameFR: "capacites", Complete: CompleteCapability, Max: 100,
					Desc: d("Capacités, séparées par des virgules (console et rejeu ; sur Discord, les rôles)", "Comma-separated capabilities (console and replay; on Discord, roles)")},
				{Name: "phone", NameFR: "telephone", Max: 40, Desc: d("Téléphone (« - » pour l'effacer)", "Phone (\"-\" to clear it)")},
				{Name: "email", Max: 200, Desc: d("Adresse e-mail (« - » pour l'effacer)", "E-mail address (\"-\" to clear it)")},
			},
			Run: memberSet,
		},
		{
			Name: "member list", NameFR: "membre liste", Cap: crisis.CapMember, ReadOnly: true,
			Desc: d("Les membres de la cellule", "The members of the cell"),
			Run:  memberList,
		},
		{
			Name: "role assign", NameFR: "role attribuer", Cap: crisis.CapDirector, Crisis: true,
			Desc:    d("Donner un rôle de crise à un membre", "Give a crisis role to a member"),
			Options: []Option{optMember, optRole},
			Run:     roleAssign,
		},
		{
			Name: "role unassign", NameFR: "role retirer", Cap: crisis.CapDirector, Crisis: true,
			Desc:    d("Retirer un rôle de crise", "Take a crisis role back"),
			Options: []Option{optMember, optRole},
			Run:     roleUnassign,
		},
		{
			Name: "role list", NameFR: "role liste", Cap: crisis.CapMember, Crisis: true, ReadOnly: true,
			Desc: d("Qui tient quel rôle", "Who holds which role"),
			Run:  roleList,
		},
	}
}

func memberAdd(c *Call) (Reply, error) {
	caps, err := crisis.ParseCapabilities(c.Str("capabilities"))
	if err != nil {
		return Reply{}, err
	}
	m, err := c.Op.AddMember(crisis.Member{ID: c.Str("id"), Name: c.Str("name"), Capabilities: caps})
	if err != nil {
		return Reply{}, err
	}
	return Reply{Text: c.T("reply.member.added", m.Label(), crisis.CapabilityNames(c.Lang, m.Capabilities))}, nil
}

func memberSet(c *Call) (Reply, error) {
	var ch crisis.MemberChange
	if c.Has("capabilities") {
		if c.Channel != "" {
			// Discord's roles grant capabilities, and the next command
			// from that member would set them back.
			return Reply{}, locale.Errorf(crisis.ErrInvalid, "err.member.set.discord", c.Str("id"))
		}
		caps, err := crisis.ParseCapabilities(c.Str("capabilities"))
		if err != nil {
			return Reply{}, err
		}
		ch.Capabilities = caps
	}
	ch.Phone, ch.Email = cleared(c, "phone"), cleared(c, "email")
	logTo, err := c.openCrisis()
	if err != nil {
		return Reply{}, err
	}
	m, changes, err := c.Op.SetMember(c.Str("id"), ch, logTo)
	if err != nil {
		return Reply{}, err
	}
	return Reply{Text: c.T("reply.member.set", m.Label(), crisis.JoinChanges(c.Lang, changes))}, nil
}

// cleared reads an optional contact detail: nil when not given, "" when
// given as "-" (an empty option is not given at all).
func cleared(c *Call, name string) *string {
	if !c.Has(name) {
		return nil
	}
	v := c.Str(name)
	if v == "-" {
		v = ""
	}
	return &v
}

func memberList(c *Call) (Reply, error) {
	ms, err := c.Op.Tx.Members()
	if err != nil {
		return Reply{}, err
	}
	lines := []string{c.T("reply.member.list", locale.N(len(ms), "count.member"))}
	for _, m := range ms {
		line := "- " + m.Label() + " — " + crisis.CapabilityNames(c.Lang, m.Capabilities)
		if r := memberReach(m); r != "" {
			line += " — " + r
		}
		lines = append(lines, line)
	}
	return Reply{Text: strings.Join(lines, "\n"), Ephemeral: true}, nil
}

func roleAssign(c *Call) (Reply, error) {
	m, handed, err := c.Op.AssignRole(c.Crisis(), c.Str("member"), c.Str("role"))
	if err != nil {
		return Reply{}, err
	}
	text := c.T("reply.role.assigned", crisis.RoleID(c.Str("role")), m.Label())
	if len(handed) > 0 {
		text += "\n" + c.T("reply.role.handed", locale.N(len(handed), "count.task.handed"))
		for _, t := range handed {
			text += "\n" + c.taskLine(t)
		}
	}
	return Reply{Text: text}, nil
}

func roleUnassign(c *Call) (Reply, error) {
	m, err := c.Op.UnassignRole(c.Crisis(), c.Str("member"), c.Str("role"))
	if err != nil {
		return Reply{}, err
	}
	return Reply{Text: c.T("reply.role.unassigned", crisis.RoleID(c.Str("role")), m.Label())}, nil
}

func roleList(c *Call) (Reply, error) {
	text, err := c.rolesSection(c.Crisis())
	if err != nil {
		return Reply{}, err
	}
	return Reply{Text: text, Ephemeral: true}, nil
}

// memberReach is how a member is reached: "06 12 34 56 78 · a@b.fr", or "".
func memberReach(m crisis.Member) string {
	return contacts.Entry{Phone: m.Phone, Email: m.Email}.Reach()
}
