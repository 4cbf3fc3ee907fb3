package command_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// Issue 14, "nothing can be listed, corrected or removed": each story below
// starts from what the issue quotes and shows the correction in the log, the
// board, the export and the documents, with the hash chain intact.

// chainHolds checks crisis 1's log hash chain, as `tocsin verify` does.
func chainHolds(t *testing.T, h *harness) {
	t.Helper()
	reports, err := crisis.VerifyLogs(context.Background(), h.db, 0)
	require.NoError(t, err)
	require.NotEmpty(t, reports)
	for _, r := range reports {
		assert.NoError(t, r.Err, "got a broken chain in crisis %d, want it to verify", r.Crisis.ID)
	}
}

// exported returns one file of crisis 1's export zip, as /crisis export gives it.
func exported(t *testing.T, h *harness, name string) string {
	t.Helper()
	r := h.must("dsi", `/crisis export`)
	require.Len(t, r.Files, 1)
	zr, err := zip.NewReader(bytes.NewReader(r.Files[0].Content), int64(len(r.Files[0].Content)))
	require.NoError(t, err)
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			require.NoError(t, err)
			defer rc.Close()
			b, err := io.ReadAll(rc)
			require.NoError(t, err)
			return string(b)
		}
	}
	t.Fatalf("got no %s in the export", name)
	return ""
}

// TestIOCList: « commande incomplète /ioc list : /ioc attend add ».
func TestIOCList(t *testing.T) {
	h := withPlaybook(t)
	r := h.must("dsi", `/ioc list`)
	assert.Contains(t, r.Text, "Aucun indicateur")

	h.must("dsi", `/ioc add kind:ip value:203.0.113.7 note:"pare-feu, 10 tentatives par seconde"`)
	h.must("dsi", `/ioc add kind:domain value:evil.example`)
	r = h.must("comm", `/ioc list`)
	assert.True(t, r.Ephemeral)
	for _, want := range []string{"n° 1", "adresse IP `203.0.113.7`", "pare-feu, 10 tentatives par seconde", "@dsi", "26/09/2022 16:05", "n° 2", "nom de domaine `evil.example`"} {
		assert.Contains(t, r.Text, want, "got %q, want %q in the list", r.Text, want)
	}
}

// TestIOCRetract: a wrong indicator is withdrawn, never erased.
func TestIOCRetract(t *testing.T) {
	h := withPlaybook(t)
	h.must("dsi", `/ioc add kind:ip value:203.0.113.7`)
	h.must("dsi", `/ioc add kind:ip value:198.51.100.23 note:"vu dans les journaux"`)

	for _, bad := range []struct{ line, want string }{
		{`/ioc retract id:9 reason:"erreur"`, "indicateur n° 9 inconnu"},
		{`/ioc retract id:2`, "reason"},
	} {
		before := h.dump()
		r := h.run("dsi", bad.line)
		require.True(t, r.Failed, "%s: got %q, want a refusal", bad.line, r.Text)
		assert.Contains(t, r.Text, bad.want)
		assert.Equal(t, before, h.dump(), "%s changed the record", bad.line)
	}

	h.now = h.now.Add(30 * time.Minute)
	r := h.must("comm", `/ioc retract id:2 reason:"adresse du prestataire, pas de l'attaquant"`)
	assert.Contains(t, r.Text, "n° 2")
	assert.Contains(t, r.Text, "198.51.100.23")

	r = h.run("dsi", `/ioc retract id:2 reason:"encore"`)
	require.True(t, r.Failed, "got %q, want a second retraction refused", r.Text)
	assert.Contains(t, r.Text, "déjà retiré")

	// The list keeps it, marked, with who, when and why.
	r = h.must("dsi", `/ioc list`)
	assert.Contains(t, r.Text, "203.0.113.7")
	assert.Contains(t, r.Text, "198.51.100.23")
	assert.Contains(t, r.Text, "retiré le 26/09/2022 16:35 par @comm : adresse du prestataire, pas de l'attaquant")

	// The log keeps both the indicator and its withdrawal.
	assert.True(t, h.logged(1, "Indicateur ajouté (adresse IP) : 198.51.100.23 — vu dans les journaux"))
	assert.True(t, h.logged(1, "Indicateur n° 2 retiré (adresse IP 198.51.100.23) : adresse du prestataire, pas de l'attaquant"))
	chainHolds(t, h)

	// The board counts and shows only the indicators that stand.
	board := h.must("dsi", `/crisis status`).Text
	assert.Contains(t, board, "Indicateurs (1)")
	assert.Contains(t, board, "203.0.113.7")
	assert.NotContains(t, board, "`198.51.100.23`")

	// The complaint lists it as withdrawn, not as an indicator.
	body := h.must("juriste", `/draft complaint`).Text
	ind := section(body, "## 4.", "## 5.")
	assert.Contains(t, ind, "`203.0.113.7`")
	assert.NotContains(t, ind, "`198.51.100.23`", "a withdrawn indicator is no indicator")
	assert.Contains(t, ind, "Retiré après relevé")
	assert.Contains(t, ind, "198.51.100.23")
	assert.Contains(t, ind, "adresse du prestataire, pas de l'attaquant")
	assert.NotContains(t, flagged(body), "198.51.100.23", "the withdrawal is in the record: got it flagged")
	assert.NotContains(t, flagged(body), "16:35")

	// The export's log holds the correction.
	assert.Contains(t, exported(t, h, "log.md"), "Indicateur n° 2 retiré")

	// A withdrawn value may be recorded again: it was a mistake, not a ban.
	h.must("dsi", `/ioc add kind:ip value:198.51.100.23 note:"finalement bien l'attaquant"`)
}

