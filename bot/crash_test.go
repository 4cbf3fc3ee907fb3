package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// The crash and concurrency tests drive the real program. After each command
// they send "help sentinelN", which the console answers itself without
// touching the database, so the lines between two sentinels are exactly one
// command's reply however many lines it has, and a sentinel read means the
// reply before it was printed in full.

var sentinelLine = regexp.MustCompile(`"sentinel(\d+)"`)

// childEnv is the environment of a tocsin process on db: no configuration
// file, no model, no Discord, replies in French.
func childEnv(db string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TOCSIN_") || strings.HasPrefix(kv, "OPENAI_") || strings.HasPrefix(kv, "DISCORD_") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "TOCSIN_DB="+db, "TOCSIN_CONFIG=", "TOCSIN_LANG=fr")
}

// consoleProc is a running `tocsin console` fed through a pipe.
type consoleProc struct {
	t      *testing.T
	as     string
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stderr *syncWriter // over a *bytes.Buffer, written by exec's copier
	// replies carries each command's reply in order; it is closed when the
	// process's output ends.
	replies chan string

	mu   sync.Mutex // one writer at a time on stdin
	sent int
}

// startConsole starts `tocsin console --as as` on db.
func startConsole(t *testing.T, bin, db, as string) *consoleProc {
	t.Helper()
	c := &consoleProc{t: t, as: as, stderr: &syncWriter{w: new(bytes.Buffer)}, replies: make(chan string, 1<<14)}
	c.cmd = exec.Command(bin, "console", "--as", as)
	c.cmd.Dir = filepath.Dir(db)
	c.cmd.Env = childEnv(db)
	c.cmd.Stderr = c.stderr
	var err error
	c.stdin, err = c.cmd.StdinPipe()
	require.NoError(t, err)
	stdout, err := c.cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, c.cmd.Start())
	t.Cleanup(func() { _ = c.cmd.Process.Kill() })
	go c.read(stdout)
	return c
}

// errText is what the process has written on stderr so far.
func (c *consoleProc) errText() string { return c.stderr.String() }

// read splits the output into replies at each sentinel. The channel is
// large enough that the process never waits on the test to read.
func (c *consoleProc) read(stdout io.Reader) {
	defer close(c.replies)
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
	var lines []string
	next := 1
	for sc.Scan() {
		m := sentinelLine.FindStringSubmatch(sc.Text())
		if m == nil {
			lines = append(lines, sc.Text())
			continue
		}
		if n, _ := strconv.Atoi(m[1]); n != next {
			lines = append(lines, fmt.Sprintf("(test: sentinel %d read where %d was due)", n, next))
		}
		next++
		c.replies <- strings.Join(lines, "\n")
		lines = nil
	}
}

// send writes commands, each followed by its sentinel, without waiting for
// replies. A write error means the process is gone; the caller finds out
// from the replies.
func (c *consoleProc) send(lines ...string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var b strings.Builder
	for _, l := range lines {
		c.sent++
		fmt.Fprintf(&b, "%s\nhelp sentinel%d\n", l, c.sent)
	}
	_, err := io.WriteString(c.stdin, b.String())
	return err
}

// do sends commands and returns their replies.
func (c *consoleProc) do(lines ...string) []string {
	c.t.Helper()
	require.NoError(c.t, c.send(lines...), "@%s: write commands", c.as)
	out := make([]string, len(lines))
	for i := range lines {
		r, ok := <-c.replies
		require.True(c.t, ok, "@%s: output ended before the reply to %q; stderr: %s", c.as, lines[i], c.errText())
		out[i] = r
	}
	return out
}

// collect sends commands and returns their replies, like do, but may run
// on any goroutine: a reply that never comes is an error, not a stop.
func (c *consoleProc) collect(lines []string) []string {
	if err := c.send(lines...); err != nil {
		c.t.Errorf("@%s: write commands: %v", c.as, err)
	}
	out := make([]string, len(lines))
	for i := range lines {
		r, ok := <-c.replies
		if !ok {
			c.t.Errorf("@%s: got no reply to %q (output ended), want one", c.as, lines[i])
			r = "(no reply)"
		}
		out[i] = r
	}
	return out
}

