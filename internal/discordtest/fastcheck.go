package discordtest

import (
	"encoding/json"
	"fmt"
	"math/big"
	"regexp"
	"strconv"
	"strings"
)

// A fast check of request bodies: the verdict alone (valid or not), for
// the keywords Discord's description uses, compiled from the same document
// as the schema library's. The library stays the authority: a body the fast
// check refuses is checked again by the library, whose problems are
// reported; and, unless the double is told otherwise (WithoutCrossCheck),
// a body it accepts is checked by the library too, a disagreement being a
// violation that fails the test. Every test that uses the double thus checks
// the fast check against the library on every request.
//
// Why: the library builds an error for every failed branch of every union
// and compares numbers through math/big. A reply with 25 suggestions cost
// 440 µs to check; the double runs on the machine of the program the bench
// measures, so that processor was taken from the program under test.

// jsonKind is a bit per JSON type; "integer" is a number that is whole.
type jsonKind uint8

const (
	kNull jsonKind = 1 << iota
	kBool
	kInteger
	kNumber // any number, integers included
	kString
	kArray
	kObject
)

// fnode is one compiled schema. Unset bounds are -1.
type fnode struct {
	types       jsonKind // 0: any type
	props       map[string]*fnode
	required    []string
	addl        *fnode // additionalProperties as a schema
	noAddl      bool   // additionalProperties: false
	maxProps    int
	items       *fnode
	minItems    int
	maxItems    int
	uniqueItems bool
	minLen      int
	maxLen      int
	pattern     *regexp.Regexp
	minimum     *big.Rat
	maximum     *big.Rat
	intEnum     map[int64]bool
	enum        []any
	hasConst    bool
	constV      any
	ref         *fnode
	allOf       []*fnode
	anyOf       []*fnode
	oneOf       []*fnode
}

// annotations are keywords that say nothing of validity, as the library is
// set up here (formats and content are not asserted).
var annotations = map[string]bool{
	"description": true, "title": true, "example": true, "examples": true, "default": true,
	"deprecated": true, "readOnly": true, "writeOnly": true, "format": true,
	"contentEncoding": true, "contentMediaType": true, "x-discord-union": true,
}

// fastCompiler compiles schemas of one document, each JSON pointer once, so
// that recursive references close on themselves.
type fastCompiler struct {
	doc  map[string]any
	done map[string]*fnode
}

func newFastCompiler(doc map[string]any) *fastCompiler {
	return &fastCompiler{doc: doc, done: map[string]*fnode{}}
}

// compile compiles the schema at a pointer ("#/components/schemas/X"); an
// error names a keyword the fast check does not know, and the operation is
// then checked by the library alone.
func (fc *fastCompiler) compile(ptr string) (*fnode, error) {
	if n, ok := fc.done[ptr]; ok {
		return n, nil
	}
	v, err := fc.resolve(ptr)
	if err != nil {
		return nil, err
	}
	n := &fnode{maxProps: -1, minItems: -1, maxItems: -1, minLen: -1, maxLen: -1}
	fc.done[ptr] = n // before the children: a reference back to here finds it
	if err := fc.fill(n, v, ptr); err != nil {
		delete(fc.done, ptr)
		return nil, err
	}
	return n, nil
}

