package discordtest

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// printer renders schema errors in English.
var printer = message.NewPrinter(language.English)

// schemaProblems turns a validation error tree into one line per leaf.
// Under anyOf/oneOf, a branch that failed on its discriminator ("type" is
// not its constant) or for not being null was simply not the branch meant;
// such branches are pruned when another branch explains the failure, so a
// 3000-character content reads as one line, not as seven.
func schemaProblems(err error) []string {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []string{err.Error()}
	}
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		causes := e.Causes
		switch e.ErrorKind.(type) {
		case *kind.AnyOf, *kind.OneOf:
			var kept []*jsonschema.ValidationError
			for _, c := range causes {
				if !notMeant(c, e.InstanceLocation) {
					kept = append(kept, c)
				}
			}
			if len(kept) == 0 {
				add(discriminatorLine(e))
				return
			}
			causes = kept
		}
		if len(causes) == 0 {
			add("at " + pointer(e.InstanceLocation) + ": " + e.ErrorKind.LocalizedString(printer))
			return
		}
		for _, c := range causes {
			walk(c)
		}
	}
	walk(ve)
	return out
}

// notMeant says whether a branch failed because it is for another kind of
// value: its "type" constant differs, or it only accepts null.
func notMeant(e *jsonschema.ValidationError, at []string) bool {
	if len(e.Causes) == 0 {
		switch k := e.ErrorKind.(type) {
		case *kind.Const, *kind.Enum:
			return len(e.InstanceLocation) == len(at)+1 && e.InstanceLocation[len(at)] == "type"
		case *kind.Type:
			return len(k.Want) == 1 && k.Want[0] == "null" && len(e.InstanceLocation) == len(at)
		}
		return false
	}
	for _, c := range e.Causes {
		if notMeant(c, at) {
			return true
		}
	}
	return false
}

// discriminatorLine explains a union no branch of which was meant: the
// value's "type" is none of the branches' constants.
func discriminatorLine(e *jsonschema.ValidationError) string {
	var got any
	var want []string
	var collect func(c *jsonschema.ValidationError)
	collect = func(c *jsonschema.ValidationError) {
		switch k := c.ErrorKind.(type) {
		case *kind.Const:
			got = k.Got
			want = append(want, fmt.Sprint(k.Want))
		case *kind.Enum:
			got = k.Got
			for _, w := range k.Want {
				want = append(want, fmt.Sprint(w))
			}
		}
		for _, cc := range c.Causes {
			collect(cc)
		}
	}
	collect(e)
	sort.Slice(want, func(i, j int) bool {
		a, errA := strconv.Atoi(want[i])
		b, errB := strconv.Atoi(want[j])
		if errA == nil && errB == nil {
			return a < b
		}
		return want[i] < want[j]
	})
	// Each branch names the whole set its "type" belongs to as well as its
	// own constants: a value is listed once.
	want = slices.Compact(want)
	if got == nil {
		return "at " + pointer(e.InstanceLocation) + ": matches none of the allowed shapes"
	}
	return fmt.Sprintf("at %s: got %v, want one of %s", pointer(append(e.InstanceLocation[:len(e.InstanceLocation):len(e.InstanceLocation)], "type")), got, strings.Join(want, ", "))
}

func pointer(tokens []string) string {
	if len(tokens) == 0 {
		return "/"
	}
	return "/" + strings.Join(tokens, "/")
}
