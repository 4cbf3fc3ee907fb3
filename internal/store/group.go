package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// Group commit. Each write transaction ends with a sync of the -wal to
// the disk, and one writer at a time: under a meeting's burst, commands
// queued behind each other's syncs (the bench's block profile showed ten
// goroutines waiting for the writer on average). Now whoever takes the
// writer runs every write queued at that moment in one transaction, each
// in a savepoint of its own, and commits them under one sync. A write
// that fails is rolled back to its savepoint alone; every caller returns
// only once its work is committed, or with the reason it is not.

// writeReq is one caller's write, queued for the writer.
type writeReq struct {
	ctx context.Context
	fn  func(*tx) error
	// audit, when set, is an audit entry to hold in memory (DB.pending)
	// if its write does not commit.
	audit *crisis.AuditEntry
	held  bool // audit was held: set before done is answered
	done  chan error
}

// writePanic is a panic in a write run by another caller's goroutine:
// it is raised again in the goroutine of the caller it belongs to.
type writePanic struct{ value any }

func (p *writePanic) Error() string { return fmt.Sprintf("panic in a write: %v", p.value) }

// submit queues r and returns once it is committed or has failed; the
// caller that takes the writer runs the whole queue.
func (s *DB) submit(r *writeReq) error {
	r.done = make(chan error, 1)
	s.queueMu.Lock()
	s.queue = append(s.queue, r)
	s.queueMu.Unlock()
	for {
		select {
		case err := <-r.done:
			return raise(err)
		default:
		}
		select {
		case err := <-r.done:
			return raise(err)
		case s.writer <- struct{}{}:
			s.queueMu.Lock()
			batch := s.queue
			s.queue = nil
			s.queueMu.Unlock()
			if len(batch) > 0 {
				s.runBatch(batch)
			}
			s.unlock()
		case <-r.ctx.Done():
			if s.withdraw(r) {
				return fmt.Errorf("wait to write: %w", r.ctx.Err())
			}
			return raise(<-r.done) // already being written: its outcome, whatever it is
		}
	}
}

// exec runs one statement as a write of its own, committed with whatever
// else is queued.
func (s *DB) exec(ctx context.Context, query string, args ...any) error {
	return s.submit(&writeReq{ctx: ctx, fn: func(t *tx) error {
		_, err := t.tx.Exec(query, args...)
		return err
	}})
}

func raise(err error) error {
	var p *writePanic
	if errors.As(err, &p) {
		panic(p.value)
	}
	return err
}

// withdraw takes r out of the queue, reporting whether it was still there.
func (s *DB) withdraw(r *writeReq) bool {
	s.queueMu.Lock()
	defer s.queueMu.Unlock()
	for i, q := range s.queue {
		if q == r {
			s.queue = append(s.queue[:i:i], s.queue[i+1:]...)
			return true
		}
	}
	return false
}

// runBatch writes batch in one transaction, the audit entries held back
// by an earlier failure first, and answers each request. The caller holds
// the writer.
func (s *DB) runBatch(batch []*writeReq) {
	live := batch[:0:0]
	for _, r := range batch {
		if err := r.ctx.Err(); err != nil {
			r.done <- fmt.Errorf("wait to write: %w", err)
			continue
		}
		live = append(live, r)
	}
	if len(live) == 0 {
		return
	}
	results := make([]error, len(live))
	// One request keeps its own context; a batch is not abandoned because
	// one of its callers gave up.
	ctx := context.Background()
	if len(live) == 1 {
		ctx = live[0].ctx
	}
	err := s.inTx(ctx, s.db, func(t *tx) error {
		for _, e := range s.pending {
			if err := t.insertAudit(e); err != nil {
				return err
			}
		}
		if len(live) == 1 {
			results[0] = s.call(live[0], t)
			return results[0]
		}
		for i, r := range live {
			if results[i] = s.inSavepoint(r, t); errors.Is(results[i], errTxLost) {
				return results[i]
			}
		}
		return nil
	})
	if err == nil {
		s.pending = nil
	}
	for i, r := range live {
		res := results[i]
		if res == nil || errors.Is(res, errTxLost) {
			res = err // the commit's outcome is its outcome
		} else {
			res = storageError(res)
		}
		if res != nil && r.audit != nil {
			s.pending, r.held = append(s.pending, *r.audit), true
		}
		r.done <- res
	}
}

// call runs one request's work, a panic in it becoming an error for its
// own caller to raise again.
func (s *DB) call(r *writeReq, t *tx) (err error) {
	defer func() {
		if v := recover(); v != nil {
			s.log.Error("panic in a write", slog.Any("panic", v), slog.String("stack", string(debug.Stack())))
			err = &writePanic{value: v}
		}
	}()
	return r.fn(t)
}

// errTxLost: a failure ended the whole transaction (SQLite rolls back
// everything on some I/O errors), not just the savepoint.
var errTxLost = errors.New("the transaction was rolled back")

// inSavepoint runs r in a savepoint of t: on failure only its own work is
// undone, and what the transaction remembers of the record is forgotten.
func (s *DB) inSavepoint(r *writeReq, t *tx) error {
	if _, err := t.tx.Exec(`SAVEPOINT w`); err != nil {
		return fmt.Errorf("%w: savepoint: %w", errTxLost, err)
	}
	saved := t.remember()
	err := s.call(r, t)
	if err == nil {
		if _, rerr := t.tx.Exec(`RELEASE w`); rerr != nil {
			return fmt.Errorf("%w: release: %w", errTxLost, rerr)
		}
		return nil
	}
	if _, rerr := t.tx.Exec(`ROLLBACK TO w`); rerr != nil {
		return fmt.Errorf("%w: %w (then rollback: %w)", errTxLost, err, rerr)
	}
	if _, rerr := t.tx.Exec(`RELEASE w`); rerr != nil {
		return fmt.Errorf("%w: %w (then release: %w)", errTxLost, err, rerr)
	}
	t.restore(saved)
	return err
}

// txMemory is what a transaction remembers of the record, kept before a
// savepoint.
type txMemory struct {
	tails      map[int64]logTail
	taskWrites map[int64]*taskWrites
	rec        recordTx
}

func (t *tx) remember() txMemory {
	m := txMemory{rec: t.rec.clone()}
	if len(t.tails) > 0 {
		m.tails = make(map[int64]logTail, len(t.tails))
		for k, v := range t.tails {
			m.tails[k] = v
		}
	}
	if len(t.taskWrites) > 0 {
		m.taskWrites = make(map[int64]*taskWrites, len(t.taskWrites))
		for k, w := range t.taskWrites {
			rows := make(map[int64]*crisis.Task, len(w.rows))
			for id, task := range w.rows {
				rows[id] = task
			}
			m.taskWrites[k] = &taskWrites{rows: rows, n: w.n, after: w.after}
		}
	}
	return m
}

// restore puts back what the transaction knew before a savepoint rolled
// back; the crises and log heads it read are read again.
func (t *tx) restore(m txMemory) {
	t.tails, t.taskWrites, t.rec = m.tails, m.taskWrites, m.rec
	t.crises, t.crisesRead, t.heads, t.versions, t.allVersions = nil, false, nil, nil, false
}
