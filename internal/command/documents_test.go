package command_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/draft"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/playbook"
	"github.com/tocsin-crisis/tocsin/internal/publish"
	"github.com/tocsin-crisis/tocsin/playbooks"
)

// withPlaybook opens a crisis under the built-in playbook, its first step
// done (the rest of the board is then on it), with a communication officer
// and a lawyer as members.
func withPlaybook(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t) // 2022-09-26 16:05, Paris
	set, err := playbook.Load(playbooks.FS, "")
	require.NoError(t, err)
	h.env.Playbooks = playbook.NewEngine(set, nil)
	h.env.Org = draft.Org{Name: "Commune de Saint-Lô", Address: "Place du Général de Gaulle, 50000 Saint-Lô", Representative: "Mme Claire Martin, maire"}
	h.must("dsi", `/member add id:comm name:"Service communication" capabilities:member,comms`)
	h.must("dsi", `/member add id:juriste name:"Direction juridique" capabilities:member,legal`)
	h.must("dsi", `/crisis open title:"Intrusion" playbook:cyberattaque-collectivite`)
	h.must("dsi", `/task done id:qualifier`)
	return h
}

// statusBody drafts a public status update and returns its text.
func statusBody(h *harness) string {
	h.t.Helper()
	return h.must("comm", `/draft status audience:public`).Text
}

// TestStatusUpdateSaysOnlyWhatTheRecordHolds: each sentence of the update
// rests on a task done, a service's state or a workaround recorded.
func TestStatusUpdateSaysOnlyWhatTheRecordHolds(t *testing.T) {
	const (
		isolated   = "isolé"
		mailWarn   = "peuvent ne pas être reçus"
		othersOK   = "fonctionnent normalement"
		pointAbove = "solutions indiquées ci-dessus"
		phishWarn  = "Ne répondez pas à un message qui semblerait venir de nos adresses"
	)
	cases := []struct {
		name     string
		setup    []string
		want     []string
		notWant  []string
		wantLive []string // under "Ce qui fonctionne"
	}{
		{
			name:    "isolation blocked as irrelevant: nothing was isolated",
			setup:   []string{`/task block id:isoler reason:"sans objet : aucun serveur touché"`},
			notWant: []string{isolated, othersOK, "vise "},
		},
		{
			name:  "isolation done: the update may say so",
			setup: []string{`/task done id:isoler`},
			want:  []string{isolated},
		},
		{
			name:    "mail service up: no mail warning",
			setup:   []string{`/service set name:Messagerie status:up`, `/service set name:"Site internet" status:down`},
			notWant: []string{mailWarn, pointAbove, othersOK},
			want:    []string{"## Ce qui fonctionne\n- Messagerie"},
		},
		{
			name:    "nothing says the mail was used: no phishing warning",
			setup:   []string{`/service set name:Messagerie status:down`},
			notWant: []string{phishWarn},
		},
		{
			name:  "mail compromised: residents are warned",
			setup: []string{`/crisis fact name:mail_compromised value:oui`},
			want:  []string{phishWarn},
		},
		{
			name:  "a fraudulent sender recorded: residents are warned",
			setup: []string{`/ioc add kind:email value:mairie-caen@faux-domaine.fr`},
			want:  []string{phishWarn},
		},
		{
			name:  "mail service down: the warning stands",
			setup: []string{`/service set name:Messagerie status:down`},
			want:  []string{mailWarn},
		},
		{
			name:    "no workaround recorded: nothing points above",
			setup:   []string{`/service set name:"État civil" status:down`},
			notWant: []string{pointAbove, othersOK},
		},
		{
			name:  "a workaround recorded: the update points to it",
			setup: []string{`/service set name:"État civil" status:degraded workaround:"Registres papier"`},
			want:  []string{pointAbove, "Registres papier"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := withPlaybook(t)
			for _, line := range c.setup {
				h.must("dsi", line)
			}
			body := statusBody(h)
			for _, w := range c.want {
				assert.Contains(t, body, w, "got %q, want it to say %q", body, w)
			}
			for _, w := range c.notWant {
				assert.NotContains(t, body, w, "got %q, want no %q", body, w)
			}
		})
	}
}

// nextUpdateRe reads the time the update promises.
var nextUpdateRe = regexp.MustCompile(`Prochain point le (\d{2}/\d{2}/\d{4}) à (\d{2}:\d{2})`)

