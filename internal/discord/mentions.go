package discord

import "regexp"

// memberRef is the table's written form of a member, "@1000000000000000044",
// where it is not already a Discord mention.
var memberRef = regexp.MustCompile(`(^|[^<\w])@(\d{17,20})\b`)

// mentions shows members as Discord mentions (their names, in the reader's
// client). allowed_mentions, always set, keeps them from pinging anyone.
func mentions(s string) string {
	return memberRef.ReplaceAllString(s, "${1}<@${2}>")
}
