package command

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/draft"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/playbook"
)

// Env is what commands run against: the record, the clock, the playbook
// engine and the settings every front end shares.
type Env struct {
	Store crisis.Store
	Table *Table
	Now   func() time.Time
	Loc   *time.Location // the time zone of "HH:MM" and of every time shown
	Lang  locale.Lang    // the language of replies when a request names none
	// Playbooks is the playbook engine; nil runs without playbooks.
	Playbooks *playbook.Engine
	// Drafter writes drafts; nil drafts from templates only.
	Drafter *draft.Drafter
	// Org is the organisation named in the documents.
	Org draft.Org
	// FourEyes forbids approving a draft one wrote oneself.
	FourEyes bool
	// Published is called after the commit for each status update approved:
	// it puts the update where the public reads it. Nil publishes nowhere.
	Published func(ctx context.Context, d crisis.Draft) error
	Log       *slog.Logger
}

// Request is one command to run: written (Line) or already split (Name and
// Args, as Discord delivers it).
type Request struct {
	Line    string
	Name    string
	Args    map[string]string
	Actor   string // member ID
	Channel string // front-end channel, to find the crisis; "" in the console
	Lang    locale.Lang
	Source  string // "console", "discord", "replay": kept in the audit trail
	// Crisis is the crisis the front end's session is on (see
	// Reply.SessionCrisis); 0 when it has chosen none yet. The channel,
	// when it has a crisis, comes first.
	Crisis int64
	// Known are members as the front end knows them now, the actor first
	// (Discord: their name, and the capabilities their roles give them
	// today). The command's own transaction compares them with the
	// record's copies; a copy that changed is written first, in a
	// transaction of its own, whatever the command then does (a member
	// stripped of their roles is refused, and stays stripped).
	Known []crisis.Member
}

// Reply is what a command answers.
type Reply struct {
	Text      string
	Ephemeral bool // concerns only the person who asked
	Failed    bool
	CrisisID  int64
	Buttons   []Button
	Events    []crisis.Event // what changed, for front ends that mirror the record
	Files     []File
	// Joined: a member of Request.Known now holds a capability they did
	// not hold before.
	Joined bool
}

// SessionCrisis is the crisis a session on current is on after this reply:
// the one a successful command acted on (the crisis it opened, or switched
// to), else current. Front ends that keep a session (the console, replay)
// pass it back in Request.Crisis.
func (r Reply) SessionCrisis(current int64) int64 {
	if r.Failed || r.CrisisID == 0 {
		return current
	}
	return r.CrisisID
}

// Button is an action offered under a reply: pressing it runs Command, a
// written command, as whoever pressed it.
type Button struct {
	Label   string
	Command string
	Style   ButtonStyle
}

// ButtonStyle hints at a button's weight.
type ButtonStyle int

// Button styles.
const (
	Primary ButtonStyle = iota
	Secondary
	Success
	Danger
)

// File is a document attached to a reply.
type File struct {
	Name    string
	Type    string // MIME type
	Content []byte
}