// TestNextUpdateIsTheBoardsNextOccurrence: the update promises the time the
// board then schedules for the next one, never the due time of the step it
// completes, and a time to come.
func TestNextUpdateIsTheBoardsNextOccurrence(t *testing.T) {
	h := withPlaybook(t)
	h.now = h.now.Add(3 * time.Hour) // 19:05, the step due at 20:05
	body := statusBody(h)
	m := nextUpdateRe.FindStringSubmatch(body)
	require.NotNil(t, m, "got %q, want a next update time", body)
	promised, err := time.ParseInLocation("02/01/2006 15:04", m[1]+" "+m[2], paris)
	require.NoError(t, err)
	assert.True(t, promised.After(h.now), "got %s, want a time after %s", promised, h.now)

	h.must("comm", `/draft approve id:1`)
	var next crisis.Task
	require.NoError(t, h.db.View(context.Background(), func(tx crisis.Tx) error {
		ts, err := tx.Tasks(1, crisis.TaskFilter{})
		for _, tk := range ts {
			if tk.StepID == "point-public" && tk.Active() {
				next = tk
			}
		}
		return err
	}))
	require.NotZero(t, next.ID, "the board schedules the next update")
	assert.True(t, next.Due.Equal(promised), "got a promise of %s, want the board's next occurrence %s", promised, next.Due)
}

// TestNoScheduleNoPromise: with no update scheduled, the update says
// nothing of the next one.
func TestNoScheduleNoPromise(t *testing.T) {
	h := caen(t)
	body := h.must("comm", `/draft status`).Text
	assert.NotContains(t, body, "Prochain point", "got %q, want no promise the record does not hold", body)
}

// closeCrisis closes crisis 1, confirming past what is left open when the
// bot asks.
func closeCrisis(h *harness, summary string) {
	h.t.Helper()
	r := h.must("dsi", `/crisis close summary:`+summary)
	if strings.Contains(r.Text, "confirm:") {
		h.must("dsi", `/crisis close confirm:oui summary:`+summary)
	}
}

// taskState reads a task's state by its step.
func taskState(h *harness, step string) crisis.Task {
	h.t.Helper()
	var found crisis.Task
	require.NoError(h.t, h.db.View(context.Background(), func(tx crisis.Tx) error {
		ts, err := tx.Tasks(1, crisis.TaskFilter{})
		for _, tk := range ts {
			if tk.StepID == step {
				found = tk
			}
		}
		return err
	}))
	require.NotZero(h.t, found.ID, "no task for step %s", step)
	return found
}

// TestApprovalIsNotTheAct: approving the complaint or the breach
// notification makes the document final; the task stays open until a
// member records the act, and the report does not say it was done.
func TestApprovalIsNotTheAct(t *testing.T) {
	cases := []struct {
		kind, step, fact string
	}{
		{"complaint", "plainte", ""},
		{"breach", "notifier-cnil", `/crisis fact name:personal_data value:oui`},
	}
	for _, c := range cases {
		t.Run(c.kind, func(t *testing.T) {
			h := withPlaybook(t)
			if c.fact != "" {
				h.must("dsi", c.fact)
			}
			task := taskState(h, c.step)
			r := h.must("juriste", `/draft `+c.kind)
			assert.NotContains(t, r.Text, "la publication la terminera")
			id := regexp.MustCompile(`Brouillon n° (\d+)`).FindStringSubmatch(r.Text)[1]
			ok := h.must("juriste", `/draft approve confirm:yes id:`+id)
			assert.Contains(t, ok.Text, "définitif", "got %q", ok.Text)
			assert.Contains(t, ok.Text, "/task done id:", "got %q, want how to record the act", ok.Text)
			assert.NotContains(t, ok.Text, "publié")
			assert.True(t, taskState(h, c.step).Active(), "got task %s done by approval, want it open", task.Ref())

			h.now = h.now.Add(time.Hour)
			closeCrisis(h, `"Services rétablis"`)
			var report string
			require.NoError(t, h.db.View(context.Background(), func(tx crisis.Tx) error {
				ds, err := tx.Drafts(1)
				for _, d := range ds {
					if d.Kind == crisis.DraftReport {
						report = d.Current.Body
					}
				}
				return err
			}))
			start, end := strings.Index(report, "## Ce qui a fonctionné"), strings.Index(report, "## Ce qui n'a pas fonctionné")
			require.True(t, start >= 0 && end > start, "got report %q, want its sections", report)
			worked := report[start:end]
			assert.NotContains(t, worked, task.Title, "got %q, want the act not reported done", worked)
		})
	}
}

