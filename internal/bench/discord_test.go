package bench

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	dt "github.com/tocsin-crisis/tocsin/internal/discordtest"
)

// Section 1's load: interactions in all, in flight at once, from members.
const (
	interactions = 1000
	inFlight     = 20
	members      = 20
	seededTasks  = 400
)

// memberUser is the i-th member of the bench's guild.
func memberUser(i int) dt.User {
	return dt.User{ID: fmt.Sprintf("20000000000000%05d", i), Username: fmt.Sprintf("membre%d", i), GlobalName: fmt.Sprintf("Membre %d", i)}
}

var memberRoles = []string{dt.RoleMember, dt.RoleDirector}

// world is the default guild with the bench's members added.
func world() dt.World {
	w := dt.DefaultWorld()
	for i := 0; i < members; i++ {
		w.Members = append(w.Members, dt.Member{User: memberUser(i), Roles: memberRoles})
	}
	return w
}

// mix is the n-th interaction of the load: a realistic meeting, where
// most of what is typed is written down and tasks come and go.
func mix(n int, user dt.User) dt.Interaction {
	task := func(k int) string { return strconv.Itoa(1 + k%seededTasks) }
	ch := dt.ChannelGeneral
	switch n % len(kinds) {
	case 0:
		return dt.SlashCommand(user, memberRoles, ch, "log", "", dt.Str("text", fmt.Sprintf("Constat %d : le serveur de fichiers ne répond plus", n)))
	case 1:
		return dt.SlashCommand(user, memberRoles, ch, "task", "add", dt.Str("title", fmt.Sprintf("Vérifier la sauvegarde %d", n)))
	case 2:
		return dt.SlashCommand(user, memberRoles, ch, "task", "done", dt.Str("id", task(n/6)))
	case 3:
		return dt.SlashCommand(user, memberRoles, ch, "crisis", "status")
	case 4:
		return dt.Button(user, memberRoles, ch, "3000000000000000001", "/task take id:"+task(seededTasks/2+n/6))
	default:
		return dt.Autocomplete(user, memberRoles, ch, "task", "done", dt.Focused("id", ""))
	}
}

// load is what one run of the mix measured.
type load struct {
	p50, p99   time.Duration
	throughput float64 // interactions answered a second
	peakRSS    int64   // kB, of the process under load
	answered   int
	cpu        time.Duration // the process's CPU time (user and system) per interaction answered
	// cpuSettled is cpu with what the process did after the last answer
	// until its mirror settled: the channel's messages it put off while
	// interactions were being answered.
	cpuSettled time.Duration
}

// drive sends the mix through d, inFlight at a time, and reads the
// initial responses' latencies as the double timed them.
func drive(b *testing.B, d *dt.Double, pid int) load {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var next atomic.Int64
	var peak atomic.Int64
	stop := make(chan struct{})
	go func() {
		for {
			peak.Store(max(peak.Load(), rss(pid)))
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	var wg sync.WaitGroup
	var ids sync.Map
	cpu0, self0 := cpuTime(pid), cpuTime(os.Getpid())
	start := time.Now()
	for w := 0; w < inFlight; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for {
				n := int(next.Add(1)) - 1
				if n >= interactions {
					return
				}
				id, _ := d.DispatchInteraction(mix(n, memberUser(w%members)))
				ids.Store(id, n%len(kinds))
				if _, err := d.WaitCallback(ctx, id); err != nil {
					b.Errorf("interaction %d: %v", n, err)
					return
				}
			}
		}(w)
	}
	wg.Wait()
	elapsed := time.Since(start)
	cpu := cpuTime(pid) - cpu0
	fmt.Fprintf(os.Stderr, "bench: the double and the load used %v of processor for %v of load\n", cpuTime(os.Getpid())-self0, elapsed.Round(time.Millisecond))
	close(stop)
	var lats []time.Duration
	byKind := make([][]time.Duration, len(kinds))
	for _, l := range d.InteractionLatencies() {
		if k, ok := ids.Load(l.InteractionID); ok && l.Answered {
			lats = append(lats, l.Latency)
			byKind[k.(int)] = append(byKind[k.(int)], l.Latency)
		}
	}
	if len(lats) == 0 {
		b.Fatal("no interaction answered")
	}
	end := start.Add(elapsed)
	logRequests(d, start, end, "under the load")
	logKinds(byKind)
	last := settle(d)
	if last.After(end) {
		logRequests(d, end, last, fmt.Sprintf("after the last answer, until the mirror settled %v later", last.Sub(end).Round(time.Millisecond)))
	}
	slices.Sort(lats)
	return load{p50: pct(lats, 50), p99: pct(lats, 99), throughput: float64(len(lats)) / elapsed.Seconds(), peakRSS: peak.Load(), answered: len(lats),
		cpu: cpu / time.Duration(len(lats)), cpuSettled: (cpuTime(pid) - cpu0) / time.Duration(len(lats))}
}

