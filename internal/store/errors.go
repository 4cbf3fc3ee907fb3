package store

import (
	"errors"
	"fmt"
	"syscall"

	"github.com/mattn/go-sqlite3"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// storageError turns SQLite's failures of the disk itself (full, read-only,
// failing) into a crisis.ErrUnavailable error whose *locale.Error tells the
// user the cause in one line, and whose text keeps SQLite's words for the
// logs and the audit trail. Other errors come back unchanged.
func storageError(err error) error {
	if err == nil || errors.Is(err, crisis.ErrUnavailable) {
		return err
	}
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return err
	}
	var key string
	switch {
	case se.Code == sqlite3.ErrFull, se.SystemErrno == syscall.ENOSPC, se.SystemErrno == syscall.EDQUOT:
		// ENOSPC also comes as SQLITE_IOERR when the -shm cannot grow.
		key = "err.storage.full"
	case se.Code == sqlite3.ErrReadonly, se.SystemErrno == syscall.EROFS:
		key = "err.storage.readonly"
	case se.Code == sqlite3.ErrIoErr:
		key = "err.storage.io"
	default:
		return err
	}
	return fmt.Errorf("%w: %w", locale.Errorf(crisis.ErrUnavailable, key), err)
}
