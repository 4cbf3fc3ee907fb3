package playbook_test

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/playbook"
	"github.com/tocsin-crisis/tocsin/playbooks"
)

// hostile are files built to make a parser spend time or memory. Each is
// refused with one clear error; the benchmarks below measure how fast.
var hostile = []struct {
	name string
	data func() []byte
	want string
}{
	{"alias bomb", aliasBomb, "h.yaml:1:5: anchors and aliases (& and *) are not allowed"},
	{"10,000 nested flow lists", func() []byte {
		return []byte("id: x\nsteps: " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n")
	}, "h.yaml:2:40: nesting deeper than 32 levels"},
	{"10,000 nested block lists", func() []byte { return []byte(strings.Repeat("- ", 10000) + "x\n") },
		"h.yaml:1:65: nesting deeper than 32 levels"},
	{"block mappings nested by indentation", func() []byte { return deepBlocks(10000) },
		"h.yaml:33:33: nesting deeper than 32 levels"},
	{"a megabyte of tiny items", func() []byte { return []byte("[" + strings.Repeat("a,", 500_000) + "]") },
		"h.yaml:1:40001: more than 20000 YAML items"},
	{"a thousand documents", func() []byte { return bytes.Repeat([]byte("---\nid: x\n"), 1000) },
		"h.yaml:3:1: a second YAML document"},
	{"20 MB", func() []byte { return bytes.Repeat([]byte("# padding\n"), 2<<20) },
		"h.yaml:1:1: file too large: 20971520 bytes, a playbook is at most 1048576"},
}

func TestHostileFilesRefused(t *testing.T) {
	for _, c := range hostile {
		t.Run(c.name, func(t *testing.T) {
			data := c.data()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := playbook.Parse("h.yaml", data)
			runtime.ReadMemStats(&after)
			var list playbook.Errors
			require.ErrorAs(t, err, &list)
			require.Len(t, list, 1, "one error, not one per node")
			assert.Contains(t, list[0].Error(), c.want)
			assert.NotContains(t, list.Error(), "\n", "a one-line error")
			alloc := after.TotalAlloc - before.TotalAlloc
			assert.Less(t, alloc, uint64(32<<20), "parsing allocated %d MB", alloc>>20)
		})
	}
}

func aliasBomb() []byte {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 10; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	return []byte(b.String())
}

// deepBlocks nests mappings by indentation, one space a level, as far as
// the size limit lets a file go (about 1,300 levels).
func deepBlocks(levels int) []byte {
	var b strings.Builder
	for i := 0; i < levels && b.Len() < 900_000; i++ {
		b.WriteString(strings.Repeat(" ", i) + "k:\n")
	}
	return []byte(b.String())
}

func BenchmarkHostile(b *testing.B) {
	for _, c := range hostile {
		data := c.data()
		b.Run(strings.ReplaceAll(c.name, " ", "_"), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := playbook.Parse("h.yaml", data); err == nil {
					b.Fatal("hostile file accepted")
				}
			}
		})
	}
}

func BenchmarkShippedParse(b *testing.B) {
	data, err := playbooks.FS.ReadFile("cyberattaque-collectivite.yaml")
	require.NoError(b, err)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := playbook.Parse("cyberattaque-collectivite.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkApplies(b *testing.B) {
	s := playbook.Step{ID: "x", When: "personal_data and not ransom_demanded"}
	facts := map[string]string{"personal_data": "oui"}
	b.ReportAllocs()
	for b.Loop() {
		if ok, err := s.Applies(facts); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}
