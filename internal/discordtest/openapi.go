package discordtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// SpecEnv names the environment variable that points at Discord's OpenAPI
// description when it is not at ../shared/discord/openapi.json beside go.mod.
const SpecEnv = "TOCSIN_DISCORD_OPENAPI"

// errNoSpec says the description file could not be found; New skips on it.
var errNoSpec = errors.New("not found")

// skipNeeds opens the one line a test prints when it skips for want of the
// description; CI looks for it to prove a clone without ../shared passes.
const skipNeeds = "discordtest: needs Discord's API description"

// specURL names the description inside the schema compiler; any URL will do
// as long as every $ref ("#/components/...") resolves against it.
const specURL = "https://discord.test/openapi.json"

// spec is Discord's API description, compiled into what the double checks
// requests against.
type spec struct {
	routes []*route

	// The compiler and document stay for response schemas, compiled on
	// demand by the double's own tests; the compiler is not safe for
	// concurrent use.
	mu        sync.Mutex
	compiler  *jsonschema.Compiler
	doc       map[string]any
	responses map[string]*jsonschema.Schema
}

// route is one path template of the description and its operations.
type route struct {
	template string   // "/channels/{channel_id}/messages", as the file spells it
	segs     []string // the template split on "/"
	ops      map[string]*operation
}

// operation is what a request for one method and path template must satisfy.
type operation struct {
	id       string // operationId, e.g. "create_message"
	method   string
	template string
	params   []*param
	bodyReq  bool
	body     *jsonschema.Schema // the application/json request body, if any
	fast     *fnode             // the body's fast check (fastcheck.go); nil: the library alone
	anonOK   bool               // security allows no token (interaction and webhook-token routes)
}

// param is a path or query parameter.
type param struct {
	name     string
	in       string // "path" or "query"
	required bool
	typ      string // JSON type to read a query string as: "string", "integer", "boolean", "number"
	schema   *jsonschema.Schema
}

var (
	specOnce   sync.Once
	loadedSpec *spec
	specErr    error
)

// loadSpec finds, reads and compiles the description once per process: the
// file is 1.1 MB and compiling its schemas is the slow part of a test.
func loadSpec() (*spec, error) {
	specOnce.Do(func() {
		var path string
		path, specErr = findSpec()
		if specErr != nil {
			return
		}
		var data []byte
		data, specErr = os.ReadFile(path)
		if specErr != nil {
			return
		}
		loadedSpec, specErr = compileSpec(data)
		if specErr != nil {
			specErr = fmt.Errorf("%s: %w", path, specErr)
		}
	})
	return loadedSpec, specErr
}

// needSpec returns the compiled description, or stops the test: a skip
// with one line saying what it needs when the file is absent, a failure when
// it is there but unreadable. It never returns nil.
func needSpec(t T) *spec {
	t.Helper()
	sp, err := loadSpec()
	switch {
	case errors.Is(err, errNoSpec):
		t.Skip(skipNeeds + " (../shared/discord/openapi.json beside the module, or the file " + SpecEnv + " names): " + err.Error())
	case err != nil:
		t.Fatalf("discordtest: loading Discord's API description: %v", err)
	default:
		return sp
	}
	// A T whose Skip or Fatalf returns would get a double with no
	// description and fail later on a nil pointer; say why here instead.
	panic("discordtest: T.Skip or T.Fatalf returned; the double needs a T that stops the test as *testing.T does")
}

// findSpec looks at $TOCSIN_DISCORD_OPENAPI, then for ../shared/discord/openapi.json
// beside the module root (the directory holding go.mod, found walking up).
func findSpec() (string, error) {
	if p := os.Getenv(SpecEnv); p != "" {
		// Set, it is the only place looked at: CI hides ../shared this way.
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%s=%s: %w", SpecEnv, p, errNoSpec)
		}
		return p, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			p := filepath.Join(dir, "..", "shared", "discord", "openapi.json")
			if _, err := os.Stat(p); err != nil {
				return "", fmt.Errorf("%s: %w", filepath.Clean(p), errNoSpec)
			}
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory: %w", errNoSpec)
		}
		dir = parent
	}
}

