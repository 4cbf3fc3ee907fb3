package contacts

import (
	_ "embed"
	"fmt"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/tocsin-crisis/tocsin/internal/locale"
)

//go:embed national.yaml
var nationalYAML []byte

var national = sync.OnceValues(func() ([]Entry, error) {
	var out []Entry
	if err := yaml.Unmarshal(nationalYAML, &out); err != nil {
		return nil, fmt.Errorf("contacts: national.yaml: %w", err)
	}
	for i := range out {
		out[i].Origin = FromNational
		if ps := out[i].Check(); len(ps) > 0 {
			return nil, fmt.Errorf("contacts: national.yaml entry %s: %s", out[i].Name, ps[0].Message(locale.EN))
		}
	}
	return out, nil
})

// National lists the national services shipped with Tocsin, each with the
// official page its details were checked at. The file is embedded and
// checked by the tests: it cannot fail at run time.
func National() []Entry {
	out, err := national()
	if err != nil {
		panic(err)
	}
	return append([]Entry(nil), out...)
}