// finish ends the input, requires a clean exit and returns what the process
// wrote on stderr.
func (c *consoleProc) finish() string {
	c.t.Helper()
	require.NoError(c.t, c.stdin.Close())
	for range c.replies {
	}
	err := c.cmd.Wait()
	require.NoError(c.t, err, "@%s: console exit; stderr: %s", c.as, c.errText())
	return c.errText()
}

// kill sends SIGKILL, waits for the process to die and returns the replies
// printed before it died that had not been read yet.
func (c *consoleProc) kill() []string {
	c.t.Helper()
	require.NoError(c.t, c.cmd.Process.Signal(syscall.SIGKILL))
	var rest []string
	for r := range c.replies {
		rest = append(rest, r)
	}
	_ = c.cmd.Wait()
	return rest
}

// crashSeed is the seed of the command stream: TOCSIN_CRASH_SEED replays a
// failure's stream (the kill points also depend on timing).
func crashSeed(t *testing.T) int64 {
	seed := time.Now().UnixNano()
	if s := os.Getenv("TOCSIN_CRASH_SEED"); s != "" {
		var err error
		seed, err = strconv.ParseInt(s, 10, 64)
		require.NoError(t, err, "TOCSIN_CRASH_SEED")
	}
	t.Logf("seed %d (replay the command stream with TOCSIN_CRASH_SEED=%d)", seed, seed)
	return seed
}

// crashKills is how many times TestCrashLosesNothingAnswered kills the console.
const crashKills = 120

// TestCrashLosesNothingAnswered kills the console with SIGKILL at random
// points of a stream of every kind of command, again and again on one
// database, so that later runs start on a file killed many times (in the
// middle of commits, of WAL recovery at start-up, of checkpoints). After
// every kill, every command whose reply was read must be in the record,
// once, and `tocsin verify` must find the log chain intact.
//
// Most checks read a copy of the killed files, so that the real database's
// write-ahead log keeps growing across kills and the console itself
// checkpoints it mid-stream; every checkFileEvery kills, and at the end, the
// real file is checked (which also checkpoints it, as a normal restart would).
func TestCrashLosesNothingAnswered(t *testing.T) {
	bin := buildTocsin(t)
	rng := rand.New(rand.NewSource(crashSeed(t)))
	dir := t.TempDir()
	h := &crashRun{t: t, bin: bin, db: filepath.Join(dir, "tocsin.db"), copyDir: filepath.Join(dir, "copy"), model: newCrashModel()}
	require.NoError(t, os.Mkdir(h.copyDir, 0o755))

	setup := startConsole(t, bin, h.db, "dsi")
	require.Contains(t, setup.do(`/crisis open title:"Coupures en série"`)[0], "Crise n° 1 ouverte")
	setup.finish()

	const checkFileEvery = 30
	kills := 0
	for kills < crashKills && !t.Failed() {
		kills++
		h.killOnce(rng, kills)
		path := h.db
		if kills%checkFileEvery != 0 && kills != crashKills {
			path = h.copyOfDB()
		}
		h.check(path, kills)
	}
	m := h.model
	t.Logf("kills %d (%d before any reply), commands sent %d, answered %d, lost %d; runs in which the console checkpointed the WAL %d, largest WAL %d KiB; answered by kind: %v",
		kills, h.killedEarly, h.sent, m.answered, h.lost, h.checkpointed, h.maxWAL>>10, m.byKind)
	assert.Zero(t, h.lost, "got %d answered commands lost, want 0", h.lost)
}

// crashRun is the state of TestCrashLosesNothingAnswered across kills.
type crashRun struct {
	t       *testing.T
	bin, db string
	copyDir string
	model   *crashModel
	// Figures for the log.
	sent, lost, killedEarly, checkpointed int
	maxWAL                                int64
}

