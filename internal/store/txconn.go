package store

import (
	"context"
	"database/sql"
	"database/sql/driver"

	"github.com/mattn/go-sqlite3"
)

// A transaction runs on a connection taken from its pool, begun and ended
// by hand rather than through database/sql's Tx. A Tx starts a goroutine
// to watch its context, and each query inside it another: on two cores,
// waking them cost a /log more than its own statements (a plain insert,
// BEGIN to COMMIT: 99 µs through a Tx, 56 µs on a connection, on tmpfs;
// on disk 485 µs and 420 µs). The statements are kept prepared by the
// driver, on each connection (stmtCacheSize).
//
// The caller's context bounds the wait for a connection and is checked
// before each statement and before COMMIT, so a caller gone mid-way
// commits nothing, as with a Tx; a statement already running is not
// interrupted (an interrupt needs the watching goroutine), and the
// store's statements are short.

// stmtCacheSize is how many prepared statements each connection keeps
// (the driver's _stmt_cache_size): the store runs a few dozen queries;
// one built with values in its text would be new each time, and only
// pushes the oldest out.
const stmtCacheSize = 128

// traceQuery, when set (by tests only, before any transaction), sees
// every query a transaction runs: the statements a command costs are
// counted, not guessed.
var traceQuery func(query string)

// sqlTx is one transaction on one connection.
type sqlTx struct {
	conn *sql.Conn
	ctx  context.Context
}

// begin takes a connection of db and begins a transaction on it with
// stmt ("BEGIN IMMEDIATE" where it will write, so that two writers wait
// for each other at the start instead of failing halfway).
func begin(ctx context.Context, db *sql.DB, stmt string) (*sqlTx, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(context.Background(), stmt); err != nil {
		conn.Close()
		return nil, err
	}
	return &sqlTx{conn: conn, ctx: ctx}, nil
}

// bg is the context a statement runs under: the caller's when it is
// already done (database/sql then fails at once with its error, starting
// nothing), else one that starts no goroutine.
func (t *sqlTx) bg() context.Context {
	if t.ctx.Err() != nil {
		return t.ctx
	}
	return context.Background()
}

func (t *sqlTx) Exec(query string, args ...any) (sql.Result, error) {
	if traceQuery != nil {
		traceQuery(query)
	}
	return t.conn.ExecContext(t.bg(), query, args...)
}

func (t *sqlTx) Query(query string, args ...any) (*sql.Rows, error) {
	if traceQuery != nil {
		traceQuery(query)
	}
	return t.conn.QueryContext(t.bg(), query, args...)
}

func (t *sqlTx) QueryRow(query string, args ...any) *sql.Row {
	if traceQuery != nil {
		traceQuery(query)
	}
	return t.conn.QueryRowContext(t.bg(), query, args...)
}

// Commit commits, unless the caller is gone; a failed COMMIT is rolled
// back, as the driver does (SQLite may leave the transaction open).
func (t *sqlTx) Commit() error {
	if err := t.ctx.Err(); err != nil {
		_ = t.Rollback()
		return err
	}
	_, err := t.conn.ExecContext(context.Background(), "COMMIT")
	if err != nil {
		_, _ = t.conn.ExecContext(context.Background(), "ROLLBACK")
		t.release(true)
		return err
	}
	t.release(false)
	return nil
}

// Rollback ends the transaction without keeping anything; a second call
// does nothing.
func (t *sqlTx) Rollback() error {
	if t.conn == nil {
		return nil
	}
	_, err := t.conn.ExecContext(context.Background(), "ROLLBACK")
	t.release(err != nil)
	return err
}

// release hands the connection back to its pool. After a failure, a
// connection still inside a transaction is closed instead: the next
// transaction to take it could not begin.
func (t *sqlTx) release(failed bool) {
	if t.conn == nil {
		return
	}
	if failed {
		_ = t.conn.Raw(func(dc any) error {
			if c, ok := dc.(*sqlite3.SQLiteConn); ok && !c.AutoCommit() {
				return driver.ErrBadConn // the pool closes it
			}
			return nil
		})
	}
	_ = t.conn.Close()
	t.conn = nil
}
