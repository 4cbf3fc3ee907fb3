package draft

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	openai "github.com/sashabaranov/go-openai"

	"github.com/tocsin-crisis/tocsin/internal/secret"
)

// LLMConfig is an OpenAI-compatible endpoint.
type LLMConfig struct {
	BaseURL    string // "" for OpenAI's; with or without the trailing /v1
	APIKey     string
	Model      string
	Timeout    time.Duration // for the whole answer, retry included; default 20s
	RetryWait  time.Duration // before the one retry; default 1s
	HTTPClient *http.Client
}

// LLM is a model behind an OpenAI-compatible API.
type LLM struct {
	client    *openai.Client
	model     string
	timeout   time.Duration
	retryWait time.Duration
	// secrets masks the key in the errors: a server may quote it back
	// ("Incorrect API key provided: sk-…"), and an error's text ends up in
	// the draft's source note, shown in replies and kept in the export.
	secrets *secret.Set
}

var _ Completer = (*LLM)(nil)

// NewLLM prepares a client; it sends nothing until asked.
func NewLLM(cfg LLMConfig) *LLM {
	oc := openai.DefaultConfig(cfg.APIKey)
	if cfg.BaseURL != "" {
		oc.BaseURL = strings.TrimSuffix(strings.TrimSuffix(cfg.BaseURL, "/"), "/v1") + "/v1"
	}
	if cfg.HTTPClient != nil {
		oc.HTTPClient = cfg.HTTPClient
	}
	model, timeout := cfg.Model, cfg.Timeout
	if model == "" {
		model = openai.GPT4oMini
	}
	if timeout <= 0 {
		timeout = 20 * time.Second
	}
	wait := cfg.RetryWait
	if wait <= 0 {
		wait = time.Second
	}
	return &LLM{client: openai.NewClientWithConfig(oc), model: model, timeout: timeout, retryWait: wait, secrets: secret.New(cfg.APIKey)}
}

// Complete asks the model. It retries once, after a short wait, on a rate
// limit or a server error; a refusal, an
// empty or malformed answer, or running out of time is an error whose text
// says which, for the draft that falls back to its template. No error it
// returns holds the key, nor anything shaped like a key or token.
func (l *LLM) Complete(ctx context.Context, system, user string) (string, error) {
	text, err := l.complete(ctx, system, user)
	if err != nil {
		return "", errors.New(l.secrets.Redact(err.Error()))
	}
	return text, nil
}

func (l *LLM) complete(ctx context.Context, system, user string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, l.timeout)
	defer cancel()
	req := openai.ChatCompletionRequest{
		Model:       l.model,
		Temperature: 0.2,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: system},
			{Role: openai.ChatMessageRoleUser, Content: user},
		},
	}
	var last error
	for attempt := 0; attempt < 2; attempt++ {
		resp, err := l.client.CreateChatCompletion(ctx, req)
		if err == nil {
			return answer(resp)
		}
		last = l.describe(ctx, err)
		if !retryable(err) || attempt == 1 {
			break
		}
		select {
		case <-ctx.Done():
			return "", fmt.Errorf("model timeout after %s", l.timeout)
		case <-time.After(l.retryWait):
		}
	}
	return "", last
}

func answer(resp openai.ChatCompletionResponse) (string, error) {
	if len(resp.Choices) == 0 {
		return "", errors.New("malformed model response: no choice")
	}
	c := resp.Choices[0]
	if c.Message.Refusal != "" || c.FinishReason == openai.FinishReasonContentFilter {
		return "", errors.New("model refused")
	}
	text := strings.TrimSpace(c.Message.Content)
	if text == "" {
		return "", errors.New("model gave an empty answer")
	}
	return text, nil
}

// describe turns the client's error into a short reason. The server's text
// is masked before it is cut short, so no cut can leave half a key.
func (l *LLM) describe(ctx context.Context, err error) error {
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	switch {
	case ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("model timeout after %s", l.timeout)
	case errors.As(err, &apiErr):
		return fmt.Errorf("model error %d: %s", apiErr.HTTPStatusCode, l.shown(apiErr.Message))
	case errors.As(err, &reqErr):
		return fmt.Errorf("model error %d: %s", reqErr.HTTPStatusCode, l.shown(reqErr.Error()))
	}
	return fmt.Errorf("malformed model response: %s", l.shown(err.Error()))
}

// retryable reports whether a second try may succeed.
func retryable(err error) bool {
	status := 0
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	if errors.As(err, &apiErr) {
		status = apiErr.HTTPStatusCode
	} else if errors.As(err, &reqErr) {
		status = reqErr.HTTPStatusCode
	}
	return status == http.StatusTooManyRequests || status >= 500
}

// shown is a server's error text as an error may keep it: masked, its
// first line, at most 200 bytes cut between two characters.
func (l *LLM) shown(s string) string {
	line, _, _ := strings.Cut(l.secrets.Redact(s), "\n")
	if len(line) > 200 {
		cut := 200
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		line = line[:cut]
	}
	return line
}
