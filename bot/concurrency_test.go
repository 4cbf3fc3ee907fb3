package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// Figures of TestCellActsAtOnce.
const (
	cellRounds     = 3  // fresh databases, each with its own processes
	raceTasks      = 8  // tasks three members take at once, per round
	raceDrafts     = 4  // drafts three members approve at once, per round
	logsPerProcess = 30 // /log each console process sends at once
	logGoroutines  = 6  // in-process writers beside the processes
	logsPerWriter  = 12
)

// contender is a member acting on the cell: a console process, or the
// program's own command environment driven from this process.
type contender interface {
	name() string
	// run sends every line at once and returns the replies in order.
	run(lines []string) []string
}

func (c *consoleProc) name() string { return c.as }

func (c *consoleProc) run(lines []string) []string { return c.collect(lines) }

// inProcess runs commands through the program's own wiring (program.env) on
// its own connection to the database, as a second front end would.
type inProcess struct {
	member string
	label  string // tells apart goroutines acting as the same member
	env    *command.Env
}

func (p inProcess) name() string { return p.member + p.label }

func (p inProcess) run(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = p.env.Execute(context.Background(), command.Request{Line: l, Actor: p.member, Source: "console"}).Text
	}
	return out
}

// atOnce has every contender run its lines at the same time.
func atOnce(cs []contender, lines func(contender) []string) map[string][]string {
	var mu sync.Mutex
	out := map[string][]string{}
	var wg sync.WaitGroup
	for _, c := range cs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := c.run(lines(c))
			mu.Lock()
			out[c.name()] = r
			mu.Unlock()
		}()
	}
	wg.Wait()
	return out
}

// TestCellActsAtOnce has several members act on one crisis at the same
// moment: three console processes (the director, alice, bob) and the
// program's command environment in this process (carol, and many goroutines
// logging), all on one database file. Each race has one winner, and every
// other member is told plainly why their command did nothing.
func TestCellActsAtOnce(t *testing.T) {
	bin := buildTocsin(t)
	var commands int
	wins := map[string]int{} // who won the take, approve and finish races
	for round := 1; round <= cellRounds; round++ {
		commands += cellRound(t, bin, round, wins)
		if t.Failed() {
			t.Fatalf("stopped after round %d", round)
		}
	}
	t.Logf("%d rounds, each on a fresh database: 3 console processes and %d in-process writers (carol + %d logging goroutines); %d commands; races won by %v",
		cellRounds, 1+logGoroutines, logGoroutines, commands, wins)
}

var taskNumber = regexp.MustCompile(`^Tâche créée :\n- #(\d+) `)

// cellRound plays every race once on a fresh database and returns how many
// commands it ran.
func cellRound(t *testing.T, bin string, round int, wins map[string]int) int {
	db := filepath.Join(t.TempDir(), "tocsin.db")
	dir := startConsole(t, bin, db, "dir") // the first member: every capability
	setup := []string{
		`/member add id:alice name:"Alice Martin" capabilities:member,comms`,
		`/member add id:bob name:"Bruno Petit" capabilities:member,comms`,
		`/member add id:carol name:"Carole Roux" capabilities:member,comms`,
		fmt.Sprintf(`/crisis open title:"Tout le monde à la fois %d" playbook:cyberattaque-collectivite`, round),
	}
	for i := 1; i <= raceTasks; i++ {
		setup = append(setup, fmt.Sprintf(`/task add title:"Tâche disputée %d"`, i))
	}
	for i := 1; i <= raceDrafts; i++ {
		setup = append(setup, fmt.Sprintf(`/draft status audience:public instructions:"point %d"`, i))
	}
	replies := dir.do(setup...)
	var tasks, drafts []string
	for i, r := range replies {
		require.NotContains(t, r, "⚠️", "round %d: %s", round, setup[i])
		if m := taskNumber.FindStringSubmatch(r); m != nil {
			tasks = append(tasks, m[1])
		}
		if m := draftNumber.FindStringSubmatch(r); m != nil {
			drafts = append(drafts, m[1])
		}
	}
	require.Len(t, tasks, raceTasks)
	require.Len(t, drafts, raceDrafts)

	alice, bob := startConsole(t, bin, db, "alice"), startConsole(t, bin, db, "bob")
	s, err := store.Open(context.Background(), db)
	require.NoError(t, err)
	defer s.Close()
	p := &program{stderr: io.Discard, now: time.Now}
	p.cfg, err = testConfig(t, db)()
	require.NoError(t, err)
	env := p.env(s, slog.New(slog.NewTextHandler(io.Discard, nil)))
	carol := inProcess{member: "carol", env: env}
	// Every process has started and answered before the races begin.
	alice.do("/member list")
	bob.do("/member list")
	three := []contender{alice, bob, carol}
	n := len(setup) + 2

	n += raceTake(t, s, round, three, tasks, wins)
	n += raceApprove(t, s, round, three, drafts, wins)
	n += raceSteps(t, s, round, dir, three, wins)
	n += raceLogs(t, bin, s, db, round, []*consoleProc{dir, alice, bob}, env)

	for _, c := range []*consoleProc{dir, alice, bob} {
		stderr := c.finish()
		for _, bad := range []string{"level=ERROR", "locked", "busy", "BUSY"} {
			assert.NotContains(t, stderr, bad, "round %d: @%s's console stderr", round, c.as)
		}
	}
	return n
}

