package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/atomicfile"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/export"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/publish"
	"github.com/tocsin-crisis/tocsin/internal/replay"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// interspersed parses flags wherever they stand among the positional
// arguments, as users type them: `replay FILE --out DIR`.
func interspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func (p *program) replay(ctx context.Context, args []string) int {
	fs := p.flags("replay")
	out := fs.String("out", "", "folder for transcript.md, log.md, tasks.md, published/ and documents/")
	dbPath := fs.String("db", "", "play on this database instead of a fresh temporary one")
	pos, err := interspersed(fs, args)
	if err != nil {
		return 2
	}
	if len(pos) != 1 {
		fmt.Fprintln(p.stderr, "usage: tocsin replay FILE [--out DIR] [--db FILE]")
		return 2
	}
	sc, err := replay.Load(pos[0])
	if err != nil {
		fmt.Fprintln(p.stderr, "tocsin replay:", err)
		return 1
	}
	path := *dbPath
	if path == "" {
		dir, err := os.MkdirTemp("", "tocsin-replay-")
		if err != nil {
			fmt.Fprintln(p.stderr, "tocsin replay:", err)
			return 1
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "replay.db")
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		fmt.Fprintln(p.stderr, "tocsin replay:", err)
		return 1
	}
	defer db.Close()
	if *out != "" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			fmt.Fprintln(p.stderr, "tocsin replay:", err)
			return 1
		}
	}
	opts := replay.Options{
		Store: db, Playbooks: p.engine(), Drafter: p.drafter(), Lang: p.cfg.Lang, Out: *out, Log: p.logger(slog.LevelWarn),
	}
	if *out != "" {
		opts.StatusPage = p.statusSite(filepath.Join(*out, "statuspage"), sc.Org.Name)
		opts.StatusPage.Page.Loc = sc.Loc
		if sc.Lang != "" {
			opts.StatusPage.Page.Lang = sc.Lang
		}
	}
	res, err := replay.Run(ctx, sc, opts)
	if err != nil {
		fmt.Fprintln(p.stderr, "tocsin replay:", err)
		return 1
	}
	if *out == "" {
		fmt.Fprint(p.stdout, res.Transcript)
	}
	if res.Failed != nil {
		fmt.Fprintln(p.stderr, "tocsin replay:", res.Failed)
		return 1
	}
	if *out != "" {
		fmt.Fprintf(p.stdout, "%s: %d steps replayed; see %s\n", sc.File, res.Steps,
			strings.Join([]string{filepath.Join(*out, "transcript.md"), filepath.Join(*out, "log.md"), filepath.Join(*out, "tasks.md"),
				filepath.Join(*out, "documents") + "/", filepath.Join(*out, "published") + "/", filepath.Join(*out, "statuspage") + "/"}, ", "))
	}
	return 0
}

func (p *program) export(ctx context.Context, args []string) int {
	fs := p.flags("export")
	id := fs.Int64("crisis", 0, "the crisis to export (required)")
	out := fs.String("out", ".", "the folder to write crisis-ID.zip into")
	if _, err := interspersed(fs, args); err != nil {
		return 2
	}
	if *id <= 0 {
		fmt.Fprintln(p.stderr, "usage: tocsin export --crisis ID --out DIR")
		return 2
	}
	db, err := p.openExisting(ctx)
	if err != nil {
		fmt.Fprintln(p.stderr, "tocsin export:", err)
		return 1
	}
	defer db.Close()
	dest := filepath.Join(*out, fmt.Sprintf("crisis-%d.zip", *id))
	n, err := writeExport(ctx, db, *id, p.cfg.Loc, p.cfg.Lang, p.cfg.Org.Name, dest)
	if err == nil {
		fmt.Fprintf(p.stdout, "%s written: %d files\n", dest, n)
		return 0
	}
	fmt.Fprintln(p.stderr, "tocsin export:", err)
	return 1
}

func (p *program) statuspage(ctx context.Context, args []string) int {
	fs := p.flags("statuspage")
	out := fs.String("out", p.cfg.StatusPage.Dir, "the folder to write index.html and feed.atom into (default: statuspage.dir)")
	base := fs.String("base", p.cfg.StatusPage.BaseURL, "the page's public address, for the feed's links (default: statuspage.base_url)")
	if _, err := interspersed(fs, args); err != nil {
		return 2
	}
	if *out == "" {
		fmt.Fprintln(p.stderr, "usage: tocsin statuspage --out DIR [--base URL]")
		return 2
	}
	db, err := p.openExisting(ctx)
	if err != nil {
		fmt.Fprintln(p.stderr, "tocsin statuspage:", err)
		return 1
	}
	defer db.Close()
	var rec publish.Record
	now := p.now()
	err = db.View(ctx, func(tx crisis.Tx) error {
		var err error
		rec, err = publish.Load(tx, now)
		return err
	})
	if err == nil {
		page := p.statusPage("")
		page.Base = *base
		err = page.WriteRecord(*out, rec, now)
	}
	if err != nil {
		fmt.Fprintln(p.stderr, "tocsin statuspage:", err)
		return 1
	}
	n := len(rec.Updates)
	fmt.Fprintf(p.stdout, "%s: %d %s\n", filepath.Join(*out, publish.IndexFile), n, plural(n, "update", "updates"))
	return 0
}

// writeExport zips a crisis's export into dest and returns how many files it holds.
func writeExport(ctx context.Context, db *store.DB, id int64, loc *time.Location, lang locale.Lang, org, dest string) (int, error) {
	files, err := export.Crisis(ctx, db, id, loc, lang, export.WithOrg(org))
	if err != nil {
		return 0, err
	}
	zip, err := export.Zip(files)
	if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return 0, err
	}
	return len(files), atomicfile.WriteFile(dest, zip, 0o644)
}
