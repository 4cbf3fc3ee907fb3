package playbook_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/playbook"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

const small = `id: petit
title: Petit playbook
roles:
  - {id: dsi, name: Responsable SI}
  - {id: communication, name: Communication}
  - {id: juridique, name: Juridique}
facts:
  - {id: mail_compromised, question: "La messagerie est-elle compromise ?"}
steps:
  - id: qualifier
    title: Qualifier l'incident
    role: dsi
    due: 30m
  - id: isoler
    title: Isoler les serveurs
    role: dsi
    needs: [qualifier]
    due: 1h
  - id: notifier-cnil
    title: Notifier la CNIL
    role: juridique
    needs: [qualifier]
    when: personal_data
    deadline: 72h
    draft: breach
  - id: point-public
    title: Point public
    role: communication
    every: 4h
    draft: status
    checklist: [Services touchés, Prochain point]
  - id: apres-cnil
    title: Après la CNIL
    role: juridique
    needs: [notifier-cnil, isoler]
`

type rig struct {
	t   *testing.T
	env *command.Env
	db  *store.DB
	now time.Time
}

func newRig(t *testing.T) *rig {
	t.Helper()
	set, err := playbook.Load(fstest.MapFS{"petit.yaml": {Data: []byte(small)}}, "")
	require.NoError(t, err)
	db, err := store.Open(context.Background(), ":memory:")
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	paris, _ := time.LoadLocation("Europe/Paris")
	r := &rig{t: t, db: db, now: time.Date(2022, 9, 26, 16, 5, 0, 0, paris)}
	r.env = &command.Env{Store: db, Table: command.Default(), Now: func() time.Time { return r.now }, Loc: paris,
		Lang: locale.FR, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Playbooks: playbook.NewEngine(set, nil)}
	require.NoError(t, db.Update(context.Background(), func(tx crisis.Tx) error {
		_, err := crisis.Bootstrap(tx, crisis.Member{ID: "dir", CreatedAt: r.now})
		return err
	}))
	r.must(`/member add id:dsi name:DSI capabilities:member`)
	r.must(`/member add id:comm name:Comm capabilities:member,comms`)
	r.must(`/member add id:jur name:Juriste capabilities:member,legal`)
	return r
}

func (r *rig) must(line string) command.Reply {
	r.t.Helper()
	rep := r.env.Execute(context.Background(), command.Request{Line: line, Actor: "dir"})
	require.False(r.t, rep.Failed, "%s: %s", line, rep.Text)
	return rep
}

func (r *rig) tasks() map[string][]crisis.Task {
	r.t.Helper()
	out := map[string][]crisis.Task{}
	require.NoError(r.t, r.db.View(context.Background(), func(tx crisis.Tx) error {
		ts, err := tx.Tasks(1, crisis.TaskFilter{})
		for _, t := range ts {
			out[t.StepID] = append(out[t.StepID], t)
		}
		return err
	}))
	return out
}

func keys(m map[string][]crisis.Task) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestEngineReadiesStepsInOrder(t *testing.T) {
	r := newRig(t)
	r.must(`/crisis open title:Intrusion playbook:petit detected_at:16:00`)
	assert.ElementsMatch(t, []string{"qualifier", "point-public"}, keys(r.tasks()), "only steps without needs start")

	r.must(`/role assign member:@dsi role:dsi`)
	tasks := r.tasks()
	assert.Equal(t, "dsi", tasks["qualifier"][0].Owner, "a role given later takes the waiting task")
	assert.True(t, tasks["qualifier"][0].Due.Equal(r.now.Add(30*time.Minute)), "due: 30 minutes after the step became ready")

	r.now = r.now.Add(10 * time.Minute)
	rep := r.must(`/task done id:qualifier`)
	assert.Contains(t, rep.Text, "isoler", "the reply names what the task readied")
	tasks = r.tasks()
	require.Len(t, tasks["isoler"], 1)
	assert.Equal(t, "dsi", tasks["isoler"][0].Owner, "a readied step goes to its role's holder")
	assert.True(t, tasks["isoler"][0].Due.Equal(r.now.Add(time.Hour)), "due counts from when the step became ready")
	assert.NotContains(t, keys(tasks), "notifier-cnil", "a step whose condition is false waits")
	assert.NotContains(t, keys(tasks), "apres-cnil")

	r.must(`/task done id:isoler`)
	assert.Contains(t, keys(r.tasks()), "apres-cnil", "a step after a skipped one is not stalled by it")
}

