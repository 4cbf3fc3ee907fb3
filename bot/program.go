package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/user"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/config"
	"github.com/tocsin-crisis/tocsin/internal/console"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/discord"
	"github.com/tocsin-crisis/tocsin/internal/draft"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/publish"
	"github.com/tocsin-crisis/tocsin/internal/schedule"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// program holds what every subcommand shares.
type program struct {
	cfg            config.Config
	stdin          io.Reader
	stdout, stderr io.Writer
	now            func() time.Time
}

func (p *program) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("tocsin "+name, flag.ContinueOnError)
	fs.SetOutput(p.stderr)
	return fs
}

func (p *program) logger(level slog.Level) *slog.Logger {
	return slog.New(slog.NewTextHandler(p.stderr, &slog.HandlerOptions{Level: level}))
}

func (p *program) openStore(ctx context.Context) (*store.DB, error) {
	db, err := store.Open(ctx, p.cfg.DB)
	if err != nil {
		return nil, err
	}
	// Audit entries a full disk holds back are reported here meanwhile.
	db.SetLogger(p.logger(slog.LevelWarn))
	return db, nil
}

// openExisting opens the database for the tools that only read it (verify,
// backup, export, statuspage): a missing file is an error, not a new empty
// database, and the file is opened read-only, never migrated nor written,
// so a write-protected evidence copy on a read-only disk works too.
func (p *program) openExisting(ctx context.Context) (*store.DB, error) {
	db, err := store.OpenReadOnly(ctx, p.cfg.DB)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no database at %s (set TOCSIN_DB): %w", p.cfg.DB, err)
	}
	return db, err
}

// org is the organisation as the documents name it, with the configured
// contacts directory.
func (p *program) org() draft.Org {
	o := p.cfg.Org
	return draft.Org{Name: o.Name, Address: o.Address, Representative: o.Representative, SIREN: o.SIREN, Contacts: p.cfg.Contacts}
}

func (p *program) env(db *store.DB, log *slog.Logger) *command.Env {
	o := p.cfg.Org
	folder := publish.Folder{Dir: p.cfg.PublishDir}
	site := p.statusSite(p.cfg.StatusPage.Dir, o.Name)
	return &command.Env{
		Store: db, Table: command.Default(), Now: p.now,
		Loc: p.cfg.Loc, Lang: p.cfg.Lang, Log: log, Playbooks: p.engine(),
		Drafter:  p.drafter(),
		Org:      p.org(),
		FourEyes: p.cfg.FourEyes,
		Published: func(ctx context.Context, d crisis.Draft) error {
			if err := folder.Write(d); err != nil {
				return err
			}
			return p.refreshStatusPage(ctx, site, db, d)
		},
	}
}

// drafter drafts from templates, with a model when one is configured.
func (p *program) drafter() *draft.Drafter {
	if !p.cfg.LLM.Enabled() {
		return &draft.Drafter{}
	}
	return &draft.Drafter{Model: draft.NewLLM(draft.LLMConfig{
		BaseURL: p.cfg.LLM.BaseURL, APIKey: p.cfg.LLM.APIKey, Model: p.cfg.LLM.Model,
	})}
}

// scheduler chases tasks on the wall clock, sending notices to notify.
func (p *program) scheduler(db *store.DB, log *slog.Logger, notify func(ctx context.Context, d schedule.Delivery) error) *schedule.Scheduler {
	return &schedule.Scheduler{
		Store: db, Now: p.now, Loc: p.cfg.Loc, Lang: p.cfg.Lang,
		Policy: schedule.DefaultPolicy, Notify: notify, Log: log,
	}
}