// killOnce starts a console, streams commands, kills it at a random point
// and records what was answered.
func (h *crashRun) killOnce(rng *rand.Rand, run int) {
	t := h.t
	cmds := h.model.stream(rng, run, 4+rng.Intn(25))
	before, _ := os.Stat(h.db)
	c := startConsole(t, h.bin, h.db, "dsi")
	lines := make([]string, len(cmds))
	for i, cmd := range cmds {
		lines[i] = cmd.line
	}
	go func() { _ = c.send(lines...) }()
	h.sent += len(cmds)

	var replies []string
	if rng.Intn(4) == 0 {
		// Anywhere from start-up (WAL recovery, the scheduler's first tick) on.
		time.Sleep(time.Duration(rng.Intn(40_000)) * time.Microsecond)
	} else {
		for k := rng.Intn(len(cmds) + 1); k > 0; k-- {
			r, ok := <-c.replies
			if !ok {
				break
			}
			replies = append(replies, r)
		}
		time.Sleep(time.Duration(rng.Intn(3_000)) * time.Microsecond)
	}
	replies = append(replies, c.kill()...)
	if len(replies) == 0 {
		h.killedEarly++
	}
	require.LessOrEqual(t, len(replies), len(cmds), "run %d: more replies than commands", run)
	for i, r := range replies {
		h.model.answer(t, run, cmds[i], r)
	}
	if after, err := os.Stat(h.db); err == nil && before != nil && (after.ModTime() != before.ModTime() || after.Size() != before.Size()) {
		// In WAL mode only a checkpoint writes the main file.
		h.checkpointed++
	}
	if st, err := os.Stat(h.db + "-wal"); err == nil && st.Size() > h.maxWAL {
		h.maxWAL = st.Size()
	}
}

// copyOfDB copies the database as the killed process left it, without its
// shared-memory index, which the next opener rebuilds from the log.
func (h *crashRun) copyOfDB() string {
	dst := filepath.Join(h.copyDir, "tocsin.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		_ = os.Remove(dst + suffix)
	}
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(h.db + suffix)
		if os.IsNotExist(err) && suffix != "" {
			continue
		}
		require.NoError(h.t, err)
		require.NoError(h.t, os.WriteFile(dst+suffix, b, 0o644))
	}
	return dst
}

// check compares the record at path with every answer read so far, and runs
// `tocsin verify` on it.
func (h *crashRun) check(path string, run int) {
	t := h.t
	var rec crashRecord
	s, err := store.Open(context.Background(), path)
	require.NoError(t, err, "kill %d: open the database", run)
	require.NoError(t, s.View(context.Background(), rec.read))
	require.NoError(t, s.Close())

	lost := h.model.missing(rec)
	h.lost += len(lost)
	assert.Empty(t, lost, "kill %d: got these answered commands missing from the record, want none", run)
	assert.Empty(t, rec.problems(), "kill %d: got duplicates or half-done commands in the record, want none", run)
	h.model.refresh(rec)

	cmd := exec.Command(h.bin, "verify")
	cmd.Dir, cmd.Env = filepath.Dir(path), childEnv(path)
	out, err := cmd.CombinedOutput()
	assert.NoError(t, err, "kill %d: tocsin verify: %s", run, out)
	assert.Contains(t, string(out), "crisis 1: ok", "kill %d: tocsin verify", run)
}

// crashCmd is one command of the stream and what its answer promises.
type crashCmd struct {
	kind  string // log, task, take, done, fact, service, draft, ioc
	line  string
	key   string // the log text, task title, fact or service name, indicator value
	task  int64  // take and done
	reply string // how a success reply starts
}

// crashModel is what the answers read so far promise the record holds, and
// what the next stream may act on.
type crashModel struct {
	logs, titles, services, iocs map[string]bool
	facts                        map[string]string
	taken, done, drafts          map[int64]bool
	answered                     int
	byKind                       map[string]int
	// From the record after the last kill: tasks the next stream may take
	// or finish.
	takeable, doneable []int64
	ioc                int
}

func newCrashModel() *crashModel {
	return &crashModel{
		logs: map[string]bool{}, titles: map[string]bool{}, services: map[string]bool{}, iocs: map[string]bool{},
		facts: map[string]string{}, taken: map[int64]bool{}, done: map[int64]bool{}, drafts: map[int64]bool{},
		byKind: map[string]int{},
	}
}