// TestAudiences: only a public update is published; staff, officials and
// press updates are final documents kept in the record.
func TestAudiences(t *testing.T) {
	cases := []struct {
		audience  string
		published bool
	}{
		{"public", true},
		{"staff", false},
		{"officials", false},
		{"press", false},
	}
	for _, c := range cases {
		t.Run(c.audience, func(t *testing.T) {
			h := caen(t)
			h.must("comm", `/draft status audience:`+c.audience)
			h.now = h.now.Add(time.Hour)
			closeCrisis(h, "Fin") // approved after the close, as in the issue
			r := h.must("comm", `/draft approve id:1 confirm:yes`)
			var event bool
			for _, e := range r.Events {
				event = event || e.Kind == crisis.EventPublished
			}
			assert.Equal(t, c.published, event, "got a publication event %v, want %v", event, c.published)
			var updates []publish.Update
			require.NoError(t, h.db.View(context.Background(), func(tx crisis.Tx) error {
				var err error
				updates, err = publish.Updates(tx)
				return err
			}))
			assert.Equal(t, c.published, len(updates) == 1, "got %d updates on the page, want published=%v", len(updates), c.published)
			if !c.published {
				assert.Contains(t, r.Text, "non publié", "got %q", r.Text)
				assert.Contains(t, r.Text, "conservé au dossier", "got %q", r.Text)
			}
		})
	}
}

// TestBreachNamesTaskStates: the measures say which tasks are still to
// do, which are blocked and why; none is "under way" unless taken.
func TestBreachNamesTaskStates(t *testing.T) {
	h := withPlaybook(t)
	h.must("dsi", `/crisis fact name:personal_data value:oui`)
	h.must("dsi", `/task block id:isoler reason:"attente du prestataire"`)
	h.must("dsi", `/task take id:sauvegardes`)
	body := h.must("juriste", `/draft breach`).Text
	for _, want := range []string{
		"À faire : Notifier la violation de données à la CNIL",
		"Bloquée : Isoler les serveurs compromis sans les éteindre (attente du prestataire)",
		"En cours : Isoler et protéger les sauvegardes",
		"Fait le 26/09/2022 16:05 : Qualifier l'incident",
	} {
		assert.Contains(t, body, want)
	}
	assert.NotContains(t, body, "En cours : Notifier")
}

// TestBreachArticle34: whether the persons must be told follows the facts.
func TestBreachArticle34(t *testing.T) {
	cases := []struct {
		facts   []string
		want    string
		notWant string
	}{
		{[]string{"data_exfiltrated value:oui"}, "les personnes concernées doivent être informées", "n'est pas requise"},
		{[]string{"high_risk value:yes"}, "les personnes concernées doivent être informées", "n'est pas requise"},
		{[]string{"high_risk value:non", "data_exfiltrated value:non"}, "n'est pas requise par l'article 34", "doivent être informées"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.facts, ","), func(t *testing.T) {
			h := caen(t)
			for _, f := range c.facts {
				h.must("dsi", `/crisis fact name:`+f)
			}
			body := h.must("juriste", `/draft breach`).Text
			assert.Contains(t, body, c.want)
			assert.NotContains(t, body, c.notWant)
		})
	}
}

// TestComplaintIsAComplaint: what the police need to take the complaint,
// and the offences the recorded facts support, no more.
func TestComplaintIsAComplaint(t *testing.T) {
	cases := []struct {
		name           string
		facts          []string
		extortion      bool // 312-1
		fraud          bool // 313-1, 313-3
		ransomAnswered string
	}{
		{"no ransom, no fraud", []string{"ransom_demanded value:non"}, false, false, "Rançon demandée : non"},
		{"ransom demanded", []string{"ransom_demanded value:yes"}, true, false, "Rançon demandée : oui"},
		{"fraudulent transfer attempted", []string{"ransom_demanded value:No", "fraud_attempted value:oui"}, false, true, "Rançon demandée : non"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := withPlaybook(t)
			h.must("dsi", `/ioc add kind:ip value:198.51.100.23`)
			h.must("dsi", `/ioc add kind:domain value:faux-saint-lo.example`)
			for _, f := range c.facts {
				h.must("dsi", `/crisis fact name:`+f)
			}
			body := h.must("juriste", `/draft complaint`).Text
			for _, want := range []string{
				"Procureur de la République",
				"porte plainte contre X",
				"Mme Claire Martin, maire",
				"Fait à ",
				"Signature",
				"Pièces jointes",
				"| adresse IP | `198.51.100.23`",
				"| nom de domaine | `faux-saint-lo.example`",
				c.ransomAnswered,
			} {
				assert.Contains(t, body, want)
			}
			assert.NotContains(t, body, "| ip |")
			assert.NotContains(t, body, "vise ")
			assert.Equal(t, c.extortion, strings.Contains(body, "312-1"), "got 312-1 present=%v, want %v", !c.extortion, c.extortion)
			assert.Equal(t, c.fraud, strings.Contains(body, "313-1"), "got 313-1 present=%v, want %v", !c.fraud, c.fraud)
			assert.Equal(t, c.fraud, strings.Contains(body, "313-3"), "got 313-3 present=%v, want %v", !c.fraud, c.fraud)
		})
	}
}

