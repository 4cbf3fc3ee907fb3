package command

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// Views render the record for front ends that show it outside replies: the
// pinned board, a task's message, a draft's message. They read in their own
// transaction and use the same words as the replies.

// view runs fn with a read-only call on crisis crisisID.
func (e *Env) view(ctx context.Context, crisisID int64, lang locale.Lang, fn func(c *Call) error) error {
	return e.Store.View(ctx, func(tx crisis.Tx) error {
		cr, err := tx.Crisis(crisisID)
		if err != nil {
			return err
		}
		op := crisis.NewOp(tx, e.Now(), crisis.Member{ID: "tocsin"}, e.planner())
		return fn(&Call{Ctx: ctx, Env: e, Op: op, Lang: lang, crisis: cr})
	})
}

// BoardView renders a crisis's board in at most max characters: in full
// when it fits, else in its compact form, cut at a line as a last resort
// with a pointer to the full board.
func (e *Env) BoardView(ctx context.Context, crisisID int64, lang locale.Lang, max int) (string, error) {
	var text string
	err := e.view(ctx, crisisID, lang, func(c *Call) error {
		var err error
		if text, err = c.Board(c.crisis); err != nil || utf8.RuneCountInString(text) <= max {
			return err
		}
		c.compact = true
		if text, err = c.Board(c.crisis); err != nil || utf8.RuneCountInString(text) <= max {
			return err
		}
		more := "\n… " + c.T("board.more")
		text = cutLines(text, max-utf8.RuneCountInString(more)) + more
		return nil
	})
	return text, err
}

// cutLines shortens s to at most n runes, ending at a line.
func cutLines(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	s = string(r[:n])
	if i := strings.LastIndex(s, "\n"); i > 0 {
		return s[:i]
	}
	return s
}

// TaskView renders a task's message and its buttons (none once done).
func (e *Env) TaskView(ctx context.Context, crisisID, taskID int64, lang locale.Lang) (string, []Button, error) {
	var text string
	var buttons []Button
	err := e.view(ctx, crisisID, lang, func(c *Call) error {
		t, err := c.Op.Tx.Task(taskID)
		if err != nil {
			return err
		}
		text, buttons = c.taskLine(t), c.taskButtons(t)
		if t.Instructions != "" && t.Active() {
			text += "\n" + t.Instructions
		}
		for _, item := range t.Checklist {
			text += "\n☐ " + item
		}
		return nil
	})
	return text, buttons, err
}

// DraftView renders a draft's message and the decisions it still awaits.
func (e *Env) DraftView(ctx context.Context, crisisID, draftID int64, lang locale.Lang) (crisis.Draft, string, []Button, error) {
	var d crisis.Draft
	var text string
	var buttons []Button
	err := e.view(ctx, crisisID, lang, func(c *Call) error {
		var err error
		if d, err = c.Op.Tx.Draft(draftID); err != nil {
			return err
		}
		text, buttons = c.draftMessage(d), c.draftButtons(d)
		return nil
	})
	return d, text, buttons, err
}
