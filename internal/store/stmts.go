package store

import (
	"database/sql"
	"strings"
	"sync"
)

// Preparing a statement costs SQLite more than running a small one: a /log
// runs about ten, and preparing them all anew took a fifth of its time.
// Each pool therefore keeps its statements prepared, by query text, and a
// transaction runs them through Tx.Stmt, which reuses the statement already
// prepared on the transaction's connection.
//
// A pool's statement cannot be prepared while a transaction holds the
// writer's only connection (database/sql would wait for it forever), so a
// query seen for the first time runs unprepared, and is prepared once the
// transaction is over.

// maxStmts bounds how many queries a pool keeps prepared: the store's are
// a few dozen; a query built with values in its text would be new each
// time, and is not worth keeping.
const maxStmts = 256

// stmtCache is one pool's prepared statements.
type stmtCache struct {
	db *sql.DB
	mu sync.RWMutex
	m  map[string]*sql.Stmt
	// failed holds queries that would not prepare alone: they keep running
	// the way they always did.
	failed map[string]bool
}

func newStmtCache(db *sql.DB) *stmtCache {
	return &stmtCache{db: db, m: map[string]*sql.Stmt{}, failed: map[string]bool{}}
}

// get is the query's prepared statement, nil when it has none yet.
func (c *stmtCache) get(q string) (st *sql.Stmt, known bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	st = c.m[q]
	return st, st != nil || c.failed[q]
}

// prepare prepares the queries a transaction ran unprepared. The caller's
// transaction is over, so the pool has a connection for it.
func (c *stmtCache) prepare(queries []string) {
	for _, q := range queries {
		if _, known := c.get(q); known {
			continue
		}
		c.mu.Lock()
		full := len(c.m) >= maxStmts
		c.mu.Unlock()
		if full {
			return
		}
		st, err := c.db.Prepare(q)
		c.mu.Lock()
		switch {
		case err != nil:
			c.failed[q] = true
		case c.m[q] != nil:
			st.Close() // prepared meanwhile by another transaction
		default:
			c.m[q] = st
		}
		c.mu.Unlock()
	}
}

// close releases the statements; the pool is closing.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, st := range c.m {
		st.Close()
		delete(c.m, q)
	}
}

// cacheable: one statement alone. The driver runs only the first
// statement of a prepared text, so a script must go the unprepared way.
func cacheable(q string) bool {
	return !strings.Contains(strings.TrimRight(strings.TrimSpace(q), "; \t\n"), ";")
}

// traceQuery, when set (by tests only, before any transaction), sees
// every query a transaction runs: the statements a command costs are
// counted, not guessed.
var traceQuery func(query string)

// sqlTx is a transaction whose Exec, Query and QueryRow run the pool's
// prepared statements; everything else is the *sql.Tx's own.
type sqlTx struct {
	*sql.Tx
	cache *stmtCache
	// bound are the statements already bound to this transaction: a bulk
	// insert binds its statement once.
	bound map[string]*sql.Stmt
	// fresh are the queries run unprepared, to prepare after the
	// transaction.
	fresh map[string]bool
}

// stmt is the transaction's statement for q, nil when q runs unprepared.
func (t *sqlTx) stmt(q string) *sql.Stmt {
	if t.cache == nil {
		return nil
	}
	if st, ok := t.bound[q]; ok {
		return st
	}
	st, known := t.cache.get(q)
	if st == nil {
		if !known && cacheable(q) {
			if t.fresh == nil {
				t.fresh = map[string]bool{}
			}
			t.fresh[q] = true
		}
		return nil
	}
	st = t.Tx.Stmt(st)
	if t.bound == nil {
		t.bound = map[string]*sql.Stmt{}
	}
	t.bound[q] = st
	return st
}

func (t *sqlTx) Exec(query string, args ...any) (sql.Result, error) {
	if traceQuery != nil {
		traceQuery(query)
	}
	if st := t.stmt(query); st != nil {
		return st.Exec(args...)
	}
	return t.Tx.Exec(query, args...)
}

func (t *sqlTx) Query(query string, args ...any) (*sql.Rows, error) {
	if traceQuery != nil {
		traceQuery(query)
	}
	if st := t.stmt(query); st != nil {
		return st.Query(args...)
	}
	return t.Tx.Query(query, args...)
}

func (t *sqlTx) QueryRow(query string, args ...any) *sql.Row {
	if traceQuery != nil {
		traceQuery(query)
	}
	if st := t.stmt(query); st != nil {
		return st.QueryRow(args...)
	}
	return t.Tx.QueryRow(query, args...)
}

// prepareFresh prepares, after the transaction, what it ran unprepared.
func (t *sqlTx) prepareFresh() {
	if t.cache == nil || len(t.fresh) == 0 {
		return
	}
	qs := make([]string, 0, len(t.fresh))
	for q := range t.fresh {
		qs = append(qs, q)
	}
	t.cache.prepare(qs)
}
