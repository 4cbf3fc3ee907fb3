package draft

import (
	"regexp"
	"strings"
)

// The patterns that read dates, times and numbers are tried on nearly every
// line of a complaint (a table row holds two dates, two times and the
// entry's numbers), and Go's regexp took 5 to 12 µs a line for each. These
// scanners find exactly what the patterns find, byte for byte and in the
// same order of preference (FuzzScanners holds them to it), at a fraction of
// the cost. Every match of these patterns starts with an ASCII digit, which
// is never part of a longer UTF-8 sequence, so scanning bytes is scanning
// the runes the regexp reads.

// scanner returns the end of the match of its pattern that starts at p,
// or -1 when none starts there.
type scanner func(s string, p int) int

// scanners stand in for the patterns they are named by.
var scanners = map[*regexp.Regexp]scanner{
	isoDate:  isoDateAt,
	frDate:   frDateAt,
	clockRe:  clockAt,
	numberRe: numberAt,
}

// replaceAllFunc is p.re.ReplaceAllStringFunc, read by the pattern's
// scanner when it has one. None of the scanned patterns matches the empty
// string, so each search starts where the last match ended, the text
// before it still seen (as the regexp sees it) for the word boundary.
func (p pattern) replaceAllFunc(s string, f func(string) string) string {
	at := p.scan
	if at == nil {
		return p.re.ReplaceAllStringFunc(s, f)
	}
	var b strings.Builder
	last := 0
	for p := 0; p < len(s); {
		lo, hi := find(at, s, p)
		if lo < 0 {
			break
		}
		if last == 0 {
			b.Grow(len(s) + 8)
		}
		b.WriteString(s[last:lo])
		b.WriteString(f(s[lo:hi]))
		last, p = hi, hi
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// find returns the leftmost match at or after pos: every match starts with
// a digit at the start of a word.
func find(at scanner, s string, pos int) (int, int) {
	for p := pos; p < len(s); p++ {
		if !isDigit(s[p]) || (p > 0 && isWord(s[p-1])) {
			continue
		}
		if end := at(s, p); end >= 0 {
			return p, end
		}
	}
	return -1, -1
}

// findAll lists the matches as re.FindAllStringIndex does.
func findAll(at scanner, s string) [][]int {
	var out [][]int
	for p := 0; p < len(s); {
		lo, hi := find(at, s, p)
		if lo < 0 {
			break
		}
		out = append(out, []int{lo, hi})
		p = hi
	}
	return out
}

// isWord is what \b sees as a word character: ASCII letters, digits and
// '_' (a byte of a longer UTF-8 sequence is none of them).
func isWord(c byte) bool { return isDigit(c) || isLetter(c) }

// boundary is \b at i.
func boundary(s string, i int) bool {
	before := i > 0 && isWord(s[i-1])
	after := i < len(s) && isWord(s[i])
	return before != after
}

// digitsAt counts the digits from i, up to most.
func digitsAt(s string, i, most int) int {
	n := 0
	for i+n < len(s) && n < most && isDigit(s[i+n]) {
		n++
	}
	return n
}

func byteAt(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

// isoDateAt is isoDate: \b(\d{4})-(\d{2})-(\d{2})\b.
func isoDateAt(s string, p int) int {
	if digitsAt(s, p, 4) == 4 && byteAt(s, p+4) == '-' && digitsAt(s, p+5, 2) == 2 &&
		byteAt(s, p+7) == '-' && digitsAt(s, p+8, 2) == 2 && boundary(s, p+10) {
		return p + 10
	}
	return -1
}

// frDateAt is frDate: \b(\d{1,2})/(\d{1,2})(?:/(\d{4}))?\b, the longer
// counts tried first.
func frDateAt(s string, p int) int {
	for a := digitsAt(s, p, 2); a >= 1; a-- {
		q := p + a
		if byteAt(s, q) != '/' {
			continue
		}
		for b := digitsAt(s, q+1, 2); b >= 1; b-- {
			r := q + 1 + b
			if byteAt(s, r) == '/' && digitsAt(s, r+1, 4) == 4 && boundary(s, r+5) {
				return r + 5
			}
			if boundary(s, r) {
				return r
			}
		}
	}
	return -1
}

// hours are the lengths ([01]?\d|2[0-3]) may take at p, in the order the
// regexp tries them: the first n of the array.
func hours(s string, p int) (out [3]int, n int) {
	c, d := byteAt(s, p), byteAt(s, p+1)
	if (c == '0' || c == '1') && isDigit(d) {
		out[n], n = 2, n+1
	}
	if isDigit(c) {
		out[n], n = 1, n+1
	}
	if c == '2' && d >= '0' && d <= '3' {
		out[n], n = 2, n+1
	}
	return out, n
}

// space is the longest " ?" may take at i; it then tries none.
func space(s string, i int) int {
	if byteAt(s, i) == ' ' {
		return 1
	}
	return 0
}

// clockAt is clockRe:
// (?i)\b([01]?\d|2[0-3]) ?(?::|h) ?([0-5]\d)\b|\b([01]?\d|2[0-3]) ?h\b.
func clockAt(s string, p int) int {
	hs, n := hours(s, p)
	for _, h := range hs[:n] {
		for sp := space(s, p+h); sp >= 0; sp-- {
			r := p + h + sp
			if c := byteAt(s, r); c != ':' && c != 'h' && c != 'H' {
				continue
			}
			for sp2 := space(s, r+1); sp2 >= 0; sp2-- {
				u := r + 1 + sp2
				if c := byteAt(s, u); c >= '0' && c <= '5' && isDigit(byteAt(s, u+1)) && boundary(s, u+2) {
					return u + 2
				}
			}
		}
	}
	for _, h := range hs[:n] {
		for sp := space(s, p+h); sp >= 0; sp-- {
			r := p + h + sp
			if c := byteAt(s, r); (c == 'h' || c == 'H') && boundary(s, r+1) {
				return r + 1
			}
		}
	}
	return -1
}

// thousands is the length of a separator of numberRe's first branch at i
// (a space, a narrow no-break space, '.' or ','), 0 when there is none.
func thousands(s string, i int) int {
	switch byteAt(s, i) {
	case ' ', '.', ',':
		return 1
	}
	if strings.HasPrefix(s[min(i, len(s)):], "\u202f") {
		return len("\u202f")
	}
	return 0
}

// numberAt is numberRe:
// \b\d{1,3}(?:[  \x{202f}.,]\d{3})+\b|\b\d+(?:[.,]\d+)?\b.
func numberAt(s string, p int) int {
	for a := digitsAt(s, p, 3); a >= 1; a-- {
		// The groups repeat as often as they can, then give back one at
		// a time: the last end with a word boundary wins.
		end := -1
		for x := p + a; ; {
			n := thousands(s, x)
			if n == 0 || digitsAt(s, x+n, 3) != 3 {
				break
			}
			x += n + 3
			if boundary(s, x) {
				end = x
			}
		}
		if end >= 0 {
			return end
		}
	}
	for n := digitsAt(s, p, len(s)); n >= 1; n-- {
		q := p + n
		if c := byteAt(s, q); c == '.' || c == ',' {
			for m := digitsAt(s, q+1, len(s)); m >= 1; m-- {
				if boundary(s, q+1+m) {
					return q + 1 + m
				}
			}
		}
		if boundary(s, q) {
			return q
		}
	}
	return -1
}
