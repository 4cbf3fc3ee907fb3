package discordtest

import (
	"encoding/json"
	"fmt"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
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

// kindOf is the JSON type of a value as jsonschema.UnmarshalJSON gives it;
// a whole number is both kInteger and kNumber.
func kindOf(v any) jsonKind {
	switch x := v.(type) {
	case nil:
		return kNull
	case bool:
		return kBool
	case json.Number:
		if _, ok := intOf(x); ok || isWhole(x) {
			return kInteger | kNumber
		}
		return kNumber
	case string:
		return kString
	case []any:
		return kArray
	case map[string]any:
		return kObject
	}
	return 0
}

// isWhole says whether a number too large for int64 is still whole.
func isWhole(n json.Number) bool {
	r, ok := new(big.Rat).SetString(string(n))
	return ok && r.IsInt()
}

// valid is the verdict of n on v.
func (n *fnode) valid(v any) bool {
	k := kindOf(v)
	if n.types != 0 && n.types&k == 0 {
		return false
	}
	if n.hasConst && !jsonEqual(v, n.constV) {
		return false
	}
	if n.enum != nil && !inList(v, n.enum) {
		return false
	}
	if n.intEnum != nil {
		if i, ok := intOf(v); !ok || !n.intEnum[i] {
			return false
		}
	}
	switch x := v.(type) {
	case string:
		if !n.validString(x) {
			return false
		}
	case json.Number:
		if !n.validNumber(x) {
			return false
		}
	case []any:
		if !n.validArray(x) {
			return false
		}
	case map[string]any:
		if !n.validObject(x) {
			return false
		}
	}
	if n.ref != nil && !n.ref.valid(v) {
		return false
	}
	for _, s := range n.allOf {
		if !s.valid(v) {
			return false
		}
	}
	if n.anyOf != nil && !anyValid(n.anyOf, v) {
		return false
	}
	if n.oneOf != nil {
		matched := 0
		for _, s := range n.oneOf {
			if s.valid(v) {
				if matched++; matched > 1 {
					return false
				}
			}
		}
		if matched != 1 {
			return false
		}
	}
	return true
}

func anyValid(subs []*fnode, v any) bool {
	for _, s := range subs {
		if s.valid(v) {
			return true
		}
	}
	return false
}

func (n *fnode) validString(s string) bool {
	if n.minLen >= 0 || n.maxLen >= 0 {
		l := utf8.RuneCountInString(s) // JSON Schema counts code points
		if (n.minLen >= 0 && l < n.minLen) || (n.maxLen >= 0 && l > n.maxLen) {
			return false
		}
	}
	return n.pattern == nil || n.pattern.MatchString(s)
}

func (n *fnode) validNumber(x json.Number) bool {
	if n.minimum == nil && n.maximum == nil {
		return true
	}
	r, ok := new(big.Rat).SetString(string(x))
	if !ok {
		return false
	}
	return (n.minimum == nil || r.Cmp(n.minimum) >= 0) && (n.maximum == nil || r.Cmp(n.maximum) <= 0)
}

func (n *fnode) validArray(a []any) bool {
	if (n.minItems >= 0 && len(a) < n.minItems) || (n.maxItems >= 0 && len(a) > n.maxItems) {
		return false
	}
	if n.items != nil {
		for _, e := range a {
			if !n.items.valid(e) {
				return false
			}
		}
	}
	if n.uniqueItems {
		for i := 1; i < len(a); i++ {
			for j := 0; j < i; j++ {
				if jsonEqual(a[i], a[j]) {
					return false
				}
			}
		}
	}
	return true
}

func (n *fnode) validObject(m map[string]any) bool {
	if n.maxProps >= 0 && len(m) > n.maxProps {
		return false
	}
	for _, r := range n.required {
		if _, ok := m[r]; !ok {
			return false
		}
	}
	for name, pv := range m {
		if p, ok := n.props[name]; ok {
			if !p.valid(pv) {
				return false
			}
			continue
		}
		if n.noAddl || (n.addl != nil && !n.addl.valid(pv)) {
			return false
		}
	}
	return true
}

func inList(v any, list []any) bool {
	for _, e := range list {
		if jsonEqual(v, e) {
			return true
		}
	}
	return false
}

// jsonEqual is JSON Schema's equality: same type, numbers by value, arrays
// in order, objects by their members.
func jsonEqual(a, b any) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case string:
		y, ok := b.(string)
		return ok && x == y
	case json.Number:
		y, ok := b.(json.Number)
		if !ok {
			return false
		}
		if x == y {
			return true
		}
		rx, okx := new(big.Rat).SetString(string(x))
		ry, oky := new(big.Rat).SetString(string(y))
		return okx && oky && rx.Cmp(ry) == 0
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !jsonEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok || !jsonEqual(xv, yv) {
				return false
			}
		}
		return true
	}
	return false
}
