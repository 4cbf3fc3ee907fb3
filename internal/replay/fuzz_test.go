package replay

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzParse feeds arbitrary bytes to the scenario parser: it never panics,
// a refusal is one error on one line with its position in the file, and a
// scenario it accepts has its steps in time order, each run by a member.
func FuzzParse(f *testing.F) {
	for _, seed := range scenarioSeeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := Parse("f.yaml", data)
		if err != nil {
			var e *Error
			require.True(t, errors.As(err, &e), "got %T (%v), want *replay.Error", err, err)
			if e.File != "f.yaml" || e.Line < 1 || e.Col < 1 {
				t.Fatalf("got an error at %s:%d:%d, want f.yaml at a line and column from 1: %s", e.File, e.Line, e.Col, e.Msg)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("got an error on several lines, want one: %q", err.Error())
			}
			return
		}
		require.NotNil(t, sc)
		require.NotNil(t, sc.Loc)
		for i, st := range sc.Steps {
			if i > 0 && st.At.Before(sc.Steps[i-1].At) {
				t.Fatalf("got step %d before step %d in time, want the script in order", st.N, sc.Steps[i-1].N)
			}
			require.True(t, isMemberOf(sc, st.As), "got step %d run as %q, who is not a member", st.N, st.As)
		}
	})
}

func isMemberOf(sc *Scenario, id string) bool {
	for _, m := range sc.Members {
		if m.ID == strings.TrimPrefix(id, "@") {
			return true
		}
	}
	return false
}

// scenarioSeeds are the shipped scenarios, variants of them as editors and
// transfers mangle files, and hostile files.
func scenarioSeeds(tb testing.TB) [][]byte {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "scenarios", "*.yaml"))
	require.NoError(tb, err)
	require.NotEmpty(tb, files)
	var seeds [][]byte
	for _, name := range files {
		data, err := os.ReadFile(name)
		require.NoError(tb, err)
		seeds = append(seeds, data)
	}
	small := []byte(head + "  - {at: \"2022-09-26 16:05\", as: dsi, do: /crisis open title:x}\n  - {at: \"2022-09-26T16:06:00+02:00\", as: \"@dsi\", do: /log text:y, expect_error: yes}\n")
	var bomb strings.Builder
	bomb.WriteString("name: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 10; i++ {
		bomb.WriteString("n" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [" + strings.TrimSuffix(strings.Repeat("*a"+string(rune('0'+i-1))+", ", 10), ", ") + "]\n")
	}
	seeds = append(seeds,
		small,
		append([]byte("\ufeff"), small...),
		bytes.ReplaceAll(small, []byte("\n"), []byte("\r\n")),
		bytes.ReplaceAll(small, []byte("  "), []byte("\t")),
		bytes.Replace(small, []byte("title:x"), []byte("title:\xff\xfe"), 1),
		bytes.Replace(small, []byte("essai"), []byte("\x00"), 1),
		small[:len(small)/2],
		[]byte(bomb.String()),
		[]byte(head+"  - &s {at: \"2022-09-26 16:05\", as: dsi, do: /crisis open title:x}\n  - *s\n"),
		[]byte("script: "+strings.Repeat("[", 100)+strings.Repeat("]", 100)+"\n"),
		[]byte(strings.Repeat("- ", 100)+"x\n"),
		[]byte("name: x\ntimezone: Mars/Olympus\nscript: []\n"),
		[]byte("name: x\ntimezone: \"\"\nscript: []\n"),
		[]byte(head+"  - {at: \"2022-09-26 16:05\", as: dsi, do: \"  \"}\n"),
		[]byte(head+"  - {at: \"2022-09-26 16:05\", as: dsi, do: x}\n  - {at: \"2022-09-26 16:04\", as: dsi, do: y}\n"),
		[]byte("members: [{id: \"\", capabilities: [root]}]\n"),
		[]byte("? [a]\n: b\n"),
		[]byte("---\n---\n"),
		[]byte(""),
		[]byte("\t"),
	)
	return seeds
}
