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
	digits int // ASCII digits: what \d matches
}

func newLine(s string) line {
	l := line{text: s}
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			l.digits++
		}
	}
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

// streetWords and monthWords are the words of streetRe and wordDate, as
// their (?i) reads them folded.
var (
	streetWords = []string{"rue", "avenue", "av.", "boulevard", "bd", "place", "esplanade", "quai", "chemin",
		"allée", "allee", "impasse", "route", "cours", "square", "parvis"}
	monthWords = []string{"janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août", "aout",
		"septembre", "octobre", "novembre", "décembre", "decembre", "january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"}
)

// wordAt reports whether one of words starts at i, in any case: folded as
// the (?i) patterns fold, lower case and 'ſ' as 's' (Go folds 'k' with the
// Kelvin sign too, which ToLower maps to 'k'). Only a few bytes are
// folded: those a word may take, each of its letters written in at most
// three bytes.
func wordAt(s string, i int, words []string) bool {
	if i >= len(s) || s[i] < 0x80 && !isLetter(s[i]) {
		return false // every word starts with a letter
	}
	var folded string
	for _, word := range words {
		switch asciiPrefix(s[i:], word) {
		case 1:
			return true
		case -1:
			// A letter beyond ASCII (an accent, 'ſ', the Kelvin sign):
			// folded the way the patterns fold, a few bytes only.
			if folded == "" {
				w := s[i:min(len(s), i+3*len("september"))]
				folded = strings.ReplaceAll(strings.ToLower(w), "ſ", "s")
			}
			if strings.HasPrefix(folded, word) {
				return true
			}
		}
	}
	return false
}

// asciiPrefix reports whether s starts with word in any ASCII case: 1 if it
// does, 0 if it does not, -1 when a byte beyond ASCII stands in the way and
// only folding can tell.
func asciiPrefix(s, word string) int {
	for j := 0; j < len(word); j++ {
		if j >= len(s) {
			return 0
		}
		c, w := s[j], word[j]
		switch {
		case c >= 0x80 || w >= 0x80:
			return -1
		case c == w:
		case w >= 'a' && w <= 'z' && c == w-'a'+'A':
		default:
			return 0
		}
	}
	return 1
}

// afterNumber reports whether, after some run of digits, a word starts
// where wordAfter looks: both street addresses and dates in words put their
// word right after their number.
func afterNumber(s string, wordAfter func(s string, e int) bool) bool {
	for e := 1; e < len(s); e++ {
		if isDigit(s[e-1]) && !isDigit(s[e]) && wordAfter(s, e) {
			return true
		}
	}
	return false
}

// streetAfter reports whether a street word starts after the number ending
// at e, as streetRe reads it: \d{1,4}(?: ?(?:bis|ter))?,? then a space.
func streetAfter(s string, e int) bool {
	switch s[e] {
	case ' ', ',', 'b', 't':
	default:
		return false
	}
	for _, suffix := range [...]string{"", " bis", "bis", " ter", "ter"} {
		if !strings.HasPrefix(s[e:], suffix) {
			continue
		}
		j := e + len(suffix)
		if strings.HasPrefix(s[j:], ", ") && wordAt(s, j+2, streetWords) {
			return true
		}
		if strings.HasPrefix(s[j:], " ") && wordAt(s, j+1, streetWords) {
			return true
		}
	}
	return false
}

// monthAfter reports whether a month starts after the day ending at e, as
// wordDate reads it: \d{1,2}(?:er)? then a space, "er" in any case.
func monthAfter(s string, e int) bool {
	j := e
	if j+1 < len(s) && (s[j] == 'e' || s[j] == 'E') && (s[j+1] == 'r' || s[j+1] == 'R') {
		j += 2
	}
	return j < len(s) && s[j] == ' ' && wordAt(s, j+1, monthWords)
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
	phoneRe:  func(l line) bool { return l.digits >= 9 && spacedDigits(l.text) >= 9 },
	streetRe: func(l line) bool { return l.digits > 0 && afterNumber(l.text, streetAfter) },
	streetEnRe: func(l line) bool {
		return l.digits > 0 && l.hasAny("St", "Road", "Rd", "Ave", "Lane", "Drive", "Square", "Place")
	},
	ipv4Re:   func(l line) bool { return l.digits >= 4 && strings.Contains(l.text, ".") },
	ipv6Re:   func(l line) bool { return hexGroup(l.text) },
	isoDate:  func(l line) bool { return l.digits >= 8 && strings.Contains(l.text, "-") },
	wordDate: func(l line) bool { return l.digits > 0 && afterNumber(l.text, monthAfter) },
	frDate:   func(l line) bool { return l.digits >= 2 && strings.Contains(l.text, "/") },
	clockRe:  func(l line) bool { return l.digits > 0 && clockMark(l.text) },
	numberRe: func(l line) bool { return l.digits > 0 },
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

// pattern is a pattern of lineTokens with its clue and scanner (nil when it
// has none), looked up once: looking them up in their maps for every
// pattern of every line cost more than most clues.
type pattern struct {
	re   *regexp.Regexp
	clue func(line) bool
	scan scanner
}

// tokenPatterns are lineTokens' patterns, in the order it tries them.
var tokenPatterns = [...]pattern{
	{re: gapRe}, {re: urlRe}, {re: emailRe}, {re: domainRe}, {re: phoneRe}, {re: streetRe}, {re: streetEnRe},
	{re: ipv4Re}, {re: ipv6Re}, {re: isoDate}, {re: wordDate}, {re: frDate}, {re: clockRe}, {re: numberRe},
}

// numberingClue is numbering's clue, for pieces.
var numberingClue func(line) bool

func init() {
	numberingClue = clues[numbering]
	for i := range tokenPatterns {
		p := &tokenPatterns[i]
		p.clue, p.scan = clues[p.re], scanners[p.re]
	}
}
