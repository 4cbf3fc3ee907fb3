package command

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

func taskCommands() []*Command {
	return []*Command{
		{
			Name: "task add", NameFR: "tache ajouter", Cap: crisis.CapMember, Crisis: true,
			Desc: d("Créer une tâche", "Create a task"),
			Options: []Option{
				{Name: "title", NameFR: "titre", Required: true, Max: 200, Desc: d("Ce qu'il faut faire", "What is to be done")},
				{Name: "assignee", NameFR: "responsable", Type: MemberID, Max: 80, Desc: d("Qui s'en charge", "Who does it")},
				{Name: "role", Complete: CompleteRole, Max: 64, Desc: d("Rôle qui s'en charge", "Role that does it")},
				{Name: "due", NameFR: "echeance", Type: DueTime, Max: 40, Desc: d("Échéance (HH:MM, 2h, 3d…)", "Due (HH:MM, 2h, 3d…)")},
			},
			Run: taskAdd,
		},
		{
			Name: "task take", NameFR: "tache prendre", Cap: crisis.CapMember, Crisis: true,
			Desc: d("Prendre une tâche", "Take a task"),
			Options: []Option{optTaskRef,
				{Name: "confirm", NameFR: "confirmer", Type: Bool, Desc: d("La prendre même si un autre membre la tient", "Take it even if another member holds it")}},
			Run: taskTake,
		},
		{
			Name: "task assign", NameFR: "tache assigner", Cap: crisis.CapMember, Crisis: true,
			Desc: d("Confier une tâche à un membre", "Give a task to a member"), Options: []Option{optTaskRef, optMember}, Run: taskAssign,
		},
		{
			Name: "task done", NameFR: "tache terminer", Cap: crisis.CapMember, Crisis: true,
			Desc: d("Terminer une tâche", "Finish a task"),
			Options: []Option{optTaskRef,
				{Name: "note", Max: 1000, Desc: d("Ce qui a été fait", "What was done")}},
			Run: taskDone,
		},
		{
			Name: "task block", NameFR: "tache bloquer", Cap: crisis.CapMember, Crisis: true,
			Desc: d("Signaler une tâche bloquée", "Report a task as blocked"),
			Options: []Option{optTaskRef,
				{Name: "reason", NameFR: "raison", Required: true, Max: 1000, Desc: d("Ce qui bloque", "What blocks it")}},
			Run: taskBlock,
		},
		{
			Name: "task list", NameFR: "tache liste", Cap: crisis.CapMember, Crisis: true, ReadOnly: true,
			Desc: d("Lister les tâches", "List tasks"),
			Options: []Option{
				{Name: "member", NameFR: "membre", Type: MemberID, Max: 80, Desc: d("Les tâches de ce membre", "This member's tasks")},
				{Name: "state", NameFR: "etat", Choices: taskStateNames(), Desc: d("État", "State")},
			},
			Run: taskList,
		},
	}
}

func taskStateNames() []string {
	out := make([]string, len(crisis.TaskStates))
	for i, s := range crisis.TaskStates {
		out[i] = string(s)
	}
	return out
}

func taskAdd(c *Call) (Reply, error) {
	t, err := c.Op.AddTask(c.Crisis(), crisis.TaskInput{
		Title: c.Str("title"), Assignee: c.Str("assignee"), Role: c.Str("role"), Due: c.Time("due"),
	})
	if err != nil {
		return Reply{}, err
	}
	return Reply{Text: c.T("reply.task.added") + "\n" + c.taskLine(t), Buttons: c.taskButtons(t)}, nil
}

// withTask resolves the id option and runs fn on the task. It reads the
// task and the tasks fn made, never the crisis's whole list: a task done
// in a crisis of a thousand tasks reads a few rows.
func withTask(c *Call, fn func(crisis.Task) (crisis.Task, error), key string) (Reply, error) {
	t, err := c.findTask(c.Str("id"))
	if err != nil {
		return Reply{}, err
	}
	last, err := c.Op.Tx.LastTaskID()
	if err != nil {
		return Reply{}, err
	}
	t, err = fn(t)
	if err != nil {
		return Reply{}, err
	}
	return Reply{Text: c.T(key) + "\n" + c.taskLine(t) + c.tasksSince(last), Buttons: c.taskButtons(t)}, nil
}

