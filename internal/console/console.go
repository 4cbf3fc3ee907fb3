// Package console is the terminal front end: it reads written commands from
// a terminal or a script on standard input and prints the bot's replies. It
// uses the same command table as Discord, on the same database.
package console

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/tocsin-crisis/tocsin/internal/command"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// Console runs commands typed by one member.
type Console struct {
	Env    *command.Env
	Actor  string // the member the commands run as
	In     io.Reader
	Out    io.Writer
	Prompt bool // print a prompt: standard input is a terminal
	// FilesDir receives the files replies carry (an export); "" keeps them
	// in memory only.
	FilesDir string

	mu     sync.Mutex     // replies and notices share Out
	crisis int64          // the crisis this session acts on; 0 until a reply names one
	seen   map[int64]bool // the notices shown, by ID
}

// Print writes a line that did not come from a command (a reminder), without
// cutting into a reply being printed.
func (c *Console) Print(text string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fmt.Fprintln(c.Out, text)
}

// Run reads lines until end of input, an exit word or ctx is done. Each
// command is committed before its reply is printed, so a reply seen is a
// change kept.
func (c *Console) Run(ctx context.Context) error {
	in := bufio.NewReaderSize(c.In, 64<<10)
	return c.loop(ctx, func() (string, error) {
		if c.Prompt {
			fmt.Fprint(c.Out, "tocsin> ")
		}
		return readLine(in, command.MaxLine)
	})
}

// exitWords end a session, in either language.
var exitWords = []string{"quit", "exit", "quitter", "sortir", "fin", "au revoir"}

// helpWords list the commands, in either language.
var helpWords = []string{"help", "aide"}

// loop runs the commands next reads until it reports io.EOF.
func (c *Console) loop(ctx context.Context, next func() (string, error)) error {
	for {
		raw, err := next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read commands: %w", err)
		}
		if ctx.Err() != nil {
			return nil
		}
		line := strings.TrimSpace(raw)
		if len(raw) > command.MaxLine {
			// Cut by readLine: trimmed, it could fall under the limit and
			// run as a shorter command than the one typed. Whole, the
			// command table refuses it as too long, and audits it.
			line = raw
		}
		word := strings.ToLower(line)
		help, topic, _ := strings.Cut(word, " ")
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		case slices.Contains(exitWords, strings.TrimPrefix(word, "/")):
			return nil
		case slices.Contains(helpWords, strings.TrimPrefix(help, "/")):
			c.Print(Help(c.Env.Table, c.Env.Lang, strings.TrimSpace(topic)))
			continue
		}
		reply := c.Env.Execute(ctx, command.Request{Line: line, Actor: c.Actor, Lang: c.Env.Lang, Source: "console", Crisis: c.crisis})
		c.crisis = reply.SessionCrisis(c.crisis)
		c.Print(Render(reply, c.Env.Lang))
		c.save(reply.Files)
	}
}

// save writes the files a reply carries and says where they went.
func (c *Console) save(files []command.File) {
	if c.FilesDir == "" {
		return
	}
	for _, f := range files {
		path := filepath.Join(c.FilesDir, filepath.Base(f.Name))
		if err := os.WriteFile(path, f.Content, 0o644); err != nil {
			c.Print("⚠️ " + err.Error())
			continue
		}
		c.Print("  → " + path)
	}
}

// Render shows a reply as text: buttons become the commands they stand for.
func Render(r command.Reply, lang locale.Lang) string {
	var b strings.Builder
	b.WriteString(r.Text)
	for _, btn := range r.Buttons {
		fmt.Fprintf(&b, "\n  [%s] %s", btn.Label, btn.Command)
	}
	for _, f := range r.Files {
		fmt.Fprintf(&b, "\n  📎 %s (%s)", f.Name, locale.Size(lang, len(f.Content)))
	}
	return b.String()
}

// Help lists the commands of the table, or those of one group ("help task").
func Help(t *command.Table, lang locale.Lang, group string) string {
	group = strings.TrimPrefix(strings.ToLower(group), "/")
	var b strings.Builder
	if group == "" {
		b.WriteString(locale.T(lang, "help.head") + "\n")
	}
	n := 0
	for _, cmd := range t.Commands() {
		if group != "" && cmd.Name != group && !strings.HasPrefix(cmd.Name, group+" ") {
			continue
		}
		n++
		fmt.Fprintf(&b, "  %-60s %s\n", cmd.Usage(), cmd.Desc.In(lang))
		if group != "" {
			for _, o := range cmd.Options {
				line := "      " + o.Name + " — " + o.Desc.In(lang)
				if len(o.Choices) > 0 {
					line += " (" + crisis.Words(o.Choices).In(lang) + ")"
				}
				b.WriteString(line + "\n")
			}
		}
	}
	if n == 0 {
		return locale.T(lang, "help.none", group)
	}
	if group == "" {
		b.WriteString(locale.T(lang, "help.foot"))
	}
	return strings.TrimRight(b.String(), "\n")
}