// stream draws n valid commands. A task appears at most once in a stream,
// so each take and done is valid whatever the kill left before it.
func (m *crashModel) stream(rng *rand.Rand, run, n int) []crashCmd {
	takeable := append([]int64(nil), m.takeable...)
	doneable := append([]int64(nil), m.doneable...)
	pick := func(ids *[]int64) int64 {
		i := rng.Intn(len(*ids))
		id := (*ids)[i]
		*ids = append((*ids)[:i], (*ids)[i+1:]...)
		return id
	}
	out := make([]crashCmd, 0, n)
	for i := 1; i <= n; i++ {
		tag := fmt.Sprintf("r%d c%d", run, i)
		var c crashCmd
		switch roll := rng.Intn(100); {
		case roll < 12:
			c = crashCmd{kind: "task", key: "Tâche " + tag, reply: "Tâche créée"}
			c.line = fmt.Sprintf(`/task add title:%q`, c.key)
		case roll < 22 && len(takeable) > 0:
			c = crashCmd{kind: "take", task: pick(&takeable), reply: "Tâche prise"}
			c.line = fmt.Sprintf("/task take id:%d", c.task)
		case roll < 32 && len(doneable) > 0:
			c = crashCmd{kind: "done", task: pick(&doneable), reply: "Tâche terminée"}
			c.line = fmt.Sprintf(`/task done id:%d note:"fait (%s)"`, c.task, tag)
		case roll < 40:
			c = crashCmd{kind: "fact", key: fmt.Sprintf("f_%d_%d", run, i), reply: "Fait établi"}
			c.line = fmt.Sprintf("/crisis fact name:%s value:oui confirm:oui", c.key) // a new fact: confirmed
		case roll < 48:
			c = crashCmd{kind: "service", key: "Service " + tag, reply: "Service mis à jour"}
			c.line = fmt.Sprintf(`/service set name:%q status:down workaround:"papier"`, c.key)
		case roll < 54:
			c = crashCmd{kind: "draft", reply: "Brouillon n° "}
			c.line = `/draft status audience:staff instructions:"point court"`
		case roll < 62:
			m.ioc++
			c = crashCmd{kind: "ioc", reply: "Indicateur n° "}
			if m.ioc%2 == 0 {
				c.key = fmt.Sprintf("2001:db8::%x", m.ioc)
				c.line = fmt.Sprintf(`/ioc add kind:ip value:%s note:"vu (%s)"`, c.key, tag)
			} else {
				c.key = fmt.Sprintf("h%d.exemple.fr", m.ioc)
				c.line = fmt.Sprintf("/ioc add kind:domain value:%s", c.key)
			}
		default:
			c = crashCmd{kind: "log", key: "Main courante " + tag, reply: "Consigné"}
			c.line = fmt.Sprintf(`/log text:%q`, c.key)
		}
		out = append(out, c)
	}
	return out
}

var draftNumber = regexp.MustCompile(`^Brouillon n° (\d+)`)

// answer records a reply read: the command succeeded and is kept.
func (m *crashModel) answer(t *testing.T, run int, c crashCmd, reply string) {
	if !assert.True(t, strings.HasPrefix(reply, c.reply), "run %d: %s: got %q, want a reply starting %q", run, c.line, reply, c.reply) {
		return
	}
	m.answered++
	m.byKind[c.kind]++
	switch c.kind {
	case "log":
		m.logs[c.key] = true
	case "task":
		m.titles[c.key] = true
	case "take":
		m.taken[c.task] = true
	case "done":
		m.done[c.task] = true
	case "fact":
		m.facts[c.key] = "oui"
	case "service":
		m.services[c.key] = true
	case "draft":
		n, _ := strconv.ParseInt(draftNumber.FindStringSubmatch(reply)[1], 10, 64)
		m.drafts[n] = true
	case "ioc":
		m.iocs[c.key] = true
	}
}

// crashRecord is the part of the record the crash test reads back.
type crashRecord struct {
	log        []crisis.LogEntry
	tasks      []crisis.Task
	facts      []crisis.Fact
	services   []crisis.Service
	drafts     []crisis.Draft
	indicators []crisis.Indicator
}

