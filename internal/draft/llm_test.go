package draft_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/draft"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/openaitest"
)

func newLLM(s *openaitest.Server) *draft.LLM {
	return draft.NewLLM(draft.LLMConfig{BaseURL: s.URL(), APIKey: "test-key", Model: "test-model",
		Timeout: 500 * time.Millisecond, RetryWait: 10 * time.Millisecond})
}

func TestLLMAnswers(t *testing.T) {
	cases := []struct {
		name    string
		script  func(s *openaitest.Server)
		want    string
		wantErr string
		calls   int
	}{
		{"normal", func(s *openaitest.Server) { s.Reply("Bonjour") }, "Bonjour", "", 1},
		{"slow past the timeout", func(s *openaitest.Server) { s.Slow(2*time.Second, "trop tard") }, "", "model timeout after 500ms", 1},
		{"500 then fine", func(s *openaitest.Server) { s.Fail(500, "boom"); s.Reply("Reprise") }, "Reprise", "", 2},
		{"500 twice", func(s *openaitest.Server) { s.Fail(500, "boom"); s.Fail(503, "still") }, "", "model error 503", 2},
		{"429 then fine", func(s *openaitest.Server) { s.Fail(429, "slow down"); s.Reply("Après attente") }, "Après attente", "", 2},
		{"malformed JSON", func(s *openaitest.Server) { s.Malformed() }, "", "malformed model response", 1},
		{"refusal", func(s *openaitest.Server) { s.Refuse() }, "", "model refused", 1},
		{"empty", func(s *openaitest.Server) { s.Reply("   ") }, "", "empty answer", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := openaitest.New(t)
			c.script(s)
			got, err := newLLM(s).Complete(context.Background(), "système", "utilisateur")
			if c.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), c.wantErr)
			} else {
				require.NoError(t, err)
				assert.Equal(t, c.want, got)
			}
			reqs := s.Requests()
			assert.Len(t, reqs, c.calls)
			if len(reqs) > 0 {
				assert.Equal(t, "Bearer test-key", reqs[0].Authorization)
				assert.Equal(t, "test-model", reqs[0].Model)
			}
		})
	}
}

// sheet is a small crisis record with what a public update must not leak.
func sheet() *draft.Sheet {
	paris, _ := time.LoadLocation("Europe/Paris")
	at := time.Date(2022, 9, 26, 16, 0, 0, 0, paris)
	return &draft.Sheet{
		Org:    draft.Org{Name: "Ville de Caen"},
		Crisis: crisis.Crisis{ID: 1, Title: "Intrusion sur la messagerie", DetectedAt: at, OpenedAt: at.Add(5 * time.Minute)},
		Now:    at.Add(17 * time.Hour), Loc: paris, Lang: locale.FR,
		Services: []crisis.Service{
			{Name: "État civil", Status: "degraded", Workaround: "Registres papier"},
			{Name: "Messagerie", Status: "down", Workaround: "Téléphone"},
		},
		Indicators: []crisis.Indicator{{ID: 1, Kind: "ip", Value: "198.51.100.23"}},
		Evidence:   []crisis.Evidence{{ID: 1, Item: "Journaux du pare-feu", Custodian: "Jeanne Martin"}},
		Members:    map[string]crisis.Member{"rssi": {ID: "rssi", Name: "Jeanne Martin"}},
		Facts:      map[string]string{},
	}
}

