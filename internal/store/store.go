// Package store keeps the crisis record in SQLite: one file, no server.
// Its schema comes from ordered migrations embedded in the binary. Every
// command's writes are one unit: writes queued at once share one
// immediate transaction and one sync, each in a savepoint of its own
// (group.go); reads run on connections of their own. A transaction holds
// one pooled connection, begun and ended by hand (txconn.go). What every
// interaction reads is kept in memory at the version the database gives
// it, moved by triggers in the writing transaction, and trusted exactly
// while that version holds: a crisis's tasks (taskcache.go), the crises,
// members and playbooks (recordcache.go), the board's other lists, for
// read-only transactions (sectioncache.go).
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"sync"

	_ "github.com/mattn/go-sqlite3" // the database/sql driver "sqlite3"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// DB is the record's SQLite database.
type DB struct {
	db *sql.DB
	// readers serve View on connections of their own: in WAL mode a read
	// sees the last commit without waiting for the writer. It is db itself
	// where there is nothing to gain (in memory, read-only opens).
	readers *sql.DB
	// begin is how a transaction on db begins (txconn.go): immediate where
	// the database may be written, deferred where it is only read.
	begin string
	log   *slog.Logger
	// writer admits one writer at a time, so the audit entries held back
	// by a failed write are written exactly once, before anything newer.
	writer chan struct{}
	// pending holds audit entries the database could not take (a full
	// disk), oldest first, until a write succeeds; guarded by writer.
	pending []crisis.AuditEntry
	// queue holds the writes waiting for the writer (group.go).
	queueMu sync.Mutex
	queue   []*writeReq
	// cleanup removes what OpenReadOnly made to read the database; nil
	// otherwise.
	cleanup func() error

	// tailMu guards tails: the last log entry of each crisis as this
	// process last committed it (log.go).
	tailMu sync.Mutex
	tails  map[int64]logTail

	// taskCache keeps each crisis's tasks at the version last read or
	// committed (taskcache.go).
	taskCache taskCache
	// records keeps the crises, members and playbooks at the version
	// last read or committed (recordcache.go); sections the lists of the
	// board read at a version (sectioncache.go).
	records  recordCache
	sections sectionCache
	// refs keeps where the front end shows each object (messages.go).
	refs refCache

	closeOnce sync.Once
	closeErr  error
}

var _ crisis.Store = (*DB)(nil)

// busyTimeout is how long a connection waits for another process's lock
// (a migration, a command of another console) before giving up.
const busyTimeout = 10000 // milliseconds

// Open opens (creating if need be) the database file at path and brings its
// schema up to date. ":memory:" gives a private in-memory database, for
// tests. Several processes may open the same new file at once: one applies
// the migrations, the others wait for it and find the schema done.
func Open(ctx context.Context, path string) (*DB, error) {
	q := url.Values{}
	q.Set("_foreign_keys", "1")
	q.Set("_busy_timeout", strconv.Itoa(busyTimeout))
	// Immediate transactions take the write lock at BEGIN, so two writers
	// wait for each other instead of failing halfway with SQLITE_BUSY;
	// migrate relies on it to read the schema version under the lock.
	q.Set("_txlock", "immediate")
	q.Set("_stmt_cache_size", strconv.Itoa(stmtCacheSize))
	if path != ":memory:" {
		// FULL: a command answered is on disk, even if the machine loses power.
		q.Set("_synchronous", "FULL")
	}
	db, err := sql.Open("sqlite3", dsn(path, q))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	// One connection: commands are serialized in the process (they are
	// human-paced), an in-memory database keeps its schema, and a read never
	// waits on a write lock held by the same process.
	db.SetMaxOpenConns(1)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, storageError(err))
	}
	if path != ":memory:" {
		if err := walMode(ctx, db); err != nil {
			db.Close()
			return nil, fmt.Errorf("open database %s: %w", path, storageError(err))
		}
	}
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate database %s: %w", path, storageError(err))
	}
	s := newDB(db, "BEGIN IMMEDIATE")
	if path != ":memory:" {
		if s.readers, err = openReaders(ctx, path); err != nil {
			db.Close()
			return nil, err
		}
	}
	return s, nil
}

