// Package locale holds the bot's own words in French and English, and the
// user-facing error type that carries a message key instead of a sentence, so
// the same failure reads in the language of whoever receives it.
package locale

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Lang is a locale the bot speaks.
type Lang string

// The supported locales. French comes first: the cell works in French.
const (
	FR Lang = "fr"
	EN Lang = "en"
)

// Parse maps a configured or client-reported locale ("fr", "fr-FR", "en-GB")
// to a supported one; anything else falls back to French.
func Parse(s string) Lang {
	s = strings.ToLower(strings.TrimSpace(s))
	if strings.HasPrefix(s, "en") {
		return EN
	}
	return FR
}

// Text is one sentence in every supported locale.
type Text struct {
	FR, EN string
}

// In returns the text in lang, falling back to French.
func (t Text) In(lang Lang) string {
	if lang == EN && t.EN != "" {
		return t.EN
	}
	return t.FR
}

// T formats the catalogue message key in lang. An unknown key is returned as
// is, so a missing translation shows up in tests rather than as an empty reply.
func T(lang Lang, key string, args ...any) string {
	m, ok := catalog[key]
	if !ok {
		if len(args) == 0 {
			return key
		}
		return key + " " + fmt.Sprint(args...)
	}
	if len(args) == 0 {
		return m.In(lang)
	}
	return fmt.Sprintf(m.In(lang), localized(lang, args)...)
}

// localized renders the arguments that are themselves in both languages (a
// Text: a list of values, a suggestion; a Count) in lang, so that a message built
// before its reader is known still reads in one language.
func localized(lang Lang, args []any) []any {
	out := args
	for i, a := range args {
		var s string
		switch a := a.(type) {
		case Text:
			s = a.In(lang)
		case Count:
			s = a.In(lang)
		default:
			continue
		}
		if &out[0] == &args[0] {
			out = append([]any(nil), args...)
		}
		out[i] = s
	}
	return out
}

// Has reports whether key is in the catalogue.
func Has(key string) bool {
	_, ok := catalog[key]
	return ok
}

// Error is a failure the user caused or can act on. It carries a catalogue key
// and its arguments; Kind is a sentinel (such as crisis.ErrNotFound) that
// errors.Is matches, so callers can branch without parsing text.
type Error struct {
	Kind error
	Key  string
	Args []any
}

// Errorf returns a user-facing error of the given kind.
func Errorf(kind error, key string, args ...any) error {
	return &Error{Kind: kind, Key: key, Args: args}
}

// Error renders the message in English, for logs and the audit trail.
func (e *Error) Error() string { return T(EN, e.Key, e.Args...) }

// Unwrap exposes the kind to errors.Is.
func (e *Error) Unwrap() error { return e.Kind }

// Message renders err for a user: the localized sentence of a user error, or
// false when err is internal and must not be shown as it is.
func Message(lang Lang, err error) (string, bool) {
	var ue *Error
	if errors.As(err, &ue) {
		return T(lang, ue.Key, ue.Args...), true
	}
	return "", false
}

// FormatTime shows a time in loc the way the cell reads it: "26/09/2022
// 16:05" in French, "2022-09-26 16:05" in English; "—" for no time.
func FormatTime(t time.Time, loc *time.Location, lang Lang) string {
	if t.IsZero() {
		return "—"
	}
	if lang == EN {
		return t.In(loc).Format("2006-01-02 15:04")
	}
	return t.In(loc).Format("02/01/2006 15:04")
}

// Duration writes a span of time the way lang reads it, to the minute:
// "30 min", "2 h 15 min", "2 j 22 h 45 min" in French; "30 min",
// "2 h 15 min", "2 d 22 h 45 min" in English. Under a minute reads as "0 min".
func Duration(lang Lang, d time.Duration) string {
	if d < 0 {
		d = -d
	}
	d = d.Truncate(time.Minute)
	days, hours, mins := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour), int(d%time.Hour/time.Minute)
	dayUnit := "j"
	if lang == EN {
		dayUnit = "d"
	}
	var parts []string
	if days > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", days, dayUnit))
	}
	if hours > 0 {
		parts = append(parts, fmt.Sprintf("%d h", hours))
	}
	if mins > 0 || len(parts) == 0 {
		parts = append(parts, fmt.Sprintf("%d min", mins))
	}
	return strings.Join(parts, " ")
}

// Clock writes the time of day of t in loc as lang reads it: "9 h",
// "14 h 15" in French; "09:00", "14:15" in English.
func Clock(lang Lang, t time.Time, loc *time.Location) string {
	t = t.In(loc)
	if lang == EN {
		return t.Format("15:04")
	}
	if t.Minute() == 0 {
		return fmt.Sprintf("%d h", t.Hour())
	}
	return fmt.Sprintf("%d h %02d", t.Hour(), t.Minute())
}

// RoundUp is t rounded up to the next multiple of step (a quarter of an
// hour for a time promised to the public: "next update at 14 h 15", never
// "at 14 h 12"). A time already on the step is kept.
func RoundUp(t time.Time, step time.Duration) time.Time {
	if step <= 0 {
		return t
	}
	r := t.Truncate(step)
	if r.Before(t) {
		r = r.Add(step)
	}
	return r
}

// PublicClock writes a time promised to the public: rounded up to the
// quarter hour, then as Clock.
func PublicClock(lang Lang, t time.Time, loc *time.Location) string {
	return Clock(lang, RoundUp(t, 15*time.Minute), loc)
}

// Size writes a file's size the way lang reads it: "512 octets", "94 ko",
// "1,2 Mo" in French; "512 bytes", "94 kB", "1.2 MB" in English.
func Size(lang Lang, n int) string {
	units := []string{"ko", "Mo", "Go"}
	small, sep := "octets", ","
	if lang == EN {
		units, small, sep = []string{"kB", "MB", "GB"}, "bytes", "."
	}
	if n < 1000 {
		if lang != EN && n < 2 {
			small = "octet"
		} else if lang == EN && n == 1 {
			small = "byte"
		}
		return fmt.Sprintf("%d %s", n, small)
	}
	v, u := float64(n)/1000, 0
	for v >= 1000 && u < len(units)-1 {
		v, u = v/1000, u+1
	}
	if v >= 10 {
		return fmt.Sprintf("%d %s", int(v+0.5), units[u])
	}
	return strings.Replace(fmt.Sprintf("%.1f", v), ".", sep, 1) + " " + units[u]
}
