package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"

	"github.com/mattn/go-sqlite3"
)

// OpenReadOnly opens an existing database for the tools that only read it
// (verify, export, backup, statuspage): it never creates the file, never
// migrates it and cannot write to it. It works on a write-protected copy
// kept as evidence, on a read-only disk too.
//
// A WAL database is read through its -shm index, which SQLite creates
// beside the file when it is missing (see "Read-Only Databases" in
// https://www.sqlite.org/wal.html). When the folder does not allow that, a
// database without a -wal is opened as immutable (nothing can change it on
// a read-only disk), and a database with one is copied with its -wal to a
// private folder and read there, so the transactions still in the -wal are
// seen: immutable would silently ignore them.
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db, err := openReadOnly(ctx, path, false)
	if err == nil || !cannotIndex(err) {
		return db, err
	}
	if st, serr := os.Stat(path + "-wal"); serr == nil && st.Size() > 0 {
		return openCopy(ctx, path)
	}
	return openReadOnly(ctx, path, true)
}

// cannotIndex reports whether SQLite failed to open or create the -shm
// (or -wal) beside the database.
func cannotIndex(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrCantOpen || se.Code == sqlite3.ErrReadonly)
}

func openReadOnly(ctx context.Context, path string, immutable bool) (*DB, error) {
	q := url.Values{}
	q.Set("mode", "ro")
	if immutable {
		q.Set("immutable", "1")
	}
	q.Set("_busy_timeout", strconv.Itoa(busyTimeout))
	// A deferred BEGIN: an immediate one asks for the write lock, which a
	// read-only connection cannot have.
	q.Set("_txlock", "deferred")
	q.Set("_stmt_cache_size", strconv.Itoa(stmtCacheSize))
	db, err := sql.Open("sqlite3", dsn(path, q))
	if err != nil {
		return nil, fmt.Errorf("open database %s read-only: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	// The first read opens the file and its index: a failure shows here.
	version, err := schemaVersion(ctx, db)
	if err == nil {
		err = checkReadable(version, SchemaVersion())
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s read-only: %w", path, err)
	}
	return newDB(db, "BEGIN"), nil
}

// checkReadable refuses a schema this program cannot read and, having no
// right to write, cannot bring up to date.
func checkReadable(version, known int) error {
	switch {
	case version == 0:
		return errors.New("not a tocsin database (no schema)")
	case version < known:
		return fmt.Errorf("the database has schema version %d, older than this program's (%d): open it once with tocsin console to bring it up to date (on a copy, if it is evidence)", version, known)
	}
	return checkVersion(version, known)
}

// openCopy reads a snapshot of the database and its -wal from a private
// folder, removed when the DB is closed.
func openCopy(ctx context.Context, path string) (*DB, error) {
	dir, err := os.MkdirTemp("", "tocsin-read-")
	if err != nil {
		return nil, fmt.Errorf("open database %s read-only: %w", path, err)
	}
	copyPath := filepath.Join(dir, "tocsin.db")
	for _, suffix := range []string{"", "-wal"} {
		if err := copyFile(path+suffix, copyPath+suffix); err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("open database %s read-only: copy it to %s: %w", path, dir, err)
		}
	}
	db, err := openReadOnly(ctx, copyPath, false)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	db.cleanup = func() error { return os.RemoveAll(dir) }
	return db, nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
