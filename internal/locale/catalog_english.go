package locale

import "sort"

// Texts returns every message of the catalogue, ordered by key. It is for
// checks that a text speaks one language: the English replay's test builds
// the bot's French vocabulary from it, so a French word the bot writes into
// an English cell's record is caught whatever message it came from.
func Texts() []Text {
	keys := make([]string, 0, len(catalog))
	for k := range catalog {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]Text, len(keys))
	for i, k := range keys {
		out[i] = catalog[k]
	}
	return out
}
