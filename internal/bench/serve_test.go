package bench

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/discord"
	dt "github.com/tocsin-crisis/tocsin/internal/discordtest"
)

// floorEnv names the variable that turns the test binary into the floor:
// a bare discordgo bot serving the double at that address.
const floorEnv = "TOCSIN_BENCH_FLOOR"

func TestMain(m *testing.M) {
	if u := os.Getenv(floorEnv); u != "" {
		if err := floor(u); err != nil {
			fmt.Fprintln(os.Stderr, "floor:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// floor is the library alone: a discordgo session that registers the same
// commands at READY and answers every interaction with a fixed message
// (an empty list for an autocomplete), until interrupted.
func floor(api string) error {
	base, err := url.Parse(api)
	if err != nil {
		return err
	}
	s, err := discordgo.New("Bot test-token")
	if err != nil {
		return err
	}
	s.Client = &http.Client{Transport: rebase{base}}
	s.Identify.Intents = discordgo.IntentsGuilds
	s.AddHandler(func(s *discordgo.Session, r *discordgo.Ready) {
		if _, err := s.ApplicationCommandBulkOverwrite(r.User.ID, dt.GuildID, discord.ApplicationCommands(command.Default())); err != nil {
			fmt.Fprintln(os.Stderr, "floor: register:", err)
		}
	})
	s.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: "C'est noté."}}
		if ic.Type == discordgo.InteractionApplicationCommandAutocomplete {
			resp = &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
				Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{}}}
		}
		if err := s.InteractionRespond(ic.Interaction, resp); err != nil {
			fmt.Fprintln(os.Stderr, "floor: respond:", err)
		}
	})
	if err := s.Open(); err != nil {
		return err
	}
	defer s.Close()
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	<-stop
	return nil
}

// rebase sends discord.com's requests to the double.
type rebase struct{ base *url.URL }

func (r rebase) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.URL.Scheme, req.URL.Host, req.Host = r.base.Scheme, r.base.Host, r.base.Host
	return http.DefaultTransport.RoundTrip(req)
}

// tocsinBinary is the program measured: $TOCSIN_BIN (make bench builds
// it), else built here.
func tocsinBinary(b *testing.B) string {
	if p := os.Getenv("TOCSIN_BIN"); p != "" {
		return p
	}
	out := filepath.Join(b.TempDir(), "tocsin")
	cmd := exec.Command("go", "build", "-o", out, "github.com/tocsin-crisis/tocsin/bot")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		b.Fatalf("build tocsin: %v", err)
	}
	return out
}

