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
}

func newQueue() *queue {
	q := &queue{dirty: map[job]bool{}, processing: map[job]bool{}, fails: map[job]int{}}
	q.cond = sync.NewCond(&q.mu)
	return q
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
	q.ready = append(q.ready, j)
	q.cond.Signal()
}

// addAfter adds j once d has passed.
func (q *queue) addAfter(j job, d time.Duration) {
	time.AfterFunc(d, func() { q.add(j) })
}

// get waits for a job; ok is false once the queue is shut down.
func (q *queue) get() (j job, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.ready) == 0 && !q.closed {
		q.cond.Wait()
	}
	if q.closed {
		return job{}, false
	}
	j, q.ready = q.ready[0], q.ready[1:]
	q.processing[j] = true
	delete(q.dirty, j)
	return j, true
}

// done ends work on j; if it was added meanwhile, it is queued again.
func (q *queue) done(j job) {
	q.mu.Lock()
	defer q.mu.Unlock()
	delete(q.processing, j)
	if q.dirty[j] && !q.closed {
		q.ready = append(q.ready, j)
		q.cond.Signal()
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

// idle says whether nothing waits or runs (timers pending aside).
func (q *queue) idle() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.ready) == 0 && len(q.processing) == 0
}
