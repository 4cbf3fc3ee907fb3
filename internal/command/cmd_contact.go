package command

import (
	"errors"
	"strings"

	"github.com/tocsin-crisis/tocsin/internal/contacts"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

func contactCommands() []*Command {
	return []*Command{
		{
			Name: "contact add", NameFR: "contact ajouter", Cap: crisis.CapMember,
			Desc: d("Ajouter une personne ou un organisme à l'annuaire de crise", "Add a person or an organisation to the crisis directory"),
			Options: []Option{
				{Name: "name", NameFR: "nom", Required: true, Max: 200, Desc: d("Nom (ex. Gendarmerie de Caen)", "Name (e.g. Caen gendarmerie)")},
				{Name: "kind", NameFR: "type", Required: true, Max: 64,
					Desc: d("police, cert, prestataire, assureur, préfecture, cnil, hébergeur, élu, presse, autre", "police, cert, provider, insurer, prefecture, cnil, host, official, press, other")},
				{Name: "phone", NameFR: "telephone", Max: 40, Desc: d("Téléphone", "Phone")},
				{Name: "email", Max: 200, Desc: d("Adresse e-mail", "E-mail address")},
				{Name: "hours", NameFR: "horaires", Max: 200, Desc: d("Quand le joindre", "When to reach them")},
				{Name: "note", Max: 1000, Desc: d("Remarque (interlocuteur, n° de contrat…)", "Note (who to ask for, contract number…)")},
			},
			Run: contactAdd,
		},
		{
			Name: "contact list", NameFR: "contact liste", Cap: crisis.CapMember, ReadOnly: true,
			Desc: d("L'annuaire de crise : qui joindre, et comment", "The crisis directory: whom to reach, and how"),
			Run:  contactList,
		},
	}
}

func contactAdd(c *Call) (Reply, error) {
	logTo, err := c.openCrisis()
	if err != nil {
		return Reply{}, err
	}
	e, err := c.Op.AddContact(contacts.Entry{
		Name: c.Str("name"), Kind: contacts.Kind(c.Str("kind")), Phone: c.Str("phone"),
		Email: c.Str("email"), Hours: c.Str("hours"), Note: c.Str("note"),
	}, c.knownContacts(), logTo)
	if err != nil {
		return Reply{}, err
	}
	reach := e.Reach()
	if reach == "" {
		reach = c.T("contact.unreachable")
	}
	return Reply{Text: c.T("reply.contact.added", e.Name, contacts.KindTitle(c.Lang, e.Kind), reach)}, nil
}

func contactList(c *Call) (Reply, error) {
	dir, err := c.directory()
	if err != nil {
		return Reply{}, err
	}
	lines := []string{c.T("reply.contact.list", locale.N(len(dir), "count.contact"))}
	for _, k := range contacts.Kinds {
		of := contacts.OfKind(dir, k)
		if len(of) == 0 {
			continue
		}
		lines = append(lines, "**"+contacts.KindTitle(c.Lang, k)+"**")
		for _, e := range of {
			lines = append(lines, "- "+c.contactLine(e))
		}
	}
	return Reply{Text: strings.Join(lines, "\n"), Ephemeral: true}, nil
}

// contactLine is one entry of the directory on one line: name, phone and
// e-mail, hours, note, and where the details were checked.
func (c *Call) contactLine(e contacts.Entry) string {
	parts := []string{e.Name}
	if r := e.Reach(); r != "" {
		parts = append(parts, r)
	} else {
		parts = append(parts, c.T("contact.unreachable"))
	}
	if e.Hours != "" {
		parts = append(parts, c.T("contact.hours", e.Hours))
	}
	if n := e.NoteIn(c.Lang); n != "" {
		parts = append(parts, n)
	}
	switch {
	case e.Source != "" && e.Checked != "":
		parts = append(parts, c.T("contact.source", e.Source, e.Checked))
	case e.Source != "":
		parts = append(parts, c.T("contact.source.nodate", e.Source))
	}
	return strings.Join(parts, " — ")
}

// knownContacts are the entries of the directory that commands do not
// add: the configuration's and the national services.
func (c *Call) knownContacts() []contacts.Entry {
	return contacts.Directory(c.Env.Org.Contacts, nil)
}

// directory is the whole directory: configured, added, national.
func (c *Call) directory() ([]contacts.Entry, error) {
	added, err := c.Op.Tx.Contacts()
	if err != nil {
		return nil, err
	}
	return contacts.Directory(c.Env.Org.Contacts, added), nil
}

// openCrisis is the open crisis a command that is not about one crisis
// (the directory, a member's record) writes its log entry in: the crisis
// of the channel, else the latest open one; Crisis{} when none is open.
func (c *Call) openCrisis() (crisis.Crisis, error) {
	cr, err := c.Op.CurrentCrisis(c.Channel)
	switch {
	case errors.Is(err, crisis.ErrNotFound):
		return crisis.Crisis{}, nil
	case err != nil:
		return crisis.Crisis{}, err
	case cr.State != crisis.Open:
		return crisis.Crisis{}, nil
	}
	return cr, nil
}

// contactsSection is the board's short list of whom to call first:
// police or gendarmerie, CERT, insurer, provider, those the directory
// holds with a way to reach them.
func (c *Call) contactsSection(crisis.Crisis) (string, error) {
	dir, err := c.directory()
	if err != nil {
		return "", err
	}
	key := contacts.Key(dir)
	if len(key) == 0 {
		return "", nil
	}
	lines := []string{"**" + c.T("board.contacts") + "**"}
	for _, e := range key {
		lines = append(lines, "- "+e.Name+" — "+e.Reach())
	}
	return strings.Join(lines, "\n"), nil
}
