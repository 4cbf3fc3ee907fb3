package publish

import (
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/timeline"
)

// The Caen record as the page tests see it: the board of 26 September 2022
// evening, two public updates, an English translation of the newest, and the
// town's switchboard.
var paris, _ = time.LoadLocation("Europe/Paris")

func caenAt(day, hour, min int) time.Time { return time.Date(2022, 9, day, hour, min, 0, 0, paris) }

var caenCrisis = crisis.Crisis{ID: 1, Title: "Intrusion sur un serveur de messagerie", State: crisis.Open, OpenedAt: caenAt(26, 16, 5)}

var caenServices = []crisis.Service{
	{CrisisID: 1, Name: "Bibliothèques", Status: "up", UpdatedAt: caenAt(26, 18, 32)},
	{CrisisID: 1, Name: "Messagerie @caen.fr", Status: "down", Workaround: "Téléphone ; la cellule travaille sur Discord", UpdatedAt: caenAt(26, 18, 30)},
	{CrisisID: 1, Name: "État civil (naissances, décès)", Status: "degraded", Workaround: "Actes tenus sur registres papier", UpdatedAt: caenAt(26, 18, 31)},
	{CrisisID: 1, Name: "Piscines, patinoires, musées et théâtres", Status: "degraded", Workaround: "Paiement en espèces uniquement", UpdatedAt: caenAt(26, 18, 33)},
	{CrisisID: 1, Name: "Passeports et cartes d'identité", Status: "down", Workaround: "Pas de prise de rendez-vous pour le moment", UpdatedAt: caenAt(26, 18, 34)},
}

func caenUpdate(id int64, at time.Time, body string) Update {
	return Update{Crisis: caenCrisis, Draft: crisis.Draft{ID: id, CrisisID: 1, Kind: crisis.DraftStatus, Audience: "public", State: crisis.DraftApproved,
		DecidedAt: at, Current: crisis.DraftVersion{Body: body}}}
}

// caenUpdates are newest first, as Updates returns them.
var caenUpdates = []Update{
	caenUpdate(5, caenAt(27, 14, 5), "# City of Caen — status update\n\nThe city is facing a cyberattack. Civil registry records are kept on paper; the pools take cash only.\n\n## Next update\nThe next update will be published at 18:00.\n"),
	caenUpdate(4, caenAt(27, 14, 0), "# Ville de Caen — point de situation\n\nLa Ville fait face à une attaque informatique. Les actes d'état civil sont tenus sur registres papier ; les piscines n'acceptent que les espèces.\n\n## Prochain point\nLe prochain point sera publié à 18:00.\n"),
	caenUpdate(1, caenAt(27, 9, 0), "# Ville de Caen — premier point\n\nLa Ville de Caen fait face à une attaque informatique, détectée le 26/09/2022 à 16:00. Par précaution, les serveurs ont été isolés.\n"),
}

// caenTimeline is the public picture: services over time and the updates.
var caenTimeline = timeline.Input{
	Detected: caenAt(26, 16, 0), Now: caenAt(27, 15, 0), Public: true,
	Services: []timeline.Service{
		{Name: "Messagerie @caen.fr", Changes: []timeline.Change{{At: caenAt(26, 18, 30), Status: "down"}}},
		{Name: "État civil (naissances, décès)", Changes: []timeline.Change{{At: caenAt(26, 18, 31), Status: "degraded"}}},
		{Name: "Bibliothèques", Changes: []timeline.Change{{At: caenAt(26, 18, 0), Status: "down"}, {At: caenAt(26, 18, 32), Status: "up"}}},
	},
	Entries: []timeline.Entry{
		{Seq: 1, At: caenAt(27, 9, 0), Written: caenAt(27, 9, 0), Kind: "update", Text: "Ville de Caen — premier point"},
		{Seq: 4, At: caenAt(27, 14, 0), Written: caenAt(27, 14, 0), Kind: "update", Text: "Ville de Caen — point de situation"},
	},
}

var caenContact = Contact{Phone: "02 31 30 41 00", Address: "Esplanade Jean-Marie Louvel, 14027 Caen", Hours: "du lundi au vendredi, 8 h 30 – 17 h 30"}

func caenPage(lang locale.Lang) Page {
	return Page{Org: "Ville de Caen", Loc: paris, Lang: lang, Contact: caenContact, Services: caenServices, NextUpdate: caenAt(27, 18, 0), Timeline: &caenTimeline}
}
