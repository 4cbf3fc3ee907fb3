package command_test

import (
	"archive/zip"
	"bytes"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/draft"
	"github.com/tocsin-crisis/tocsin/internal/openaitest"
)

// TestDocumentsTakeWhatMembersType: whatever a member logs — an emoji, a
// script the fonts lack, combining accents, tabs and newlines, a 100 kB
// paste spread over entries — the complaint is drafted with its PDF and the
// export holds it; one odd character never stops the cell.
func TestDocumentsTakeWhatMembersType(t *testing.T) {
	cases := []struct {
		name  string
		texts []string
		want  string // in the complaint's Markdown, as typed
	}{
		{"emoji", []string{"Rançon demandée 😀"}, "Rançon demandée 😀"},
		{"emoji sequence and flag", []string{"Message signé 👨‍👩‍👧 🇫🇷 ❤️"}, "👨‍👩‍👧"},
		{"combining accents", []string{"Re\u0301seau coupe\u0301 a\u0300 16h"}, "Re\u0301seau"},
		{"tab and newline", []string{"Poste\tcompromis\nsecond ligne"}, "Poste\tcompromis"},
		{"another script", []string{"Note de rançon : 勒索 ، فدية"}, "勒索"},
		{"100 kB paste", paste(), "Journal collé"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := caen(t)
			for _, text := range c.texts {
				h.must("dsi", `/log text:"`+text+`"`)
			}
			r := h.must("agent", `/draft complaint`)
			assert.Contains(t, r.Text, c.want)
			require.Len(t, r.Files, 1, "the complaint comes with its PDF")
			assert.True(t, bytes.HasPrefix(r.Files[0].Content, []byte("%PDF-")), "got %.10q, want a PDF", r.Files[0].Content)

			files := exportFiles(t, h)
			assert.True(t, bytes.HasPrefix(files["documents/1-complaint.pdf"], []byte("%PDF-")), "the export holds the complaint's PDF")
			assert.Contains(t, string(files["documents/1-complaint.md"]), c.want)
		})
	}
}

// paste is a long log pasted in pieces as large as /log takes: 100 kB in
// all, some of it one word with no space to break it.
func paste() []string {
	var out []string
	for i := 0; i < 25; i++ {
		out = append(out, "Journal collé "+strings.Repeat("connexion refusée 😀 ", 150)+strings.Repeat("f", 900))
	}
	return out
}

// TestModelKeyGoesNowhere: a model server that quotes the API key back in
// its 401 leaves it in no reply, no table, no log line and no exported file.
func TestModelKeyGoesNowhere(t *testing.T) {
	const key = "sk-proj-VGhpc0lzQVJlYWxMb29raW5nS2V5"
	h := caen(t)
	var logs bytes.Buffer
	h.env.Log = slog.New(slog.NewTextHandler(&logs, nil))
	model := openaitest.New(t)
	model.Unauthorized()
	h.env.Drafter = &draft.Drafter{Model: draft.NewLLM(draft.LLMConfig{BaseURL: model.URL(), APIKey: key, Model: "test-model", Timeout: time.Second})}

	r := h.must("comm", `/draft status`)
	require.Len(t, model.Requests(), 1, "the model was asked")
	assert.Contains(t, r.Text, "model error 401", "the reply says the model failed")
	assert.NotContains(t, r.Text, key)
	assert.NotContains(t, h.dump(), key, "stored draft versions")
	for _, a := range h.audit() {
		assert.NotContains(t, a.Detail+a.Command, key, "audit trail")
	}
	assert.NotContains(t, logs.String(), key, "log lines")
	for name, content := range exportFiles(t, h) {
		assert.NotContains(t, string(content), key, "exported %s", name)
	}
}

// exportFiles runs /crisis export and opens its zip.
func exportFiles(t *testing.T, h *harness) map[string][]byte {
	t.Helper()
	r := h.must("dsi", `/crisis export`)
	require.Len(t, r.Files, 1)
	zr, err := zip.NewReader(bytes.NewReader(r.Files[0].Content), int64(len(r.Files[0].Content)))
	require.NoError(t, err)
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		require.NoError(t, rc.Close())
		files[f.Name] = b
	}
	return files
}
