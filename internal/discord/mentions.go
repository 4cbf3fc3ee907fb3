package discord

import "strings"

// Bounds of a member's written form: a Discord snowflake has 17 to 20 digits.
const (
	minRefDigits = 17
	maxRefDigits = 20
)

// mentions shows members as Discord mentions (their names, in the reader's
// client). allowed_mentions, always set, keeps them from pinging anyone.
//
// The table writes a member as "@1000000000000000044"; one becomes
// "<@1000000000000000044>" where it is not already a mention: the "@" is
// at the start or after a character that is neither "<" nor an ASCII word
// character, and its 17 to 20 digits are not followed by one. This is the
// regexp `(^|[^<\w])@(\d{17,20})\b` written as a byte scan: the board a
// `/crisis status` sends lists every task, and the regexp over it was a
// tenth of an interaction's CPU (mentions_test.go compares the two).
func mentions(s string) string {
	at := strings.IndexByte(s, '@')
	if at < 0 {
		return s
	}
	var b strings.Builder
	done := 0 // s[:done] is in b
	for at < len(s) {
		i := strings.IndexByte(s[at:], '@')
		if i < 0 {
			break
		}
		i += at
		n := digitsAt(s, i+1)
		at = i + 1 + n
		if n < minRefDigits || n > maxRefDigits || (i > 0 && (s[i-1] == '<' || isWordByte(s[i-1]))) ||
			(at < len(s) && isWordByte(s[at])) {
			continue
		}
		if b.Cap() == 0 {
			b.Grow(len(s) + 32)
		}
		b.WriteString(s[done:i])
		b.WriteString("<")
		b.WriteString(s[i:at])
		b.WriteString(">")
		done = at
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// digitsAt counts the ASCII digits from s[i] on.
func digitsAt(s string, i int) int {
	n := 0
	for i+n < len(s) && '0' <= s[i+n] && s[i+n] <= '9' {
		n++
	}
	return n
}

// isWordByte is the regexp \w: ASCII letters, digits and "_". A byte of a
// multi-byte UTF-8 character is never one, as no such character is \w.
func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
