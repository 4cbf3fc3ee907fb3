package command_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/contacts"
)

// TestMemberSetCapabilities is the story: « A member's capabilities
// cannot be changed in the console (/member add again: « existe déjà »). »
// Now /member add says how, /member set changes them, and the crisis log
// keeps the change.
func TestMemberSetCapabilities(t *testing.T) {
	h := newHarness(t)
	h.must("dsi", `/member add id:comm name:Comm capabilities:member`)
	h.must("dsi", `/crisis open title:"Intrusion"`)

	r := h.run("dsi", `/member add id:comm name:Comm capabilities:member,comms`)
	require.True(t, r.Failed)
	assert.Contains(t, r.Text, "/member set id:comm", "got %q, want the way to change a member", r.Text)

	r = h.run("comm", `/draft approve id:1`)
	require.True(t, r.Failed)

	r = h.must("dsi", `/member set id:comm capabilities:membre,communication`)
	assert.Contains(t, r.Text, "capacités membre → membre, communication")
	assert.True(t, h.logged(1, "Fiche du membre Comm (@comm) corrigée par Responsable SI (@dsi) : capacités membre → membre, communication"),
		"the change is a new entry of the crisis log")
	r = h.must("comm", `/member list`)
	assert.Contains(t, r.Text, "Comm (@comm) — membre, communication")
}

// TestMemberSetOwnPhone: anyone sets their own phone and e-mail; only a
// director sets another's, or capabilities.
func TestMemberSetOwnPhone(t *testing.T) {
	h := newHarness(t)
	h.must("dsi", `/member add id:comm name:Comm capabilities:member`)
	h.must("dsi", `/member add id:rssi name:RSSI capabilities:member`)

	r := h.must("comm", `/member set id:comm phone:"06 12 34 56 78" email:comm@caen.fr`)
	assert.Contains(t, r.Text, "téléphone « aucun » → « 06 12 34 56 78 »")
	r = h.must("comm", `/member list`)
	assert.Contains(t, r.Text, "Comm (@comm) — membre — 06 12 34 56 78 · comm@caen.fr")

	before := h.dump()
	for _, tc := range []struct{ line, want string }{
		{`/member set id:rssi phone:"06 00 00 00 00"`, "seul un directeur change les coordonnées d'un autre membre (@rssi)"},
		{`/member set id:comm capabilities:member,director`, "seul un directeur change les capacités d'un membre (@comm)"},
		{`/member set id:comm phone:"06-12"`, `téléphone invalide "06-12"`},
		{`/member set id:comm email:comm.caen.fr`, `adresse e-mail invalide "comm.caen.fr"`},
		{`/member set id:comm`, "rien à changer pour @comm"},
		{`/member set id:comm phone:"06 12 34 56 78"`, "@comm a déjà ces valeurs"},
	} {
		r := h.run("comm", tc.line)
		require.True(t, r.Failed, "%s: got success %q, want a refusal", tc.line, r.Text)
		assert.Contains(t, r.Text, tc.want, tc.line)
		assert.Equal(t, 1, strings.Count(r.Text, "\n")+1, "%s: one line, got %q", tc.line, r.Text)
	}
	assert.Equal(t, before, h.dump(), "a refused change changed the record")

	h.must("dsi", `/member set id:comm phone:-`)
	r = h.must("dsi", `/member list`)
	assert.Contains(t, r.Text, "Comm (@comm) — membre — comm@caen.fr")
}

