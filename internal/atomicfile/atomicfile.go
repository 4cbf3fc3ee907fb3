// Package atomicfile writes files that appear complete or not at all: the
// content goes to a temporary file beside the target, is synced to disk, and
// only then takes the target's name. A reader never sees half a backup, half
// a zip or half a status page, and a failure (a full disk, a killed process)
// leaves the target as it was, with no plausible-looking partial file.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrExists is returned by Create when the target already exists.
var ErrExists = fs.ErrExist

// Write writes path through fn, replacing any file already there.
func Write(path string, perm fs.FileMode, fn func(w io.Writer) error) error {
	return write(path, perm, fn, true)
}

// WriteFile writes data to path, replacing any file already there.
func WriteFile(path string, data []byte, perm fs.FileMode) error {
	return Write(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Create writes path through fn and fails with an error matching ErrExists
// when path already exists, even if it appeared while fn was writing.
func Create(path string, perm fs.FileMode, fn func(w io.Writer) error) error {
	return write(path, perm, fn, false)
}

// Temp returns the name of a new empty file beside path, for writers that
// need a name rather than an io.Writer (SQLite's VACUUM INTO). The caller
// fills it and hands it to Commit, or removes it.
func Temp(path string) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("create a temporary file beside %s: %w", path, err)
	}
	name := f.Name()
	if err := f.Close(); err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// Commit syncs tmp and gives it the name path (replacing what is there when
// replace is true, else failing with ErrExists). tmp is removed on failure.
func Commit(tmp, path string, replace bool) error {
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return place(tmp, path, replace)
}

func write(path string, perm fs.FileMode, fn func(w io.Writer) error, replace bool) (err error) {
	if !replace {
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("%s: %w", path, ErrExists)
		}
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err := fn(f); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Chmod(perm); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return place(tmp, path, replace)
}

// place gives tmp its final name and syncs the folder, so the new name
// survives a power cut. Without replace, a hard link refuses an existing
// target atomically, where a check then a rename would race.
func place(tmp, path string, replace bool) error {
	defer os.Remove(tmp) // after a link, or after a failure; a no-op after a rename
	if replace {
		if err := os.Rename(tmp, path); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	} else if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", path, ErrExists)
		}
		return fmt.Errorf("write %s: %w", path, err)
	}
	return syncDir(filepath.Dir(path))
}

func syncFile(name string) error {
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync folder %s: %w", dir, err)
	}
	defer d.Close()
	// Some file systems refuse to sync a folder; the rename is done either way.
	_ = d.Sync()
	return nil
}