func TestFactBringsInConditionalStep(t *testing.T) {
	r := newRig(t)
	r.must(`/crisis open title:Intrusion playbook:petit detected_at:"2022-09-26 16:00"`)
	r.must(`/task done id:qualifier`)
	r.now = r.now.Add(2 * time.Hour)
	rep := r.must(`/crisis fact name:personal_data value:oui`)
	assert.Contains(t, rep.Text, "Notifier la CNIL")
	cnil := r.tasks()["notifier-cnil"]
	require.Len(t, cnil, 1)
	detected := time.Date(2022, 9, 26, 16, 0, 0, 0, r.now.Location())
	assert.True(t, cnil[0].Due.Equal(detected.Add(72*time.Hour)), "deadline counts from detection: got %v", cnil[0].Due)
	assert.Equal(t, "breach", cnil[0].Draft)
	r.must(`/crisis fact name:personal_data value:oui`)
	assert.Len(t, r.tasks()["notifier-cnil"], 1, "setting a fact again makes no second task")
}

func TestRecurringStepComesBack(t *testing.T) {
	r := newRig(t)
	r.must(`/crisis open title:Intrusion playbook:petit`)
	first := r.tasks()["point-public"]
	require.Len(t, first, 1)
	assert.Equal(t, []string{"Services touchés", "Prochain point"}, first[0].Checklist)
	r.now = r.now.Add(time.Hour)
	r.must(`/task done id:point-public`)
	again := r.tasks()["point-public"]
	require.Len(t, again, 2, "a recurring step comes back once done")
	assert.Equal(t, 2, again[1].Occurrence)
	// A fixed rhythm: one period after the first one's due time, not
	// after the moment it was done.
	assert.True(t, again[1].Due.Equal(first[0].Due.Add(4*time.Hour)), "got %v, want %v", again[1].Due, first[0].Due.Add(4*time.Hour))
	assert.True(t, strings.HasSuffix(again[1].Title, "(2)"))
}

func TestRerunDoesNotDuplicate(t *testing.T) {
	r := newRig(t)
	r.must(`/crisis open title:Intrusion playbook:petit`)
	before := len(r.tasks())
	r.must(`/playbook run name:petit`)
	assert.Equal(t, before, len(r.tasks()))
	bad := r.env.Execute(context.Background(), command.Request{Line: `/role assign member:@dsi role:plombier`, Actor: "dir"})
	require.True(t, bad.Failed)
	assert.Contains(t, bad.Text, `rôle inconnu "plombier"`)
}

func TestQuestionsOnTheBoard(t *testing.T) {
	r := newRig(t)
	r.must(`/crisis open title:Intrusion playbook:petit`)
	board := r.must(`/crisis status`)
	assert.Contains(t, board.Text, "La messagerie est-elle compromise ? → /crisis fact name:mail_compromised")
	r.must(`/crisis fact name:mail_compromised value:oui`)
	board = r.must(`/crisis status`)
	assert.NotContains(t, board.Text, "La messagerie est-elle compromise ?")
}

func TestApprovingTheDraftCompletesTheTask(t *testing.T) {
	r := newRig(t)
	r.must(`/crisis open title:Intrusion playbook:petit`)
	rep := r.must(`/draft status`)
	assert.Contains(t, rep.Text, "Rattaché à la tâche #2")
	r.must(`/draft approve id:1`)
	pp := r.tasks()["point-public"]
	require.Len(t, pp, 2, "the approved update completes the task, and the recurring step comes back")
	assert.Equal(t, crisis.TaskDone, pp[0].State)
}