// TestStatusDraftWithModel: every failure of the model still ends in a
// usable draft from the template, saying why; an answer that invents a
// time and an IP address is flagged.
func TestStatusDraftWithModel(t *testing.T) {
	cases := []struct {
		name       string
		script     func(s *openaitest.Server)
		source     string
		flags      []string
		bodyPrefix string
	}{
		{"normal", func(s *openaitest.Server) {
			s.Reply("# Ville de Caen — point de situation\nL'état civil fonctionne sur registres papier.")
		}, "llm", nil, "# Ville de Caen — point de situation\nL'état civil"},
		{"timeout", func(s *openaitest.Server) { s.Slow(2*time.Second, "trop tard") }, "template (échec du modèle : model timeout", nil, "# Ville de Caen"},
		{"500", func(s *openaitest.Server) { s.Fail(500, "x"); s.Fail(500, "x") }, "template (échec du modèle : model error 500", nil, "# Ville de Caen"},
		{"429", func(s *openaitest.Server) { s.Fail(429, "x"); s.Fail(429, "x") }, "template (échec du modèle : model error 429", nil, "# Ville de Caen"},
		{"malformed", func(s *openaitest.Server) { s.Malformed() }, "template (échec du modèle : malformed", nil, "# Ville de Caen"},
		{"invents a time and an IP", func(s *openaitest.Server) {
			s.Reply("Retour prévu à 14:00. L'attaque venait de 203.0.113.7.")
		}, "llm", []string{"203.0.113.7", "14:00"}, "Retour prévu"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := openaitest.New(t)
			c.script(s)
			d := &draft.Drafter{Model: newLLM(s)}
			res, err := d.Draft(context.Background(), crisis.DraftStatus, sheet(), "public", "insister sur l'état civil")
			require.NoError(t, err, "a model's failure never fails the draft")
			assert.True(t, strings.HasPrefix(res.Source, c.source), "source %q", res.Source)
			assert.True(t, strings.HasPrefix(res.Body, c.bodyPrefix), "body %q", res.Body)
			var flagged []string
			for _, f := range res.Flags {
				flagged = append(flagged, f.Value)
			}
			assert.Equal(t, c.flags, flagged)
			for _, r := range s.Requests() {
				sent := r.Text()
				assert.NotContains(t, sent, "198.51.100.23", "no indicator goes to the model")
				assert.NotContains(t, sent, "Journaux du pare-feu", "no evidence goes to the model")
				assert.NotContains(t, sent, "Jeanne Martin", "no name goes to the model")
				assert.Contains(t, sent, "insister sur l'état civil", "the cell's instructions do")
			}
		})
	}
}

func TestDocumentsNeverGoToTheModel(t *testing.T) {
	s := openaitest.New(t)
	d := &draft.Drafter{Model: newLLM(s)}
	for _, kind := range []crisis.DraftKind{crisis.DraftComplaint, crisis.DraftBreach, crisis.DraftReport} {
		res, err := d.Draft(context.Background(), kind, sheet(), "", "")
		require.NoError(t, err)
		assert.Equal(t, "template", res.Source)
	}
	assert.Empty(t, s.Requests(), "a legal document is assembled, not improvised")
}

// TestModelErrorsHideTheKey: a server that quotes the key back in its error
// (a wrong or revoked key) must not put it in the error, nor in the draft's
// source note that the reply, the database and the export show. The key is
// masked by its value, whatever its shape, and by its shape, whatever the
// server did to it.
func TestModelErrorsHideTheKey(t *testing.T) {
	for _, key := range []string{"sk-proj-Q2hhbmdlTWVOb3cuSXRJc0xlYWtlZA", "cle-du-serveur-local-5f2b9c"} {
		t.Run(key, func(t *testing.T) {
			s := openaitest.New(t)
			s.Unauthorized()
			llm := draft.NewLLM(draft.LLMConfig{BaseURL: s.URL(), APIKey: key, Model: "test-model", Timeout: time.Second})
			_, err := llm.Complete(context.Background(), "système", "utilisateur")
			require.Error(t, err)
			assert.Contains(t, err.Error(), "model error 401", "the error still says what went wrong")
			assert.NotContains(t, err.Error(), key)

			s.Unauthorized()
			res, err := (&draft.Drafter{Model: llm}).Draft(context.Background(), crisis.DraftStatus, sheet(), "public", "")
			require.NoError(t, err)
			assert.Contains(t, res.Source, "model error 401")
			assert.NotContains(t, res.Source, key)
			assert.NotContains(t, res.Body, key)
		})
	}
}

// leakyModel is a model whose errors quote a token, as a careless proxy's
// might.
type leakyModel struct{}

func (leakyModel) Complete(context.Context, string, string) (string, error) {
	return "", errors.New("proxy said: Authorization: Bearer sk-live-0123456789abcdefghij refused")
}

func TestDraftSourceHidesTokens(t *testing.T) {
	res, err := (&draft.Drafter{Model: leakyModel{}}).Draft(context.Background(), crisis.DraftStatus, sheet(), "public", "")
	require.NoError(t, err)
	assert.NotContains(t, res.Source, "sk-live-0123456789abcdefghij")
	assert.Contains(t, res.Source, "proxy said", "the reason itself stays")
}
