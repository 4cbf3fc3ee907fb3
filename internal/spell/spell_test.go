package spell

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSuggest(t *testing.T) {
	cases := []struct {
		in   string
		want string
	}{
		{"nedds", "needs"},
		{"dew", "due"},
		{"asign", "assign"},
		{"explode", ""},
		{"tsk", "task"},
		{"xyz", ""},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, Suggest(c.in, []string{"needs", "due", "assign", "close", "task", "title"}), "Suggest(%q)", c.in)
	}
	assert.Equal(t, 3, Distance("kitten", "sitting"))
}
