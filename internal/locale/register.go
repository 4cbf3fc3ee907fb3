package locale

import "fmt"

// register adds a set of messages to the catalogue. Each area of the bot
// keeps its sentences in a file of its own (catalog_<area>.go) and registers
// them from an init function; a key defined twice is a programming error,
// caught by the first test run.
func register(m map[string]Text) {
	for k, v := range m {
		if _, dup := catalog[k]; dup {
			panic(fmt.Sprintf("locale: message %q is defined twice", k))
		}
		catalog[k] = v
	}
}
