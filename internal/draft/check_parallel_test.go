package draft

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestTokensOnEveryCore: a text long enough to be read on every core
// reads as the whole text does, item for item and in order, repeated
// lines and items included.
func TestTokensOnEveryCore(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() == 0 || strings.Count(b.String(), "\n") < 4*parallelLines; i++ {
		fmt.Fprintf(&b, "%s\n", fuzzSeeds[i%len(fuzzSeeds)])
		fmt.Fprintf(&b, "| 26/09/2022 16:%02d | Constat n° %d : serveur 10.0.%d.%d injoignable à %dh%02d | @dsi |\n", i%60, i, i%7, i%250, i%24, i%60)
	}
	text := b.String()
	assert.Equal(t, wholeTokens(text), withoutSteps(tokens(text)))
}