// findTask resolves a task option as Op.FindTask does (its number, or a
// playbook step's id), by an indexed lookup: only a miss goes on to
// Op.FindTask, whose did-you-mean reads the list of steps.
func (c *Call) findTask(ref string) (crisis.Task, error) {
	step := strings.TrimPrefix(strings.TrimSpace(ref), "#")
	if _, err := strconv.ParseInt(step, 10, 64); err != nil {
		t, err := c.Op.Tx.TaskByStep(c.Crisis().ID, step)
		if !errors.Is(err, crisis.ErrNotFound) {
			return t, err
		}
	}
	return c.Op.FindTask(c.Crisis(), ref)
}

// tasksSince lists the tasks numbered above last, made by the command
// (a step done starts the next ones), as newTasks does from a full list.
func (c *Call) tasksSince(last int64) string {
	made, err := c.Op.Tx.TasksAfter(c.Crisis().ID, last)
	if err != nil || len(made) == 0 {
		return ""
	}
	s := "\n" + c.T("reply.tasks.new", locale.N(len(made), "count.task.new"))
	for _, t := range made {
		s += "\n" + c.taskLine(t)
	}
	return s
}

func taskTake(c *Call) (Reply, error) {
	return withTask(c, func(t crisis.Task) (crisis.Task, error) { return c.Op.TakeTask(c.Crisis(), t, c.Bool("confirm")) }, "reply.task.taken")
}

func taskAssign(c *Call) (Reply, error) {
	return withTask(c, func(t crisis.Task) (crisis.Task, error) {
		return c.Op.AssignTask(c.Crisis(), t, c.Str("member"))
	}, "reply.task.assigned")
}

func taskDone(c *Call) (Reply, error) {
	return withTask(c, func(t crisis.Task) (crisis.Task, error) { return c.Op.DoneTask(c.Crisis(), t, c.Str("note")) }, "reply.task.done")
}

func taskBlock(c *Call) (Reply, error) {
	return withTask(c, func(t crisis.Task) (crisis.Task, error) {
		return c.Op.BlockTask(c.Crisis(), t, c.Str("reason"))
	}, "reply.task.blocked")
}

func taskList(c *Call) (Reply, error) {
	f := crisis.TaskFilter{Owner: c.Str("member"), State: crisis.TaskState(c.Str("state"))}
	tasks, err := c.Op.Tx.Tasks(c.Crisis().ID, f)
	if err != nil {
		return Reply{}, err
	}
	if len(tasks) == 0 {
		return Reply{Text: c.T("reply.task.none"), Ephemeral: true}, nil
	}
	lines := []string{c.T("reply.task.list", locale.N(len(tasks), "count.task"))}
	for _, t := range tasks {
		lines = append(lines, c.taskLine(t))
	}
	return Reply{Text: strings.Join(lines, "\n"), Ephemeral: true}, nil
}

// taskLine renders a task on one line: number, step, title, state, owner, due.
func (c *Call) taskLine(t crisis.Task) string {
	var b strings.Builder
	b.Grow(64 + len(t.Title))
	c.writeTaskLine(&b, &t)
	return b.String()
}

// writeTaskLine writes taskLine's text into b: the board writes hundreds of
// lines into one builder, and a string of its own for each, copied again
// into the board, was a third of the board's allocations.
func (c *Call) writeTaskLine(b *strings.Builder, t *crisis.Task) {
	b.WriteString("- ")
	b.WriteString(t.Ref())
	b.WriteByte(' ')
	b.WriteString(t.Title)
	b.WriteString(" — ")
	b.WriteString(c.T("state." + string(t.State)))
	switch {
	case t.Owner != "":
		b.WriteString(", @")
		b.WriteString(t.Owner)
	case t.Role != "":
		b.WriteString(", ")
		b.WriteString(c.T("task.role.waiting", t.Role))
	}
	if !t.Due.IsZero() && t.Active() {
		b.WriteString(", ")
		b.WriteString(c.T("task.due", c.FormatTime(t.Due)))
		if c.Op.Now.After(t.Due) {
			b.WriteByte(' ')
			b.WriteString(c.T("task.overdue"))
		}
	}
	if t.State == crisis.TaskBlocked && t.BlockReason != "" {
		b.WriteString(" — ")
		b.WriteString(t.BlockReason)
	}
}

// taskButtons offers Take and Done under a task that is still active.
func (c *Call) taskButtons(t crisis.Task) []Button {
	if !t.Active() {
		return nil
	}
	id := fmt.Sprint(t.ID)
	return []Button{
		{Label: c.T("button.take"), Command: "/task take id:" + id, Style: Secondary},
		{Label: c.T("button.done"), Command: "/task done id:" + id, Style: Success},
	}
}
