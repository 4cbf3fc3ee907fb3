package publish

import (
	"strings"
	"unicode"
)

// clean makes an update's text safe to publish as HTML or plain text:
// valid UTF-8, Unix line ends, and U+FFFD, the usual sign of an unreadable
// character, in place of each invalid byte, control character and
// noncharacter (which browsers treat as errors and SMS gateways may refuse).
// Tabs and newlines stay.
func clean(s string) string {
	s = strings.ReplaceAll(strings.ToValidUTF8(s, "\ufffd"), "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if unicode.IsControl(r) || noncharacter(r) {
			return '\ufffd'
		}
		return r
	}, s)
}

// noncharacter reports whether r is one of Unicode's 66 noncharacters.
func noncharacter(r rune) bool {
	return (r >= 0xFDD0 && r <= 0xFDEF) || r&0xFFFE == 0xFFFE
}
