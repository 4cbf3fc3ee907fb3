package command_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/draft"
	"github.com/tocsin-crisis/tocsin/internal/golden"
)

// caen builds the first day of the Caen crisis, as the spec tells it.
func caen(t *testing.T) *harness {
	h := newHarness(t)
	h.env.Org = draft.Org{Name: "Ville de Caen", Address: "Esplanade Jean-Marie Louvel, 14027 Caen", Representative: "Le maire"}
	h.must("dsi", `/member add id:comm name:"Service communication" capabilities:member,comms`)
	h.must("dsi", `/member add id:juriste name:"Direction juridique" capabilities:member,legal`)
	h.must("dsi", `/member add id:agent name:"Agent d'accueil" capabilities:member`)
	h.now = time.Date(2022, 9, 26, 18, 30, 0, 0, paris)
	h.must("dsi", `/crisis open title:"Intrusion sur un serveur de messagerie" detected_at:"2022-09-26 16:00" started_at:"2022-09-26 14:30"`)
	h.must("dsi", `/log at:"2022-09-26 14:30" text:"Début de l'attaque sur le serveur de messagerie"`)
	h.must("dsi", `/log at:"2022-09-26 16:00" text:"Alertes du pare-feu : environ dix tentatives d'intrusion par seconde"`)
	h.must("dsi", `/log at:"2022-09-26 16:28" text:"Début de l'isolement des serveurs"`)
	h.must("dsi", `/log at:"2022-09-26 18:00" text:"Serveurs totalement isolés, sauvegardes isolées, serveurs de fichiers arrêtés"`)
	h.must("dsi", `/log text:"2 serveurs sur 200 infectés, aucune rançon demandée"`)
	h.must("dsi", `/ioc add kind:ip value:198.51.100.23 note:"Adresse de l'attaquant"`)
	h.must("dsi", `/evidence add item:"Journaux du pare-feu du 26/09" location:"Coffre DSI" sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`)
	h.must("dsi", `/service set name:"Messagerie @caen.fr" status:down workaround:"Téléphone et Discord"`)
	h.must("dsi", `/service set name:"Sites caen.fr et caenlamer.fr" status:down`)
	h.must("dsi", `/service set name:"État civil" status:degraded workaround:"Registres papier"`)
	h.must("dsi", `/service set name:"Piscines et patinoires" status:degraded workaround:"Paiement en espèces uniquement"`)
	h.must("dsi", `/service set name:"Bibliothèques" status:up`)
	h.must("dsi", `/crisis fact name:ransom_demanded value:non`)
	h.must("dsi", `/role assign member:@juriste role:juridique`)
	return h
}

func TestDraftComplaintHoldsTheRecord(t *testing.T) {
	h := caen(t)
	r := h.must("agent", `/draft complaint`)
	golden.Assert(t, "testdata/caen-complaint.golden", r.Text)
	for _, want := range []string{
		"| 26/09/2022 14:30 | 26/09/2022 18:30 | Début de l'attaque sur le serveur de messagerie |",
		"| 26/09/2022 16:00 | 26/09/2022 18:30 | Alertes du pare-feu",
		"| 26/09/2022 16:28 | 26/09/2022 18:30 | Début de l'isolement des serveurs |",
		"| 26/09/2022 18:00 | 26/09/2022 18:30 | Serveurs totalement isolés",
		"`198.51.100.23`", "Messagerie @caen.fr", "Sites caen.fr et caenlamer.fr", "Registres papier",
		"Journaux du pare-feu du 26/09", "Coffre DSI", "Article 323-1", "Article 323-7", "Ville de Caen",
	} {
		assert.Contains(t, r.Text, want)
	}
	assert.NotContains(t, r.Text, "Vérification", "a template draft of the record has nothing to flag")
	require.Len(t, r.Files, 1, "the complaint comes with its PDF")
	assert.Equal(t, "1-complaint.pdf", r.Files[0].Name)
	assert.True(t, strings.HasPrefix(string(r.Files[0].Content), "%PDF-"))
}

func TestFourEyes(t *testing.T) {
	h := caen(t)
	h.env.FourEyes = true
	h.must("comm", `/draft status`)
	refused := h.run("comm", `/draft approve id:1`)
	require.True(t, refused.Failed)
	assert.Contains(t, refused.Text, "vous avez rédigé le brouillon n° 1 : un autre membre doit l'approuver")
	h.must("dsi", `/draft approve id:1`)
}