// raceTake: three members take the same tasks at once. One gets each task;
// the others are refused with the owner's name.
func raceTake(t *testing.T, s *store.DB, round int, cs []contender, tasks []string, wins map[string]int) int {
	out := atOnce(cs, func(contender) []string {
		lines := make([]string, len(tasks))
		for i, id := range tasks {
			lines[i] = "/task take id:" + id
		}
		return lines
	})
	for i, id := range tasks {
		winners, refusals := split(out, i, "Tâche prise")
		if !assert.Len(t, winners, 1, "round %d, task %s: got %v told they took it, want exactly one; replies %v", round, id, winners, column(out, i)) {
			continue
		}
		wins[winners[0]]++
		owner := taskOwner(t, s, id)
		assert.Equal(t, winners[0], owner, "round %d, task %s: got owner %q, want the winner %q", round, id, owner, winners[0])
		for who, r := range refusals {
			assert.True(t, strings.HasPrefix(r, "⚠️") && strings.Contains(r, "@"+owner),
				"round %d, task %s: @%s got %q, want a refusal naming @%s", round, id, who, r, owner)
		}
	}
	return len(cs) * len(tasks)
}

// raceApprove: three comms members approve the same drafts at once. One
// approves each; the others are told it is already approved.
func raceApprove(t *testing.T, s *store.DB, round int, cs []contender, drafts []string, wins map[string]int) int {
	out := atOnce(cs, func(contender) []string {
		lines := make([]string, len(drafts))
		for i, id := range drafts {
			lines[i] = "/draft approve id:" + id + " confirm:yes"
		}
		return lines
	})
	approved := locale.T(locale.FR, "draft.state.approved")
	for i, id := range drafts {
		winners, refusals := split(out, i, "Brouillon n° "+id+" approuvé")
		if !assert.Len(t, winners, 1, "round %d, draft %s: got %v told they approved it, want exactly one; replies %v", round, id, winners, column(out, i)) {
			continue
		}
		wins[winners[0]]++
		var d crisis.Draft
		require.NoError(t, s.View(context.Background(), func(tx crisis.Tx) error {
			var n int64
			fmt.Sscan(id, &n)
			var err error
			d, err = tx.Draft(n)
			return err
		}))
		assert.Equal(t, crisis.DraftApproved, d.State, "round %d, draft %s", round, id)
		assert.Equal(t, winners[0], d.DecidedBy, "round %d, draft %s: got decided by %q, want the winner %q", round, id, d.DecidedBy, winners[0])
		for who, r := range refusals {
			assert.True(t, strings.HasPrefix(r, "⚠️") && strings.Contains(r, approved),
				"round %d, draft %s: @%s got %q, want a refusal saying it is already %s", round, id, who, r, approved)
		}
	}
	return len(cs) * len(drafts)
}

