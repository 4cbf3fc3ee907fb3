// Package publish writes approved status updates where the public can get
// them: a folder of Markdown and plain-text files ready to paste into the
// website or social networks.
package publish

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/tocsin-crisis/tocsin/internal/atomicfile"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// Folder writes approved status updates into Dir.
type Folder struct {
	Dir string
}

// Write stores an approved status update as NUMBER-status.md and
// NUMBER-status.txt. Each file appears whole or not at all: a full disk
// leaves no half update for someone to post.
func (f Folder) Write(d crisis.Draft) error {
	if err := os.MkdirAll(f.Dir, 0o755); err != nil {
		return fmt.Errorf("publication folder %s: %w", f.Dir, err)
	}
	base := filepath.Join(f.Dir, fmt.Sprintf("%d-%s", d.ID, d.Kind))
	if err := writeFile(base+".md", d.Current.Body); err != nil {
		return err
	}
	return writeFile(base+".txt", PlainText(d.Current.Body))
}

// writeFile replaces path with content, atomically.
func writeFile(path, content string) error {
	return atomicfile.WriteFile(path, []byte(content), 0o644)
}
