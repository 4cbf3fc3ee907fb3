package draft

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

func TestTokens(t *testing.T) {
	got := tokens("Le 26/09/2022 à 16h28, puis 18:00, le 27 septembre 2022 ; IP 198.51.100.23, " +
		"mail attaquant@evil.example, lien https://evil.example/x, 106 000 habitants, 2 serveurs sur 200.")
	var keys []string
	for _, tk := range got {
		keys = append(keys, tk.kind+":"+tk.key)
	}
	assert.ElementsMatch(t, []string{
		"date:2022-09-26", "time:16:28", "time:18:00", "date:2022-09-27", "ip:198.51.100.23",
		"email:attaquant@evil.example", "url:evil.example/x", "number:106000", "number:2", "number:200",
	}, keys)
}

func TestCheckFlagsWhatTheRecordLacks(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	at := time.Date(2022, 9, 26, 16, 0, 0, 0, paris)
	s := &Sheet{
		Org:    Org{Name: "Ville de Caen", Address: "Esplanade Jean-Marie Louvel, 14027 Caen"},
		Crisis: crisis.Crisis{ID: 1, Title: "Intrusion", DetectedAt: at, OpenedAt: at.Add(5 * time.Minute)},
		Now:    at.Add(time.Hour), Loc: paris, Lang: locale.FR,
		Log:        []crisis.LogEntry{{Seq: 1, At: at.Add(28 * time.Minute), RecordedAt: at.Add(30 * time.Minute), Text: "Serveurs isolés, 2 serveurs sur 200 infectés"}},
		Indicators: []crisis.Indicator{{ID: 1, Kind: "ip", Value: "198.51.100.23"}},
		Facts:      map[string]string{},
	}
	a := AllowedFrom(s)
	cases := []struct {
		text string
		want []string
	}{
		{"Attaque détectée le 26/09/2022 à 16h00, serveurs isolés à 16:28.", nil},
		{"2 serveurs sur 200 ; adresse 198.51.100.23 ; plainte sous 72 heures (article 323-1).", nil},
		{"Le 26 septembre, à 16 h 28.", nil},
		{"Retour prévu à 14:00 le 30/09/2022.", []string{"30/09/2022", "14:00"}},
		{"Attaque depuis 203.0.113.9, 5000 comptes touchés.", []string{"203.0.113.9", "5000"}},
		{"Contact: rssi@caen.example https://caen.example/info", []string{"https://caen.example/info", "rssi@caen.example"}},
	}
	for _, c := range cases {
		var got []string
		for _, f := range a.Check(c.text) {
			got = append(got, f.Value)
		}
		assert.Equal(t, c.want, got, "Check(%q)", c.text)
	}
}

func TestSectionNumbersAreNotFacts(t *testing.T) {
	a := Allowed{}
	assert.Empty(t, a.Check("## 8. Contacts\n## 10. Délais\n1. Premier point\n"), "numbering is structure")
	assert.NotEmpty(t, a.Check("8 serveurs touchés"), "a number in a sentence is a fact")
}

// TestCheckReadsItemsWhole: links with or without a scheme, phone numbers
// and street addresses are each one item, without the sentence's
// punctuation, compared with the record's own.
func TestCheckReadsItemsWhole(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	at := time.Date(2022, 9, 26, 16, 0, 0, 0, paris)
	s := &Sheet{
		Org:    Org{Name: "Ville de Caen", Address: "Esplanade Jean-Marie Louvel, 14027 Caen"},
		Crisis: crisis.Crisis{ID: 1, Title: "Intrusion", DetectedAt: at, OpenedAt: at},
		Now:    at, Loc: paris, Lang: locale.FR,
		Facts: map[string]string{
			"site":      "https://caen.fr/info",
			"telephone": "02 31 30 41 00",
			"accueil":   "Accueil au 10 rue Saint-Pierre",
		},
	}
	a := AllowedFrom(s)
	cases := []struct {
		name, text string
		want       []crisis.Flag
	}{
		{"link without a scheme", "Rendez-vous sur www.faux-caen.fr pour payer.", []crisis.Flag{{Kind: "url", Value: "www.faux-caen.fr"}}},
		{"bare domain with a path", "Infos : faux-caen.fr/info.", []crisis.Flag{{Kind: "url", Value: "faux-caen.fr/info"}}},
		{"URL without the full stop", "Voir https://faux.example/a.", []crisis.Flag{{Kind: "url", Value: "https://faux.example/a"}}},
		{"the record's link, written without its scheme", "Voir caen.fr/info.", nil},
		{"the record's link", "Voir https://caen.fr/info.", nil},
		{"versions and decimals are not links", "Version v2.0, 3.5 ; fin.Puis", []crisis.Flag{{Kind: "number", Value: "3.5"}}},
		{"spaced phone number is one item", "Appelez le 02 31 99 99 99.", []crisis.Flag{{Kind: "phone", Value: "02 31 99 99 99"}}},
		{"dotted phone number", "Appelez le 02.31.99.99.99", []crisis.Flag{{Kind: "phone", Value: "02.31.99.99.99"}}},
		{"international phone number", "Appelez le +33 2 31 99 99 99", []crisis.Flag{{Kind: "phone", Value: "+33 2 31 99 99 99"}}},
		{"packed phone number", "Appelez le 0231999999", []crisis.Flag{{Kind: "phone", Value: "0231999999"}}},
		{"the record's phone, spelt otherwise", "Appelez le 02.31.30.41.00 ou +33 2 31 30 41 00.", nil},
		{"street address is one item", "Accueil au 12 rue de l'Église, ouvert.", []crisis.Flag{{Kind: "address", Value: "12 rue de l'Église"}}},
		{"the record's address", "Accueil au 10 rue Saint-Pierre.", nil},
		{"English address", "Meet at 10 Downing Street.", []crisis.Flag{{Kind: "address", Value: "10 Downing Street"}}},
		{"a gap is missing, not invented", "Catégories : **[À COMPLÉTER : catégories de personnes (art. 33(3) a)]**", []crisis.Flag{{Kind: "missing", Value: "catégories de personnes (art. 33(3) a)"}}},
		{"an English gap", "**[TO BE COMPLETED: data_subject_categories]**", []crisis.Flag{{Kind: "missing", Value: "data_subject_categories"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, a.Check(c.text), "Check(%q)", c.text)
		})
	}
}
