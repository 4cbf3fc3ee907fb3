// Package secret keeps the program's secrets (the Discord token, the model's
// API key) out of everything it writes: replies, logs, the database, files.
// A remote service may echo a key back in an error ("Incorrect API key
// provided: sk-…"); whatever the source, text passes through Redact before it
// is shown or stored.
package secret

import (
	"context"
	"log/slog"
	"regexp"
	"strings"
)

// Mask is what a secret is replaced with.
const Mask = "[secret]"

// shapes are secrets recognised by their form, even ones the program was
// never given (another key of the same provider, a token pasted by mistake).
var shapes = regexp.MustCompile(strings.Join([]string{
	`\bsk-[A-Za-z0-9_\-*.]{8,}`, // OpenAI-style API keys, masked or not
	`\b[A-Za-z0-9_\-]{23,28}\.[A-Za-z0-9_\-]{6,7}\.[A-Za-z0-9_\-]{27,40}\b`, // Discord bot tokens
	`(?i)\bBearer\s+[A-Za-z0-9_\-.~+/=]{8,}`,                                // Authorization headers
	`(?i)\bBot\s+[A-Za-z0-9_\-.]{20,}`,
}, "|"))

// Set is the secrets one program holds.
type Set struct {
	values []string
}

// New returns the set of the given secrets; empty values and values too
// short to be secrets (which would mask ordinary words) are ignored.
func New(values ...string) *Set {
	s := &Set{}
	for _, v := range values {
		if v = strings.TrimSpace(v); len(v) >= 6 {
			s.values = append(s.values, v)
		}
	}
	return s
}

// Redact returns text with every secret of the set, and every string shaped
// like a token or key, replaced by Mask. A nil Set still redacts shapes.
func (s *Set) Redact(text string) string {
	if s != nil {
		for _, v := range s.values {
			text = strings.ReplaceAll(text, v, Mask)
		}
	}
	return shapes.ReplaceAllString(text, Mask)
}

// Redact masks the strings shaped like tokens or keys in text.
func Redact(text string) string { return (*Set)(nil).Redact(text) }

// Handler wraps h so that no log record carries a secret, in its message or
// in any attribute (errors included, rendered as their text).
func (s *Set) Handler(h slog.Handler) slog.Handler { return &handler{set: s, next: h} }

type handler struct {
	set  *Set
	next slog.Handler
}

func (h *handler) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

func (h *handler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, h.set.Redact(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.attr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h *handler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, h.set.Redact(v.String()))
	case slog.KindGroup:
		var as []any
		for _, g := range v.Group() {
			as = append(as, h.attr(g))
		}
		return slog.Group(a.Key, as...)
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			return slog.String(a.Key, h.set.Redact(err.Error()))
		}
		return slog.String(a.Key, h.set.Redact(v.String()))
	}
	return a
}

func (h *handler) WithAttrs(as []slog.Attr) slog.Handler {
	red := make([]slog.Attr, len(as))
	for i, a := range as {
		red[i] = h.attr(a)
	}
	return &handler{set: h.set, next: h.next.WithAttrs(red)}
}

func (h *handler) WithGroup(name string) slog.Handler {
	return &handler{set: h.set, next: h.next.WithGroup(name)}
}