// compileSpec builds the route table and compiles every request schema.
func compileSpec(data []byte) (*spec, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	root, ok := doc.(map[string]any)
	if !ok {
		return nil, errors.New("not a JSON object")
	}
	patchDocs(root)
	useIntEnums(root)
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.RegisterVocabulary(intEnumVocab)
	c.AssertVocabs()
	if err := c.AddResource(specURL, doc); err != nil {
		return nil, err
	}
	paths, _ := root["paths"].(map[string]any)
	s := &spec{compiler: c, doc: root, responses: map[string]*jsonschema.Schema{}}
	fc := newFastCompiler(root)
	for tmpl, v := range paths {
		item, _ := v.(map[string]any)
		r := &route{template: tmpl, segs: strings.Split(strings.Trim(tmpl, "/"), "/"), ops: map[string]*operation{}}
		shared, _ := item["parameters"].([]any)
		for method, ov := range item {
			if method == "parameters" {
				continue
			}
			opDoc, _ := ov.(map[string]any)
			op, err := compileOperation(c, fc, tmpl, strings.ToUpper(method), opDoc, shared)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", strings.ToUpper(method), tmpl, err)
			}
			r.ops[op.method] = op
		}
		s.routes = append(s.routes, r)
	}
	// A stable order keeps matching deterministic; specificity decides ties.
	sort.Slice(s.routes, func(i, j int) bool { return s.routes[i].template < s.routes[j].template })
	return s, nil
}

func compileOperation(c *jsonschema.Compiler, fc *fastCompiler, tmpl, method string, opDoc map[string]any, shared []any) (*operation, error) {
	op := &operation{method: method, template: tmpl}
	op.id, _ = opDoc["operationId"].(string)
	base := "#/paths/" + escapePtr(tmpl)
	compileParams := func(list []any, at string) error {
		for i, pv := range list {
			pd, _ := pv.(map[string]any)
			p := &param{}
			p.name, _ = pd["name"].(string)
			p.in, _ = pd["in"].(string)
			p.required, _ = pd["required"].(bool)
			sch, err := c.Compile(fmt.Sprintf("%s%s/parameters/%d/schema", specURL, at, i))
			if err != nil {
				return err
			}
			p.schema = sch
			p.typ = paramType(pd["schema"])
			op.params = append(op.params, p)
		}
		return nil
	}
	if err := compileParams(shared, base); err != nil {
		return nil, err
	}
	own, _ := opDoc["parameters"].([]any)
	if err := compileParams(own, base+"/"+strings.ToLower(method)); err != nil {
		return nil, err
	}
	if rb, ok := opDoc["requestBody"].(map[string]any); ok {
		op.bodyReq, _ = rb["required"].(bool)
		content, _ := rb["content"].(map[string]any)
		if _, ok := content["application/json"]; ok {
			ptr := fmt.Sprintf("%s/%s/requestBody/content/application~1json/schema", base, strings.ToLower(method))
			sch, err := c.Compile(specURL + ptr)
			if err != nil {
				return nil, err
			}
			op.body = sch
			op.fast, _ = fc.compile(ptr) // a keyword it does not know: the library alone
		}
	}
	if sec, ok := opDoc["security"].([]any); ok {
		for _, s := range sec {
			if m, ok := s.(map[string]any); ok && len(m) == 0 {
				op.anonOK = true
			}
		}
	} else {
		op.anonOK = true
	}
	return op, nil
}

// paramType reads the JSON type a parameter's schema asks for; references are
// only ever to SnowflakeType, a string, in this file.
func paramType(v any) string {
	m, _ := v.(map[string]any)
	switch t := m["type"].(type) {
	case string:
		return t
	case []any:
		for _, x := range t {
			if s, ok := x.(string); ok && s != "null" {
				return s
			}
		}
	}
	return "string"
}

// patchDocs applies what Discord's documentation says where the file
// disagrees with it (the documentation wins, as the file's README says).
// Permission bit sets are strings in the documentation ("default_member_permissions
// ?string", overwrite "allow string"); discordgo sends them so; the file types
// them as integers in request bodies. Both forms are accepted.
func patchDocs(root map[string]any) {
	comps, _ := root["components"].(map[string]any)
	schemas, _ := comps["schemas"].(map[string]any)
	for _, sv := range schemas {
		sm, _ := sv.(map[string]any)
		props, _ := sm["properties"].(map[string]any)
		for _, name := range []string{"default_member_permissions", "permissions", "allow", "deny"} {
			p, ok := props[name].(map[string]any)
			if !ok || paramType(p) != "integer" {
				continue
			}
			props[name] = map[string]any{"anyOf": []any{p, map[string]any{"type": "string", "pattern": "^[0-9]+$"}}}
		}
	}
}

