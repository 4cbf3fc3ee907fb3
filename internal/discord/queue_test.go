package discord

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestQueueCoalescesAndExcludes(t *testing.T) {
	q := newQueue()
	board := job{kind: jobBoard, crisis: 1}
	for range 20 {
		q.add(board)
	}
	j, _, ok := q.get()
	assert.True(t, ok)
	assert.Equal(t, board, j)
	q.add(board) // a change while the board is being drawn
	q.add(board)
	q.mu.Lock()
	waiting := len(q.ready)
	q.mu.Unlock()
	assert.Equal(t, 0, waiting, "got the board queued while a worker holds it, want it held back")
	q.done(board)
	j, _, _ = q.get()
	assert.Equal(t, board, j, "the change made meanwhile is drawn after")
	q.done(board)
	assert.True(t, q.idle(), "got more board work, want twenty adds and two more to coalesce into two runs")
}

// TestQueueSpacesABurst: a spaced kind (the board) runs at most once per
// window however often it is added, and the change made meanwhile is not
// lost: it runs once the window is over. Other kinds are not held.
func TestQueueSpacesABurst(t *testing.T) {
	q := newQueue()
	q.space(jobBoard, time.Hour)
	board := job{kind: jobBoard, crisis: 1}
	task := job{kind: jobTask, crisis: 1, object: 7}

	q.add(board)
	j, _, _ := q.get()
	assert.Equal(t, board, j, "the first drawing is not held")
	q.done(board)
	for range 20 {
		q.add(board) // a burst of commands, within the hour
	}
	q.add(task)
	j, _, _ = q.get()
	assert.Equal(t, task, j, "a task's message is not held behind the board")
	q.done(task)
	q.mu.Lock()
	waiting := len(q.ready)
	q.mu.Unlock()
	assert.Equal(t, 0, waiting, "got the board drawn again within its window, want it held")
	assert.False(t, q.idle(), "a board held for its window is work still to do")

	// A short window: the held drawing comes once it is over, once.
	q2 := newQueue()
	q2.space(jobBoard, 20*time.Millisecond)
	q2.add(board)
	j, _, _ = q2.get()
	q2.done(j)
	for range 20 {
		q2.add(board)
	}
	j, _, ok := q2.get() // blocks until the window is over
	assert.True(t, ok)
	assert.Equal(t, board, j)
	q2.done(j)
	assert.True(t, q2.idle(), "got more board work, want the burst drawn once")
}