// TestContactDirectory: the directory lists the configured, added and
// shipped entries by kind, with a way to reach each.
func TestContactDirectory(t *testing.T) {
	h := newHarness(t)
	h.env.Org.Contacts = []contacts.Entry{{Name: "Assurances Mutuelles", Kind: contacts.KindInsurer, Phone: "02 31 00 00 01", Source: "contrat n° 42"}}
	h.must("dsi", `/crisis open title:"Intrusion"`)

	r := h.must("dsi", `/contact add name:"Gendarmerie de Caen" kind:gendarmerie phone:"02 31 00 00 02" hours:"24 h/24"`)
	assert.Contains(t, r.Text, "Contact ajouté à l'annuaire : Gendarmerie de Caen — Police ou gendarmerie — 02 31 00 00 02")
	assert.True(t, h.logged(1, "Contact ajouté à l'annuaire par Responsable SI (@dsi) : Gendarmerie de Caen (Police ou gendarmerie) — 02 31 00 00 02"))

	before := h.dump()
	for _, tc := range []struct{ line, want string }{
		{`/contact add name:X kind:assureurr`, "vouliez-vous dire assureur ?"},
		{`/contact add name:X kind:banque`, `type de contact inconnu "banque"`},
		{`/contact add name:X kind:cert phone:"abc"`, `téléphone invalide "abc"`},
		{`/contact add name:X kind:cert email:"a@b"`, `adresse e-mail invalide "a@b"`},
		{`/contact add name:"gendarmerie de caen" kind:police`, "déjà dans l'annuaire"},
		{`/contact add name:"assurances mutuelles" kind:insurer`, "déjà dans l'annuaire"},
	} {
		r := h.run("dsi", tc.line)
		require.True(t, r.Failed, "%s: got success %q, want a refusal", tc.line, r.Text)
		assert.Contains(t, r.Text, tc.want, tc.line)
	}
	assert.Equal(t, before, h.dump(), "a refused contact changed the record")

	r = h.must("dsi", `/contact list`)
	for _, want := range []string{
		"**Police ou gendarmerie**",
		"- Gendarmerie de Caen — 02 31 00 00 02 — horaires : 24 h/24",
		"- Police secours (17) — 17 — horaires : 24 h/24, 7 j/7",
		"**CERT-FR ou CSIRT régional**",
		"- CERT-FR (ANSSI) — cert-fr.cossi@ssi.gouv.fr",
		"**Assureur**",
		"- Assurances Mutuelles — 02 31 00 00 01 — source : contrat n° 42",
		"**CNIL et délégué à la protection des données**",
	} {
		assert.Contains(t, r.Text, want)
	}
	assert.Less(t, strings.Index(r.Text, "Gendarmerie de Caen"), strings.Index(r.Text, "Police secours"), "the cell's own entries come first")
	assert.Less(t, strings.Index(r.Text, "Police secours"), strings.Index(r.Text, "CERT-FR"), "grouped by kind")
}

// TestContactWithoutCrisis: the directory is prepared before an attack.
func TestContactWithoutCrisis(t *testing.T) {
	h := newHarness(t)
	h.must("dsi", `/contact add name:"Prestataire PRIS" kind:prestataire email:cert@pris.example.fr`)
	r := h.must("dsi", `/contact list`)
	assert.Contains(t, r.Text, "**Prestataire de réponse à incident**\n- Prestataire PRIS — cert@pris.example.fr")
}

// TestComplaintReachesPeople: « The complaint lists Discord handles »;
// now each role's holder is named with the phone and e-mail the record
// holds, the breach notification's contact point comes from the
// directory, and the fact check passes both.
func TestComplaintReachesPeople(t *testing.T) {
	h := newHarness(t)
	h.env.Org.Contacts = []contacts.Entry{{Name: "DPO de la Ville", Kind: contacts.KindCNIL, Email: "dpo@ville.example.fr"}}
	h.must("dsi", `/member add id:comm name:"Service communication" capabilities:member,comms`)
	h.must("comm", `/member set id:comm phone:"02 31 30 41 00" email:comm@ville.example.fr`)
	h.must("dsi", `/crisis open title:"Intrusion"`)
	h.must("dsi", `/role assign member:@comm role:communication`)

	r := h.must("dsi", `/draft complaint`)
	assert.Contains(t, r.Text, "- communication : Service communication — 02 31 30 41 00 · comm@ville.example.fr")
	assert.NotContains(t, r.Text, "contacts de la cellule, avec téléphone et e-mail")
	_, flags, _ := strings.Cut(r.Text, "Vérification")
	assert.NotContains(t, flags, "02 31 30 41 00", "a phone the record holds is not flagged")
	assert.NotContains(t, flags, "comm@ville.example.fr", "an e-mail the record holds is not flagged")
	r = h.must("dsi", `/draft breach`)
	assert.Contains(t, r.Text, "DPO de la Ville — dpo@ville.example.fr")

	r = h.must("dsi", `/crisis status`)
	assert.Contains(t, r.Text, "**Contacts**\n- Police secours (17) — 17")
}
