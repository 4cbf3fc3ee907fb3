package replay

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/draft"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/playbook"
	"github.com/tocsin-crisis/tocsin/internal/publish"
	"github.com/tocsin-crisis/tocsin/internal/schedule"
)

// Options are what a replay runs with.
type Options struct {
	Store     crisis.Store
	Playbooks *playbook.Engine
	Drafter   *draft.Drafter
	Lang      locale.Lang // the configured language; a scenario's own lang wins
	Out       string      // the folder for what the replay produced; "" writes nothing
	Log       *slog.Logger
	// StatusPage, when set, is rewritten on every approval of a public
	// update, at the virtual time.
	StatusPage *publish.Site
}

// Result is what a replay did.
type Result struct {
	Transcript string
	Steps      int // steps run
	Failed     *StepError
}

// StepError is a step whose outcome was not the one the script expects.
type StepError struct {
	Step  Step
	File  string
	Reply string
}

func (e *StepError) Error() string {
	want := "failed"
	if e.Step.ExpectError {
		want = "succeeded, but the script expects an error"
	}
	return fmt.Sprintf("%s:%d:%d: step %d (%s) %s: %s", e.File, e.Step.Line, e.Step.Col, e.Step.N, e.Step.Do, want, firstLine(e.Reply))
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// clock is the virtual clock: it moves only when the replay moves it.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

// Run plays the scenario. Between steps the clock stops at every notice
// that falls due, so reminders and escalations appear at their own time.
// It stops at the first step whose outcome is not the expected one.
func Run(ctx context.Context, sc *Scenario, opt Options) (Result, error) {
	if opt.Log == nil {
		opt.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if len(sc.Steps) == 0 {
		return Result{}, fmt.Errorf("%s: the script is empty", sc.File)
	}
	if sc.Lang != "" {
		// The scenario is written for a cell that speaks this language:
		// its members type in it, its documents are checked in it.
		opt.Lang = sc.Lang
	}
	clk := &clock{now: sc.Steps[0].At}
	if err := addMembers(ctx, opt.Store, sc.Members, clk.now); err != nil {
		return Result{}, err
	}
	t := &transcript{loc: sc.Loc, lang: opt.Lang}
	t.head(sc)
	env := &command.Env{
		Store: opt.Store, Table: command.Default(), Now: clk.Now, Loc: sc.Loc, Lang: opt.Lang, Log: opt.Log,
		Playbooks: opt.Playbooks, Drafter: opt.Drafter,
		Org: draft.Org{Name: sc.Org.Name, Address: sc.Org.Address, Representative: sc.Org.Representative, SIREN: sc.Org.SIREN},
	}
	if opt.Out != "" {
		folder := publish.Folder{Dir: opt.Out + "/published"}
		env.Published = func(ctx context.Context, d crisis.Draft) error {
			if err := folder.Write(d); err != nil || opt.StatusPage == nil || !d.Public() {
				return err
			}
			return opt.StatusPage.Refresh(ctx, opt.Store, clk.now)
		}
	}
	sched := &schedule.Scheduler{
		Store: opt.Store, Now: clk.Now, Loc: sc.Loc, Lang: opt.Lang, Policy: schedule.DefaultPolicy, Log: opt.Log,
		Notify: func(_ context.Context, d schedule.Delivery) error { t.notice(clk.now, d); return nil },
	}
	res := Result{}
	// Each member has a session of their own, as at their own console: the
	// crisis one opens does not become another's current crisis.
	current := map[string]int64{}
	for _, st := range sc.Steps {
		if err := catchUp(ctx, sched, clk, st.At); err != nil {
			return res, err
		}
		clk.now = st.At
		actor := strings.TrimPrefix(st.As, "@")
		reply := env.Execute(ctx, command.Request{Line: st.Do, Actor: actor, Lang: opt.Lang, Source: "replay", Crisis: current[actor]})
		current[actor] = reply.SessionCrisis(current[actor])
		t.step(st, reply)
		res.Steps++
		if reply.Failed != st.ExpectError {
			res.Failed = &StepError{Step: st, File: sc.File, Reply: reply.Text}
			break
		}
	}
	if res.Failed == nil {
		// Let the last step's notices fall due too, as the cell would see
		// them in the hours after: up to a day past the last step.
		if err := catchUp(ctx, sched, clk, clk.now.Add(24*time.Hour)); err != nil {
			return res, err
		}
	}
	res.Transcript = t.String()
	if opt.Out != "" {
		if err := writeOutputs(ctx, opt.Store, opt.Out, res.Transcript, sc.Org.Name, sc.Loc, opt.Lang); err != nil {
			return res, err
		}
	}
	return res, nil
}

// catchUp moves the clock to each pending notice up to until, in order.
func catchUp(ctx context.Context, s *schedule.Scheduler, clk *clock, until time.Time) error {
	for {
		next, ok, err := s.Next(ctx)
		if err != nil {
			return err
		}
		if !ok || next.After(until) {
			return nil
		}
		if next.After(clk.now) {
			clk.now = next
		}
		if _, err := s.Tick(ctx); err != nil {
			return err
		}
	}
}

// addMembers writes the scenario's cast into the record.
func addMembers(ctx context.Context, s crisis.Store, ms []crisis.Member, at time.Time) error {
	return s.Update(ctx, func(tx crisis.Tx) error {
		for _, m := range ms {
			if _, err := tx.Member(m.ID); err == nil {
				continue // a database given with --db may know them already
			}
			m.CreatedAt = at
			if m.Name == "" {
				m.Name = m.ID
			}
			if err := tx.AddMember(m); err != nil {
				return err
			}
		}
		return nil
	})
}
