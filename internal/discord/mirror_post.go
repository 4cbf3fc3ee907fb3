package discord

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/store"
)

// upsert brings the message that shows key to m in channel: unchanged
// when it already shows m, edited when it exists, posted (and remembered)
// when it does not, or no longer does (deleted by a moderator), or sits in
// another channel. It returns the message's ID.
func (b *Bot) upsert(ctx context.Context, key, channel string, m message) (string, error) {
	m.content = cut(mentions(m.content), maxContent) // members as Discord mentions; allowed_mentions stops pings
	comps := m.components
	if comps == nil {
		comps = []discordgo.MessageComponent{}
	}
	want := fingerprint(m, comps)
	mr := b.mirrorer
	ref, err := b.db.MessageRefOf(ctx, key)
	known := err == nil
	switch {
	case err == nil && ref.Channel == channel:
		mr.mu.Lock()
		same := mr.sent[key] == want
		mr.mu.Unlock()
		if same {
			return ref.Message, nil
		}
		// Discord keeps a message's files on an edit unless told which to
		// keep: keep none, and send the current ones, so a message.md never
		// outlives its text.
		none := []*discordgo.MessageAttachment{}
		_, err = b.s.ChannelMessageEditComplex(&discordgo.MessageEdit{ID: ref.Message, Channel: ref.Channel, Content: &m.content, Components: &comps,
			Files: m.files, Attachments: &none, AllowedMentions: noMentions()}, discordgo.WithContext(ctx))
		if err == nil {
			mr.mu.Lock()
			mr.sent[key] = want
			mr.mu.Unlock()
			return ref.Message, nil
		}
		if discordCode(err) != discordgo.ErrCodeUnknownMessage {
			return "", fmt.Errorf("edit the message of %s: %w", key, err)
		}
		b.log.Info("a message of the mirror was deleted; posting it again", slog.String("object", key))
	case err == nil:
		// Shown in the wrong place (posted before the crisis had its
		// channel, or the approvals channel changed): move it.
		if err := b.s.ChannelMessageDelete(ref.Channel, ref.Message, discordgo.WithContext(ctx)); err != nil && discordCode(err) != discordgo.ErrCodeUnknownMessage {
			b.log.Warn("delete a message shown in the wrong channel", slog.String("object", key), slog.Any("err", err))
		}
	case !errors.Is(err, crisis.ErrNotFound):
		return "", err
	}
	if known {
		// The message is gone or moves: forget it before posting anew.
		// Never shown, there is nothing to forget, and no write to wait for.
		if err := b.db.DeleteMessageRef(ctx, key); err != nil {
			return "", err
		}
	}
	msg, err := b.s.ChannelMessageSendComplex(channel, &discordgo.MessageSend{Content: m.content, Components: comps, Files: m.files, AllowedMentions: noMentions()}, discordgo.WithContext(ctx))
	if err != nil {
		return "", fmt.Errorf("post the message of %s: %w", key, err)
	}
	if err := b.db.SaveMessageRef(ctx, key, store.MessageRef{Channel: channel, Message: msg.ID}); err != nil {
		return "", err
	}
	mr.mu.Lock()
	mr.sent[key] = want
	mr.mu.Unlock()
	return msg.ID, nil
}

// fingerprint sums what a message shows, its cut-off text and files
// included, so an edit that would change nothing is not sent.
func fingerprint(m message, comps []discordgo.MessageComponent) string {
	b, _ := json.Marshal(comps)
	// Written piece by piece: the same sum as of the joined text, without
	// copying a long board twice.
	h := sha256.New()
	for _, part := range []string{m.content, "\x00", m.whole, "\x00"} {
		_, _ = io.WriteString(h, part)
	}
	_, _ = h.Write(b)
	return hex.EncodeToString(h.Sum(nil))
}

// forget drops the record of a message Discord no longer has, so the next
// attempt posts it anew; it returns cause so the job is retried.
func (b *Bot) forget(ctx context.Context, key string, cause error) error {
	if err := b.db.DeleteMessageRef(ctx, key); err != nil {
		return err
	}
	return fmt.Errorf("the message of %s was deleted: %w", key, cause)
}

// discordCode is the JSON error code of a Discord refusal (10008 Unknown
// Message, 50013 Missing Permissions), 0 for anything else.
func discordCode(err error) int {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Message != nil {
		return re.Message.Code
	}
	return 0
}