func (r *crashRecord) read(tx crisis.Tx) error {
	var err error
	if r.log, err = tx.Log(1); err != nil {
		return err
	}
	if r.tasks, err = tx.Tasks(1, crisis.TaskFilter{}); err != nil {
		return err
	}
	if r.facts, err = tx.Facts(1); err != nil {
		return err
	}
	if r.services, err = tx.Services(1); err != nil {
		return err
	}
	if r.drafts, err = tx.Drafts(1); err != nil {
		return err
	}
	r.indicators, err = tx.Indicators(1)
	return err
}

// missing lists the answered commands the record does not hold.
func (m *crashModel) missing(r crashRecord) []string {
	var lost []string
	logs := map[string]bool{}
	for _, e := range r.log {
		logs[e.Text] = true
	}
	tasks := map[string]bool{}
	state := map[int64]crisis.Task{}
	for _, t := range r.tasks {
		tasks[t.Title], state[t.ID] = true, t
	}
	facts := map[string]string{}
	for _, f := range r.facts {
		facts[f.Name] = f.Value
	}
	services := map[string]string{}
	for _, s := range r.services {
		services[s.Name] = s.Status
	}
	drafts := map[int64]bool{}
	for _, d := range r.drafts {
		drafts[d.ID] = d.Kind == crisis.DraftStatus
	}
	iocs := map[string]bool{}
	for _, i := range r.indicators {
		iocs[i.Value] = true
	}
	for text := range m.logs {
		if !logs[text] {
			lost = append(lost, "log "+text)
		}
	}
	for title := range m.titles {
		if !tasks[title] {
			lost = append(lost, "task "+title)
		}
	}
	for id := range m.taken {
		if s := state[id]; s.Owner != "dsi" || s.State == crisis.TaskOpen {
			lost = append(lost, fmt.Sprintf("take of task %d (got %s, owner %q)", id, s.State, s.Owner))
		}
	}
	for id := range m.done {
		if s := state[id]; s.State != crisis.TaskDone {
			lost = append(lost, fmt.Sprintf("done of task %d (got %s)", id, s.State))
		}
	}
	for name, v := range m.facts {
		if facts[name] != v {
			lost = append(lost, fmt.Sprintf("fact %s (got %q, want %q)", name, facts[name], v))
		}
	}
	for name := range m.services {
		if services[name] != "down" {
			lost = append(lost, fmt.Sprintf("service %s (got %q, want down)", name, services[name]))
		}
	}
	for id := range m.drafts {
		if !drafts[id] {
			lost = append(lost, fmt.Sprintf("status draft %d", id))
		}
	}
	for v := range m.iocs {
		if !iocs[v] {
			lost = append(lost, "indicator "+v)
		}
	}
	return lost
}

// problems lists what no command may leave, answered or not: a log text or
// a task twice, a task without the log line of its creation.
func (r crashRecord) problems() []string {
	var out []string
	seen := map[string]int{}
	for _, e := range r.log {
		seen[e.Text]++
	}
	for text, n := range seen {
		if n > 1 && strings.HasPrefix(text, "Main courante ") {
			out = append(out, fmt.Sprintf("log %q %d times, want once", text, n))
		}
	}
	titles := map[string]int{}
	for _, t := range r.tasks {
		titles[t.Title]++
		created := locale.T(locale.FR, "log.task.created", t.Ref(), t.Title, locale.T(locale.FR, "task.nobody"))
		if seen[created] != 1 {
			out = append(out, fmt.Sprintf("task %d: its creation is logged %d times, want once", t.ID, seen[created]))
		}
	}
	for title, n := range titles {
		if n > 1 {
			out = append(out, fmt.Sprintf("task %q %d times, want once", title, n))
		}
	}
	return out
}

// refresh learns from the record which tasks the next stream may act on,
// including those created by commands killed before their reply.
func (m *crashModel) refresh(r crashRecord) {
	m.takeable, m.doneable = nil, nil
	for _, t := range r.tasks {
		switch {
		case t.State == crisis.TaskOpen && t.Owner == "":
			m.takeable = append(m.takeable, t.ID)
		case t.State == crisis.TaskTaken && t.Owner == "dsi":
			m.doneable = append(m.doneable, t.ID)
		}
	}
}