func (p *program) serve(ctx context.Context, args []string) int {
	if p.cfg.Discord.Token == "" {
		fmt.Fprintln(p.stderr, "tocsin serve: no Discord token: set DISCORD_TOKEN (the bot token from the Discord developer portal); see README.md")
		return 2
	}
	if err := noArgs(p, "serve", args); err != nil {
		return 2
	}
	db, err := p.openStore(ctx)
	if err != nil {
		fmt.Fprintln(p.stderr, "tocsin serve:", err)
		return 1
	}
	defer db.Close()
	log := p.logger(slog.LevelInfo)
	d := p.cfg.Discord
	bot, err := discord.New(discord.Config{
		Token: d.Token, GuildID: d.GuildID, APIURL: d.APIURL, Roles: d.Roles,
		PublicChannel: d.Channels.Public, ApprovalChannel: d.Channels.Approvals, Threads: d.CrisisChannels == "thread",
	}, p.env(db, log), db, log)
	if err != nil {
		fmt.Fprintln(p.stderr, "tocsin serve:", err)
		return 2
	}
	if err := bot.Open(); err != nil {
		fmt.Fprintln(p.stderr, "tocsin serve:", err)
		return 1
	}
	defer bot.Close()
	sched := p.scheduler(db, log, bot.Notify)
	if _, err := sched.Tick(ctx); err != nil {
		log.Error("scheduler", slog.Any("err", err))
	}
	go sched.Run(ctx, 30*time.Second)
	if sp := p.cfg.StatusPage; sp.Addr != "" && sp.Dir != "" {
		go p.serveStatusPage(ctx, db, log)
	}
	<-ctx.Done()
	log.Info("stopping")
	return 0
}

// noArgs parses a subcommand that takes no arguments.
func noArgs(p *program, name string, args []string) error {
	f := p.flags(name)
	if err := f.Parse(args); err != nil {
		return err
	}
	if f.NArg() > 0 {
		fmt.Fprintf(p.stderr, "tocsin %s takes no arguments\n", name)
		return errors.New("arguments")
	}
	return nil
}

var unsafeID = regexp.MustCompile(`[^A-Za-z0-9_.-]`)

func defaultActor() string {
	if u, err := user.Current(); err == nil {
		if id := unsafeID.ReplaceAllString(u.Username, ""); crisis.ValidMemberID(id) {
			return id
		}
	}
	return "admin"
}

func (p *program) console(ctx context.Context, args []string) int {
	fs := p.flags("console")
	as := fs.String("as", defaultActor(), "the member whose commands these are")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	db, err := p.openStore(ctx)
	if err != nil {
		fmt.Fprintln(p.stderr, "tocsin console:", err)
		return 1
	}
	defer db.Close()
	actor := crisis.MemberRef(*as)
	err = db.Update(ctx, func(tx crisis.Tx) error {
		_, err := crisis.Bootstrap(tx, crisis.Member{ID: actor, CreatedAt: p.now()})
		return err
	})
	switch {
	case err == nil:
		fmt.Fprintf(p.stderr, "tocsin: new database %s; @%s created with every capability\n", p.cfg.DB, actor)
	case !errors.Is(err, crisis.ErrConflict):
		fmt.Fprintln(p.stderr, "tocsin console:", err)
		return 1
	default:
		// Say it now rather than on every command: the commands would all
		// be refused.
		if err := db.View(ctx, func(tx crisis.Tx) error { _, err := tx.Member(actor); return err }); errors.Is(err, crisis.ErrNotFound) {
			fmt.Fprintf(p.stderr, "tocsin: @%s is not a member in %s: use --as with a member's id (/member list), or ask the director to add you\n", actor, p.cfg.DB)
		}
	}
	var tty *os.File
	if f, ok := p.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		tty = f
		fmt.Fprintln(p.stderr, locale.T(p.cfg.Lang, "console.banner", p.cfg.DB, actor))
	}
	log := p.logger(slog.LevelWarn)
	c := &console.Console{Env: p.env(db, log), Actor: actor, In: p.stdin, Out: p.stdout, FilesDir: filepath.Dir(p.cfg.DB)}
	// Each console shows the notices for its own member, whichever
	// console's scheduler sent them.
	since := p.now()
	sched := p.scheduler(db, log, func(_ context.Context, d schedule.Delivery) error {
		c.Notify(d.Notice, d.Text)
		return nil
	})
	tick := func(ctx context.Context) {
		if _, err := sched.Tick(ctx); err != nil {
			log.Error("scheduler", slog.Any("err", err))
		}
		if err := c.ShowNotices(ctx, since); err != nil {
			log.Error("notices", slog.Any("err", err))
		}
	}
	tick(ctx)
	tickCtx, stopTicks := context.WithCancel(ctx)
	defer stopTicks()
	go func() {
		t := time.NewTicker(30 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-tickCtx.Done():
				return
			case <-t.C:
				tick(tickCtx)
			}
		}
	}()
	if tty != nil {
		err = c.RunTerminal(ctx, tty, p.stdout)
	} else {
		err = c.Run(ctx)
	}
	if err != nil {
		fmt.Fprintln(p.stderr, "tocsin console:", err)
		return 1
	}
	return 0
}

