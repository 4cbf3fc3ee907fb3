package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

// migrations holds the schema's steps, NNNN_name.sql, applied in order.
//
//go:embed migrations/*.sql
var migrations embed.FS

// migrate applies every migration newer than the database's user_version,
// each in its own transaction that also bumps the version: a crash leaves
// the schema at a known step, never between two.
func migrate(ctx context.Context, db *sql.DB) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	var current int
	if err := db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&current); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if current > len(names) {
		return fmt.Errorf("the database has schema version %d, newer than this program knows (%d): use a newer tocsin", current, len(names))
	}
	for i, name := range names {
		version := i + 1
		if version <= current {
			continue
		}
		if want := fmt.Sprintf("migrations/%04d_", version); !strings.HasPrefix(name, want) {
			return fmt.Errorf("migration %s is out of sequence: expected a name starting %s", name, want)
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		if err := apply(ctx, db, version, string(body)); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

func apply(ctx context.Context, db *sql.DB, version int, body string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, body); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `PRAGMA user_version = `+strconv.Itoa(version)); err != nil {
		return err
	}
	return tx.Commit()
}