// TestEvidenceListAndTransfer: each change of hands is a new link of the
// chain of custody, kept.
func TestEvidenceListAndTransfer(t *testing.T) {
	h := withPlaybook(t)
	r := h.must("dsi", `/evidence list`)
	assert.Contains(t, r.Text, "Aucune preuve")

	h.must("dsi", `/evidence add item:"Image disque du serveur de messagerie" location:"Coffre DSI" sha256:`+strings.Repeat("ab", 32))
	for _, bad := range []struct{ line, want string }{
		{`/evidence transfer id:4 custodian:"Gendarmerie"`, "preuve n° 4 inconnue"},
		{`/evidence transfer id:1 custodian:@dsi`, "déjà sous la garde de Responsable SI (@dsi)"},
		{`/evidence transfer id:1 custodian:@zorglub`, "membre inconnu"},
	} {
		before := h.dump()
		r := h.run("dsi", bad.line)
		require.True(t, r.Failed, "%s: got %q, want a refusal", bad.line, r.Text)
		assert.Contains(t, r.Text, bad.want)
		assert.Equal(t, before, h.dump(), "%s changed the record", bad.line)
	}

	h.now = h.now.Add(time.Hour)
	r = h.must("dsi", `/evidence transfer id:1 custodian:@juriste`)
	assert.Contains(t, r.Text, "Direction juridique")
	h.now = h.now.Add(17 * time.Hour) // 27/09 10:05
	h.must("juriste", `/evidence transfer id:1 custodian:"Brigade de gendarmerie de Caen" location:"Scellé n° 12"`)

	r = h.must("dsi", `/evidence list`)
	for _, want := range []string{"Image disque du serveur de messagerie", "Brigade de gendarmerie de Caen", "Scellé n° 12",
		"26/09/2022 16:05", "Responsable SI", "Coffre DSI", "26/09/2022 17:05", "Direction juridique", "27/09/2022 10:05"} {
		assert.Contains(t, r.Text, want, "got %q, want %q in the chain", r.Text, want)
	}
	assert.True(t, h.logged(1, "Preuve n° 1 remise à Direction juridique (@juriste) (lieu : Coffre DSI), par @dsi"))
	assert.True(t, h.logged(1, "Preuve n° 1 remise à Brigade de gendarmerie de Caen (lieu : Scellé n° 12), par @juriste"))
	chainHolds(t, h)

	body := h.must("juriste", `/draft complaint`).Text
	ev := section(body, "## 7.", "## 8.")
	// The table shows who holds it now; the chain below, every hand.
	assert.Contains(t, ev, "| Brigade de gendarmerie de Caen | 27/09/2022 10:05 |")
	assert.Contains(t, ev, "Chaîne de garde")
	for _, want := range []string{"- 26/09/2022 16:05 : Responsable SI (@dsi) — Coffre DSI", "- 26/09/2022 17:05 : Direction juridique (@juriste) — Coffre DSI", "- 27/09/2022 10:05 : Brigade de gendarmerie de Caen — Scellé n° 12"} {
		assert.Contains(t, ev, want)
	}
	for _, v := range []string{"Brigade", "Scellé", "17:05", "10:05", "27/09"} {
		assert.NotContains(t, flagged(body), v, "the chain is in the record: got it flagged")
	}
	assert.Contains(t, exported(t, h, "log.md"), "Preuve n° 1 remise à Brigade de gendarmerie de Caen")
}

