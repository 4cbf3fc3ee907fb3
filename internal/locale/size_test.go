package locale

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSize(t *testing.T) {
	cases := []struct {
		n      int
		fr, en string
	}{
		{0, "0 octet", "0 bytes"},
		{1, "1 octet", "1 byte"},
		{512, "512 octets", "512 bytes"},
		{1234, "1,2 ko", "1.2 kB"},
		{96485, "96 ko", "96 kB"},
		{1_260_000, "1,3 Mo", "1.3 MB"},
		{3_000_000_000, "3,0 Go", "3.0 GB"},
	}
	for _, c := range cases {
		assert.Equal(t, c.fr, Size(FR, c.n), "%d in French", c.n)
		assert.Equal(t, c.en, Size(EN, c.n), "%d in English", c.n)
	}
}
