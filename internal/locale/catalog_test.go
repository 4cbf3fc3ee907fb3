package locale

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var verb = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`)

// TestCatalogIsComplete: every message has both languages (log lines are
// French only) and both take the same arguments in the same order.
func TestCatalogIsComplete(t *testing.T) {
	for key, m := range catalog {
		assert.NotEmpty(t, m.FR, "%s has no French", key)
		if m.EN == "" {
			assert.True(t, strings.HasPrefix(key, "log."), "%s has no English", key)
			continue
		}
		assert.Equal(t, verb.FindAllString(m.FR, -1), verb.FindAllString(m.EN, -1), "%s: French and English take different arguments", key)
	}
}

// keyRe finds catalogue keys written in the code. A key that ends with a
// dot is a prefix completed at run time (state., service.), checked by the
// tests that render those values.
var keyRe = regexp.MustCompile(`"((?:err|reply|board|log|state|service|severity|crisis|task|button|help|draft|playbook)\.[a-z0-9_.]*[a-z0-9_])"`)

// TestKeysUsedExist reads the project's Go files for catalogue keys and
// checks that each is in the catalogue, so a typo in a key fails here
// rather than showing the key to a user.
func TestKeysUsedExist(t *testing.T) {
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range keyRe.FindAllStringSubmatch(string(src), -1) {
			if strings.Contains(path, "locale") || isEventKind(m[1]) || isFileName(m[1]) {
				continue
			}
			assert.True(t, Has(m[1]), "%s uses %q, which the catalogue lacks", path, m[1])
		}
		return nil
	})
	require.NoError(t, err)
}

// isFileName spares file names such as "log.md".
func isFileName(s string) bool {
	for _, ext := range []string{".md", ".csv", ".txt", ".pdf", ".zip", ".json", ".yaml"} {
		if strings.HasSuffix(s, ext) {
			return true
		}
	}
	return false
}

// isEventKind spares the crisis package's event names, which look like keys.
func isEventKind(s string) bool {
	switch s {
	case "crisis.opened", "crisis.closed", "task.created", "task.changed", "board.changed", "draft.changed", "draft.published":
		return true
	}
	return false
}
