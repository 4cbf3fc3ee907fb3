package draft

import "strings"

// A complaint's table row is cut into its cells: no pattern matches across
// a '|' in a line without a gap mark, a scheme's "://" or a name that may
// be a link (gapRe, urlRe and a link's path are the only ones whose
// matches may hold one), and '|' is no word character, as the line's ends
// are not. So each cell reads alone what it reads in the row, and a cell
// repeated from row to row ("26/09/2022 16:05", "@dsi") is read once. The
// spaces and the line's end around a cell are left out too: no match
// starts or ends with them, so a log entry's text reads the same in the
// record and in the table.

// pieces lists what of line is read on its own: its cells, or the line.
// Section and list numbers ("## 8. Contacts", "2. …") are the document's
// own structure, not facts: they go first, from the whole line.
func pieces(line string, yield func(string)) {
	if numberingClue(newLine(line)) {
		line = numbering.ReplaceAllString(line, "$1")
	}
	if !strings.Contains(line, "|") || strings.Contains(line, "[") || strings.Contains(line, "://") || mayLink(line) {
		yield(strings.Trim(line, " \n"))
		return
	}
	for cell := range strings.SplitSeq(line, "|") {
		yield(strings.Trim(cell, " \n"))
	}
}

// mayLink reports whether s holds a '.' followed by what may start a
// top-level domain under (?i): an ASCII letter, 'ſ' (folded with 's') or
// the Kelvin sign (folded with 'k'). domainRe needs one.
func mayLink(s string) bool {
	for i := strings.IndexByte(s, '.'); i >= 0 && i+1 < len(s); {
		switch c := s[i+1]; {
		case isLetter(c) && c != '_', c == 0xC5, c == 0xE2:
			return true
		}
		j := strings.IndexByte(s[i+1:], '.')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}