// retryAfter is how long a 429 that reached the mirror asks it to wait.
func retryAfter(err error) time.Duration {
	var re *discordgo.RESTError
	if !errors.As(err, &re) || re.Response == nil || re.Response.StatusCode != http.StatusTooManyRequests {
		return 0
	}
	var body struct {
		RetryAfter float64 `json:"retry_after"`
	}
	if json.Unmarshal(re.ResponseBody, &body) != nil {
		return 0
	}
	return time.Duration(body.RetryAfter * float64(time.Second))
}

// onceMessage is a message create body with a nonce Discord enforces:
// discordgo's MessageSend has no nonce.
type onceMessage struct {
	Content         string                            `json:"content"`
	Nonce           string                            `json:"nonce,omitempty"`
	EnforceNonce    bool                              `json:"enforce_nonce,omitempty"`
	AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions"`
}

// sendOnce posts content with nonce enforced: posting it again with the
// same nonce (a retry after a lost answer) returns the first message
// rather than a second one.
func (b *Bot) sendOnce(ctx context.Context, channel, content, nonce string, mention ...string) error {
	_, err := b.s.RequestWithBucketID(http.MethodPost, discordgo.EndpointChannelMessages(channel),
		onceMessage{Content: content, Nonce: nonce, EnforceNonce: nonce != "", AllowedMentions: noMentions(mention...)},
		discordgo.EndpointChannelMessages(channel), discordgo.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("post in channel %s: %w", channel, err)
	}
	return nil
}

// publish posts an approved status update in the public channel, once:
// the post is recorded, and its nonce keeps a retry from doubling it. When
// Discord accepted it, the crisis's channel is told.
func (b *Bot) publish(ctx context.Context, crisisID, draftID int64) error {
	if b.cfg.PublicChannel == "" {
		return nil
	}
	key := publicKey(draftID)
	if _, err := b.db.MessageRefOf(ctx, key); err == nil {
		return nil
	} else if !errors.Is(err, crisis.ErrNotFound) {
		return err
	}
	d, _, _, err := b.env.DraftView(ctx, crisisID, draftID, b.env.Lang)
	if err != nil {
		return err
	}
	m := render(command.Reply{Text: d.Current.Body})
	if len(m.files) > 0 {
		// A body too long for one message goes as a file; the nonce is
		// not needed where the record already says it went.
		_, err = b.s.ChannelMessageSendComplex(b.cfg.PublicChannel, &discordgo.MessageSend{Content: m.content, Files: m.files, AllowedMentions: noMentions()}, discordgo.WithContext(ctx))
	} else {
		err = b.sendOnce(ctx, b.cfg.PublicChannel, m.content, fmt.Sprintf("tocsin-p%d", draftID))
	}
	if err != nil {
		return fmt.Errorf("publish update %d: %w", draftID, err)
	}
	if err := b.db.SaveMessageRef(ctx, key, store.MessageRef{Channel: b.cfg.PublicChannel}); err != nil {
		return err
	}
	if channel, err := b.ownChannel(ctx, crisisID); err == nil {
		text := locale.T(b.env.Lang, "reply.published_confirmed", draftID, b.cfg.PublicChannel)
		if err := b.sendOnce(ctx, channel, text, fmt.Sprintf("tocsin-pc%d", draftID)); err != nil {
			b.log.Warn("confirm a publication", slog.Int64("draft", draftID), slog.Any("err", err))
		}
	}
	return nil
}

func publicKey(draftID int64) string { return fmt.Sprintf("public:%d", draftID) }

// Publication says whether an approved update has been posted in the
// public channel (Discord accepted it). Part of the interface with the
// interaction side: an approval answers "approved; publishing", and this
// (or the confirmation the mirror posts in the crisis's channel) tells when
// it is done.
func (b *Bot) Publication(ctx context.Context, draftID int64) (posted bool, err error) {
	_, err = b.db.MessageRefOf(ctx, publicKey(draftID))
	if errors.Is(err, crisis.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// MirrorIdle says whether the mirror has nothing queued or in progress
// (retries waiting on a timer aside), for tests that wait for it.
func (b *Bot) MirrorIdle() bool {
	return b.mirrorer == nil || b.mirrorer.q.idle()
}
