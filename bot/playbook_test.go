package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPlaybookThroughTheConsole plays the playbook acceptance through the
// console program itself: ready steps become tasks for the role holders,
// finishing one readies its dependants, a fact brings in the breach step
// due 72 hours after detection, and a recurring step comes back.
func TestPlaybookThroughTheConsole(t *testing.T) {
	db := filepath.Join(t.TempDir(), "tocsin.db")
	t0 := time.Date(2022, 9, 26, 16, 5, 0, 0, paris)
	code, out, errOut := runTocsin(t, db, t0, `/member add id:rssi name:RSSI capabilities:member
/member add id:comm name:Communication capabilities:member,comms
/member add id:dpo name:DPO capabilities:member,legal
/crisis open title:"Intrusion" playbook:cyberattaque-collectivite detected_at:16:00
/role assign member:@rssi role:dsi
/role assign member:@comm role:communication
/role assign member:@dpo role:juridique
/task done id:qualifier
/crisis fact name:personal_data value:oui
/task done id:point-public note:"Premier point publié"
/task list state:open
`, "console", "--as", "dgs")
	require.Equal(t, 0, code, errOut)
	assert.NotContains(t, out, "⚠️")
	for _, want := range []string{
		"#1 (qualifier) Qualifier l'incident et alerter la cellule — à faire, pour le rôle dsi (à prendre)",
		"1 tâche en attente de ce rôle lui est confiée :\n- #1 (qualifier) Qualifier l'incident et alerter la cellule — à faire, @rssi",
		"(isoler) Isoler les serveurs compromis sans les éteindre — à faire, @rssi",
		"(notifier-cnil) Notifier la violation de données à la CNIL — à faire, @dpo, échéance 29/09/2022 16:00",
		"(point-public) Point d'information public (2) — à faire, @comm",
	} {
		assert.Contains(t, out, want)
	}
	assert.Equal(t, 1, strings.Count(out, "(notifier-cnil) Notifier la violation de données à la CNIL — à faire, @dpo, échéance 29/09/2022 16:00\n- "), "the breach step is made once")
}