// Execute runs a request from any front end: it parses, checks the actor's
// capability, runs the handler in one transaction, audits the attempt
// whatever its outcome and renders the reply in the request's language.
func (e *Env) Execute(ctx context.Context, req Request) Reply {
	lang := req.Lang
	if lang == "" {
		lang = e.Lang
	}
	now := e.Now()
	audit := crisis.AuditEntry{At: now, Actor: req.Actor, Command: auditText(req), Source: req.Source}
	reply, audited, err := e.runSafely(ctx, req, lang, now, &audit)
	switch {
	case err == nil:
		audit.Outcome = "ok"
	case errors.Is(err, crisis.ErrForbidden):
		audit.Outcome, audit.Detail = "refused", err.Error()
	case errors.Is(err, crisis.ErrUnavailable):
		// Not the member's mistake: the storage failed them. They are told
		// the cause; the administrator needs the full error.
		audit.Outcome, audit.Detail = "error", err.Error()
		e.Log.Error("command not recorded", slog.String("command", audit.Command),
			slog.String("actor", req.Actor), slog.Any("err", err))
	default:
		audit.Outcome, audit.Detail = "invalid", err.Error()
	}
	if err != nil {
		// A member learnt on the way stays learnt, whatever the command did.
		reply = Reply{Failed: true, Ephemeral: true, CrisisID: reply.CrisisID, Joined: reply.Joined}
		if msg, ok := locale.Message(lang, err); ok {
			reply.Text = "⚠️ " + msg
		} else {
			ref := fmt.Sprintf("%06x", now.UnixNano()&0xffffff)
			audit.Outcome = "error"
			e.Log.Error("command failed", append([]any{slog.String("ref", ref), slog.String("command", audit.Command),
				slog.String("actor", req.Actor), slog.Any("err", err)}, stackAttr(err)...)...)
			reply.Text = "⚠️ " + locale.T(lang, "err.internal", ref)
		}
	}
	if err == nil {
		e.publish(ctx, &reply, lang)
	}
	// What a member typed reaches replies and the trail only escaped: the
	// options' values were checked, this catches whatever else is echoed.
	reply.Text = crisis.EscapeKeepLines(reply.Text)
	audit.Detail = crisis.Escape(audit.Detail)
	if audited {
		return reply // committed with the command's work
	}
	if aerr := e.Store.Audit(ctx, audit); aerr != nil {
		e.Log.Error("audit trail not written", slog.String("command", audit.Command), slog.Any("err", aerr))
	}
	return reply
}

// runSafely is run with a panic anywhere in it turned into an error, so a
// bug in one command costs that command, not the process serving everyone.
// It reports whether the command's audit entry was committed with its work.
func (e *Env) runSafely(ctx context.Context, req Request, lang locale.Lang, now time.Time, audit *crisis.AuditEntry) (reply Reply, audited bool, err error) {
	defer recoverInto(&err)
	reply, audited, err = e.run(ctx, req, lang, now, audit)
	return reply, audited && err == nil, err
}

// run executes the command. A command that writes and succeeds adds its
// audit entry in its own transaction, so that what it did and the trail
// of it are on disk after one commit; run then reports it audited.
func (e *Env) run(ctx context.Context, req Request, lang locale.Lang, now time.Time, audit *crisis.AuditEntry) (Reply, bool, error) {
	reply, err := e.runTx(ctx, req, lang, now, audit)
	if errors.Is(err, errStale) {
		// Rare (a role or a name changed): the copies are written, then
		// the command runs on them.
		var joined bool
		if joined, err = e.learn(ctx, req.Known); err != nil {
			return reply, false, err
		}
		// Compared once: a copy the store would keep in another form must
		// not refuse the command.
		req.Known = nil
		reply, err = e.runTx(ctx, req, lang, now, audit)
		reply.Joined = joined
	} else if err != nil && len(req.Known) > 0 {
		// Refused before its transaction compared them (a typo, a bad
		// value): the copies are brought up to date all the same, so a
		// member stripped of their roles does not keep their rights in the
		// record for as long as they mistype.
		if joined, lerr := e.learnIfStale(ctx, req.Known); lerr == nil {
			reply.Joined = joined
		}
	}
	return reply, err == nil && audit.Outcome == "ok", err
}

// errStale: a member the front end knows differs from the record's copy.
var errStale = errors.New("a member's copy is out of date")

