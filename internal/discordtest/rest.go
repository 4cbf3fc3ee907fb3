package discordtest

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// call is one REST request on its way through a handler.
type call struct {
	req   *Request
	op    *operation
	vars  map[string]string
	body  any // the decoded JSON body (numbers as json.Number), nil when none
	files []Attachment
}

// reply is what a handler answers; a nil body is sent as 204 No Content
// unless status says otherwise.
type reply struct {
	status int
	body   any
}

// handler serves one operation of the description, with d.mu held.
type handler func(d *Double, c *call) reply

// handlers maps operationIds to what the double does for them; a described
// operation missing here answers 404 and is recorded as a failure, so a
// test learns the bot used something the double does not fake.
var handlers map[string]handler

func init() {
	handlers = map[string]handler{
		"get_gateway":                         (*Double).getGateway,
		"get_bot_gateway":                     (*Double).getBotGateway,
		"get_my_user":                         (*Double).getMyUser,
		"get_guild":                           (*Double).getGuild,
		"list_guild_roles":                    (*Double).listRoles,
		"get_guild_member":                    (*Double).getMember,
		"list_guild_members":                  (*Double).listMembers,
		"list_guild_channels":                 (*Double).listChannels,
		"create_guild_channel":                (*Double).createChannel,
		"get_channel":                         (*Double).getChannel,
		"update_channel":                      (*Double).updateChannel,
		"create_thread":                       (*Double).createThread,
		"create_thread_from_message":          (*Double).createThreadFromMessage,
		"add_thread_member":                   (*Double).addThreadMember,
		"delete_thread_member":                (*Double).removeThreadMember,
		"get_thread_member":                   (*Double).getThreadMember,
		"list_thread_members":                 (*Double).listThreadMembers,
		"list_guild_application_commands":     (*Double).listCommands,
		"list_application_commands":           (*Double).listCommands,
		"bulk_set_guild_application_commands": (*Double).bulkSetCommands,
		"bulk_set_application_commands":       (*Double).bulkSetCommands,
		"create_message":                      (*Double).createMessage,
		"list_messages":                       (*Double).listMessages,
		"get_message":                         (*Double).getMessage,
		"update_message":                      (*Double).updateMessage,
		"delete_message":                      (*Double).deleteMessage,
		"deprecated_create_pin":               (*Double).pin,
		"create_pin":                          (*Double).pin,
		"deprecated_delete_pin":               (*Double).unpin,
		"delete_pin":                          (*Double).unpin,
		"deprecated_list_pins":                (*Double).listPinsOld,
		"list_pins":                           (*Double).listPins,
		"create_interaction_response":         (*Double).interactionCallback,
		"execute_webhook":                     (*Double).followup,
		"get_original_webhook_message":        (*Double).getWebhookMessage,
		"update_original_webhook_message":     (*Double).editWebhookMessage,
		"delete_original_webhook_message":     (*Double).deleteWebhookMessage,
		"get_webhook_message":                 (*Double).getWebhookMessage,
		"update_webhook_message":              (*Double).editWebhookMessage,
		"delete_webhook_message":              (*Double).deleteWebhookMessage,
	}
}

// maxBody is Discord's upload limit for bots (25 MiB) with room for the JSON.
const maxBody = 26 << 20

func (d *Double) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/gateway" || r.URL.Path == "/gateway/" {
		d.serveGateway(w, r)
		return
	}
	req := &Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: redact(r.Header)}
	body, files, bodyErr := readBody(r)
	if errors.Is(bodyErr, errIncomplete) {
		return
	}
	req.Body, req.Files = body, files
	apiPath, versioned := stripVersion(r.URL.Path)

	if delay := d.takeSlow(apiPath); delay > 0 {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
		}
	}

	// The body is checked against the description before the double's
	// lock is taken: a schema check of a rich message costs a millisecond
	// or more, and under the lock every request of every client waited
	// for it. The description and its compiled schemas are read only.
	var bodyProbs []string
	if bodyErr == nil && versioned {
		if _, op, _ := d.spec.match(r.Method, apiPath); op != nil {
			bodyProbs = op.checkBody(body, !d.cfg.noCrossCheck)
		}
	}

	d.mu.Lock()
	defer d.mu.Unlock()
	req.Time = d.now()
	rep := d.route(req, r, apiPath, versioned, body, bodyProbs, files, bodyErr, w.Header())
	req.Status = rep.status
	d.requests = append(d.requests, *req)
	d.notify()
	writeReply(w, rep)
}