// raceSteps finishes playbook steps from several members at once: each step
// they ready must become exactly one task.
func raceSteps(t *testing.T, s *store.DB, round int, dir *consoleProc, cs []contender, wins map[string]int) int {
	// qualifier readies eleven steps; the director answers the question
	// that notifier-cnil waits on, at the same moment.
	all := append([]contender{dir}, cs...)
	out := atOnce(all, func(c contender) []string {
		if c == contender(dir) {
			return []string{"/crisis fact name:personal_data value:oui"}
		}
		return []string{`/task done id:qualifier note:"qualifié"`}
	})
	assert.True(t, strings.HasPrefix(out["dir"][0], "Fait établi"), "round %d: got %q, want the fact set", round, out["dir"][0])
	delete(out, "dir")
	winners, refusals := split(out, 0, "Tâche terminée")
	assert.Len(t, winners, 1, "round %d, qualifier: got %v told they finished it, want exactly one; replies %v", round, winners, column(out, 0))
	for _, w := range winners {
		wins[w]++
	}
	for who, r := range refusals {
		assert.True(t, strings.HasPrefix(r, "⚠️") && strings.Contains(r, "déjà terminée"),
			"round %d, qualifier: @%s got %q, want a refusal saying it is already done", round, who, r)
	}
	want := map[string]int{
		"qualifier": 1, "main-courante": 1, "isoler": 1, "sauvegardes": 1, "consignes-agents": 1,
		"communication-interne": 1, "services": 1, "prestataire-reponse": 1, "assureur": 1,
		"plainte": 1, "notifier-cnil": 1, "anssi": 1, "elus": 1, "point-public": 1,
	}
	assert.Equal(t, want, stepCounts(t, s), "round %d: tasks per step after qualifier", round)

	// restauration needs preuves, plainte and sauvegardes: three members
	// finish one each at the same moment.
	require.True(t, strings.HasPrefix(dir.do("/task done id:isoler")[0], "Tâche terminée"))
	steps := map[string]string{"alice": "preuves", "bob": "plainte", "carol": "sauvegardes"}
	out = atOnce(cs, func(c contender) []string { return []string{"/task done id:" + steps[c.name()]} })
	for who, r := range out {
		assert.True(t, strings.HasPrefix(r[0], "Tâche terminée"), "round %d: @%s finishing %s got %q", round, who, steps[who], r[0])
	}
	want["preuves"], want["restauration"] = 1, 1
	assert.Equal(t, want, stepCounts(t, s), "round %d: tasks per step after its three needs", round)
	return len(all) + 1 + len(cs)
}

// raceLogs: every console process and many goroutines log at once. Every
// entry is there once, nobody is shown an error, and the chain verifies.
func raceLogs(t *testing.T, bin string, s *store.DB, db string, round int, procs []*consoleProc, env *command.Env) int {
	var cs []contender
	for _, p := range procs {
		cs = append(cs, p)
	}
	for g := 1; g <= logGoroutines; g++ {
		cs = append(cs, inProcess{member: "carol", label: fmt.Sprintf("#%d", g), env: env})
	}
	text := func(who string, i int) string { return fmt.Sprintf("en même temps, %s, %d", who, i) }
	out := atOnce(cs, func(c contender) []string {
		n := logsPerProcess
		if _, ok := c.(inProcess); ok {
			n = logsPerWriter
		}
		lines := make([]string, n)
		for i := range lines {
			lines[i] = fmt.Sprintf("/log text:%q", text(c.name(), i))
		}
		return lines
	})
	want := map[string]int{}
	sent := 0
	for who, replies := range out {
		for i, r := range replies {
			sent++
			want[text(who, i)] = 1
			assert.True(t, strings.HasPrefix(r, "Consigné"), "round %d: %s's /log %d got %q, want it logged", round, who, i, r)
		}
	}
	var entries []crisis.LogEntry
	require.NoError(t, s.View(context.Background(), func(tx crisis.Tx) error {
		var err error
		entries, err = tx.Log(1)
		return err
	}))
	got := map[string]int{}
	for _, e := range entries {
		if strings.HasPrefix(e.Text, "en même temps, ") {
			got[e.Text]++
		}
	}
	assert.Equal(t, want, got, "round %d: every /log answered is in the log, once", round)

	cmd := exec.Command(bin, "verify")
	cmd.Dir, cmd.Env = filepath.Dir(db), childEnv(db)
	verify, err := cmd.CombinedOutput()
	assert.NoError(t, err, "round %d: tocsin verify: %s", round, verify)
	assert.Contains(t, string(verify), "crisis 1: ok", "round %d: tocsin verify", round)
	return sent
}

