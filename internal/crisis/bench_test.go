package crisis

import "testing"

// BenchmarkVerifyChain checks a 10,000-entry log, a long crisis.
func BenchmarkVerifyChain(b *testing.B) {
	entries := chain(10000)
	head := entries[len(entries)-1].Hash
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := VerifyChain(entries, head); err != nil {
			b.Fatal(err)
		}
	}
}
