package discord

import (
	"sync"
	"time"
)

// job names one thing the mirror keeps right on Discord: a crisis's
// channel, its board, a task's or a draft's message, a publication, the
// members of a crisis's thread.
type job struct {
	kind   string // jobChannel, jobBoard, jobTask, jobDraft, jobPublish, jobThreadMembers
	crisis int64
	object int64 // the task or draft; 0 for channel and board
}

const (
	jobChannel = "channel"
	jobBoard   = "board"
	jobTask    = "task"
	jobDraft   = "draft"
	jobPublish = "public"
	// jobThreadMembers adds the cell to a crisis's private thread.
	jobThreadMembers = "members"
)

// queue is a keyed work queue, in the shape of client-go's workqueue: a
// job added while it waits is not added twice (twenty commands redraw the
// board once or twice, not twenty times), and a job is never worked on by
// two workers at once: added while in progress, it runs again after.
type queue struct {
	mu         sync.Mutex
	cond       *sync.Cond
	ready      []job
	dirty      map[job]bool // waiting, or to run again once done
	processing map[job]bool
	fails      map[job]int
	closed     bool
	// spacing is the least time between two runs of a job of a kind, and
	// started when each such job last ran: under a burst the board is
	// drawn once per window, not once per command (each drawing reads the
	// record and edits a message Discord rate-limits).
	spacing map[string]time.Duration
	started map[job]time.Time
	// readyAt is when each ready job became ready: the mirror gives way to
	// interactions for a while after that (traffic.go).
	readyAt map[job]time.Time
}

func newQueue() *queue {
	q := &queue{dirty: map[job]bool{}, processing: map[job]bool{}, fails: map[job]int{},
		spacing: map[string]time.Duration{}, started: map[job]time.Time{}, readyAt: map[job]time.Time{}}
	q.cond = sync.NewCond(&q.mu)
	return q
}

// space makes the jobs of a kind run at most once per d. A job added
// within its window waits for the window's end, the adds made meanwhile
// coalescing into that one run.
func (q *queue) space(kind string, d time.Duration) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.spacing[kind] = d
}

// release makes j ready, at once or at the end of its window. Called with
// q.mu held, j dirty and not in progress.
func (q *queue) release(j job) {
	wait := q.spacing[j.kind] - time.Since(q.started[j])
	if d, ok := q.spacing[j.kind]; !ok || d <= 0 || wait <= 0 {
		q.makeReady(j)
		return
	}
	time.AfterFunc(wait, func() {
		q.mu.Lock()
		defer q.mu.Unlock()
		if !q.closed && q.dirty[j] && !q.processing[j] {
			q.makeReady(j)
		}
	})
}

// makeReady puts j in line for a worker. Called with q.mu held.
func (q *queue) makeReady(j job) {
	q.ready = append(q.ready, j)
	q.readyAt[j] = time.Now()
	q.cond.Signal()
}

// add asks for j to be brought up to date.
func (q *queue) add(j job) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed || q.dirty[j] {
		return
	}
	q.dirty[j] = true
	if q.processing[j] {
		return
	}
	q.release(j)
}

// addAfter adds j once d has passed.
func (q *queue) addAfter(j job, d time.Duration) {
	time.AfterFunc(d, func() { q.add(j) })
}

// get waits for a job; ok is false once the queue is shut down. since is
// when the job became ready.
func (q *queue) get() (j job, since time.Time, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.ready) == 0 && !q.closed {
		q.cond.Wait()
	}
	if q.closed {
		return job{}, time.Time{}, false
	}
	j, q.ready = q.ready[0], q.ready[1:]
	since = q.readyAt[j]
	delete(q.readyAt, j)
	q.processing[j] = true
	delete(q.dirty, j)
	if _, ok := q.spacing[j.kind]; ok {
		q.started[j] = time.Now()
	}
	return j, since, true
}

// done ends work on j; if it was added meanwhile, it is queued again.
func (q *queue) done(j job) {
	q.mu.Lock()
	defer q.mu.Unlock()
	delete(q.processing, j)
	if q.dirty[j] && !q.closed {
		q.release(j)
	}
}

// backoff counts a failure of j and says how long to wait before the next
// attempt: half a second, doubling, at most 30 s.
func (q *queue) backoff(j job) time.Duration {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.fails[j]++
	d := 500 * time.Millisecond
	for i := 1; i < q.fails[j] && d < 30*time.Second; i++ {
		d *= 2
	}
	return min(d, 30*time.Second)
}

// forget clears j's failures once it succeeded.
func (q *queue) forget(j job) {
	q.mu.Lock()
	defer q.mu.Unlock()
	delete(q.fails, j)
}

// shutdown wakes the workers and makes them stop.
func (q *queue) shutdown() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.closed = true
	q.cond.Broadcast()
}

// idle says whether nothing waits or runs (retries pending aside; a job
// held for its window waits).
func (q *queue) idle() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.ready) == 0 && len(q.processing) == 0 && len(q.dirty) == 0
}
