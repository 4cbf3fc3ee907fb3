package draft

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestCluesSeeTheCutLine: an item cut out leaves a space, which may join
// what was on either side of it into another item ("16" and "h" around a
// gap read "16 h"); the line by line reading finds it as the whole text
// does.
func TestCluesSeeTheCutLine(t *testing.T) {
	for _, text := range []string{
		"16[À COMPLÉTER : x]h",
		"02[À COMPLÉTER : x]31 99 99 99",
		"12[À COMPLÉTER : x]rue Saint-Pierre",
		"12bis[À COMPLÉTER : x]rue Saint-Pierre",
		"1er[À COMPLÉTER : x]mai 2022",
		"1[À COMPLÉTER : x]mai 2022",
	} {
		assert.Equal(t, wholeTokens(text), withoutSteps(tokens(text)), "tokens(%q)", text)
	}
}

// FuzzCutLine: around gaps, street words and months, line by line reads
// what the whole text reads, whatever a cut joins.
func FuzzCutLine(f *testing.F) {
	for _, s := range []string{
		"16[À COMPLÉTER : x]h", "02[À COMPLÉTER : x]31 99 99 99", "12bis[À COMPLÉTER : x]rue Saint-Pierre",
		"1er[À COMPLÉTER : x]mai 2022", "Le 1ER ſeptembre, 3, AVENUE de la Paix", "10 Downing Street 2001:db8::1 12 h",
		"| 26/09/2022 16:05 | Constat n° 3 : 12 rue du Port | @dsi |",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		want, got := wholeTokens(text), withoutSteps(tokens(text))
		if !assert.ObjectsAreEqual(want, got) {
			t.Fatalf("tokens(%q): got %v, want %v", text, got, want)
		}
	})
}
