package draft

import "github.com/tocsin-crisis/tocsin/internal/crisis"

// Chain is an evidence item's chain of custody as the record holds it,
// first hands first: the complaint shows every hand it went through.
func (s *Sheet) Chain(e crisis.Evidence) []crisis.CustodyLink { return crisis.Chain(e, s.Custody) }

// Holder is who holds an evidence item now, where, and since when.
func (s *Sheet) Holder(e crisis.Evidence) crisis.CustodyLink {
	c := s.Chain(e)
	return c[len(c)-1]
}
