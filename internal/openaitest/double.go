// Package openaitest is a test double of an OpenAI-compatible chat API on
// loopback: tests script its answers (normal, slow, failing, malformed,
// refusing) and read back what the bot sent. It is a test tool only.
package openaitest

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Request is a chat request as the double received it.
type Request struct {
	Model         string    `json:"model"`
	Messages      []Message `json:"messages"`
	Authorization string    `json:"-"`
}

// Message is one message of a chat request.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// Text is every message's content, for assertions about what was sent.
func (r Request) Text() string {
	var b strings.Builder
	for _, m := range r.Messages {
		b.WriteString(m.Content + "\n")
	}
	return b.String()
}

// answer is one scripted response.
type answer struct {
	status     int
	body       string
	delay      time.Duration
	retryAfter string
	// echoKey makes the body from the request: a 401 quoting the key.
	echoKey bool
}

// Server is the double.
type Server struct {
	t    testing.TB
	srv  *httptest.Server
	mu   sync.Mutex
	todo []answer
	reqs []Request
	bad  []string
}

// New starts a double on 127.0.0.1; it stops with the test, and fails it if
// a request was malformed.
func New(t testing.TB) *Server {
	s := &Server{t: t}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("openaitest: listen: %v", err)
	}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	s.srv.Listener = ln
	s.srv.Start()
	t.Cleanup(func() {
		s.srv.CloseClientConnections()
		s.srv.Close()
		for _, b := range s.Problems() {
			t.Errorf("openaitest: %s", b)
		}
	})
	return s
}

// URL is the base address, without /v1.
func (s *Server) URL() string { return s.srv.URL }

// Reply queues a normal answer.
func (s *Server) Reply(content string) {
	s.push(answer{status: 200, body: completion(content, "stop", "")})
}

// Slow queues an answer that comes after d.
func (s *Server) Slow(d time.Duration, content string) {
	s.push(answer{status: 200, body: completion(content, "stop", ""), delay: d})
}

// Fail queues an error answer; a 429 carries Retry-After: 1.
func (s *Server) Fail(status int, message string) {
	a := answer{status: status, body: fmt.Sprintf(`{"error":{"message":%q,"type":"server_error","code":null}}`, message)}
	if status == http.StatusTooManyRequests {
		a.retryAfter = "1"
	}
	s.push(a)
}

// Unauthorized queues a 401 that quotes back the key the request carried,
// as OpenAI's answer to a wrong key does ("Incorrect API key provided:
// sk-…"); some compatible servers quote it whole, which this does, so a
// test can check that the key goes nowhere from there.
func (s *Server) Unauthorized() {
	s.push(answer{status: http.StatusUnauthorized, echoKey: true})
}

// Malformed queues a 200 whose body is not JSON.
func (s *Server) Malformed() {
	s.push(answer{status: 200, body: `{"id": "x", "choices": [ {"message": `})
}

// Refuse queues a refusal, as models signal one.
func (s *Server) Refuse() {
	s.push(answer{status: 200, body: completion("", "content_filter", "I can't help with that.")})
}

// Requests returns the requests received, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.reqs...)
}

// Problems lists malformed requests.
func (s *Server) Problems() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.bad...)
}

func (s *Server) push(a answer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.todo = append(s.todo, a)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet && r.URL.Path == "/v1/models" {
		io.WriteString(w, `{"object":"list","data":[{"id":"test-model","object":"model","owned_by":"tocsin"}]}`)
		return
	}
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
		s.problem("%s %s: not an OpenAI chat route", r.Method, r.URL.Path)
		http.Error(w, `{"error":{"message":"not found"}}`, http.StatusNotFound)
		return
	}
	var req Request
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Model == "" || len(req.Messages) == 0 {
		s.problem("POST %s: body is not a chat request (model and messages): %v", r.URL.Path, err)
		http.Error(w, `{"error":{"message":"bad request"}}`, http.StatusBadRequest)
		return
	}
	req.Authorization = r.Header.Get("Authorization")
	s.mu.Lock()
	s.reqs = append(s.reqs, req)
	a := answer{status: 200, body: completion("Point de situation : rien de nouveau.", "stop", "")}
	if len(s.todo) > 0 {
		a, s.todo = s.todo[0], s.todo[1:]
	}
	s.mu.Unlock()
	if a.echoKey {
		key := strings.TrimPrefix(req.Authorization, "Bearer ")
		b, _ := json.Marshal(map[string]any{"error": map[string]any{
			"message": "Incorrect API key provided: " + key + ". You can find your API key at https://platform.openai.com/account/api-keys.",
			"type":    "invalid_request_error", "param": nil, "code": "invalid_api_key",
		}})
		a.body = string(b)
	}
	if a.delay > 0 {
		select {
		case <-time.After(a.delay):
		case <-r.Context().Done():
			return
		}
	}
	w.Header().Set("Content-Type", "application/json")
	if a.retryAfter != "" {
		w.Header().Set("Retry-After", a.retryAfter)
	}
	w.WriteHeader(a.status)
	io.WriteString(w, a.body)
}

func (s *Server) problem(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bad = append(s.bad, fmt.Sprintf(format, args...))
}

// completion is a chat completion body as the API documents it.
func completion(content, finish, refusal string) string {
	msg := map[string]any{"role": "assistant", "content": content}
	if refusal != "" {
		msg["refusal"] = refusal
	}
	body := map[string]any{
		"id": "chatcmpl-test", "object": "chat.completion", "created": 1664200800, "model": "test-model",
		"choices": []any{map[string]any{"index": 0, "message": msg, "finish_reason": finish}},
		"usage":   map[string]any{"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
	}
	b, _ := json.Marshal(body)
	return string(b)
}
