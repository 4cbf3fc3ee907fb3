package draft

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// The PDF's fonts hold the Latin, Greek and Cyrillic alphabets and common
// symbols: about 700 characters. Members type more — an emoji, a name in
// another script, a pasted control code — and fpdf, given a character
// beyond the 65,536 its tables hold, panics or fails the whole document.
// So every text goes through printable first, and what no font can draw is
// written as its Unicode code, "[U+1F600]": visibly there, and exactly
// what was typed for anyone who looks it up (the Markdown, in the export,
// keeps the character itself).

// drawable is the set of characters each of the embedded fonts has a glyph
// for, read once from the fonts themselves.
var drawable = sync.OnceValues(func() (map[rune]bool, error) {
	fonts := [][]byte{goregular.TTF, gobold.TTF, goitalic.TTF}
	parsed := make([]*sfnt.Font, len(fonts))
	for i, ttf := range fonts {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			return nil, fmt.Errorf("read the embedded fonts: %w", err)
		}
		parsed[i] = f
	}
	set := map[rune]bool{}
	var buf sfnt.Buffer
	for r := rune(0); r <= 0xFFFF; r++ {
		all := true
		for _, f := range parsed {
			if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
				all = false
				break
			}
		}
		if all {
			set[r] = true
		}
	}
	return set, nil
})

// printable returns s as the fonts can draw it: composed (an "e" followed by
// a combining acute becomes "é", which the fonts hold), with each character
// they lack replaced by something they have. Newlines are kept.
func printable(s string) (string, error) {
	glyphs, err := drawable()
	if err != nil {
		return "", err
	}
	// Invalid bytes become U+FFFD first, which the fonts draw: norm and
	// fpdf's own UTF-16 conversion both assume valid UTF-8.
	s = norm.NFC.String(strings.ToValidUTF8(s, "\ufffd"))
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\u00ad':
			// A soft hyphen only marks where a word may break; the PDF
			// never breaks there, so mid-line it shows nothing, as in a
			// browser.
		case r == '\n' || glyphs[r]:
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		case unicode.Is(unicode.Zs, r):
			// Typographic spaces (the narrow no-break space French puts
			// before « : ») keep their meaning with the fonts' own.
			if r == '\u202f' || r == '\u2007' {
				b.WriteRune('\u00a0')
			} else {
				b.WriteByte(' ')
			}
		case unicode.Is(unicode.Pd, r):
			// Hyphens the fonts lack (U+2010, U+2011, the figure dash):
			// the plain hyphen, which the fonts draw a hyphen's width
			// (see withShortHyphen). The en and em dashes are drawn as
			// themselves above.
			b.WriteByte('-')
		case invisible(r):
			// Joiners and variation selectors only shape the character
			// beside them, which is itself shown or coded.
		default:
			fmt.Fprintf(&b, "[%U]", r)
		}
	}
	return b.String(), nil
}

// invisible reports whether r has no form of its own: zero-width joiners
// and spaces, variation selectors, the byte-order mark, tag characters. A
// direction override is not among them: it can make a file name read
// backwards on screen, so the PDF shows it.
func invisible(r rune) bool {
	switch {
	case unicode.Is(unicode.Bidi_Control, r):
		return false
	case unicode.Is(unicode.Variation_Selector, r):
		return true
	}
	return unicode.Is(unicode.Cf, r) && r != '\u00ad' && !unicode.Is(unicode.Prepended_Concatenation_Mark, r)
}