// learn writes the copies of known members that changed.
func (e *Env) learn(ctx context.Context, known []crisis.Member) (joined bool, err error) {
	err = e.Store.Update(ctx, func(tx crisis.Tx) error {
		joined = false // the transaction may run again
		for _, m := range known {
			j, err := crisis.Learn(tx, m)
			if err != nil {
				return err
			}
			joined = joined || j
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("save members: %w", err)
	}
	return joined, nil
}

// learnIfStale is learn, after a read that finds a copy out of date: a
// stranger's refused commands cost no write.
func (e *Env) learnIfStale(ctx context.Context, known []crisis.Member) (bool, error) {
	var out bool
	err := e.Store.View(ctx, func(tx crisis.Tx) error {
		var err error
		out, err = stale(tx, known, crisis.Member{}, false)
		return err
	})
	if err != nil || !out {
		return false, err
	}
	return e.learn(ctx, known)
}

// stale reports whether a known member's copy is out of date; actor is
// the record's copy of the actor (ok: there is one), already read.
func stale(tx crisis.Tx, known []crisis.Member, actor crisis.Member, ok bool) (bool, error) {
	for _, m := range known {
		found, has := actor, ok
		if !ok || m.ID != actor.ID {
			var err error
			if found, err = tx.Member(m.ID); err != nil && !errors.Is(err, crisis.ErrNotFound) {
				return false, err
			}
			has = err == nil
		}
		if crisis.KnownStale(found, has, m) {
			return true, nil
		}
	}
	return false, nil
}

func (e *Env) runTx(ctx context.Context, req Request, lang locale.Lang, now time.Time, audit *crisis.AuditEntry) (Reply, error) {
	cmd, raw, err := e.resolve(req)
	if err != nil {
		return Reply{}, err
	}
	args, err := e.typed(cmd, raw, now)
	if err != nil {
		return Reply{}, err
	}
	var prepared any
	if cmd.Prepare != nil {
		var pre *Call
		err := e.Store.View(ctx, func(tx crisis.Tx) error {
			var err error
			pre, err = e.begin(ctx, tx, cmd, req, lang, now, args, audit)
			return err
		})
		if err != nil {
			return Reply{}, err
		}
		pre.Op = nil // the transaction is over: Prepare must not write
		if prepared, err = prepare(cmd, pre); err != nil {
			return Reply{}, err
		}
	}
	var reply Reply
	txFn := e.Store.Update
	if cmd.ReadOnly {
		txFn = e.Store.View
	}
	err = txFn(ctx, func(tx crisis.Tx) error {
		call, err := e.begin(ctx, tx, cmd, req, lang, now, args, audit)
		if err != nil {
			return err
		}
		call.Prepared = prepared
		// A panic is recovered here, inside the transaction, so that the
		// store rolls back as for any failure, whatever store it is.
		reply, err = handle(cmd, call)
		if err != nil {
			return err
		}
		reply.Events = call.Op.Events()
		if reply.CrisisID == 0 {
			reply.CrisisID = call.crisis.ID
		}
		audit.CrisisID = reply.CrisisID
		if cmd.Crisis {
			if err := e.nameCrisis(call, req, &reply); err != nil {
				return err
			}
		}
		if cmd.ReadOnly {
			return nil // a read-only transaction keeps nothing: audited after
		}
		entry := *audit
		entry.Outcome = "ok"
		if err := tx.Audit(entry); err != nil {
			return err
		}
		audit.Outcome = "ok"
		return nil
	})
	if err != nil {
		audit.Outcome = ""
	}
	return reply, err
}

// nameCrisis starts the reply with the crisis it acted on when more than
// one crisis is open and the channel did not choose it: whoever reads it
// knows which crisis changed.
func (e *Env) nameCrisis(call *Call, req Request, reply *Reply) error {
	if req.Channel != "" && call.crisis.Channel == req.Channel {
		return nil
	}
	n, err := call.Op.OpenCrises()
	if err != nil || n < 2 {
		return err
	}
	reply.Text = call.T("reply.crisis.prefix", call.crisis.ID) + " " + reply.Text
	return nil
}

// publish hands each status update the command approved to Published. The
// approval stands even when publishing fails: the reply says so, and the
// update can be published again by hand.
func (e *Env) publish(ctx context.Context, reply *Reply, lang locale.Lang) {
	if e.Published == nil {
		return
	}
	for _, ev := range reply.Events {
		if ev.Kind != crisis.EventPublished {
			continue
		}
		var d crisis.Draft
		err := e.Store.View(ctx, func(tx crisis.Tx) error {
			var err error
			d, err = tx.Draft(ev.ObjectID)
			return err
		})
		if err == nil {
			err = published(ctx, e.Published, d)
		}
		if err != nil {
			e.Log.Error("publication failed", append([]any{slog.Int64("draft", ev.ObjectID), slog.Any("err", err)}, stackAttr(err)...)...)
			reply.Text += "\n⚠️ " + locale.T(lang, "err.publish", ev.ObjectID)
		}
	}
}

// begin checks the actor and the capability and finds the crisis, inside tx.
func (e *Env) begin(ctx context.Context, tx crisis.Tx, cmd *Command, req Request, lang locale.Lang, now time.Time, args map[string]any, audit *crisis.AuditEntry) (*Call, error) {
	actor, err := tx.Member(crisis.MemberRef(req.Actor))
	if err != nil && !errors.Is(err, crisis.ErrNotFound) {
		return nil, err
	}
	if len(req.Known) > 0 {
		if s, err2 := stale(tx, req.Known, actor, err == nil); err2 != nil {
			return nil, err2
		} else if s {
			return nil, errStale
		}
	}
	if errors.Is(err, crisis.ErrNotFound) {
		return nil, locale.Errorf(crisis.ErrForbidden, "err.actor.unknown", req.Actor)
	}
	op := crisis.NewOp(tx, now, actor, e.planner())
	op.Lang = e.Lang
	if err := op.Require(cmd.Cap); err != nil {
		return nil, err
	}
	call := &Call{Ctx: ctx, Env: e, Op: op, Cmd: cmd, Lang: lang, Channel: req.Channel, Actor: actor, args: args}
	if cmd.Crisis {
		c, err := op.SessionCrisis(req.Channel, req.Crisis)
		if err != nil {
			return nil, err
		}
		call.crisis, audit.CrisisID = c, c.ID
	}
	return call, nil
}

func (e *Env) resolve(req Request) (*Command, map[string]string, error) {
	if req.Name == "" {
		p, err := e.Table.Parse(req.Line)
		if err != nil {
			return nil, nil, err
		}
		req.Name, req.Args = p.Name, p.Args
	}
	cmd, ok := e.Table.Lookup(req.Name)
	if !ok {
		return nil, nil, e.Table.unknownCommand(strings.Fields(req.Name))
	}
	return cmd, req.Args, nil
}

// typed checks every option against the command's declaration before any
// work starts, so a bad value changes nothing.
func (e *Env) typed(cmd *Command, raw map[string]string, now time.Time) (map[string]any, error) {
	var names []string
	for _, o := range cmd.Options {
		names = append(names, o.Name)
	}
	given := make([]string, 0, len(raw))
	for k := range raw {
		given = append(given, k)
	}
	sort.Strings(given) // report the same unknown option first every time
	for _, k := range given {
		if _, ok := cmd.Option(k); !ok {
			if s := suggest(k, names); s != "" {
				return nil, locale.Errorf(crisis.ErrInvalid, "err.option.suggest", shown(k), cmd.Name, s)
			}
			return nil, locale.Errorf(crisis.ErrInvalid, "err.option.unknown", shown(k), cmd.Name, cmd.Usage())
		}
	}
	args := map[string]any{}
	for _, o := range cmd.Options {
		v, ok := raw[o.Name]
		if !ok || strings.TrimSpace(v) == "" {
			if o.Required {
				return nil, locale.Errorf(crisis.ErrInvalid, "err.option.missing", o.Name, cmd.Usage())
			}
			continue
		}
		val, err := e.value(o, v, now)
		if err != nil {
			return nil, err
		}
		args[o.Name] = val
	}
	return args, nil
}

func auditText(req Request) string {
	s := req.Line
	if s == "" {
		var b strings.Builder
		b.WriteString("/" + req.Name)
		keys := make([]string, 0, len(req.Args))
		for k := range req.Args {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			b.WriteString(" " + k + ":" + Quote(req.Args[k]))
		}
		s = b.String()
	}
	// The audit keeps what was tried, escaped so that reading the trail in
	// a terminal is safe, and not megabytes of it.
	n := len(s)
	s = crisis.Escape(s)
	const keep = 2000
	if len(s) > keep {
		s = fmt.Sprintf("%s… (%d bytes)", strings.ToValidUTF8(s[:keep], ""), n)
	}
	return s
}

// planner is the engine as the record sees it, or a true nil interface when
// there is none (a nil *Engine inside the interface would not compare nil).
func (e *Env) planner() crisis.Planner {
	if e.Playbooks == nil {
		return nil
	}
	return e.Playbooks
}
