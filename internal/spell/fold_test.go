package spell

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFold(t *testing.T) {
	cases := []struct{ in, want string }{
		{"État civil", "etat civil"},
		{"  etat-civil ", "etat civil"},
		{"E\u0301tat_Civil", "etat civil"},
		{"Bibliothe\u0300ques", "bibliotheques"},
		{"l’Œuvre", "l'oeuvre"},
		{"hors  service", "hors service"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, Fold(c.in), c.in)
	}
}
