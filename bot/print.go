package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/tocsin-crisis/tocsin/internal/atomicfile"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/paper"
)

// print writes the paper kit: `tocsin print [--crisis ID] --out DIR`.
// Without --crisis, the kit is the latest open crisis's, or the kit of no
// crisis (every playbook) when none is open.
func (p *program) print(ctx context.Context, args []string) int {
	fs := p.flags("print")
	id := fs.Int64("crisis", 0, "the crisis to print (default: the latest open one, else none)")
	out := fs.String("out", "", "the folder to write paper-kit-ID.pdf into (required)")
	pos, err := interspersed(fs, args)
	if err != nil {
		return 2
	}
	if len(pos) > 0 || *out == "" || (flagGiven(fs, "crisis") && *id <= 0) {
		fmt.Fprintln(p.stderr, "usage: tocsin print [--crisis ID] --out DIR")
		return 2
	}
	db, err := p.openExisting(ctx)
	if err != nil {
		fmt.Fprintln(p.stderr, "tocsin print:", err)
		return 1
	}
	defer db.Close()
	src := paper.Source{
		Org: p.org(),
		Set: p.engine().Set(), Now: p.now(), Loc: p.cfg.Loc, Lang: p.cfg.Lang,
	}
	var kit *paper.Kit
	err = db.View(ctx, func(tx crisis.Tx) error {
		if *id == 0 {
			if *id, err = latestOpen(tx); err != nil {
				return err
			}
		}
		kit, err = paper.Read(tx, *id, src)
		return err
	})
	var pdf []byte
	if err == nil {
		pdf, err = kit.PDF()
	}
	if err == nil {
		err = os.MkdirAll(*out, 0o755)
	}
	dest := ""
	if err == nil {
		dest = filepath.Join(*out, kit.FileName())
		err = atomicfile.WriteFile(dest, pdf, 0o644)
	}
	if err != nil {
		if msg, ok := locale.Message(p.cfg.Lang, err); ok {
			fmt.Fprintln(p.stderr, "tocsin print:", msg)
		} else {
			fmt.Fprintln(p.stderr, "tocsin print:", err)
		}
		return 1
	}
	fmt.Fprintln(p.stdout, locale.T(p.cfg.Lang, "paper.print.written", dest))
	return 0
}

// latestOpen is the latest open crisis's number; 0 when none is open.
func latestOpen(tx crisis.Tx) (int64, error) {
	all, err := tx.Crises()
	if err != nil && !errors.Is(err, crisis.ErrNotFound) {
		return 0, err
	}
	var id int64
	for _, c := range all {
		if c.State == crisis.Open && c.ID > id {
			id = c.ID
		}
	}
	return id, nil
}