// TestOneServicePerName: « Ce qui fonctionne : Bibliotheques, Bibliothèques ».
// An accent typed as a letter and a combining mark (as some keyboards and
// copied text give it) is the same accent.
func TestOneServicePerName(t *testing.T) {
	h := withPlaybook(t)
	for _, line := range []string{
		`/service set name:"etat civil" status:down workaround:"Registres papier"`,
		`/service set name:"État civil" status:down`,
		`/service set name:"ETAT-CIVIL" status:down`,
		`/service set name:Bibliothèques status:up`,
		`/service set name:Bibliotheques status:up`,
		"/service set name:Bibliothe\u0300ques status:up",
		"/service set name:\"E\u0301tat civil\" status:down",
	} {
		h.must("dsi", line)
	}
	list := h.must("dsi", `/service list`).Text
	assert.Equal(t, 1, strings.Count(list, "civil"), "got %q, want état civil once", list)
	assert.Equal(t, 1, strings.Count(list, "Biblioth"), "got %q, want the libraries once", list)

	status := statusBody(h)
	assert.Equal(t, 1, strings.Count(status, "Biblioth"), "got %q, want the libraries once in the update", status)
	complaint := h.must("juriste", `/draft complaint`).Text
	assert.Equal(t, 1, strings.Count(section(complaint, "## 3.", "## 4."), "civil"), "got %q", complaint)
}

// TestServiceRenameAndRemove: a misspelt service is renamed, a wrong one
// removed; the log says so and the board and documents show the board as
// corrected.
func TestServiceRenameAndRemove(t *testing.T) {
	h := withPlaybook(t)
	h.must("dsi", `/service set name:"etat civil" status:down workaround:"Registres papier"`)
	h.must("dsi", `/service set name:Piscines status:degraded workaround:"Paiement en espèces"`)
	h.must("dsi", `/service set name:"Pisicnes" status:down`)

	for _, bad := range []struct{ line, want string }{
		{`/service rename name:Piscines new_name:"Etat Civil"`, "le service etat civil existe déjà"},
		{`/service rename name:Patinoire new_name:Patinoires`, "service inconnu « Patinoire »"},
		{`/service rename name:Pisicne new_name:Piscine`, "vouliez-vous dire Pisicnes ?"},
		{`/service remove name:Musées`, "service inconnu « Musées »"},
		{`/service rename name:Piscines new_name:Piscines`, "déjà"},
	} {
		before := h.dump()
		r := h.run("dsi", bad.line)
		require.True(t, r.Failed, "%s: got %q, want a refusal", bad.line, r.Text)
		assert.Contains(t, r.Text, bad.want)
		assert.Equal(t, before, h.dump(), "%s changed the record", bad.line)
	}

	r := h.must("dsi", `/service rename name:"ETAT CIVIL" new_name:"État civil" reason:"accents"`)
	assert.Contains(t, r.Text, "État civil")
	h.must("comm", `/service remove name:pisicnes reason:"doublon mal orthographié"`)

	assert.True(t, h.logged(1, "Service « etat civil » renommé « État civil » : accents"))
	assert.True(t, h.logged(1, "Service « Pisicnes » retiré du tableau (était : hors service) : doublon mal orthographié"))
	chainHolds(t, h)

	list := h.must("dsi", `/service list`).Text
	assert.Contains(t, list, "État civil — hors service · contournement : Registres papier")
	assert.NotContains(t, list, "Pisicnes")
	board := h.must("dsi", `/crisis status`).Text
	assert.NotContains(t, section(board, "**Services**", "**Questions"), "Pisicnes")
	assert.Contains(t, board, "renommé « État civil »", "the board's recent log shows the correction")

	complaint := h.must("juriste", `/draft complaint`).Text
	assert.NotContains(t, complaint, "Pisicnes")
	assert.Contains(t, complaint, "État civil")
	assert.NotContains(t, complaint, "etat civil")
	assert.NotContains(t, statusBody(h), "Pisicnes")
	assert.Contains(t, exported(t, h, "log.md"), "retiré du tableau")

	// A removed service may be set again, and its old name is free.
	h.must("dsi", `/service set name:Pisicnes status:up`)
}