// route checks a request against the description (its body already
// checked: bodyProbs), applies injected failures, then runs the handler;
// d.mu is held.
func (d *Double) route(req *Request, r *http.Request, apiPath string, versioned bool, body []byte, bodyProbs []string, files []Attachment, bodyErr error, h http.Header) reply {
	m, p := req.Method, req.Path
	if !versioned {
		d.violate(m, p, "unknown route: not under /api/v9 or /api/v10")
		return apiError(http.StatusNotFound, 0, "404: Not Found")
	}
	rt, op, vars := d.spec.match(m, apiPath)
	if rt == nil {
		d.violate(m, p, "unknown route: no such path in Discord's API description")
		return apiError(http.StatusNotFound, 0, "404: Not Found")
	}
	req.Route, req.Vars = rt.template, vars
	if op == nil {
		d.violate(m, p, "unknown route: Discord's API description has no %s for %s", m, rt.template)
		return apiError(http.StatusMethodNotAllowed, 0, "405: Method Not Allowed")
	}
	req.Operation = op.id
	c := &call{req: req, op: op, vars: vars, files: files}

	if rep, ok := d.checkAuth(c, r.Header.Get("Authorization")); !ok {
		return rep
	}
	var probs []string
	probs = append(probs, op.checkParams(vars, r.URL.Query())...)
	if bodyErr != nil {
		probs = append(probs, bodyErr.Error())
	} else {
		probs = append(probs, bodyProbs...) // checked before the lock (serveHTTP)
	}
	if f, ok := d.takeFailure(m, apiPath); ok {
		for _, pr := range probs {
			d.violate(m, p, "%s", pr)
		}
		return f.reply(d.now(), h)
	}
	if len(probs) > 0 {
		for _, pr := range probs {
			d.violate(m, p, "%s", pr)
		}
		rep := formError(probs)
		if op.id == "create_interaction_response" {
			d.rejectedCallback(c, body, rep.status)
		}
		return rep
	}
	if len(bytes.TrimSpace(body)) > 0 {
		c.body = decodeNumbers(body)
	}
	hd, ok := handlers[op.id]
	if !ok {
		d.violate(m, p, "not implemented by the Discord double: %s (%s %s)", op.id, m, rt.template)
		return apiError(http.StatusNotFound, 0, "404: Not Found")
	}
	if rep, limited := d.rateLimit(m, rt.template, vars, h); limited {
		return rep
	}
	rep := hd(d, c)
	if d.cfg.checkResponses && rep.body != nil && rep.status < 300 {
		for _, pr := range d.spec.checkResponse(op, rep.status, rep.body) {
			d.violate(m, p, "the double's own response breaks the description: %s", pr)
		}
	}
	return rep
}

// checkAuth refuses what Discord refuses: no token where one is needed, a
// token without its "Bot " prefix, or (WithToken) the wrong token.
func (d *Double) checkAuth(c *call, auth string) (reply, bool) {
	m, p := c.req.Method, c.req.Path
	if auth == "" {
		if c.op.anonOK {
			return reply{}, true
		}
		d.violate(m, p, "no Authorization header")
		return apiError(http.StatusUnauthorized, 0, "401: Unauthorized"), false
	}
	tok, ok := strings.CutPrefix(auth, "Bot ")
	if !ok {
		d.violate(m, p, "Authorization is not a bot token (want the \"Bot \" prefix)")
		return apiError(http.StatusUnauthorized, 0, "401: Unauthorized"), false
	}
	if d.cfg.token != "" && tok != d.cfg.token {
		d.violate(m, p, "Authorization carries the wrong bot token")
		return apiError(http.StatusUnauthorized, 0, "401: Unauthorized"), false
	}
	return reply{}, true
}