func (p *program) verify(ctx context.Context, args []string) int {
	fs := p.flags("verify")
	id := fs.Int64("crisis", 0, "the crisis to check (default: every crisis)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(p.stderr, "usage: tocsin verify [--crisis ID]")
		return 2
	}
	// 0 is "every crisis" only when --crisis is not given: a mistyped
	// number must not verify everything and answer ok.
	if flagGiven(fs, "crisis") && *id <= 0 {
		fmt.Fprintf(p.stderr, "tocsin verify: --crisis takes a crisis number (1 or more), not %d\n", *id)
		return 2
	}
	db, err := p.openExisting(ctx)
	if err != nil {
		fmt.Fprintln(p.stderr, "tocsin verify:", err)
		return 1
	}
	defer db.Close()
	reports, err := crisis.VerifyLogs(ctx, db, *id)
	if errors.Is(err, crisis.ErrNotFound) {
		fmt.Fprintf(p.stderr, "tocsin verify: no crisis %d in %s\n", *id, p.cfg.DB)
		return 1
	}
	if err != nil {
		fmt.Fprintln(p.stderr, "tocsin verify:", err)
		return 1
	}
	code := 0
	for _, r := range reports {
		if r.Err != nil {
			fmt.Fprintf(p.stdout, "crisis %d: BROKEN: %v\n", r.Crisis.ID, r.Err)
			code = 1
			continue
		}
		fmt.Fprintf(p.stdout, "crisis %d: ok, %d entries, head %.16s\n", r.Crisis.ID, r.Entries, r.Crisis.LogHead)
	}
	if len(reports) == 0 {
		fmt.Fprintln(p.stdout, "no crisis in", p.cfg.DB)
	}
	return code
}

// flagGiven reports whether the command line set the flag name.
func flagGiven(f *flag.FlagSet, name string) bool {
	given := false
	f.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

func (p *program) backup(ctx context.Context, args []string) int {
	fs := p.flags("backup")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(p.stderr, "usage: tocsin backup FILE")
		return 2
	}
	dest := fs.Arg(0)
	if _, err := os.Stat(dest); err == nil {
		fmt.Fprintf(p.stderr, "tocsin backup: %s already exists: choose a new file\n", dest)
		return 1
	}
	db, err := p.openExisting(ctx)
	if err != nil {
		fmt.Fprintln(p.stderr, "tocsin backup:", err)
		return 1
	}
	defer db.Close()
	if err := db.Backup(ctx, dest); err != nil {
		fmt.Fprintln(p.stderr, "tocsin backup:", err)
		return 1
	}
	fmt.Fprintf(p.stdout, "backup of %s written to %s\n", p.cfg.DB, dest)
	return 0
}

// mentionList writes members as the console shows them: "@dsi @comm".
func mentionList(ids []string) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = "@" + id
	}
	return strings.Join(s, " ")
}
