package playbook

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	exprparser "github.com/expr-lang/expr/parser"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// Playbook is a crisis procedure: roles, questions, and steps with their
// order, conditions and deadlines. The jsonschema tags make the schema that
// editors use; the Go types are its only source.
type Playbook struct {
	ID          string `json:"id" jsonschema:"pattern=^[a-z0-9]+(-[a-z0-9]+)*$" jsonschema_description:"Identifiant unique en minuscules (ex. cyberattaque-collectivite)"`
	Title       string `json:"title" jsonschema:"minLength=1" jsonschema_description:"Intitulé du playbook"`
	Description string `json:"description,omitempty" jsonschema_description:"À quoi sert ce playbook, quand le lancer"`
	Roles       []Role `json:"roles,omitempty" jsonschema_description:"Les rôles de crise que les étapes confient"`
	Facts       []Fact `json:"facts,omitempty" jsonschema_description:"Questions que le tableau de bord pose jusqu'à ce qu'on y réponde (/crisis fact)"`
	Steps       []Step `json:"steps" jsonschema:"minItems=1" jsonschema_description:"Les étapes, dans l'ordre où on les lit"`
	// File is where the playbook was read from.
	File string `json:"-"`
}

// Role is a crisis role a playbook hands steps to.
type Role struct {
	ID          string `json:"id" jsonschema:"pattern=^[a-z0-9]+(-[a-z0-9]+)*$" jsonschema_description:"Identifiant du rôle (ex. dsi)"`
	Name        string `json:"name" jsonschema:"minLength=1" jsonschema_description:"Nom du rôle (ex. Responsable SI)"`
	Description string `json:"description,omitempty" jsonschema_description:"Ce que fait ce rôle"`
}

// Fact is a question the playbook needs answered; its id is a name that
// conditions (when) can read.
type Fact struct {
	ID       string `json:"id" jsonschema:"pattern=^[a-z][a-z0-9_]*$" jsonschema_description:"Nom du fait, utilisable dans when (ex. personal_data)"`
	Question string `json:"question" jsonschema:"minLength=1" jsonschema_description:"La question posée à la cellule"`
}

// Step is one thing to do; it becomes a task when it is ready.
type Step struct {
	ID           string   `json:"id" jsonschema:"pattern=^[a-z0-9]+(-[a-z0-9]+)*$" jsonschema_description:"Identifiant de l'étape (ex. isoler) ; /task done id:isoler"`
	Title        string   `json:"title" jsonschema:"minLength=1" jsonschema_description:"Ce qu'il faut faire"`
	Instructions string   `json:"instructions,omitempty" jsonschema_description:"Comment le faire, en mots simples"`
	Role         string   `json:"role,omitempty" jsonschema_description:"Le rôle qui s'en charge (un id de roles)"`
	Needs        []string `json:"needs,omitempty" jsonschema_description:"Étapes à terminer avant celle-ci"`
	When         string   `json:"when,omitempty" jsonschema_description:"Condition sur les faits (ex. personal_data && !ransom_demanded) ; fausse : l'étape est sautée"`
	Due          Duration `json:"due,omitempty" jsonschema_description:"Délai à partir du moment où l'étape devient prête (30m, 2h, 3d)"`
	Deadline     Duration `json:"deadline,omitempty" jsonschema_description:"Échéance à partir de la détection de l'attaque (72h)"`
	Every        Duration `json:"every,omitempty" jsonschema_description:"Étape récurrente tant que la crise est ouverte (4h)"`
	Draft        string   `json:"draft,omitempty" jsonschema:"enum=status,enum=complaint,enum=breach" jsonschema_description:"Document que l'étape rédige"`
	Checklist    []string `json:"checklist,omitempty" jsonschema_description:"Points à vérifier"`
}

// Duration is a delay written as people write it: 30m, 2h, 3d, 1h30m.
type Duration time.Duration

// ParseDuration reads a playbook duration.
func ParseDuration(s string) (time.Duration, error) { return crisis.ParseDuration(s) }

// BuiltinFacts are the facts every crisis may answer.
var BuiltinFacts = []string{"personal_data", "ransom_demanded", "data_exfiltrated", "encryption", "backups_affected"}

// DraftKinds are the documents a step may draft.
var DraftKinds = []string{"status", "complaint", "breach"}

// Role returns the playbook's role with this id.
func (p *Playbook) Role(id string) (Role, bool) {
	for _, r := range p.Roles {
		if r.ID == id {
			return r, true
		}
	}
	return Role{}, false
}

// Step returns the playbook's step with this id.
func (p *Playbook) Step(id string) (Step, bool) {
	for _, s := range p.Steps {
		if s.ID == id {
			return s, true
		}
	}
	return Step{}, false
}

// KnownFacts lists the facts conditions may read: built-in, then declared.
func (p *Playbook) KnownFacts() []string {
	out := append([]string(nil), BuiltinFacts...)
	for _, f := range p.Facts {
		out = append(out, f.ID)
	}
	return out
}

// Applies evaluates the step's condition on the crisis's facts. A fact is
// true when it was answered yes (yes, oui, true, vrai, 1), false otherwise,
// unanswered included.
func (s Step) Applies(facts map[string]string) (bool, error) {
	if strings.TrimSpace(s.When) == "" {
		return true, nil
	}
	names, err := identifiers(s.When)
	if err != nil {
		return false, err
	}
	env := map[string]any{}
	for _, name := range names {
		env[name] = truthy(facts[name])
	}
	prog, err := expr.Compile(s.When, expr.Env(env), expr.AsBool())
	if err != nil {
		return false, err
	}
	out, err := expr.Run(prog, env)
	if err != nil {
		return false, err
	}
	b, _ := out.(bool)
	return b, nil
}

// compileCondition checks that a condition compiles to true or false
// against facts of the given names.
func compileCondition(when string, env map[string]any) error {
	_, err := expr.Compile(when, expr.Env(env), expr.AsBool())
	return err
}

// identifiers lists the names a condition reads.
func identifiers(when string) ([]string, error) {
	tree, err := exprparser.Parse(when)
	if err != nil {
		return nil, err
	}
	v := &idents{}
	ast.Walk(&tree.Node, v)
	return v.names, nil
}

type idents struct{ names []string }

func (v *idents) Visit(n *ast.Node) {
	if id, ok := (*n).(*ast.IdentifierNode); ok && !slices.Contains(v.names, id.Value) {
		v.names = append(v.names, id.Value)
	}
}

func truthy(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "yes", "oui", "true", "vrai", "1", "y", "o":
		return true
	}
	return false
}

// Set is an immutable set of loaded playbooks.
type Set struct {
	byID map[string]*Playbook
}

// Get returns the playbook with this id.
func (s *Set) Get(id string) (*Playbook, bool) {
	p, ok := s.byID[id]
	return p, ok
}

// List returns the playbooks sorted by id.
func (s *Set) List() []*Playbook {
	out := make([]*Playbook, 0, len(s.byID))
	for _, p := range s.byID {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
