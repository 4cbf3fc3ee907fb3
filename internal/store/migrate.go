package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// migrations holds the schema's steps, NNNN_name.sql, applied in order.
//
//go:embed migrations/*.sql
var migrations embed.FS

// SchemaVersion is the schema version this program writes: the number of
// its migrations.
func SchemaVersion() int {
	names, _ := migrationNames()
	return len(names)
}

func migrationNames() ([]string, error) {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	return names, nil
}

// migrate applies every migration newer than the database's user_version,
// each in its own transaction that also bumps the version: a crash leaves
// the schema at a known step, never between two. Each transaction takes
// the write lock before it reads the version (the connection's BEGIN is
// IMMEDIATE), so when several processes open a new database at once, one
// applies a step while the others wait, then find it done.
func migrate(ctx context.Context, db *sql.DB) error {
	names, err := migrationNames()
	if err != nil {
		return err
	}
	// The version only grows, with the schema, in one transaction: read
	// without the lock, an up-to-date version is the truth, and opening a
	// database in use does not queue behind its writer.
	current, err := schemaVersion(ctx, db)
	if err != nil {
		return err
	}
	if err := checkVersion(current, len(names)); err != nil || current == len(names) {
		return err
	}
	for {
		done, err := step(ctx, db, names)
		if err != nil || done {
			return err
		}
	}
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func schemaVersion(ctx context.Context, q queryer) (int, error) {
	var v int
	if err := q.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

func checkVersion(current, known int) error {
	if current > known {
		return fmt.Errorf("the database has schema version %d, newer than this program knows (%d): use a newer tocsin", current, known)
	}
	return nil
}

// step applies the migration after the database's version, under the write
// lock; done is true when there was none left.
func step(ctx context.Context, db *sql.DB, names []string) (done bool, err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("lock the database to migrate it: %w", err)
	}
	defer tx.Rollback()
	current, err := schemaVersion(ctx, tx)
	if err != nil {
		return false, err
	}
	if err := checkVersion(current, len(names)); err != nil || current == len(names) {
		return true, err
	}
	version := current + 1
	name := names[current]
	if want := fmt.Sprintf("migrations/%04d_", version); !strings.HasPrefix(name, want) {
		return false, fmt.Errorf("migration %s is out of sequence: expected a name starting %s", name, want)
	}
	body, err := migrations.ReadFile(name)
	if err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return false, fmt.Errorf("migration %s: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, `PRAGMA user_version = `+strconv.Itoa(version)); err != nil {
		return false, fmt.Errorf("migration %s: %w", name, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migration %s: %w", name, err)
	}
	return false, nil
}

// walMode puts the database in WAL mode, which lasts in the file. While
// several processes open one new file, SQLite can answer SQLITE_BUSY to the
// switch at once, without waiting out its busy timeout (TestConcurrentOpen…
// saw it in a few runs out of twenty): retry within that timeout.
func walMode(ctx context.Context, db *sql.DB) error {
	deadline := time.Now().Add(busyTimeout * time.Millisecond)
	for wait := time.Millisecond; ; wait = min(2*wait, 100*time.Millisecond) {
		var mode string
		err := db.QueryRowContext(ctx, `PRAGMA journal_mode = WAL`).Scan(&mode)
		if err == nil {
			return nil
		}
		if !busy(err) || time.Now().After(deadline) {
			return fmt.Errorf("set WAL journal mode: %w", err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("set WAL journal mode: %w", ctx.Err())
		case <-time.After(wait):
		}
	}
}

func busy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}
