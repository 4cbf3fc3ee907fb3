package draft

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tocsin-crisis/tocsin/internal/contacts"
)

// TestDPOIsTheCellsOfficerNotTheAuthority: the breach notification's
// contact point is the entry naming the cell's data protection officer;
// the CNIL, configured or shipped, is the authority notified and never
// stands for it.
func TestDPOIsTheCellsOfficerNotTheAuthority(t *testing.T) {
	cnil := contacts.Entry{Name: "CNIL", Kind: contacts.KindCNIL, Phone: "01 53 73 22 22", Origin: contacts.FromConfig}
	shipped := contacts.Entry{Name: "CNIL", Kind: contacts.KindCNIL, Origin: contacts.FromNational}
	dpo := contacts.Entry{Name: "Mme Durand, déléguée à la protection des données", Kind: contacts.KindOther, Email: "dpo@ville.example", Origin: contacts.FromConfig}
	short := contacts.Entry{Name: "DPO mutualisé (syndicat)", Kind: contacts.KindProvider, Phone: "02 31 00 00 00", Origin: contacts.FromCommand}
	cases := []struct {
		name string
		dir  []contacts.Entry
		want string
	}{
		{"only the authority", []contacts.Entry{cnil, shipped}, ""},
		{"the officer by title", []contacts.Entry{cnil, dpo}, "Mme Durand, déléguée à la protection des données — dpo@ville.example"},
		{"the officer as DPO", []contacts.Entry{shipped, short}, "DPO mutualisé (syndicat) — 02 31 00 00 00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := &Sheet{Directory: c.dir}
			assert.Equal(t, c.want, s.DPO())
		})
	}
}
