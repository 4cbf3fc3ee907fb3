package command

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// panicError is a panic recovered at the command table's edge, with the
// stack where it happened, for the log.
type panicError struct {
	value any
	stack string
}

func (p *panicError) Error() string { return fmt.Sprintf("panic: %v", p.value) }

// stackAttr is the log attribute of a recovered panic's stack; none for
// other errors.
func stackAttr(err error) []any {
	var p *panicError
	if errors.As(err, &p) {
		return []any{slog.String("stack", p.stack)}
	}
	return nil
}

// recoverInto turns a panic into *err; it must be deferred directly.
func recoverInto(err *error) {
	if v := recover(); v != nil {
		*err = &panicError{value: v, stack: string(debug.Stack())}
	}
}

// handle runs cmd's handler, a panic in it becoming an error.
func handle(cmd *Command, c *Call) (reply Reply, err error) {
	defer recoverInto(&err)
	return cmd.Run(c)
}

// published hands d to the front end's publish, a panic in it becoming an
// error: the approval is committed by then, and stands.
func published(ctx context.Context, publish func(context.Context, crisis.Draft) error, d crisis.Draft) (err error) {
	defer recoverInto(&err)
	return publish(ctx, d)
}

// prepare runs cmd's Prepare step, a panic in it becoming an error.
func prepare(cmd *Command, c *Call) (v any, err error) {
	defer recoverInto(&err)
	return cmd.Prepare(c)
}
