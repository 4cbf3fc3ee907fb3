package discord

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestQueueCoalescesAndExcludes(t *testing.T) {
	q := newQueue()
	board := job{kind: jobBoard, crisis: 1}
	for range 20 {
		q.add(board)
	}
	j, ok := q.get()
	assert.True(t, ok)
	assert.Equal(t, board, j)
	q.add(board) // a change while the board is being drawn
	q.add(board)
	q.mu.Lock()
	waiting := len(q.ready)
	q.mu.Unlock()
	assert.Equal(t, 0, waiting, "got the board queued while a worker holds it, want it held back")
	q.done(board)
	j, _ = q.get()
	assert.Equal(t, board, j, "the change made meanwhile is drawn after")
	q.done(board)
	assert.True(t, q.idle(), "got more board work, want twenty adds and two more to coalesce into two runs")
}
