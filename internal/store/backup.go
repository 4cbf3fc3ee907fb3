package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/tocsin-crisis/tocsin/internal/atomicfile"
)

// Backup writes a consistent copy of the database to path, which must not
// exist. It is safe while other processes use the database, and works on a
// database opened read-only. The copy appears whole or not at all: it is
// written to a temporary file beside path, synced, then linked to path, so a
// full disk or a killed process leaves no plausible-looking partial backup
// and a second attempt is not refused.
func (s *DB) Backup(ctx context.Context, path string) error {
	// Absolute: VACUUM INTO would read a name starting "file:" as a URI.
	target, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("back up to %s: %w", path, err)
	}
	if err := folderExists(filepath.Dir(target)); err != nil {
		return fmt.Errorf("back up to %s: %w", path, err)
	}
	if _, err := os.Lstat(target); err == nil {
		return fmt.Errorf("back up to %s: %w", path, atomicfile.ErrExists)
	}
	tmp, err := atomicfile.Temp(target)
	if err != nil {
		return fmt.Errorf("back up to %s: %w", path, err)
	}
	// SQLite writes into an empty file as into a new one.
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("back up to %s: %w", path, storageError(err))
	}
	if err := atomicfile.Commit(tmp, target, false); err != nil {
		return fmt.Errorf("back up to %s: %w", path, err)
	}
	return nil
}

// folderExists says plainly when the folder of a new file is missing, where
// the system would only say "no such file or directory".
func folderExists(dir string) error {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("the folder %s does not exist: create it first", dir)
	case err != nil:
		return err
	case !st.IsDir():
		return fmt.Errorf("%s is not a folder", dir)
	}
	return nil
}