func TestStatusUpdateApproval(t *testing.T) {
	h := caen(t)
	r := h.must("agent", `/draft status audience:public`)
	assert.Contains(t, r.Text, "Brouillon n° 1 — point de situation, version 1 (en attente d'approbation)")
	assert.Contains(t, r.Text, "**État civil** : dégradé. En attendant : Registres papier")
	assert.NotContains(t, r.Text, "198.51.100.23", "a public update gives no indicator")
	require.Len(t, r.Buttons, 3)
	assert.Equal(t, "/draft approve id:1 version:1", r.Buttons[0].Command, "the button names the version it shows")

	refused := h.run("agent", `/draft approve id:1`)
	require.True(t, refused.Failed)
	assert.Contains(t, refused.Text, "n'a pas la capacité comms")
	refused = h.run("juriste", `/draft approve id:1`)
	require.True(t, refused.Failed, "legal staff do not publish status updates")

	edited := h.must("comm", `/draft edit id:1 text:"La Ville de Caen subit une attaque. Retour prévu le 30/09/2022 à 09:00."`)
	assert.Contains(t, edited.Text, "version 2")
	assert.Contains(t, edited.Text, "date : 30/09/2022")
	assert.Contains(t, edited.Text, "heure : 09:00")
	assert.Equal(t, "/draft approve id:1 version:2 confirm:yes", edited.Buttons[0].Command, "a flagged draft's button confirms")

	flagged := h.run("comm", `/draft approve id:1`)
	require.True(t, flagged.Failed)
	assert.Contains(t, flagged.Text, "contient des éléments absents du dossier (30/09/2022, 09:00)")

	h.must("comm", `/draft edit id:1 text:"La Ville de Caen subit une attaque informatique. État civil : registres papier."`)
	stale := h.run("comm", `/draft approve id:1 version:2 confirm:yes`)
	require.True(t, stale.Failed, "a confirmation covers only the flags of the version it names")
	assert.Contains(t, stale.Text, "la version 3 est à relire")
	assert.Contains(t, stale.Text, "registres papier", "the refusal shows the newer text")
	ok := h.must("comm", `/draft approve id:1`)
	assert.Contains(t, ok.Text, "approuvé (version 3) et publié")
	var published bool
	for _, e := range ok.Events {
		published = published || (e.Kind == crisis.EventPublished && e.ObjectID == 1)
	}
	assert.True(t, published, "approval publishes")

	again := h.run("comm", `/draft reject id:1 reason:"trop tard"`)
	require.True(t, again.Failed)
	assert.Contains(t, again.Text, "le brouillon n° 1 a déjà été approuvé par @comm")

	require.NoError(t, h.db.View(context.Background(), func(tx crisis.Tx) error {
		vs, err := tx.DraftVersions(1)
		require.NoError(t, err)
		require.Len(t, vs, 3, "every version is kept")
		assert.Equal(t, "template", vs[0].Source)
		assert.Contains(t, vs[1].Body, "Retour prévu")
		return nil
	}))
}

func TestRejectedDraftKeepsItsHistory(t *testing.T) {
	h := caen(t)
	h.must("agent", `/draft breach`)
	h.must("juriste", `/draft reject id:1 reason:"Périmètre des données à confirmer"`)
	r := h.must("agent", `/draft list`)
	assert.Contains(t, r.Text, "#1 notification de violation — rejeté, v1")
	assert.Contains(t, r.Text, "Périmètre des données à confirmer")
}

func TestBreachMarksWhatIsMissing(t *testing.T) {
	h := caen(t)
	r := h.must("agent", `/draft breach`)
	assert.Contains(t, r.Text, "au plus tard le **29/09/2022 16:00**", "72 hours after detection")
	assert.Contains(t, r.Text, "[À COMPLÉTER : nom et coordonnées du DPO (fait dpo_contact)]")
	h.must("dsi", `/crisis fact name:dpo_contact value:"Délégué à la protection des données, via la direction juridique"`)
	r = h.must("agent", `/draft breach`)
	assert.NotContains(t, r.Text, "nom et coordonnées du DPO")
	assert.Contains(t, r.Text, "Délégué à la protection des données, via la direction juridique")
}

func TestCloseDraftsTheReport(t *testing.T) {
	h := caen(t)
	h.now = h.now.Add(48 * time.Hour)
	r := h.must("dsi", `/crisis close summary:"Services rétablis"`)
	assert.Contains(t, r.Text, "Retour d'expérience rédigé : brouillon n° 1")
	list := h.must("dsi", `/draft list`)
	assert.Contains(t, list.Text, "retour d'expérience")
	require.NoError(t, h.db.View(context.Background(), func(tx crisis.Tx) error {
		d, err := tx.Draft(1)
		require.NoError(t, err)
		assert.True(t, strings.HasPrefix(d.Current.Body, "# Retour d'expérience — Intrusion sur un serveur de messagerie"))
		assert.Contains(t, d.Current.Body, "Services rétablis")
		return nil
	}))
}
