package store_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// BenchmarkRecentLog reads the last five entries of a crisis's log of
// 2,000, as every /crisis status does for the board's last section.
func BenchmarkRecentLog(b *testing.B) {
	ctx, db := benchCrisis(b, func(tx crisis.Tx, c crisis.Crisis, at time.Time) error {
		op := crisis.NewOp(tx, at, crisis.Member{Name: "dsi"}, nil)
		for i := range 2000 {
			if _, err := op.Log(c, crisis.LogNote, at, fmt.Sprintf("Constat %d : le serveur de fichiers ne répond plus", i)); err != nil {
				return err
			}
		}
		return nil
	})
	for b.Loop() {
		err := db.View(ctx, func(tx crisis.Tx) error {
			es, err := tx.RecentLog(1, 5)
			if err == nil && len(es) != 5 {
				err = fmt.Errorf("got %d entries, want 5", len(es))
			}
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