func (fc *fastCompiler) resolve(ptr string) (any, error) {
	rest, ok := strings.CutPrefix(ptr, "#")
	if !ok {
		return nil, fmt.Errorf("reference %q outside the document", ptr)
	}
	var v any = fc.doc
	for _, tok := range strings.Split(strings.TrimPrefix(rest, "/"), "/") {
		if tok == "" {
			continue
		}
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch x := v.(type) {
		case map[string]any:
			v, ok = x[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			ok = err == nil && i >= 0 && i < len(x)
			if ok {
				v = x[i]
			}
		default:
			ok = false
		}
		if !ok {
			return nil, fmt.Errorf("reference %q: no %q", ptr, tok)
		}
	}
	return v, nil
}

func (fc *fastCompiler) fill(n *fnode, v any, ptr string) error {
	switch s := v.(type) {
	case bool:
		if !s {
			return fmt.Errorf("%s: false schema", ptr)
		}
		return nil
	case map[string]any:
		for k, kv := range s {
			if annotations[k] || (strings.HasPrefix(k, "x-") && k != intEnumKeyword) {
				continue
			}
			if err := fc.keyword(n, k, kv, ptr+"/"+escapePtr(k)); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("%s: not a schema", ptr)
}

func (fc *fastCompiler) keyword(n *fnode, k string, v any, at string) error {
	var err error
	switch k {
	case "type":
		n.types, err = kinds(v)
	case "$ref":
		ref, _ := v.(string)
		n.ref, err = fc.compile(ref)
	case "properties":
		m, _ := v.(map[string]any)
		n.props = make(map[string]*fnode, len(m))
		for name := range m {
			if n.props[name], err = fc.compile(at + "/" + escapePtr(name)); err != nil {
				return err
			}
		}
	case "required":
		list, _ := v.([]any)
		for _, r := range list {
			name, _ := r.(string)
			n.required = append(n.required, name)
		}
	case "additionalProperties":
		if b, ok := v.(bool); ok {
			n.noAddl = !b
		} else {
			n.addl, err = fc.compile(at)
		}
	case "items":
		n.items, err = fc.compile(at)
	case "allOf", "anyOf", "oneOf":
		list, _ := v.([]any)
		subs := make([]*fnode, len(list))
		for i := range list {
			if subs[i], err = fc.compile(at + "/" + strconv.Itoa(i)); err != nil {
				return err
			}
		}
		switch k {
		case "allOf":
			n.allOf = subs
		case "anyOf":
			n.anyOf = subs
		default:
			n.oneOf = subs
		}
	case "maxProperties":
		n.maxProps, err = count(v)
	case "minItems":
		n.minItems, err = count(v)
	case "maxItems":
		n.maxItems, err = count(v)
	case "minLength":
		n.minLen, err = count(v)
	case "maxLength":
		n.maxLen, err = count(v)
	case "uniqueItems":
		n.uniqueItems, _ = v.(bool)
	case "pattern":
		p, _ := v.(string)
		n.pattern, err = regexp.Compile(p)
	case "minimum", "maximum":
		num, ok := v.(json.Number)
		r, ok2 := new(big.Rat).SetString(string(num))
		if !ok || !ok2 {
			return fmt.Errorf("%s: not a number", at)
		}
		if k == "minimum" {
			n.minimum = r
		} else {
			n.maximum = r
		}
	case "enum":
		n.enum, _ = v.([]any)
	case "const":
		n.hasConst, n.constV = true, v
	case intEnumKeyword:
		list, _ := v.([]any)
		n.intEnum = make(map[int64]bool, len(list))
		for _, x := range list {
			i, _ := intOf(x)
			n.intEnum[i] = true
		}
	default:
		return fmt.Errorf("%s: keyword %q not known to the fast check", at, k)
	}
	return err
}

func kinds(v any) (jsonKind, error) {
	var names []any
	switch t := v.(type) {
	case string:
		names = []any{t}
	case []any:
		names = t
	}
	var k jsonKind
	for _, nv := range names {
		switch nv {
		case "null":
			k |= kNull
		case "boolean":
			k |= kBool
		case "integer":
			k |= kInteger
		case "number":
			k |= kNumber
		case "string":
			k |= kString
		case "array":
			k |= kArray
		case "object":
			k |= kObject
		default:
			return 0, fmt.Errorf("type %v", nv)
		}
	}
	if k == 0 {
		return 0, fmt.Errorf("type %v", v)
	}
	return k, nil
}

func count(v any) (int, error) {
	num, _ := v.(json.Number)
	i, err := strconv.Atoi(string(num))
	if err != nil || i < 0 {
		return 0, fmt.Errorf("not a count: %v", v)
	}
	return i, nil
}
