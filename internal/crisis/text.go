package crisis

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// UnsafeRune reports whether r has no place in text the cell writes: a
// control character other than tab and line feed (an escape sequence acts
// on a terminal), or a bidirectional control, which reorders the text
// around it so that a name or a line reads other than it is (U+202E makes
// "gnp.exe" show as "exe.png"). The zero-width joiner is not one: it
// holds emoji sequences such as 👩‍💻 together.
func UnsafeRune(r rune) bool {
	if r == '\t' || r == '\n' {
		return false
	}
	return unicode.IsControl(r) || IsBidiControl(r)
}

// IsBidiControl reports whether r is one of Unicode's explicit directional
// formatting characters: embeddings and overrides (U+202A–U+202E),
// isolates (U+2066–U+2069) and the marks (U+200E, U+200F, U+061C).
func IsBidiControl(r rune) bool {
	switch {
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return r == 0x200e || r == 0x200f || r == 0x061c
}

// Escape shows s with every control character (line breaks and tabs too)
// and every bidi control written out as \u{…}, and each byte that is not
// UTF-8 as \x{…}: the form in which what a member typed is echoed on one
// line and kept in the audit trail, where it can no longer act.
func Escape(s string) string { return escape(s, false) }

// EscapeKeepLines is Escape for text of several lines: it leaves line
// feeds and tabs as they are.
func EscapeKeepLines(s string) string { return escape(s, true) }

func escape(s string, keepLines bool) string {
	unsafe := func(r rune, size int) bool {
		if r == utf8.RuneError && size == 1 {
			return true
		}
		if keepLines {
			return UnsafeRune(r)
		}
		return unicode.IsControl(r) || IsBidiControl(r)
	}
	clean := true
	for i := 0; i < len(s); {
		// ASCII, most of any text, is judged by its byte: a board of
		// hundreds of tasks is escaped on every /crisis status.
		if c := s[i]; c < utf8.RuneSelf {
			if (c < 0x20 || c == 0x7f) && !(keepLines && (c == '\t' || c == '\n')) {
				clean = false
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unsafe(r, size) {
			clean = false
			break
		}
		i += size
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x{%X}`, s[i])
		case unsafe(r, size):
			fmt.Fprintf(&b, `\u{%X}`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// FirstUnsafe returns the first rune of s that UnsafeRune refuses.
func FirstUnsafe(s string) (rune, bool) {
	for _, r := range s {
		if UnsafeRune(r) {
			return r, true
		}
	}
	return 0, false
}
