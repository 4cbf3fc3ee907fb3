package discord_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	dt "github.com/tocsin-crisis/tocsin/internal/discordtest"
)

// TestStoryEditedLongDraftKeepsOneAttachment (issue 10, point 10): a draft
// too long for one message carries its text as message.md. Edited to
// another long text, its message must carry the new message.md alone:
// Discord keeps a message's attachments on an edit unless told which to
// keep, so the old text would stay beside the new one.
func TestStoryEditedLongDraftKeepsOneAttachment(t *testing.T) {
	s := start(t)
	s.draftPosted()
	first := "# Point de situation\n" + strings.Repeat("Première version du texte. ", 120)
	second := "# Point de situation\n" + strings.Repeat("Seconde version, relue. ", 120)
	for _, text := range []string{first, second} {
		_, answer := s.answer(dt.ModalSubmit(dt.UserComms, commsRoles, dt.ChannelApprovals, "modal:/draft edit id:1",
			map[string]string{"text": text}))
		require.NotContains(t, answer, "⚠️", "the edit is accepted")
	}
	// The draft's own message, kept by the mirror (not the answers to the
	// edits).
	require.Eventually(t, func() bool {
		for _, m := range s.botPosts(dt.ChannelApprovals) {
			if strings.Contains(m.Content, "Seconde version") && len(customIDs(m)) > 0 {
				if len(m.Attachments) != 1 {
					return false
				}
				return strings.Contains(string(m.Attachments[0].Data), "Seconde version") &&
					!strings.Contains(string(m.Attachments[0].Data), "Première version")
			}
		}
		return false
	}, 10*time.Second, 20*time.Millisecond, "the draft's message carries the second text's message.md, and only it")
	posts := s.botPosts(dt.ChannelApprovals)
	assert.Len(t, posts, 1, "one message for the draft")
}