// openForRead opens the database for a read, closed when the test ends.
func openForRead(t *testing.T, db string) *store.DB {
	d, err := store.Open(context.Background(), db)
	require.NoError(t, err)
	t.Cleanup(func() { d.Close() })
	return d
}

// split sorts the i-th replies of a race into the members whose reply starts
// with success and the others' replies.
func split(out map[string][]string, i int, success string) (winners []string, refusals map[string]string) {
	refusals = map[string]string{}
	for who, replies := range out {
		if strings.HasPrefix(replies[i], success) {
			winners = append(winners, who)
		} else {
			refusals[who] = replies[i]
		}
	}
	sort.Strings(winners)
	return winners, refusals
}

// column is the i-th reply of every member, for failure messages.
func column(out map[string][]string, i int) map[string]string {
	c := map[string]string{}
	for who, replies := range out {
		c[who] = replies[i]
	}
	return c
}

func taskOwner(t *testing.T, s *store.DB, id string) string {
	var task crisis.Task
	require.NoError(t, s.View(context.Background(), func(tx crisis.Tx) error {
		var n int64
		fmt.Sscan(id, &n)
		var err error
		task, err = tx.Task(n)
		return err
	}))
	return task.Owner
}

// stepCounts is how many tasks each playbook step of crisis 1 has.
func stepCounts(t *testing.T, s *store.DB) map[string]int {
	out := map[string]int{}
	require.NoError(t, s.View(context.Background(), func(tx crisis.Tx) error {
		tasks, err := tx.Tasks(1, crisis.TaskFilter{})
		for _, task := range tasks {
			if task.StepID != "" {
				out[task.StepID]++
			}
		}
		return err
	}))
	return out
}

// TestProcessesOpenANewDatabaseTogether starts three consoles on a database
// file that does not exist yet, at the same moment: each must create or find
// the schema without error, and exactly one becomes the first member.
func TestProcessesOpenANewDatabaseTogether(t *testing.T) {
	bin := buildTocsin(t)
	const attempts = 5
	members := []string{"dir", "alice", "bob"}
	for a := 1; a <= attempts; a++ {
		db := filepath.Join(t.TempDir(), "tocsin.db")
		cmds := make([]*exec.Cmd, len(members))
		stderr := make([]strings.Builder, len(members))
		for i, m := range members {
			cmds[i] = exec.Command(bin, "console", "--as", m)
			cmds[i].Dir, cmds[i].Env = filepath.Dir(db), childEnv(db)
			cmds[i].Stdin = strings.NewReader("/member list\n")
			cmds[i].Stderr = &stderr[i]
		}
		for _, c := range cmds {
			require.NoError(t, c.Start())
		}
		first := 0
		for i, c := range cmds {
			err := c.Wait()
			assert.NoError(t, err, "attempt %d: @%s: got %v, want exit 0; stderr: %s", a, members[i], err, stderr[i].String())
			if strings.Contains(stderr[i].String(), "created with every capability") {
				first++
			}
		}
		assert.Equal(t, 1, first, "attempt %d: got %d first members, want 1", a, first)
		var n int
		require.NoError(t, openForRead(t, db).View(context.Background(), func(tx crisis.Tx) error {
			var err error
			n, err = tx.CountMembers()
			return err
		}))
		assert.Equal(t, 1, n, "attempt %d: got %d members, want 1", a, n)
		if t.Failed() {
			t.Fatalf("stopped after attempt %d", a)
		}
	}
}
