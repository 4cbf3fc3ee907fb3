package command

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// Call is one command being handled: the operation on the record, the
// checked option values and the language of the reply.
type Call struct {
	Ctx     context.Context
	Env     *Env
	Op      *crisis.Op
	Cmd     *Command
	Lang    locale.Lang
	Channel string
	Actor   crisis.Member
	// Prepared is what the command's Prepare step returned.
	Prepared any
	args     map[string]any
	crisis   crisis.Crisis
	compact  bool // render the board for a small space
}

// Crisis is the crisis the command acts on (commands declared with Crisis).
func (c *Call) Crisis() crisis.Crisis { return c.crisis }

// Has reports whether the option was given.
func (c *Call) Has(name string) bool { _, ok := c.args[name]; return ok }

// Str returns a text, member, reference or choice option; "" when absent.
func (c *Call) Str(name string) string { s, _ := c.args[name].(string); return s }

// Int returns an integer option; 0 when absent.
func (c *Call) Int(name string) int64 { n, _ := c.args[name].(int64); return n }

// Bool returns a yes/no option; false when absent.
func (c *Call) Bool(name string) bool { b, _ := c.args[name].(bool); return b }

// Time returns a time option; the zero time when absent.
func (c *Call) Time(name string) time.Time { t, _ := c.args[name].(time.Time); return t }

// TimeGiven returns a time option, or nil when absent: for the options
// where "not given" means something (now) that a time never does.
func (c *Call) TimeGiven(name string) *time.Time {
	t, ok := c.args[name].(time.Time)
	if !ok {
		return nil
	}
	return &t
}

// T renders a catalogue message in the caller's language.
func (c *Call) T(key string, args ...any) string { return locale.T(c.Lang, key, args...) }

// value parses one raw option value by its declared type.
func (e *Env) value(o Option, v string, now time.Time) (any, error) {
	if n := utf8.RuneCountInString(v); n > o.MaxLen() {
		return nil, locale.Errorf(crisis.ErrInvalid, "err.option.long", o.Name, o.MaxLen(), n)
	}
	if err := checkText(o, v); err != nil {
		return nil, err
	}
	v = strings.TrimSpace(v)
	if len(o.Choices) > 0 {
		// French or English, accents or not: the record keeps the English.
		if w, ok := crisis.ParseWord(o.Choices, v); ok {
			return w, nil
		}
		if sug, ok := crisis.Suggestion(o.Choices, v); ok {
			return nil, locale.Errorf(crisis.ErrInvalid, "err.choice.suggest", o.Name, cut(v, shownMax), sug, crisis.Words(o.Choices))
		}
		return nil, locale.Errorf(crisis.ErrInvalid, "err.choice", o.Name, cut(v, shownMax), crisis.Words(o.Choices))
	}
	switch o.Type {
	case Integer:
		n, err := strconv.ParseInt(strings.TrimPrefix(v, "#"), 10, 64)
		if err != nil || n < 1 {
			return nil, locale.Errorf(crisis.ErrInvalid, "err.integer", o.Name, v)
		}
		return n, nil
	case MemberID:
		id := crisis.MemberRef(v)
		if !crisis.ValidMemberID(id) {
			return nil, locale.Errorf(crisis.ErrInvalid, "err.member.id", v)
		}
		return id, nil
	case PastTime, DueTime:
		t, err := ParseTime(v, now, e.Loc, o.Type)
		switch {
		case err == nil:
			return t, nil
		case errors.Is(err, errTimeEarly):
			return nil, locale.Errorf(crisis.ErrInvalid, "err.time.early", o.Name)
		case errors.Is(err, errDueFar):
			return nil, locale.Errorf(crisis.ErrInvalid, "err.due.far", o.Name)
		case errors.Is(err, errDuePast):
			return nil, locale.Errorf(crisis.ErrInvalid, "err.due.past", o.Name, v)
		case errors.Is(err, crisis.ErrDurationTooLong):
			return nil, locale.Errorf(crisis.ErrInvalid, "err.duration.long", o.Name, int(crisis.MaxDuration/(24*time.Hour)))
		}
		return nil, locale.Errorf(crisis.ErrInvalid, "err.option.time", o.Name, v)
	case Bool:
		if w, ok := crisis.ParseWord(crisis.YesNo, v); ok {
			return w == "yes", nil
		}
		return nil, locale.Errorf(crisis.ErrInvalid, "err.bool", o.Name, v)
	case Ref:
		r := strings.TrimPrefix(v, "#")
		if _, err := strconv.ParseInt(r, 10, 64); err != nil && !crisis.ValidRoleID(r) {
			return nil, locale.Errorf(crisis.ErrInvalid, "err.ref", o.Name, v)
		}
		return r, nil
	}
	return v, nil
}
