// Command tocsin is the crisis-cell bot: it serves a Discord server, or the
// same commands in a terminal, and the tools around them. This file only
// reads flags and configuration and wires the packages together.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
	_ "time/tzdata" // the configured zone works on machines without zoneinfo

	"github.com/tocsin-crisis/tocsin/internal/config"
)

const usage = `tocsin — la cellule de crise, hors bande / the crisis cell, out of band

usage:
  tocsin                          serve if DISCORD_TOKEN is set, else console
  tocsin serve                    connect to Discord and serve the cell
  tocsin console [--as ID]        the same commands in a terminal
  tocsin replay FILE [--out DIR] [--db FILE]  play a scenario under a virtual clock
  tocsin export --crisis ID --out DIR  crisis-ID.zip: log, tasks, drafts, documents
  tocsin statuspage --out DIR     the public status page: static HTML and an Atom feed
  tocsin print [--crisis ID] --out DIR  the paper kit: directory, tasks by role, board, log sheets
  tocsin import-log --crisis ID FILE  entries typed from paper log sheets (CSV), back-dated
  tocsin verify [--crisis ID]     check the crisis log's hash chain
  tocsin backup FILE              a consistent copy of the database
  tocsin playbook validate FILE...  check playbooks: every error as file:line:col
  tocsin playbook schema          the JSON Schema of a playbook, for editors
  tocsin playbook graph FILE      a playbook's steps as a Mermaid flowchart

configuration: tocsin.yaml (or TOCSIN_CONFIG) and the environment; see README.md`

func main() {
	if len(os.Args) > 1 && os.Args[1] == "serve" {
		paceCollector() // here, not in serve: tests run serve inside their own process
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], system{
		stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, load: config.FromOS, now: time.Now,
	})
	stop()
	os.Exit(code)
}

// system is what the program takes from the machine, made explicit so tests
// can run it in-process with their own streams, settings and clock.
type system struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	load           func() (config.Config, error)
	now            func() time.Time
}

// run is the program. It returns the exit code: 0 done, 1 failed, 2 misused
// or not configured.
func run(ctx context.Context, args []string, sys system) int {
	stdin, stdout, stderr := sys.stdin, sys.stdout, sys.stderr
	cfg, err := sys.load()
	if err != nil {
		fmt.Fprintln(stderr, "tocsin: configuration:", err)
		return 2
	}
	sub := ""
	if len(args) > 0 {
		sub, args = args[0], args[1:]
	}
	if sub == "" {
		sub = "console"
		if cfg.Discord.Token != "" {
			sub = "serve"
		}
	}
	p := &program{cfg: cfg, stdin: stdin, stdout: stdout, stderr: stderr, now: sys.now}
	switch sub {
	case "serve":
		return p.serve(ctx, args)
	case "console":
		return p.console(ctx, args)
	case "verify":
		return p.verify(ctx, args)
	case "backup":
		return p.backup(ctx, args)
	case "playbook":
		return p.playbookTool(args)
	case "replay":
		return p.replay(ctx, args)
	case "export":
		return p.export(ctx, args)
	case "statuspage":
		return p.statuspage(ctx, args)
	case "print":
		return p.print(ctx, args)
	case "import-log":
		return p.importLog(ctx, args)
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "tocsin: unknown command %q\n\n%s\n", sub, usage)
	return 2
}
