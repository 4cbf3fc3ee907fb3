package contacts_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/contacts"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

func TestValidPhone(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"17", true}, {"02 31 30 41 00", true}, {"02.31.30.41.00", true}, {"+33 2 31 30 41 00", true},
		{"", false}, {"1", false}, {"02-31", false}, {"abc", false}, {"33+2", false}, {"0231 (poste 4)", false},
	} {
		assert.Equal(t, tc.want, contacts.ValidPhone(tc.in), "ValidPhone(%q)", tc.in)
	}
}

func TestValidEmail(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"a@b.fr", true}, {"cert-fr.cossi@ssi.gouv.fr", true},
		{"a@b", false}, {"@b.fr", false}, {"a@@b.fr", false}, {"a@b.", false}, {"a b@c.fr", false}, {"a@.fr", false},
	} {
		assert.Equal(t, tc.want, contacts.ValidEmail(tc.in), "ValidEmail(%q)", tc.in)
	}
}

// TestCheckOneLineEach: each problem is one line naming the field's value.
func TestCheckOneLineEach(t *testing.T) {
	ps := contacts.Entry{Kind: "banque", Phone: "x", Email: "y"}.Check()
	require.Len(t, ps, 4)
	for _, p := range ps {
		for _, lang := range []locale.Lang{locale.FR, locale.EN} {
			m := p.Message(lang)
			assert.NotContains(t, m, "\n")
			assert.Contains(t, m, p.Value)
		}
	}
	assert.Equal(t, `unknown kind of contact "banque": police, cert, provider, insurer, prefecture, cnil, host, official, press, other`, ps[1].Message(locale.EN))
}

func TestParseKindFrench(t *testing.T) {
	for typed, want := range map[string]contacts.Kind{
		"Gendarmerie": contacts.KindPolice, "préfecture": contacts.KindPrefecture, "Hébergeur": contacts.KindHost,
		"assureur": contacts.KindInsurer, "élus": contacts.KindOfficial, "CSIRT": contacts.KindCERT, "insurer": contacts.KindInsurer,
	} {
		got, ok := contacts.ParseKind(typed)
		assert.True(t, ok, typed)
		assert.Equal(t, want, got, typed)
	}
	assert.Equal(t, "assureur", contacts.SuggestKind("asureur", locale.FR))
	assert.Equal(t, "insurer", contacts.SuggestKind("asureur", locale.EN))
}

// TestNationalEntries: every shipped entry names the official page its
// details were checked at, and the day; a detail that could not be checked
// is left out and the note says so.
func TestNationalEntries(t *testing.T) {
	nat := contacts.National()
	require.NotEmpty(t, nat)
	names := map[string]bool{}
	for _, e := range nat {
		names[e.Name] = true
		assert.Empty(t, e.Check(), e.Name)
		u, err := url.Parse(e.Source)
		require.NoError(t, err, e.Name)
		assert.Equal(t, "https", u.Scheme, "%s: source %q", e.Name, e.Source)
		assert.True(t, strings.HasSuffix(u.Host, ".gouv.fr") || strings.HasSuffix(u.Host, "cnil.fr"), "%s: got source %s, want an official page", e.Name, u.Host)
		_, err = time.Parse("2006-01-02", e.Checked)
		assert.NoError(t, err, "%s: checked %q", e.Name, e.Checked)
		assert.NotEmpty(t, e.Note, e.Name)
		assert.NotEmpty(t, e.NoteEN, e.Name)
		assert.Equal(t, contacts.FromNational, e.Origin)
	}
	for _, want := range []string{"Police secours (17)", "17Cyber", "CERT-FR (ANSSI)", "CNIL"} {
		assert.True(t, names[want], "got no entry %q", want)
	}
}

func TestDirectoryOrderAndKey(t *testing.T) {
	dir := contacts.Directory(
		[]contacts.Entry{{Name: "Assureur", Kind: contacts.KindInsurer, Phone: "01 00 00 00 00"}, {Name: "Mairie presse", Kind: contacts.KindPress, Phone: "01 00 00 00 01"}},
		[]contacts.Entry{{Name: "Brigade", Kind: contacts.KindPolice, Phone: "02 00 00 00 00"}})
	assert.Equal(t, "Brigade", dir[0].Name, "the cell's own police first")
	var key []string
	for _, e := range contacts.Key(dir) {
		key = append(key, e.Name)
	}
	assert.Equal(t, []string{"Brigade", "Police secours (17)", "CERT-FR (ANSSI)", "Assureur"}, key, "police, CERT, insurer, provider: only those with a way to reach them")
}
