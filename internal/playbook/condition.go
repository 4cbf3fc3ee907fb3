package playbook

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	exprparser "github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"
)

// maxWhen bounds a condition's length: a real one names a few facts.
const maxWhen = 500

// reservedWords cannot be fact ids: a condition would read them as
// operators or constants, not as the fact.
var reservedWords = []string{"and", "or", "not", "in", "matches", "contains", "true", "false", "nil", "let", "if", "else"}

// conditionError is a problem in a `when`, at a rune offset into it.
type conditionError struct {
	offset int
	msg    string
}

func (e *conditionError) Error() string { return e.msg }

// condition is a compiled `when` and the facts it reads.
type condition struct {
	prog  *vm.Program
	facts []string
}

// conditions caches compiled conditions by their text, so the engine does
// not compile the same few expressions on every command. Bounded, although
// only playbook authors write conditions.
var (
	conditions     sync.Map // string → *condition
	conditionCount atomic.Int32
)

const maxCachedConditions = 1024

// Applies evaluates the step's `when` on the crisis's facts. A fact is true
// when its value is yes, oui, true, vrai or 1 (in any case), false when it
// is anything else or unset. A step without `when` always applies.
func (s Step) Applies(facts map[string]string) (bool, error) {
	if strings.TrimSpace(s.When) == "" {
		return true, nil
	}
	c, err := compileCondition(s.When)
	if err != nil {
		return false, fmt.Errorf("step %s: when %q: %w", s.ID, s.When, err)
	}
	env := make(map[string]any, len(c.facts))
	for _, name := range c.facts {
		env[name] = truthy(facts[name])
	}
	out, err := expr.Run(c.prog, env)
	if err != nil {
		return false, fmt.Errorf("step %s: when %q: %w", s.ID, s.When, err)
	}
	b, _ := out.(bool)
	return b, nil
}

// truthy reads a fact's value as yes or no.
func truthy(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "yes", "oui", "true", "vrai", "1", "y", "o":
		return true
	}
	return false
}

// compileCondition parses, restricts and compiles a `when`, or returns the
// cached result. Its error is a *conditionError.
func compileCondition(when string) (*condition, error) {
	if c, ok := conditions.Load(when); ok {
		return c.(*condition), nil
	}
	facts, err := conditionFacts(when)
	if err != nil {
		return nil, err
	}
	env := make(map[string]any, len(facts))
	for _, f := range facts {
		env[f] = false
	}
	prog, err := expr.Compile(when, expr.Env(env), expr.AsBool())
	if err != nil {
		return nil, exprError("must be true or false: ", err)
	}
	c := &condition{prog: prog, facts: facts}
	if conditionCount.Add(1) <= maxCachedConditions {
		conditions.Store(when, c)
	}
	return c, nil
}

// conditionFacts parses a `when` and lists the facts it names. Only facts,
// true, false, not, and, or, == and != are allowed: a condition says which
// answers bring a step in, and nothing else (no clock, no functions), so it
// reads the same in a replay as on the day.
func conditionFacts(when string) ([]string, error) {
	if len(when) > maxWhen {
		return nil, &conditionError{msg: fmt.Sprintf("`when` is longer than %d characters", maxWhen)}
	}
	tree, err := exprparser.Parse(when)
	if err != nil {
		return nil, exprError("does not parse: ", err)
	}
	var facts []string
	if err := allowed(tree.Node, &facts); err != nil {
		return nil, err
	}
	return facts, nil
}

// exprError turns the expression library's error into a conditionError,
// keeping its offset and dropping its own rendering of the position.
func exprError(prefix string, err error) error {
	var fe *file.Error
	if errors.As(err, &fe) {
		return &conditionError{offset: fe.From, msg: "`when` " + prefix + fe.Message}
	}
	first, _, _ := strings.Cut(err.Error(), "\n")
	return &conditionError{msg: "`when` " + prefix + first}
}

// allowed checks a condition's syntax tree from the top, collecting the
// facts it names, and stops at the first construct a condition may not use.
func allowed(n ast.Node, facts *[]string) error {
	var what string
	switch node := n.(type) {
	case *ast.IdentifierNode:
		if !slices.Contains(*facts, node.Value) {
			*facts = append(*facts, node.Value)
		}
		return nil
	case *ast.BoolNode:
		return nil
	case *ast.UnaryNode:
		if node.Operator == "not" || node.Operator == "!" {
			return allowed(node.Node, facts)
		}
		what = "`" + node.Operator + "`"
	case *ast.BinaryNode:
		switch node.Operator {
		case "and", "or", "&&", "||", "==", "!=":
			if err := allowed(node.Left, facts); err != nil {
				return err
			}
			return allowed(node.Right, facts)
		}
		what = "`" + node.Operator + "`"
	case *ast.CallNode, *ast.BuiltinNode:
		what = "a function call"
	case *ast.StringNode:
		what = "text"
	case *ast.IntegerNode, *ast.FloatNode:
		what = "a number"
	case *ast.MemberNode, *ast.ChainNode:
		what = "a field access"
	default:
		what = "this expression"
	}
	return &conditionError{
		offset: n.Location().From,
		msg:    "`when` may only combine facts with not, and, or, == and !=: " + what + " is not allowed",
	}
}
