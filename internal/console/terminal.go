package console

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"

	"github.com/tocsin-crisis/tocsin/internal/command"
)

// RunTerminal runs the session on a terminal: the line is edited in place
// (arrows, Home/End, Ctrl-W, Alt-arrows), Up and Down walk the commands
// already typed, and a notice printed while a line is being typed is
// written above it rather than through it. golang.org/x/term does the
// editing: it is the Go project's own, already how x/crypto/ssh serves
// shells, and needs no C library. Piped input keeps to Run, unchanged.
func (c *Console) RunTerminal(ctx context.Context, f *os.File, out io.Writer) error {
	state, err := term.MakeRaw(int(f.Fd()))
	if err != nil {
		return fmt.Errorf("terminal: %w", err)
	}
	defer term.Restore(int(f.Fd()), state)
	t := term.NewTerminal(struct {
		io.Reader
		io.Writer
	}{f, out}, "tocsin> ")
	if w, h, err := term.GetSize(int(f.Fd())); err == nil {
		_ = t.SetSize(w, h)
	}
	c.mu.Lock()
	c.Out = t // replies and notices go round the line being typed
	c.mu.Unlock()
	return c.loop(ctx, func() (string, error) {
		line, err := t.ReadLine()
		switch {
		case errors.Is(err, term.ErrPasteIndicator):
			err = nil // a pasted line runs as a typed one
		case err == nil && len(line) > command.MaxLine:
			line = line[:command.MaxLine+1]
		}
		return line, err
	})
}