// stripVersion removes /api/v9 or /api/v10: the bot's discordgo speaks v9,
// the description v10, and the paths the bot uses are the same in both.
func stripVersion(p string) (string, bool) {
	for _, pre := range []string{"/api/v9/", "/api/v10/"} {
		if rest, ok := strings.CutPrefix(p, pre); ok {
			return "/" + rest, true
		}
	}
	return p, false
}

// readBody returns the JSON body, or for multipart/form-data the
// payload_json part and the files.
// errIncomplete: the request's body never arrived whole, the client
// having gone (a bot that stops aborts what it was sending). Discord never
// sees such a request; neither does the double: it is no violation.
var errIncomplete = errors.New("reading body")

func readBody(r *http.Request) ([]byte, []Attachment, error) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", errIncomplete, err)
	}
	if len(raw) == 0 {
		return nil, nil, nil
	}
	ct := r.Header.Get("Content-Type")
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return raw, nil, fmt.Errorf("body sent with Content-Type %q: %v", ct, err)
	}
	switch mt {
	case "application/json":
		return raw, nil, nil
	case "multipart/form-data":
		return readMultipart(raw, params["boundary"])
	}
	return raw, nil, fmt.Errorf("body sent as %s: the double (like the bot) speaks JSON or multipart/form-data", mt)
}

func readMultipart(raw []byte, boundary string) ([]byte, []Attachment, error) {
	mr := multipart.NewReader(bytes.NewReader(raw), boundary)
	var payload []byte
	var files []Attachment
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return payload, files, fmt.Errorf("multipart body: %v", err)
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return payload, files, fmt.Errorf("multipart body: %v", err)
		}
		name := part.FormName()
		switch {
		case name == "payload_json":
			payload = data
		case strings.HasPrefix(name, "files["):
			files = append(files, Attachment{Field: name, Filename: part.FileName(), ContentType: part.Header.Get("Content-Type"), Data: data})
		default:
			return payload, files, fmt.Errorf("multipart part %q: Discord reads payload_json and files[n] only", name)
		}
	}
	if payload == nil && len(files) == 0 {
		return nil, nil, fmt.Errorf("multipart body without payload_json or files")
	}
	return payload, files, nil
}

// setRateHeaders sends the per-route bucket headers Discord sends; with
// plenty remaining, discordgo never waits on them.
func setRateHeaders(h http.Header, bucket string, now time.Time) {
	sum := sha1.Sum([]byte(bucket))
	h.Set("X-RateLimit-Bucket", hex.EncodeToString(sum[:8]))
	h.Set("X-RateLimit-Limit", "5")
	h.Set("X-RateLimit-Remaining", "4")
	h.Set("X-RateLimit-Reset", strconv.FormatFloat(float64(now.Add(time.Second).UnixMilli())/1000, 'f', 3, 64))
	h.Set("X-RateLimit-Reset-After", "1.000")
}

func writeReply(w http.ResponseWriter, rep reply) {
	if rep.body == nil {
		if rep.status == 0 || rep.status == http.StatusNoContent {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		w.WriteHeader(rep.status)
		return
	}
	b, err := json.Marshal(rep.body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if rep.status == 0 {
		rep.status = http.StatusOK
	}
	w.WriteHeader(rep.status)
	_, _ = w.Write(b)
}

// apiError is Discord's error document: {"message": …, "code": …}.
func apiError(status, code int, msg string) reply {
	return reply{status: status, body: map[string]any{"message": msg, "code": code}}
}

// formError is Discord's 400 for a body it cannot accept (code 50035).
func formError(problems []string) reply {
	errs := make([]any, len(problems))
	for i, p := range problems {
		errs[i] = map[string]any{"code": "DOUBLE_INVALID", "message": p}
	}
	return reply{status: http.StatusBadRequest, body: map[string]any{
		"code": 50035, "message": "Invalid Form Body", "errors": map[string]any{"_errors": errs},
	}}
}

// decodeNumbers decodes JSON keeping numbers exact (snowflakes, flags).
func decodeNumbers(b []byte) any {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil
	}
	return v
}