// TestFrenchRepliesAreFrench: kinds, capabilities and counts read in
// French, with plurals that agree.
func TestFrenchRepliesAreFrench(t *testing.T) {
	h := withPlaybook(t)
	r := h.must("juriste", `/draft complaint`)
	assert.Contains(t, r.Text, "Approbation : capacité juridique")
	assert.NotContains(t, r.Text, "capacité legal")
	r = h.must("comm", `/draft status`)
	assert.NotContains(t, r.Text, "capacité comms")
	status := h.must("dsi", `/crisis status`).Text
	for _, bad := range []string{"(complaint)", "(status)", "point(s) signalé(s) par la vérification"} {
		assert.NotContains(t, status, bad)
	}
	assert.Contains(t, status, "(dossier de plainte) proposé pour approbation")
	assert.Regexp(t, `\((aucun point signalé|1 point signalé|\d+ points signalés) par la vérification\)`, status)
}

// TestMissingFieldIsReportedMissing: a refusal for a field the record
// lacks says it is missing, not that the draft invents something.
func TestMissingFieldIsReportedMissing(t *testing.T) {
	h := caen(t)
	h.must("dsi", `/crisis fact name:personal_data value:oui`)
	h.must("juriste", `/draft breach`)
	r := h.run("juriste", `/draft approve id:1`)
	require.True(t, r.Failed, "got %q, want a refusal", r.Text)
	assert.Contains(t, r.Text, "il manque")
	assert.Contains(t, r.Text, "data_subject_categories")
	assert.NotContains(t, r.Text, "absents du dossier", "got %q, want the field said missing", r.Text)
}

// TestLogFollowsTheCellsLanguage: with an English-speaking cell, the log
// entries the bot writes are English.
func TestLogFollowsTheCellsLanguage(t *testing.T) {
	h := newHarness(t)
	h.env.Lang = locale.EN
	h.env.Org = draft.Org{Name: "Exeter City Council"}
	h.must("dsi", `/member add id:legal name:Legal capabilities:member,legal`)
	steps := []struct {
		line string
		want string // the entry the command writes
	}{
		{`/crisis open title:Intrusion detected_at:"2022-09-26 16:00" started_at:"2022-09-26 14:30"`, "Crisis opened: Intrusion"},
		{`/crisis fact name:ransom_demanded value:no`, "Fact established"},
		{`/ioc add kind:ip value:198.51.100.23`, "Indicator added"},
		{`/evidence add item:"Firewall logs" location:Safe`, "Evidence #1 kept"},
		{`/service set name:Mail status:down`, "Service Mail: "},
		{`/role assign member:@legal role:legal`, "Role legal given to"},
		{`/task add title:"Call the insurer"`, "Task #1 created"},
		{`/task take id:1`, "taken by"},
		{`/task block id:1 reason:"waiting"`, "blocked: waiting"},
		{`/task done id:1`, "done by"},
		{`/draft complaint`, "Draft #1 (complaint file) proposed for approval"},
		{`/draft approve id:1 confirm:yes`, "Draft #1 (complaint file) approved"},
		{`/draft status audience:staff`, "Draft #2"},
		{`/draft reject id:2 reason:"too early"`, "rejected by"},
		{`/crisis close summary:Done`, "Crisis closed"},
	}
	for _, s := range steps {
		h.must("dsi", s.line)
	}
	var entries []string
	require.NoError(t, h.db.View(context.Background(), func(tx crisis.Tx) error {
		es, err := tx.Log(1)
		for _, e := range es {
			entries = append(entries, e.Text)
		}
		return err
	}))
	all := strings.Join(entries, "\n")
	for _, s := range steps {
		assert.Contains(t, all, s.want, "%s: got log %q, want an English entry", s.line, all)
	}
	for _, french := range []string{"Crise", "Tâche", "Rôle", "Brouillon", "créée", "confié", "Début de l'attaque", "Attaque détectée", "Indicateur", "Fait établi"} {
		assert.NotContains(t, all, french, "got a French word in an English log: %q", all)
	}
}

// TestComplaintNamesRolesAsThePlaybookDoes: the complaint's contacts give
// each role by its name in the crisis's playbook, not its id.
func TestComplaintNamesRolesAsThePlaybookDoes(t *testing.T) {
	h := withPlaybook(t)
	h.must("dsi", `/role assign member:@juriste role:juridique`)
	body := h.must("juriste", `/draft complaint`).Text
	assert.Contains(t, body, "- Juridique et délégué à la protection des données : Direction juridique — ")
	assert.NotContains(t, body, "- juridique : ")
}
