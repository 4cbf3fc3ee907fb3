package playbook

import (
	"slices"
	"time"

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
	Needs        []string `json:"needs,omitempty" jsonschema:"pattern=^[a-z0-9]+(-[a-z0-9]+)*$" jsonschema_description:"Étapes à terminer avant celle-ci"`
	When         string   `json:"when,omitempty" jsonschema_description:"Condition sur les faits (ex. personal_data && !ransom_demanded) ; fausse : l'étape est sautée"`
	Due          Duration `json:"due,omitempty" jsonschema_description:"Délai à partir du moment où l'étape devient prête (30m, 2h, 3d)"`
	Deadline     Duration `json:"deadline,omitempty" jsonschema_description:"Échéance à partir de la détection de l'attaque (72h)"`
	Every        Duration `json:"every,omitempty" jsonschema_description:"Étape récurrente tant que la crise est ouverte (4h)"`
	Draft        string   `json:"draft,omitempty" jsonschema:"enum=status,enum=complaint,enum=breach" jsonschema_description:"Document que l'étape rédige"`
	Checklist    []string `json:"checklist,omitempty" jsonschema:"minLength=1" jsonschema_description:"Points à vérifier"`
}

// Duration is a delay written as people write it: 30m, 2h, 3d, 1h30m.
type Duration time.Duration

// ParseDuration reads a duration as playbooks and commands write it: 30m,
// 2h, 3d, 1h30m. Zero and negative durations are errors.
func ParseDuration(s string) (time.Duration, error) { return crisis.ParseDuration(s) }

// BuiltinFacts are the facts every crisis may answer.
var BuiltinFacts = []string{"personal_data", "ransom_demanded", "data_exfiltrated", "encryption", "backups_affected", "fraud_attempted", "high_risk"}

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

// KnownFacts lists the facts conditions may read: built-in, then declared,
// each once (declaring a built-in fact gives it a question).
func (p *Playbook) KnownFacts() []string {
	out := slices.Clone(BuiltinFacts)
	for _, f := range p.Facts {
		if !slices.Contains(out, f.ID) {
			out = append(out, f.ID)
		}
	}
	return out
}