// readerConns is how many reads may run at once beside the writer: a
// board redraw, an autocomplete, an export.
const readerConns = 4

// openReaders opens the pool View reads through. Its transactions begin
// deferred (they never ask for the write lock) and its connections cannot
// write, whatever a caller tries.
func openReaders(ctx context.Context, path string) (*sql.DB, error) {
	q := url.Values{}
	q.Set("_busy_timeout", strconv.Itoa(busyTimeout))
	q.Set("_txlock", "deferred")
	q.Set("_query_only", "1")
	q.Set("_stmt_cache_size", strconv.Itoa(stmtCacheSize))
	r, err := sql.Open("sqlite3", dsn(path, q))
	if err != nil {
		return nil, fmt.Errorf("open database %s for reading: %w", path, err)
	}
	r.SetMaxOpenConns(readerConns)
	r.SetMaxIdleConns(readerConns)
	if err := r.PingContext(ctx); err != nil {
		r.Close()
		return nil, fmt.Errorf("open database %s for reading: %w", path, storageError(err))
	}
	return r, nil
}

func newDB(db *sql.DB, begin string) *DB {
	return &DB{db: db, readers: db, begin: begin, log: slog.Default(), writer: make(chan struct{}, 1)}
}

// dsn is the URI SQLite opens. The path is escaped so that spaces, '?' and
// '#' stay part of the file's name.
func dsn(path string, q url.Values) string {
	if path == ":memory:" {
		return "file::memory:?" + q.Encode()
	}
	return "file:" + url.PathEscape(path) + "?" + q.Encode()
}

// SetLogger sets where the store reports what it cannot tell a caller (the
// audit entries it holds back); call it before the DB is shared. The
// default is slog's default logger.
func (s *DB) SetLogger(log *slog.Logger) {
	if log != nil {
		s.log = log
	}
}

// Close writes the audit entries still held back, then closes the
// database. Entries that still cannot be written are logged one by one, so
// they survive at least in the logs.
func (s *DB) Close() error {
	s.closeOnce.Do(func() { s.closeErr = s.close() })
	return s.closeErr
}

func (s *DB) close() error {
	s.writer <- struct{}{} // after the writer at work, if any
	// Released once closed: a late writer gets "database is closed" rather
	// than waiting forever.
	defer s.unlock()
	var held error
	if len(s.pending) > 0 {
		if err := s.write(context.Background(), nil); err != nil {
			for _, e := range s.pending {
				s.log.Error("audit entry lost: the database could not take it before closing", auditAttrs(e)...)
			}
			held = fmt.Errorf("close database: %d audit entries could not be written (they are in the log): %w", len(s.pending), err)
		}
	}
	err := errors.Join(held, s.db.Close())
	if s.readers != s.db {
		err = errors.Join(err, s.readers.Close())
	}
	if s.cleanup != nil {
		err = errors.Join(err, s.cleanup())
	}
	return err
}

// SQL exposes the handle for tests that tamper with rows on purpose.
func (s *DB) SQL() *sql.DB { return s.db }

// Update runs fn in a write transaction, committed only when fn succeeds.
// Audit entries held back by an earlier failure go first, in the same
// transaction. Writes queued at once are committed together (group.go);
// Update returns once fn's work is on disk, or with why it is not.
func (s *DB) Update(ctx context.Context, fn func(crisis.Tx) error) error {
	return s.submit(&writeReq{ctx: ctx, fn: func(t *tx) error { return fn(t) }})
}

