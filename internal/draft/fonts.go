package draft

import (
	"encoding/binary"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// The Go fonts were drawn for code: their U+002D is as wide as their minus
// sign (0.58 em), wider than their en dash (0.5 em), so "2022-09-26" and
// "ex-collaborateur" print as if joined by long dashes. Each font also holds
// a true hyphen, the one it draws for U+00AD (0.33 em). The PDF embeds the
// fonts with that hyphen's outline and width put in place of U+002D's, so a
// hyphen looks like one and stays the plain '-' a reader copies or searches.

// pdfFonts are the regular, bold and italic fonts the PDF embeds, by fpdf
// style name, each with its hyphen fixed.
var pdfFonts = sync.OnceValues(func() (map[string][]byte, error) {
	out := map[string][]byte{}
	for style, ttf := range map[string][]byte{"": goregular.TTF, "B": gobold.TTF, "I": goitalic.TTF} {
		fixed, err := withShortHyphen(ttf)
		if err != nil {
			return nil, fmt.Errorf("prepare the embedded fonts: %w", err)
		}
		out[style] = fixed
	}
	return out, nil
})

// withShortHyphen returns a copy of the TrueType font ttf whose glyph for
// U+002D has the outline and advance of its glyph for U+00AD. The outline is
// copied into the hyphen's own slot of the glyf table, so no offset moves;
// a font where it would not fit is an error, not a silent change.
func withShortHyphen(ttf []byte) ([]byte, error) {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, err
	}
	var buf sfnt.Buffer
	dst, err := f.GlyphIndex(&buf, '-')
	if err != nil || dst == 0 {
		return nil, fmt.Errorf("no glyph for '-'")
	}
	src, err := f.GlyphIndex(&buf, '\u00ad')
	if err != nil || src == 0 {
		return nil, fmt.Errorf("no glyph for the soft hyphen")
	}
	tables, err := tableDirectory(ttf)
	if err != nil {
		return nil, err
	}
	head, hhea, loca, glyf, hmtx := tables["head"], tables["hhea"], tables["loca"], tables["glyf"], tables["hmtx"]
	if head == nil || hhea == nil || loca == nil || glyf == nil || hmtx == nil || len(head) < 54 || len(hhea) < 36 {
		return nil, fmt.Errorf("not a TrueType font with outlines")
	}
	out := append([]byte(nil), ttf...)
	// Offsets into out of each table, found again in the copy.
	at, err := tableOffsets(out)
	if err != nil {
		return nil, err
	}
	longLoca := binary.BigEndian.Uint16(head[50:]) == 1
	glyphRange := func(g sfnt.GlyphIndex) (int, int, error) {
		i := int(g)
		if longLoca {
			if 4*(i+2) > len(loca) {
				return 0, 0, fmt.Errorf("glyph %d out of the loca table", g)
			}
			return int(binary.BigEndian.Uint32(loca[4*i:])), int(binary.BigEndian.Uint32(loca[4*i+4:])), nil
		}
		if 2*(i+2) > len(loca) {
			return 0, 0, fmt.Errorf("glyph %d out of the loca table", g)
		}
		return 2 * int(binary.BigEndian.Uint16(loca[2*i:])), 2 * int(binary.BigEndian.Uint16(loca[2*i+2:])), nil
	}
	s0, s1, err := glyphRange(src)
	if err != nil {
		return nil, err
	}
	d0, d1, err := glyphRange(dst)
	if err != nil {
		return nil, err
	}
	if s1-s0 > d1-d0 || s1 > len(glyf) || d1 > len(glyf) {
		return nil, fmt.Errorf("the soft hyphen's outline does not fit in the hyphen's place")
	}
	g := out[at["glyf"]:]
	copy(g[d0:d1], glyf[s0:s1])
	clear(g[d0+(s1-s0) : d1]) // padding after a glyph is never read
	metrics := int(binary.BigEndian.Uint16(hhea[34:]))
	if int(src) >= metrics || int(dst) >= metrics || 4*metrics > len(hmtx) {
		return nil, fmt.Errorf("the hyphens have no metrics of their own")
	}
	copy(out[at["hmtx"]+4*int(dst):][:4], hmtx[4*int(src):][:4])
	return out, nil
}

// tableDirectory maps each table tag of a TrueType font to its bytes.
func tableDirectory(ttf []byte) (map[string][]byte, error) {
	at, err := tableOffsets(ttf)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for tag, off := range at {
		if strings.HasPrefix(tag, "#") {
			continue
		}
		out[tag] = ttf[off : off+at["#"+tag]]
	}
	return out, nil
}

// tableOffsets maps each table tag to its offset, and "#"+tag to its length.
func tableOffsets(ttf []byte) (map[string]int, error) {
	if len(ttf) < 12 {
		return nil, fmt.Errorf("font too short")
	}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	if len(ttf) < 12+16*n {
		return nil, fmt.Errorf("font table directory cut short")
	}
	out := map[string]int{}
	for i := 0; i < n; i++ {
		rec := ttf[12+16*i:]
		tag := string(rec[:4])
		off, length := int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		if off < 0 || length < 0 || off+length > len(ttf) {
			return nil, fmt.Errorf("font table %q out of the file", tag)
		}
		out[tag], out["#"+tag] = off, length
	}
	return out, nil
}