func escapePtr(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// match finds the operation for a method and an API path with its version
// prefix removed ("/channels/1/messages"). Literal segments beat parameters,
// so /messages/pins is not read as /messages/{message_id}. It returns the
// route even when the method is not described, so the caller can say which.
func (s *spec) match(method, path string) (*route, *operation, map[string]string) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	var best *route
	bestScore := -1
	for _, r := range s.routes {
		if len(r.segs) != len(segs) {
			continue
		}
		score, ok := 0, true
		for i, t := range r.segs {
			switch {
			case strings.HasPrefix(t, "{"):
				if segs[i] == "" {
					ok = false
				}
			case t == segs[i]:
				score |= 1 << (len(segs) - i) // earlier literal segments weigh more
			default:
				ok = false
			}
			if !ok {
				break
			}
		}
		if ok && score > bestScore {
			best, bestScore = r, score
		}
	}
	if best == nil {
		return nil, nil, nil
	}
	vars := map[string]string{}
	for i, t := range best.segs {
		if strings.HasPrefix(t, "{") {
			vars[strings.Trim(t, "{}")] = segs[i]
		}
	}
	return best, best.ops[method], vars
}

// checkParams validates path variables and the query string; it returns one
// line per problem.
func (op *operation) checkParams(vars map[string]string, query map[string][]string) []string {
	var probs []string
	for _, p := range op.params {
		var raw string
		var present bool
		switch p.in {
		case "path":
			raw, present = vars[p.name]
		case "query":
			if vs, ok := query[p.name]; ok && len(vs) > 0 {
				raw, present = vs[0], true
			}
		default:
			continue
		}
		if !present {
			if p.required {
				probs = append(probs, fmt.Sprintf("missing required %s parameter %s", p.in, p.name))
			}
			continue
		}
		v, err := typedParam(raw, p.typ)
		if err != nil {
			probs = append(probs, fmt.Sprintf("%s parameter %s=%q: %v", p.in, p.name, raw, err))
			continue
		}
		if err := p.schema.Validate(v); err != nil {
			for _, line := range schemaProblems(err) {
				probs = append(probs, fmt.Sprintf("%s parameter %s=%q: %s", p.in, p.name, raw, strings.TrimPrefix(line, "at /: ")))
			}
		}
	}
	return probs
}

// typedParam reads a path or query string as the JSON value the schema types.
func typedParam(raw, typ string) (any, error) {
	switch typ {
	case "boolean":
		switch strings.ToLower(raw) {
		case "true", "1":
			return true, nil
		case "false", "0":
			return false, nil
		}
		return nil, errors.New("not a boolean")
	case "integer", "number":
		if _, err := strconv.ParseFloat(raw, 64); err != nil {
			return nil, fmt.Errorf("not a %s", typ)
		}
		return json.Number(raw), nil
	}
	return raw, nil
}

// checkBody validates a JSON body (or a multipart payload_json) against the
// operation's request schema.
//
// With crossCheck, a body the fast check accepts is checked by the library
// as well, and any disagreement between the two is a problem.
func (op *operation) checkBody(body []byte, crossCheck bool) []string {
	if len(bytes.TrimSpace(body)) == 0 {
		if op.bodyReq {
			return []string{"request body required, none sent"}
		}
		return nil
	}
	if op.body == nil {
		return nil
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return []string{"body is not JSON: " + err.Error()}
	}
	fastOK := op.fast != nil && op.fast.valid(v)
	if fastOK && !crossCheck {
		return nil
	}
	if err := op.body.Validate(v); err != nil {
		if fastOK {
			return append([]string{"discordtest: the fast check accepted a body the schema refuses (fastcheck.go)"}, schemaProblems(err)...)
		}
		return schemaProblems(err)
	}
	if op.fast != nil && !fastOK {
		return []string{"discordtest: the fast check refused a body the schema accepts (fastcheck.go)"}
	}
	return nil
}

// checkResponse validates a document the double answers with against the
// operation's response schema for that status, when the description has one.
func (s *spec) checkResponse(op *operation, status int, body any) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := fmt.Sprintf("%s %s %d", op.method, op.template, status)
	sch, ok := s.responses[key]
	if !ok {
		paths, _ := s.doc["paths"].(map[string]any)
		item, _ := paths[op.template].(map[string]any)
		opDoc, _ := item[strings.ToLower(op.method)].(map[string]any)
		resps, _ := opDoc["responses"].(map[string]any)
		resp, _ := resps[strconv.Itoa(status)].(map[string]any)
		content, _ := resp["content"].(map[string]any)
		if _, has := content["application/json"]; has {
			loc := fmt.Sprintf("%s#/paths/%s/%s/responses/%d/content/application~1json/schema",
				specURL, escapePtr(op.template), strings.ToLower(op.method), status)
			var err error
			if sch, err = s.compiler.Compile(loc); err != nil {
				return []string{err.Error()}
			}
		}
		s.responses[key] = sch
	}
	if sch == nil {
		return nil
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return []string{err.Error()}
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return []string{err.Error()}
	}
	if err := sch.Validate(v); err != nil {
		return schemaProblems(err)
	}
	return nil
}
