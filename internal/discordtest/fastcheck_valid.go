package discordtest

import (
	"encoding/json"
	"math/big"
	"unicode/utf8"
)

// The fast check's verdict on a value: fastcheck.go compiles the schemas.

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
