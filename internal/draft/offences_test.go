package draft

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// TestOffencesFollowTheRecord: the complaint cites an article only when a
// recorded fact supports it; the intrusion and its attempt always.
func TestOffencesFollowTheRecord(t *testing.T) {
	down := []crisis.Service{{Name: "Messagerie", Status: "down"}}
	cases := []struct {
		name     string
		facts    map[string]string
		services []crisis.Service
		iocs     []crisis.Indicator
		want     []string
	}{
		{"an intrusion and nothing else", nil, nil, nil, []string{"323-1", "323-7"}},
		{"services down", nil, down, nil, []string{"323-1", "323-2", "323-7"}},
		{"services all up", nil, []crisis.Service{{Name: "Messagerie", Status: "up"}}, nil, []string{"323-1", "323-7"}},
		{"files encrypted", map[string]string{"encryption": "oui"}, nil, nil, []string{"323-1", "323-2", "323-3", "323-7"}},
		{"data copied out", map[string]string{"data_exfiltrated": "yes"}, nil, nil, []string{"323-1", "323-3", "323-7"}},
		{"a malicious file", nil, nil, []crisis.Indicator{{Kind: "hash", Value: "e3b0c442"}}, []string{"323-1", "323-3", "323-7"}},
		{"personal data answered no", map[string]string{"personal_data": "non"}, nil, nil, []string{"323-1", "323-7"}},
		{"a ransom", map[string]string{"ransom_demanded": "oui"}, down, nil, []string{"323-1", "323-2", "323-7", "312-1"}},
		{"a fraudulent transfer tried", map[string]string{"fraud_attempted": "oui"}, nil, nil, []string{"323-1", "323-7", "313-1", "313-3"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			facts := map[string]string{}
			for k, v := range c.facts {
				facts[k] = v
			}
			v := view{Sheet: &Sheet{Lang: locale.FR, Facts: facts, Services: c.services, Indicators: c.iocs}}
			var got []string
			for _, o := range v.Offences() {
				got = append(got, o.Article)
			}
			assert.Equal(t, c.want, got)
		})
	}
}
