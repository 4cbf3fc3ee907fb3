package publish

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

func TestPlainText(t *testing.T) {
	got := PlainText("# Ville de Caen — point de situation\n*26/09/2022 18:30*\n\n## Services perturbés\n- **État civil** : dégradé. En attendant : `registres papier`\n")
	assert.Equal(t, "Ville de Caen — point de situation\n26/09/2022 18:30\n\nServices perturbés\n• État civil : dégradé. En attendant : registres papier\n", got)
}

func TestWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "published")
	d := crisis.Draft{ID: 3, Kind: crisis.DraftStatus, Current: crisis.DraftVersion{Body: "# Titre\n- **a**\n"}}
	require.NoError(t, Folder{Dir: dir}.Write(d))
	md, err := os.ReadFile(filepath.Join(dir, "3-status.md"))
	require.NoError(t, err)
	assert.Equal(t, "# Titre\n- **a**\n", string(md))
	txt, err := os.ReadFile(filepath.Join(dir, "3-status.txt"))
	require.NoError(t, err)
	assert.Equal(t, "Titre\n• a\n", string(txt))
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 2, "no temporary file is left")
}
