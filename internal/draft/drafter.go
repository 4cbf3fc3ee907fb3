package draft

import (
	"context"
	"fmt"
	"strings"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/secret"
)

// Completer is a language model: it answers a system and a user message.
type Completer interface {
	Complete(ctx context.Context, system, user string) (string, error)
}

// Drafter writes drafts: from templates always, with a model's prose for
// status updates when one is configured.
type Drafter struct {
	Model Completer // nil: templates only
}

// Result is a drafted text, ready to be proposed.
type Result struct {
	Body    string
	Source  string        // "template", "llm", or "template (model failed: …)"
	Flags   []crisis.Flag // what the fact check found, and what is missing
	Missing []string
}

// Draft writes a document of the given kind from the sheet. It never fails
// for the model's sake: a model that times out, errs or refuses leaves the
// template's text, and the result says so.
func (d *Drafter) Draft(ctx context.Context, kind crisis.DraftKind, s *Sheet, audience, instructions string) (Result, error) {
	body, missing, err := Render(kind, s, audience, instructions)
	if err != nil {
		return Result{}, err
	}
	res := Result{Body: body, Source: "template", Missing: missing}
	// Only the status update's prose is the model's to write: a legal
	// document is assembled, not improvised.
	if kind == crisis.DraftStatus && d.Model != nil {
		text, err := d.Model.Complete(ctx, systemPrompt(s.Lang, audience), userPrompt(s.Lang, body, instructions))
		if err != nil {
			// The note is shown and kept: whatever model is plugged in,
			// nothing shaped like a key or token goes into it.
			res.Source = "template (" + modelFailed(s.Lang) + secret.Redact(err.Error()) + ")"
		} else {
			res.Body, res.Source = strings.TrimSpace(text)+"\n", "llm"
		}
	}
	res.Flags = Check(s, res.Body, missing)
	return res, nil
}

// Check runs the fact check of a text against the sheet, adding a flag for
// each item a template could not fill.
func Check(s *Sheet, body string, missing []string) []crisis.Flag {
	// The record and the body share most of their pieces: each is read once.
	flags := checkAgainst(s, body)
	// The check reads the gaps the template marked, as a model's text
	// keeps them: each missing item is listed once, not once per mention.
	seen := map[string]bool{}
	out := flags[:0]
	for _, f := range flags {
		if f.Kind == "missing" {
			if seen[f.Value] {
				continue
			}
			seen[f.Value] = true
		}
		out = append(out, f)
	}
	for _, m := range missing {
		if !seen[m] {
			seen[m] = true
			out = append(out, crisis.Flag{Kind: "missing", Value: m})
		}
	}
	return out
}

func modelFailed(lang locale.Lang) string {
	if lang == locale.EN {
		return "the model failed: "
	}
	return "échec du modèle : "
}

// systemPrompt sets the rules of crisis communication for the model.
func systemPrompt(lang locale.Lang, audience string) string {
	if lang == locale.EN {
		return fmt.Sprintf(`You write a public status update for a local authority hit by a cyberattack, for this audience: %s.
Rules: plain words a resident understands; no technical detail of the attack (no addresses, no malware names, no systems' names beyond the services listed); no promise of a return date; say which services are affected and what to do instead, what still works, what people should do, and when the next update comes.
Use only the facts of the draft you are given: never add a time, date, number, address, name or link that is not in it. Keep its Markdown headings. Answer with the update only.`, audience)
	}
	return fmt.Sprintf(`Tu rédiges un point de situation public pour une collectivité victime d'une cyberattaque, destiné à ce public : %s.
Règles : des mots simples qu'un habitant comprend ; aucun détail technique de l'attaque (ni adresse, ni nom de logiciel malveillant, ni nom de système au-delà des services cités) ; aucune promesse de date de retour ; dis quels services sont touchés et quoi faire à la place, ce qui fonctionne, ce que les gens doivent faire, et quand vient le prochain point.
N'utilise que les faits du brouillon fourni : n'ajoute jamais une heure, une date, un nombre, une adresse, un nom ou un lien qui n'y figure pas. Garde ses titres Markdown. Réponds par le point de situation seul.`, audience)
}

// userPrompt hands the model the template's draft — which holds no
// indicator, evidence or personal name — and the cell's instructions.
func userPrompt(lang locale.Lang, body, instructions string) string {
	head, instr := "Brouillon à réécrire :", "Consignes de la cellule : "
	if lang == locale.EN {
		head, instr = "Draft to rewrite:", "The cell's instructions: "
	}
	p := head + "\n\n" + body
	if instructions != "" {
		p += "\n" + instr + instructions + "\n"
	}
	return p
}

// HasModel reports whether d drafts with a model; a nil Drafter drafts from
// templates only.
func (d *Drafter) HasModel() bool { return d != nil && d.Model != nil }