// TestFactUnset: a fact set by mistake is unset, not erased: the log keeps
// it, and the board asks the question again.
func TestFactUnset(t *testing.T) {
	h := withPlaybook(t)
	h.must("dsi", `/crisis fact name:personal_data value:oui`)
	assert.NotContains(t, h.must("dsi", `/crisis status`).Text, "name:personal_data value:…")

	for _, bad := range []struct{ line, want string }{
		{`/crisis fact unset name:ransom_demanded reason:"erreur"`, "le fait ransom_demanded n'est pas établi"},
		{`/crisis fact unset name:personal_dat reason:"erreur"`, "vouliez-vous dire personal_data ?"},
		{`/crisis fact unset name:personal_data`, "reason"},
	} {
		before := h.dump()
		r := h.run("dsi", bad.line)
		require.True(t, r.Failed, "%s: got %q, want a refusal", bad.line, r.Text)
		assert.Contains(t, r.Text, bad.want)
		assert.Equal(t, before, h.dump(), "%s changed the record", bad.line)
	}

	r := h.must("dsi", `/crisis fact unset name:personal_data reason:"confusion avec un autre incident"`)
	assert.Contains(t, r.Text, "personal_data")
	assert.True(t, h.logged(1, "Fait établi : personal_data = oui"), "the first answer stays in the log")
	assert.True(t, h.logged(1, "Fait retiré : personal_data (était : oui) : confusion avec un autre incident"))
	chainHolds(t, h)

	board := h.must("dsi", `/crisis status`).Text
	assert.Contains(t, board, "name:personal_data value:…", "got %q, want the board to ask again", board)
	complaint := h.must("juriste", `/draft complaint`).Text
	assert.NotContains(t, complaint, "Données personnelles concernées")
	assert.Contains(t, exported(t, h, "log.md"), "Fait retiré : personal_data")

	// The same correction in English for an English cell.
	assert.Equal(t, "Fact unset: personal_data (was: yes): mix-up", locale.T(locale.EN, "log.fact.unset", "personal_data", "yes", "mix-up"))
}

// TestFactTypoIsNeverStored: « /crisis fact name:donnees_personnelles est
// enregistré sans rien dire, et redemandé sans fin ». The French name of a
// declared fact gets a did-you-mean and nothing is stored until confirmed.
func TestFactTypoIsNeverStored(t *testing.T) {
	h := withPlaybook(t)
	before := h.dump()
	r := h.run("dsi", `/crisis fact name:donnees_personnelles value:oui`)
	require.True(t, r.Failed, "got %q, want a refusal", r.Text)
	assert.Contains(t, r.Text, "vouliez-vous dire personal_data ?")
	assert.Contains(t, r.Text, "confirm:oui")
	assert.Equal(t, before, h.dump(), "a refused fact changed the record")
	h.must("dsi", `/crisis fact name:personal_data value:oui`)
	assert.NotContains(t, h.must("dsi", `/crisis status`).Text, "name:personal_data value:…", "answered, the question is no longer asked")
}

// flagged is what the fact check says of a drafted document, "" when
// it says nothing.
func flagged(reply string) string {
	_, after, _ := strings.Cut(reply, "⚠️")
	return after
}

// section is the part of a document from one heading to the next.
func section(body, from, to string) string {
	_, after, ok := strings.Cut(body, from)
	if !ok {
		return ""
	}
	s, _, _ := strings.Cut(after, to)
	return s
}

// TestCorrectionsInEnglish: an English cell's replies, log entries and
// complaint say the corrections in English.
func TestCorrectionsInEnglish(t *testing.T) {
	h := withPlaybook(t)
	h.env.Lang = locale.EN
	h.must("dsi", `/ioc add kind:domain value:evil.example`)
	r := h.must("dsi", `/ioc retract id:1 reason:"our own CDN"`)
	assert.Contains(t, r.Text, "Indicator #1 withdrawn: domain name evil.example")
	assert.Contains(t, h.must("dsi", `/ioc list`).Text, "withdrawn 2022-09-26 16:05 by @dsi: our own CDN")
	h.must("dsi", `/evidence add item:"Disk image" location:"IT safe"`)
	r = h.must("dsi", `/evidence transfer id:1 custodian:"Police" location:"Seal 12"`)
	assert.Contains(t, r.Text, "Evidence #1 handed to Police (location: Seal 12). Chain of custody:")
	h.must("dsi", `/service set name:"Civil registry" status:down`)
	h.must("dsi", `/service remove name:"civil registry" reason:"duplicate"`)
	h.must("dsi", `/crisis fact name:ransom_demanded value:no`)
	h.must("dsi", `/crisis fact unset name:ransom_demanded reason:"not confirmed"`)
	for _, want := range []string{
		"Indicator #1 withdrawn (domain name evil.example): our own CDN",
		"Evidence #1 handed to Police (location: Seal 12), by @dsi",
		`Service "Civil registry" taken off the board (was: down): duplicate`,
		"Fact unset: ransom_demanded (was: no): not confirmed",
	} {
		assert.True(t, h.logged(1, want), "got no log entry %q", want)
	}
	body := h.must("juriste", `/draft complaint`).Text
	assert.Contains(t, section(body, "## 4.", "## 5."), "Withdrawn after being recorded")
	assert.Contains(t, section(body, "## 7.", "## 8."), "Chain of custody of item 1:")
	chainHolds(t, h)
}