// View runs fn in a transaction that is always rolled back, on a reader
// connection: it sees the last commit and does not wait for a writer.
func (s *DB) View(ctx context.Context, fn func(crisis.Tx) error) error {
	return s.inTx(ctx, s.readers, func(tx *tx) error {
		tx.readOnly = true
		if err := fn(tx); err != nil {
			return err
		}
		return errReadOnly
	})
}

var errReadOnly = errors.New("read-only transaction")

func (s *DB) unlock() { <-s.writer }

// write runs fn (nil: nothing but the held audit entries) in a write
// transaction that first writes the held audit entries. The caller holds
// the writer.
func (s *DB) write(ctx context.Context, fn func(crisis.Tx) error) error {
	err := s.inTx(ctx, s.db, func(t *tx) error {
		for _, e := range s.pending {
			if err := t.insertAudit(e); err != nil {
				return err
			}
		}
		if fn == nil {
			return nil
		}
		return fn(t)
	})
	if err == nil {
		s.pending = nil
	}
	return err
}

// inTx runs fn in a transaction. SQLite's "the disk cannot take this"
// failures come back as crisis.ErrUnavailable errors that name the cause.
func (s *DB) inTx(ctx context.Context, db *sql.DB, fn func(*tx) error) (err error) {
	stmt := s.begin
	if db != s.db {
		stmt = "BEGIN" // the readers' pool: never the write lock
	}
	sqlTx, err := begin(ctx, db, stmt)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", storageError(err))
	}
	defer func() {
		if p := recover(); p != nil {
			_ = sqlTx.Rollback()
			panic(p)
		}
	}()
	t := &tx{tx: sqlTx, db: s}
	if err := fn(t); err != nil {
		_ = sqlTx.Rollback()
		if errors.Is(err, errReadOnly) {
			return nil
		}
		return storageError(err)
	}
	if err := t.readCommitVersions(); err != nil {
		_ = sqlTx.Rollback()
		return storageError(err)
	}
	// The sets this commit makes go to the caches before it is seen: a
	// reader that begins just after it finds them. Their version exists
	// nowhere else until then (this transaction holds the write lock), and
	// they are taken back if the commit fails, before the lock is let go.
	undoTasks := s.offerTasks(t.taskWrites)
	if err := sqlTx.Commit(); err != nil {
		undoTasks()
		return fmt.Errorf("commit: %w", storageError(err))
	}
	s.keepTails(t.tails)
	return nil
}

// tx implements crisis.Tx over one SQL transaction; its methods live in one
// file per entity.
type tx struct {
	tx *sqlTx
	// crises is the crises table as this transaction last read it, when
	// crisesRead: a command finds its crisis, then counts the open ones to
	// name it, and the second read would return the same rows. Every write
	// to the table goes through this tx (crises.go, log.go), which keeps
	// the copy true or drops it; no other connection can write while a
	// write transaction holds the lock, nor change a read transaction's
	// snapshot.
	crises     []crisis.Crisis
	crisesRead bool
	// heads are the log heads of the crises this transaction read or
	// moved, by crisis: the one place a log head is written is AppendLog,
	// through this tx, so they stay true until the transaction ends.
	heads map[int64]string
	// tails are the log tails this transaction appended, handed to the
	// DB's cache once it commits.
	tails map[int64]logTail
	// taskWrites are the tasks this transaction wrote, by crisis, handed
	// to the DB's task cache once it commits (taskcache.go).
	taskWrites map[int64]*taskWrites
	// versions are the task versions this transaction read, by crisis;
	// allVersions when they were read for every crisis at once, a crisis
	// missing having none (version 0).
	versions    map[int64]int64
	allVersions bool
	// rec is what the transaction knows of the record's version, for the
	// record cache (recordcache.go).
	rec recordTx
	// sections is the board lists' version, read with rec's; readOnly
	// transactions (View) may take the lists from the section cache
	// (sectioncache.go).
	sections int64
	readOnly bool
	db       *DB
}

var _ crisis.Tx = (*tx)(nil)