// seed prepares tocsin's database: an open crisis with tasks to finish
// and to take, opened by the first member.
func seed(b *testing.B, dir string) string {
	ctx := context.Background()
	env, db := newEnvAs(b, dir, memberUser(0).ID)
	err := db.Update(ctx, func(tx crisis.Tx) error {
		actor, err := tx.Member(memberUser(0).ID)
		if err != nil {
			return err
		}
		op := crisis.NewOp(tx, benchNow, actor, nil)
		c, err := tx.Crisis(1)
		if err != nil {
			return err
		}
		for i := 0; i < seededTasks; i++ {
			if _, err := op.AddTask(c, crisis.TaskInput{Title: fmt.Sprintf("Tâche préparée %d", i)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	_ = env
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	return filepath.Join(dir, "tocsin.db")
}

// rounds is how many times section 1 measures each side. One machine
// runs the double, the program and the load: a single run's figures moved
// by a third from one run to the next. Each round runs the floor, then
// tocsin, each in a fresh process on a double of its own, stopped before
// the next; the table shows the median of each figure.
const rounds = 3

// discordRows runs the mix against the floor and against tocsin serve,
// rounds times each.
func discordRows(b *testing.B) []row {
	var fls, tls []load
	var fps, tps []*process
	for r := 0; r < rounds; r++ {
		fl, fp := floorRound(b)
		tl, tp := tocsinRound(b)
		fls, tls, fps, tps = append(fls, fl), append(tls, tl), append(fps, fp), append(tps, tp)
	}
	fl, tl := medianLoad(fls), medianLoad(tls)
	fp, tp := medianProcess(fps), medianProcess(tps)
	fmt.Fprintf(os.Stderr, "bench: section 1, tocsin throughput by round: %s; floor: %s\n", throughputs(tls), throughputs(fls))

	mb := func(kb int64) string { return fmt.Sprintf("%.1f MB", float64(kb)/1024) }
	what := fmt.Sprintf("%d interactions, %d members", interactions, members)
	return []row{
		{what: "p50 initial response (" + what + ")", value: ms(tl.p50), floor: ms(fl.p50), ratio: ratio(float64(tl.p50), float64(fl.p50))},
		{what: "p99 initial response", value: ms(tl.p99), floor: ms(fl.p99), ratio: ratio(float64(tl.p99), float64(fl.p99)), target: "≤ 2.00 and < 50 ms"},
		{what: "throughput", value: fmt.Sprintf("%.0f /s", tl.throughput), floor: fmt.Sprintf("%.0f /s", fl.throughput), ratio: ratio(tl.throughput, fl.throughput), target: "≥ 0.50"},
		{what: "CPU per interaction (process, user+system)", value: ms(tl.cpu), floor: ms(fl.cpu), ratio: ratio(float64(tl.cpu), float64(fl.cpu))},
		{what: "  the same, with the mirror's catch-up after the load", value: ms(tl.cpuSettled), floor: ms(fl.cpuSettled), ratio: ratio(float64(tl.cpuSettled), float64(fl.cpuSettled))},
		{what: "## 4. Process (" + runtime.Version() + ")"},
		{what: "start-up to ready (commands registered)", value: ms(tp.startup), floor: ms(fp.startup), ratio: ratio(float64(tp.startup), float64(fp.startup)), target: "< 500 ms"},
		{what: "resident memory, idle", value: mb(tp.idleRSS), floor: mb(fp.idleRSS), ratio: ratio(float64(tp.idleRSS), float64(fp.idleRSS)), target: "< 40 MB"},
		{what: "resident memory, under the load (peak)", value: mb(tl.peakRSS), floor: mb(fl.peakRSS), ratio: ratio(float64(tl.peakRSS), float64(fl.peakRSS))},
	}
}

// floorRound measures the floor once: a bare discordgo bot, in a process
// of its own (this test binary, see TestMain).
func floorRound(b *testing.B) (load, *process) {
	fd := dt.New(b, dt.WithWorld(world()), dt.WithoutCrossCheck())
	self, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	cmd := exec.Command(self)
	cmd.Env = append(os.Environ(), floorEnv+"="+fd.URL())
	p := start(b, fd, cmd)
	l := drive(b, fd, p.cmd.Process.Pid)
	p.stop()
	return l, p
}

// tocsinRound measures tocsin serve once, on a freshly seeded database.
func tocsinRound(b *testing.B) (load, *process) {
	td := dt.New(b, dt.WithWorld(world()), dt.WithoutCrossCheck())
	dir := b.TempDir()
	db := seed(b, dir)
	cmd := exec.Command(tocsinBinary(b), "serve")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "DISCORD_TOKEN=test-token", "DISCORD_GUILD_ID="+dt.GuildID, "DISCORD_API_URL="+td.URL(),
		"TOCSIN_DB="+db, "TOCSIN_CONFIG=", "TOCSIN_TZ=Europe/Paris",
		"TOCSIN_DISCORD_ROLES="+dt.RoleMember+"=member;"+dt.RoleDirector+"=member,director")
	p := start(b, td, cmd)
	l := drive(b, td, p.cmd.Process.Pid)
	p.stop() // its mirror must not take the next round's processor
	return l, p
}

// medianLoad is each figure's median over the rounds, figure by figure.
func medianLoad(ls []load) load {
	pick := func(f func(load) float64) float64 {
		v := make([]float64, len(ls))
		for i, l := range ls {
			v[i] = f(l)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	return load{
		p50:        time.Duration(pick(func(l load) float64 { return float64(l.p50) })),
		p99:        time.Duration(pick(func(l load) float64 { return float64(l.p99) })),
		throughput: pick(func(l load) float64 { return l.throughput }),
		peakRSS:    int64(pick(func(l load) float64 { return float64(l.peakRSS) })),
		cpu:        time.Duration(pick(func(l load) float64 { return float64(l.cpu) })),
		cpuSettled: time.Duration(pick(func(l load) float64 { return float64(l.cpuSettled) })),
	}
}

func medianProcess(ps []*process) *process {
	st := make([]time.Duration, len(ps))
	rs := make([]int64, len(ps))
	for i, p := range ps {
		st[i], rs[i] = p.startup, p.idleRSS
	}
	slices.Sort(st)
	slices.Sort(rs)
	return &process{startup: st[len(st)/2], idleRSS: rs[len(rs)/2]}
}

func throughputs(ls []load) string {
	var out []string
	for _, l := range ls {
		out = append(out, fmt.Sprintf("%.0f/s", l.throughput))
	}
	return strings.Join(out, " ")
}
