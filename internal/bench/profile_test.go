package bench

import (
	"context"
	"testing"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/draft"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// BenchmarkBoard and BenchmarkComplaint time one section-3 figure each (a
// crisis of 10,000 log entries and 1,000 tasks), for `go test -cpuprofile`:
// the table runs everything at once, which a profile cannot tell apart.
func BenchmarkBoard(b *testing.B) {
	env, _ := filledCrisis(b, 10000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := env.BoardView(context.Background(), 1, locale.FR, 2000); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkComplaint(b *testing.B) {
	ctx := context.Background()
	env, db := filledCrisis(b, 10000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var s *draft.Sheet
		err := db.View(ctx, func(tx crisis.Tx) error {
			c, err := tx.Crisis(1)
			if err == nil {
				s, err = draft.BuildSheet(tx, c, env.Org, benchNow, time.UTC, locale.FR)
			}
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := (&draft.Drafter{}).Draft(ctx, crisis.DraftComplaint, s, "", ""); err != nil {
			b.Fatal(err)
		}
	}
}
