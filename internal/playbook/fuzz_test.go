package playbook_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/playbook"
	"github.com/tocsin-crisis/tocsin/playbooks"
)

// FuzzParse feeds arbitrary bytes to the parser `tocsin playbook validate`
// uses: it never panics, a refusal is a list of one-line errors, each in
// the file at a line and column, and a playbook it accepts can be drawn.
func FuzzParse(f *testing.F) {
	for _, seed := range playbookSeeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pb, err := playbook.Parse("f.yaml", data)
		if err == nil {
			require.NotNil(t, pb)
			_ = playbook.Graph(pb)
			return
		}
		var list playbook.Errors
		require.True(t, errors.As(err, &list), "got %T, want playbook.Errors", err)
		require.NotEmpty(t, list)
		// YAML places the end of a file that lacks its final newline at the
		// start of the line after: "---" ends at 2:1.
		lines := lineBreaks(data) + 2
		for _, e := range list {
			if e.File != "f.yaml" || e.Line < 1 || e.Line > lines || e.Col < 1 {
				t.Fatalf("got an error at %s:%d:%d, want f.yaml at a line from 1 to %d (one past the end) and a column from 1: %s", e.File, e.Line, e.Col, lines, e.Msg)
			}
			if strings.Contains(e.Error(), "\n") {
				t.Fatalf("got an error on several lines, want one: %q", e.Error())
			}
		}
		_ = list.Pretty()
	})
}

// lineBreaks counts the line breaks YAML knows: \n, \r\n, a lone \r (as
// editors count it too), and NEL, LS and PS.
func lineBreaks(data []byte) int {
	n := bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n"))
	for _, r := range []string{"\u0085", "\u2028", "\u2029"} {
		n += bytes.Count(data, []byte(r))
	}
	return n
}

// playbookSeeds are the shipped playbooks, the test files, variants of them
// as editors and transfers mangle files, and hostile files.
func playbookSeeds(tb testing.TB) [][]byte {
	tb.Helper()
	var seeds [][]byte
	shipped, err := fs.Glob(playbooks.FS, "*.yaml")
	require.NoError(tb, err)
	for _, name := range shipped {
		data, err := fs.ReadFile(playbooks.FS, name)
		require.NoError(tb, err)
		seeds = append(seeds, data)
	}
	mistakes, err := os.ReadFile("testdata/five-mistakes.yaml")
	require.NoError(tb, err)
	seeds = append(seeds, mistakes)
	base := seeds[0]
	seeds = append(seeds,
		append([]byte("\ufeff"), base...),                                   // BOM
		bytes.ReplaceAll(base, []byte("\n"), []byte("\r\n")),                // CRLF
		bytes.ReplaceAll(base, []byte("  "), []byte("\t")),                  // tabs for indentation
		bytes.Replace(base, []byte("title:"), []byte("title: \xff\xfe"), 1), // invalid UTF-8
		bytes.Replace(base, []byte("id:"), []byte("id: \x00"), 1),
		base[:len(base)/2], // cut mid-file
		aliasBomb(),
		deepBlocks(100),
		[]byte("id: x\nsteps: "+strings.Repeat("[", 100)+strings.Repeat("]", 100)+"\n"),
		[]byte(strings.Repeat("- ", 100)+"x\n"),
		[]byte("["+strings.Repeat("a,", 25_000)+"]"),
		bytes.Repeat([]byte("---\nid: x\n"), 3),
		[]byte("id: a\ntitle: t\nsteps:\n  - id: s\n    title: s\n    role: r\n    needs: [s]\n    when: personal_data and (not ransom_demanded or \n    due: 99999999999999h\n"),
		[]byte("? [a, b]\n: c\n"),
		[]byte("id: &a x\ntitle: *a\n"),
		[]byte("!!binary aGVsbG8=\n"),
		[]byte("id: x\nsteps: !!map {}\n"),
		[]byte(""),
		[]byte("\t"),
		[]byte("%YAML 1.1\n---\nid: x\n"),
	)
	return seeds
}
