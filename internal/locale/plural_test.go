package locale

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestCounts: a count agrees with its noun — French writes 0 and 1 in the
// singular, English 1 alone — and no message writes « (s) ».
func TestCounts(t *testing.T) {
	cases := []struct {
		lang Lang
		key  string
		args []any
		want string
	}{
		{FR, "reply.task.list", []any{N(0, "count.task")}, "0 tâche :"},
		{FR, "reply.task.list", []any{N(1, "count.task")}, "1 tâche :"},
		{FR, "reply.task.list", []any{N(2, "count.task")}, "2 tâches :"},
		{EN, "reply.task.list", []any{N(0, "count.task")}, "0 tasks:"},
		{EN, "reply.task.list", []any{N(1, "count.task")}, "1 task:"},
		{EN, "reply.task.list", []any{N(2, "count.task")}, "2 tasks:"},
		{FR, "board.tasks", []any{N(0, "count.open"), N(1, "count.taken"), N(0, "count.blocked"), N(2, "count.done")}, "Tâches — 0 à faire, 1 en cours, 0 bloquée, 2 terminées"},
		{FR, "board.tasks", []any{N(2, "count.open"), N(2, "count.taken"), N(1, "count.blocked"), N(1, "count.done")}, "Tâches — 2 à faire, 2 en cours, 1 bloquée, 1 terminée"},
		{EN, "board.tasks", []any{N(0, "count.open"), N(1, "count.taken"), N(2, "count.blocked"), N(1, "count.done")}, "Tasks — 0 to do, 1 in progress, 2 blocked, 1 done"},
		{FR, "deadline.more", []any{N(1, "count.more")}, "… et 1 autre : /task list"},
		{FR, "deadline.more", []any{N(7, "count.more")}, "… et 7 autres : /task list"},
		{EN, "deadline.more", []any{N(7, "count.more")}, "… and 7 more: /task list"},
		{FR, "draft.flagged", []any{N(1, "count.flag")}, "(1 point signalé)"},
		{FR, "draft.flagged", []any{N(3, "count.flag")}, "(3 points signalés)"},
		{EN, "draft.flagged", []any{N(1, "count.flag")}, "(1 flagged item)"},
		{EN, "draft.flagged", []any{N(0, "count.flag")}, "(0 flagged items)"},
		{FR, "reply.crisis.tasks", []any{N(1, "count.task.created")}, "1 tâche créée par le playbook :"},
		{FR, "reply.tasks.new", []any{N(2, "count.task.new")}, "2 nouvelles tâches :"},
		{FR, "reply.role.handed", []any{N(1, "count.task.handed")}, "1 tâche en attente de ce rôle lui est confiée :"},
		{EN, "reply.role.handed", []any{N(2, "count.task.handed")}, "2 tasks waiting for this role are now theirs:"},
		{FR, "reply.crisis.close.confirm", []any{3, N(1, "count.task.open"), N(0, "count.draft.pending"), "-"}, "La crise n° 3 a encore 1 tâche ouverte et 0 brouillon en attente :"},
		{EN, "reply.crisis.close.confirm", []any{3, N(2, "count.task.open"), N(1, "count.draft.pending"), "-"}, "Crisis 3 still has 2 open tasks and 1 pending draft:"},
		{FR, "board.log", []any{N(1, "count.entry")}, "Main courante (1 entrée, les dernières)"},
	}
	for _, c := range cases {
		t.Run(fmt.Sprint(c.lang, " ", c.key, c.args), func(t *testing.T) {
			got := T(c.lang, c.key, c.args...)
			assert.True(t, strings.HasPrefix(got, c.want), "got %q, want %q", got, c.want)
		})
	}

	// A user error keeps its count until its reader's language is known.
	err := Errorf(nil, "err.playbook.reload", N(1, "count.error"), "a.yaml:1:1: x", 3)
	fr, _ := Message(FR, err)
	assert.True(t, strings.HasPrefix(fr, "rechargement refusé, 1 erreur :"), "got %q", fr)
	assert.True(t, strings.HasPrefix(err.Error(), "reload refused, 1 error:"), "got %q", err.Error())
}

// TestCountKeys: every counted phrase has both forms, and no message
// leaves the agreement to the reader with « (s) ».
func TestCountKeys(t *testing.T) {
	for key, m := range catalog {
		assert.NotContains(t, m.FR, "(s)", "%s: got %q, want a Count", key, m.FR)
		assert.NotContains(t, m.EN, "(s)", "%s: got %q, want a Count", key, m.EN)
		if base, ok := strings.CutSuffix(key, ".one"); ok && strings.HasPrefix(key, "count.") {
			assert.True(t, Has(base+".other"), "%s has no .other", key)
		}
		if base, ok := strings.CutSuffix(key, ".other"); ok && strings.HasPrefix(key, "count.") {
			assert.True(t, Has(base+".one"), "%s has no .one", key)
		}
	}
}
