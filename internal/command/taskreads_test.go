package command_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// rowCounter wraps a store and counts the task rows its transactions list:
// what a command reads grows with the crisis only where it must.
type rowCounter struct {
	crisis.Store
	rows atomic.Int64
}

func (s *rowCounter) Update(ctx context.Context, fn func(crisis.Tx) error) error {
	return s.Store.Update(ctx, func(tx crisis.Tx) error { return fn(countingTx{tx, s}) })
}

func (s *rowCounter) View(ctx context.Context, fn func(crisis.Tx) error) error {
	return s.Store.View(ctx, func(tx crisis.Tx) error { return fn(countingTx{tx, s}) })
}

type countingTx struct {
	crisis.Tx
	s *rowCounter
}

// counted counts the rows of a listing, copied or shared, and hands it on.
func counted[T any](t countingTx, ts []T, err error) ([]T, error) {
	t.s.rows.Add(int64(len(ts)))
	return ts, err
}

func (t countingTx) Tasks(id int64, f crisis.TaskFilter) ([]crisis.Task, error) {
	ts, err := t.Tx.Tasks(id, f)
	return counted(t, ts, err)
}

func (t countingTx) TasksAfter(id, after int64) ([]crisis.Task, error) {
	ts, err := t.Tx.TasksAfter(id, after)
	return counted(t, ts, err)
}

func (t countingTx) ActiveTasks(id int64, dueOnly bool) ([]*crisis.Task, error) {
	ts, err := t.Tx.ActiveTasks(id, dueOnly)
	return counted(t, ts, err)
}

// TestTaskCommandsReadTheirTaskNotTheList: in a crisis of 200 tasks, 150
// done, finishing or taking one task reads no list of tasks, and the
// pinned (compact) board reads only the tasks it shows.
func TestTaskCommandsReadTheirTaskNotTheList(t *testing.T) {
	h := newHarness(t)
	h.must("dsi", `/crisis open title:"Intrusion"`)
	for i := 1; i <= 200; i++ {
		h.must("dsi", fmt.Sprintf(`/task add title:"Tâche %d" assignee:@dsi`, i))
	}
	for i := 1; i <= 150; i++ {
		h.must("dsi", fmt.Sprintf(`/task done id:%d`, i))
	}
	h.must("dsi", `/task add title:"À rendre" assignee:@dsi due:2h`)
	counter := &rowCounter{Store: h.env.Store}
	h.env.Store = counter

	for _, line := range []string{`/task take id:160`, `/task done id:170`, `/task done id:#171`} {
		counter.rows.Store(0)
		h.must("dsi", line)
		assert.Zero(t, counter.rows.Load(), "%s read task rows from a list", line)
	}

	counter.rows.Store(0)
	board, err := h.env.BoardView(context.Background(), 1, locale.FR, 2000)
	require.NoError(t, err)
	assert.Contains(t, board, "À rendre")
	// The full board is tried first (its 49 active tasks), then the
	// compact one (the one task due): never the 152 done.
	assert.Equal(t, int64(49+1), counter.rows.Load(), "the board read task rows it does not show")

	// A miss still reads the steps, for its did-you-mean.
	r := h.run("dsi", `/task take id:inconnue`)
	assert.True(t, r.Failed)
	assert.Contains(t, r.Text, `tâche inconnue "inconnue" dans la crise 1`)
}
