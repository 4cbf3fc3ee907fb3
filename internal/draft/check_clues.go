package draft

import (
	"regexp"
	"strings"
)

// A line is searched only with the patterns it may match: each pattern has
// a clue, something every one of its matches holds (a digit, a '/', a
// street word), and a line without it is passed over. The fact check reads
// every line of the record and of the draft with a dozen patterns; most
// lines hold the clue of two or three.

// line is what the clues look at: the line as written, before any item is
// cut out of it (cutting only removes, so what the line lacks, the cut
// line lacks too).
type line struct {
	text   string
	folded string // lower case, 'ſ' as 's': a (?i) pattern's words match here
	digits int    // ASCII digits: what \d matches
}

func newLine(s string) line {
	l := line{text: s}
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			l.digits++
		}
	}
	// Under (?i), Go folds 'k' with the Kelvin sign, which ToLower maps to
	// 'k', and 's' with the long s, which it leaves: replaced here.
	l.folded = strings.ReplaceAll(strings.ToLower(s), "ſ", "s")
	return l
}

func (l line) hasAny(words ...string) bool {
	for _, w := range words {
		if strings.Contains(l.text, w) {
			return true
		}
	}
	return false
}

func (l line) foldedHasAny(words ...string) bool {
	for _, w := range words {
		if strings.Contains(l.folded, w) {
			return true
		}
	}
	return false
}

// clues are the patterns' clues; a pattern missing here is always tried.
var clues = map[*regexp.Regexp]func(line) bool{
	numbering: func(l line) bool { return l.digits > 0 && strings.Contains(l.text, ". ") },
	gapRe:     func(l line) bool { return strings.Contains(l.text, "[") },
	urlRe:     func(l line) bool { return strings.Contains(l.text, "://") },
	// A '.' follows the '@' (in the domain).
	emailRe: func(l line) bool {
		at := strings.IndexByte(l.text, '@')
		return at >= 0 && strings.Contains(l.text[at:], ".")
	},
	domainRe: func(l line) bool { return strings.Contains(l.text, ".") },
	// The number after the prefix has nine digits, one separator at most
	// between two.
	phoneRe: func(l line) bool { return l.digits >= 9 && spacedDigits(l.text) >= 9 },
	streetRe: func(l line) bool {
		return l.digits > 0 && l.foldedHasAny("rue", "avenue", "av.", "boulevard", "bd", "place", "esplanade", "quai", "chemin",
			"allée", "allee", "impasse", "route", "cours", "square", "parvis")
	},
	streetEnRe: func(l line) bool {
		return l.digits > 0 && l.hasAny("St", "Road", "Rd", "Ave", "Lane", "Drive", "Square", "Place")
	},
	ipv4Re:  func(l line) bool { return l.digits >= 4 && strings.Contains(l.text, ".") },
	ipv6Re:  func(l line) bool { return hexGroup(l.text) },
	isoDate: func(l line) bool { return l.digits >= 8 && strings.Contains(l.text, "-") },
	wordDate: func(l line) bool {
		return l.digits > 0 && l.foldedHasAny("janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août", "aout",
			"septembre", "octobre", "novembre", "décembre", "decembre", "january", "february", "march", "april", "may", "june", "july",
			"august", "september", "october", "november", "december")
	},
	frDate:   func(l line) bool { return l.digits >= 2 && strings.Contains(l.text, "/") },
	clockRe:  func(l line) bool { return l.digits > 0 && clockMark(l.text) },
	numberRe: func(l line) bool { return l.digits > 0 },
}

// mayMatch reports whether re may match in l.
func mayMatch(re *regexp.Regexp, l line) bool {
	clue, ok := clues[re]
	return !ok || clue(l)
}

// spacedDigits is the most digits the line holds in a row, a separator
// phoneRe allows (space, '.', '-', no-break spaces) standing alone between
// two of them.
func spacedDigits(s string) int {
	most, run, afterDigit := 0, 0, false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			run++
			most = max(most, run)
			afterDigit = true
		case afterDigit && (r == ' ' || r == '.' || r == '-' || r == '\u00a0' || r == '\u202f'):
			afterDigit = false
		default:
			run, afterDigit = 0, false
		}
	}
	return most
}

// hexGroup reports whether the line holds ':', one to four hexadecimal
// digits and ':' again: the middle of an IPv6 address.
func hexGroup(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != ':' {
			continue
		}
		for j := i + 1; j < len(s) && j <= i+5; j++ {
			if s[j] == ':' {
				if j > i+1 {
					return true
				}
				break
			}
			if !isHex(s[j]) {
				break
			}
		}
	}
	return false
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// clockMark reports whether the line holds a digit, maybe a space, then
// ':' before two digits (maybe after a space), or 'h' not followed by a
// letter: where clockRe's matches turn from the hour to the minutes.
func clockMark(s string) bool {
	for p := 0; p < len(s); p++ {
		if s[p] < '0' || s[p] > '9' {
			continue
		}
		q := p + 1
		if q < len(s) && s[q] == ' ' {
			q++
		}
		if q >= len(s) {
			return false
		}
		switch s[q] {
		case 'h', 'H':
			if q+1 == len(s) || !isLetter(s[q+1]) {
				return true
			}
		case ':':
			r := q + 1
			if r < len(s) && s[r] == ' ' {
				r++
			}
			if r+1 < len(s) && isDigit(s[r]) && isDigit(s[r+1]) {
				return true
			}
		}
	}
	return false
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }
