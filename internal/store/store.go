// Package store keeps the crisis record in SQLite: one file, no server.
// Its schema comes from ordered migrations embedded in the binary; every
// command runs in one immediate transaction.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"

	_ "github.com/mattn/go-sqlite3" // the database/sql driver "sqlite3"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// DB is the record's SQLite database.
type DB struct {
	db *sql.DB
}

var _ crisis.Store = (*DB)(nil)

// Open opens (creating if need be) the database file at path and brings its
// schema up to date. ":memory:" gives a private in-memory database, for tests.
func Open(ctx context.Context, path string) (*DB, error) {
	q := url.Values{}
	q.Set("_foreign_keys", "1")
	q.Set("_busy_timeout", "10000")
	// Immediate transactions take the write lock at BEGIN, so two writers
	// wait for each other instead of failing halfway with SQLITE_BUSY.
	q.Set("_txlock", "immediate")
	dsn := "file:" + path + "?" + q.Encode()
	if path != ":memory:" {
		q.Set("_journal_mode", "WAL")
		// FULL: a command answered is on disk, even if the machine loses power.
		q.Set("_synchronous", "FULL")
		dsn = "file:" + url.PathEscape(path) + "?" + q.Encode()
	}
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	// One connection: commands are serialized in the process (they are
	// human-paced), an in-memory database keeps its schema, and a read never
	// waits on a write lock held by the same process.
	db.SetMaxOpenConns(1)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate database %s: %w", path, err)
	}
	return &DB{db: db}, nil
}

// Close closes the database.
func (s *DB) Close() error { return s.db.Close() }

// SQL exposes the handle for tests that tamper with rows on purpose.
func (s *DB) SQL() *sql.DB { return s.db }

// Update runs fn in a write transaction, committed only when fn succeeds.
func (s *DB) Update(ctx context.Context, fn func(crisis.Tx) error) error {
	return s.inTx(ctx, fn)
}

// View runs fn in a transaction that is always rolled back.
func (s *DB) View(ctx context.Context, fn func(crisis.Tx) error) error {
	return s.inTx(ctx, func(tx crisis.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return errReadOnly
	})
}

var errReadOnly = errors.New("read-only transaction")

func (s *DB) inTx(ctx context.Context, fn func(crisis.Tx) error) (err error) {
	sqlTx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = sqlTx.Rollback()
			panic(p)
		}
	}()
	if err := fn(&tx{tx: sqlTx}); err != nil {
		_ = sqlTx.Rollback()
		if errors.Is(err, errReadOnly) {
			return nil
		}
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// Audit records a command in the audit trail, in its own transaction.
func (s *DB) Audit(ctx context.Context, e crisis.AuditEntry) error {
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO audit (at, actor, crisis_id, command, outcome, detail, source) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		fmtTime(e.At), e.Actor, e.CrisisID, e.Command, e.Outcome, e.Detail, e.Source)
	if err != nil {
		return fmt.Errorf("write audit entry: %w", err)
	}
	return nil
}

// AuditTrail returns the audit entries, oldest first.
func (s *DB) AuditTrail(ctx context.Context) ([]crisis.AuditEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, at, actor, crisis_id, command, outcome, detail, source FROM audit ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read audit trail: %w", err)
	}
	defer rows.Close()
	var out []crisis.AuditEntry
	for rows.Next() {
		var e crisis.AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.CrisisID, &e.Command, &e.Outcome, &e.Detail, &e.Source); err != nil {
			return nil, fmt.Errorf("read audit trail: %w", err)
		}
		e.At = parseTime(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// Backup writes a consistent copy of the database to path, which must not
// exist. It is safe while other processes use the database.
func (s *DB) Backup(ctx context.Context, path string) error {
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("back up to %s: %w", path, err)
	}
	return nil
}

// tx implements crisis.Tx over one SQL transaction; its methods live in one
// file per entity.
type tx struct {
	tx *sql.Tx
}

var _ crisis.Tx = (*tx)(nil)
