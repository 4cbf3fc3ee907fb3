package crisis

import (
	"context"
	"errors"
	"fmt"
)

// ChainReport is the result of checking one crisis's log.
type ChainReport struct {
	Crisis  Crisis
	Entries int
	Err     error // a *ChainError when the chain is broken; nil when it holds
}

// VerifyLogs checks the hash chain of one crisis's log (crisisID > 0) or of
// every crisis's. A broken chain is a report, not an error: the error is for
// failing to read.
func VerifyLogs(ctx context.Context, s Store, crisisID int64) ([]ChainReport, error) {
	var out []ChainReport
	err := s.View(ctx, func(tx Tx) error {
		var crises []Crisis
		if crisisID > 0 {
			c, err := tx.Crisis(crisisID)
			if errors.Is(err, ErrNotFound) {
				return fmt.Errorf("no crisis %d: %w", crisisID, ErrNotFound)
			} else if err != nil {
				return err
			}
			crises = []Crisis{c}
		} else {
			var err error
			if crises, err = tx.Crises(); err != nil {
				return err
			}
		}
		for _, c := range crises {
			entries, err := tx.Log(c.ID)
			if err != nil {
				return err
			}
			out = append(out, ChainReport{Crisis: c, Entries: len(entries), Err: VerifyChain(entries, c.LogHead)})
		}
		return nil
	})
	return out, err
}
