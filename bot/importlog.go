package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/paper"
)

// importLog brings paper back: `tocsin import-log --crisis ID FILE` reads
// the log sheets typed into a CSV file and appends them to the crisis log,
// all or nothing (see paper.ReadSheet and paper.Import).
func (p *program) importLog(ctx context.Context, args []string) int {
	fs := p.flags("import-log")
	id := fs.Int64("crisis", 0, "the crisis whose log the entries go to (required)")
	pos, err := interspersed(fs, args)
	if err != nil {
		return 2
	}
	if len(pos) != 1 || *id <= 0 {
		fmt.Fprintln(p.stderr, "usage: tocsin import-log --crisis ID FILE")
		return 2
	}
	lang := p.cfg.Lang
	data, err := os.ReadFile(pos[0])
	if err != nil {
		fmt.Fprintln(p.stderr, "tocsin import-log:", err)
		return 1
	}
	// Entries typed from paper go to a crisis of an existing record: a
	// mistyped TOCSIN_DB must not quietly make a new, empty database.
	if _, err := os.Stat(p.cfg.DB); err != nil {
		fmt.Fprintf(p.stderr, "tocsin import-log: no database at %s (set TOCSIN_DB): %v\n", p.cfg.DB, err)
		return 1
	}
	db, err := p.openStore(ctx)
	if err != nil {
		fmt.Fprintln(p.stderr, "tocsin import-log:", err)
		return 1
	}
	defer db.Close()
	var (
		sheet *paper.Sheet
		got   paper.Imported
		rows  []paper.RowError
	)
	err = db.Update(ctx, func(tx crisis.Tx) error {
		members, err := tx.Members()
		if err != nil {
			return err
		}
		sheet = paper.ReadSheet(data, p.cfg.Loc, members)
		got, rows, err = paper.Import(tx, *id, sheet, filepath.Base(pos[0]), p.now(), p.cfg.Loc, lang)
		return err
	})
	if sheet != nil && sheet.CP1252 {
		fmt.Fprintln(p.stderr, "tocsin import-log:", locale.T(lang, "paper.import.cp1252"))
	}
	switch {
	case errors.Is(err, paper.ErrRows):
		for _, r := range rows {
			fmt.Fprintln(p.stderr, r.Message(lang))
		}
		fmt.Fprintln(p.stderr, "tocsin import-log:", locale.T(lang, "paper.import.refused", locale.N(len(rows), "count.paper.row")))
		return 1
	case err != nil:
		if msg, ok := locale.Message(lang, err); ok {
			fmt.Fprintln(p.stderr, "tocsin import-log:", msg)
		} else {
			fmt.Fprintln(p.stderr, "tocsin import-log:", err)
		}
		return 1
	}
	fmt.Fprintln(p.stdout, locale.T(lang, "paper.import.done", *id, locale.N(len(got.Entries), "count.paper.entry")))
	names := make([]string, 0, len(got.Unknown))
	for name := range got.Unknown {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		lines := make([]string, len(got.Unknown[name]))
		for i, l := range got.Unknown[name] {
			lines[i] = fmt.Sprint(l)
		}
		shown := name
		if shown == "" {
			shown = "—"
		}
		fmt.Fprintln(p.stdout, locale.T(lang, "paper.import.unknown", shown, strings.Join(lines, ", ")))
	}
	return 0
}