// settleQuiet is how long no REST call must come for the mirror to count
// as settled: more than it puts a job off while interactions are answered
// and more than its board's spacing, both a second.
const settleQuiet = 1500 * time.Millisecond

// settle waits for the program's mirror to catch up after the load: until
// no REST call came for settleQuiet (at most a minute), and returns when
// the last one came.
func settle(d *dt.Double) time.Time {
	lastCall := func() time.Time {
		var t time.Time
		for _, r := range d.Requests() {
			if r.Time.After(t) {
				t = r.Time
			}
		}
		return t
	}
	limit := time.Now().Add(time.Minute)
	for time.Now().Before(limit) {
		last := lastCall()
		if time.Since(last) >= settleQuiet {
			return last
		}
		time.Sleep(settleQuiet - time.Since(last))
	}
	return lastCall()
}

// logRequests says on stderr which REST calls the program made from start
// to end, by operation: how often the mirror redrew the board shows there
// (update_message).
func logRequests(d *dt.Double, start, end time.Time, when string) {
	by, edits := map[string]int{}, map[string]int{}
	for _, r := range d.Requests() {
		if !r.Time.Before(start) && !r.Time.After(end) {
			by[r.Operation]++
			if r.Operation == "update_message" {
				edits[r.Vars["message_id"]]++
			}
		}
	}
	most := 0
	for _, n := range edits {
		most = max(most, n)
	}
	ops := make([]string, 0, len(by))
	for op, n := range by {
		ops = append(ops, fmt.Sprintf("%s %d", op, n))
	}
	slices.Sort(ops)
	fmt.Fprintf(os.Stderr, "bench: REST calls %s: %s; the message edited most (the board) %d times\n", when, strings.Join(ops, ", "), most)
}

// kinds names the mix's interactions, in the order mix takes them.
var kinds = []string{"log", "task add", "task done", "crisis status", "take button", "autocomplete"}

// logKinds says on stderr each kind's p50 and p99: which kinds wait, and
// for what, shows there (those that write wait for the writer).
func logKinds(byKind [][]time.Duration) {
	var parts []string
	for k, ls := range byKind {
		if len(ls) == 0 {
			continue
		}
		slices.Sort(ls)
		parts = append(parts, fmt.Sprintf("%s %.1f/%.1f", kinds[k], ms64(pct(ls, 50)), ms64(pct(ls, 99))))
	}
	fmt.Fprintf(os.Stderr, "bench: p50/p99 ms by kind: %s\n", strings.Join(parts, ", "))
}

func ms64(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// pct is the nearest-rank percentile of sorted durations.
func pct(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p + 99) / 100
	return sorted[max(i, 1)-1]
}

// cpuTime is the CPU time (user and system) a process has used so far, 0
// when it cannot be read. The mirror's work after the last answer is not
// counted: it is what the answers cost that the table compares.
func cpuTime(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The fields after the command's name, which is in parentheses:
	// utime and stime are the 14th and 15th fields of the line.
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(b)[i+1:])
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	const ticks = 100 // USER_HZ on Linux
	return time.Duration(utime+stime) * time.Second / ticks
}

// rss is a process's resident memory in kB, 0 when it cannot be read.
func rss(pid int) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if v, ok := strings.CutPrefix(s.Text(), "VmRSS:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

// process is a program serving the double: tocsin serve, or the floor.
type process struct {
	cmd     *exec.Cmd
	startup time.Duration // from exec to the commands registered
	idleRSS int64         // kB, once ready and settled
	stop    func()        // interrupts it and waits for it to end; idempotent
}

// start runs cmd against d and waits until it has registered its
// commands: the moment a member can use it.
func start(b *testing.B, d *dt.Double, cmd *exec.Cmd) *process {
	cmd.Stdout, cmd.Stderr = nil, nil
	if f, err := os.Create(filepath.Join(b.TempDir(), "out.log")); err == nil {
		cmd.Stdout, cmd.Stderr = f, f
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	var once sync.Once
	stop := func() {
		once.Do(func() {
			_ = cmd.Process.Signal(os.Interrupt)
			done := make(chan struct{})
			go func() { _ = cmd.Wait(); close(done) }()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				_ = cmd.Process.Kill()
				<-done
			}
		})
	}
	b.Cleanup(stop)
	req, err := d.WaitFor(ctx, func(r dt.Request) bool { return r.Operation == "bulk_set_guild_application_commands" })
	if err != nil {
		b.Fatalf("%s never registered its commands: %v", cmd.Path, err)
	}
	p := &process{cmd: cmd, startup: req.Time.Sub(t0), stop: stop}
	time.Sleep(time.Second) // let start-up's garbage go
	p.idleRSS = rss(cmd.Process.Pid)
	return p
}
