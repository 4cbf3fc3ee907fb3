package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// BenchmarkRecentLog reads the last five entries of a crisis's log of
// 2,000, as every /crisis status does for the board's last section.
func BenchmarkRecentLog(b *testing.B) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "t.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	at := time.Date(2022, 9, 26, 16, 5, 0, 0, time.UTC)
	err = db.Update(ctx, func(tx crisis.Tx) error {
		c := crisis.Crisis{Title: "Intrusion", State: crisis.Open, OpenedAt: at, OpenedBy: "dsi"}
		if err := tx.CreateCrisis(&c); err != nil {
			return err
		}
		op := crisis.NewOp(tx, at, crisis.Member{Name: "dsi"}, nil)
		for i := range 2000 {
			if _, err := op.Log(c, crisis.LogNote, at, fmt.Sprintf("Constat %d : le serveur de fichiers ne répond plus", i)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
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
