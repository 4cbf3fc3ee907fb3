package paper

import (
	"fmt"
	"strings"

	"github.com/tocsin-crisis/tocsin/internal/contacts"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
)

// Box is the checkbox before each checklist item. The PDF's fonts (the Go
// fonts) have no U+2610 BALLOT BOX, which the renderer would print as
// "[U+2610]"; they have U+25A1 WHITE SQUARE, which prints as a box.
const Box = "□"

// blank is a space to write on by hand.
const blank = "……………………"

// Markdown is the kit as one Markdown document, in the order the cell
// reaches for it: whom to call, what each role does, where things stand,
// and the sheets to write on.
func (k *Kit) Markdown() string {
	var b strings.Builder
	k.cover(&b)
	k.directory(&b)
	k.roleTasks(&b)
	if k.Crisis != nil {
		k.board(&b)
	}
	k.logSheets(&b)
	return b.String()
}

func (k *Kit) cover(b *strings.Builder) {
	fmt.Fprintf(b, "# %s\n\n", k.T("paper.title"))
	if k.Org.Name != "" {
		fmt.Fprintf(b, "**%s**\n\n", md(k.Org.Name))
	}
	crisisRef := "N"
	if c := k.Crisis; c != nil {
		crisisRef = fmt.Sprint(c.ID)
		fmt.Fprintf(b, "**%s**\n\n", k.T("paper.cover.crisis", c.ID, md(c.Title), k.T("crisis.state."+string(c.State))))
		if !c.DetectedAt.IsZero() {
			fmt.Fprintf(b, "%s\n\n", k.T("paper.cover.detected", k.time(c.DetectedAt)))
		}
	} else {
		fmt.Fprintf(b, "%s\n\n", k.T("paper.cover.nocrisis"))
	}
	fmt.Fprintf(b, "%s\n\n", k.T("paper.cover.printed", k.time(k.Now), k.Loc.String()))
	fmt.Fprintf(b, "%s\n\n", k.T("paper.cover.use", crisisRef))
	fmt.Fprintf(b, "**%s**\n\n", k.T("paper.contents"))
	toc := []string{k.T("paper.section.dir"), k.T("paper.section.roles")}
	if k.Crisis != nil {
		toc = append(toc, k.T("paper.section.boardtoc"))
	}
	toc = append(toc, k.T("paper.section.log"))
	for i, s := range toc {
		fmt.Fprintf(b, "%d. %s\n", i+1, s)
	}
	b.WriteString("\n")
}

// directory is every entry of the directory by kind, then the members of
// the cell: on paper, a number nobody can look up is no number, so an
// empty one is a line to write it on.
func (k *Kit) directory(b *strings.Builder) {
	fmt.Fprintf(b, "# %s\n\n", k.T("paper.section.dir"))
	if len(k.Directory) == 0 {
		fmt.Fprintf(b, "%s\n\n", k.T("paper.dir.empty"))
	}
	for _, kind := range contacts.Kinds {
		of := contacts.OfKind(k.Directory, kind)
		if len(of) == 0 {
			continue
		}
		fmt.Fprintf(b, "## %s\n\n", contacts.KindTitle(k.Lang, kind))
		rows := [][]string{{k.T("paper.col.name"), k.T("paper.col.phone"), k.T("paper.col.email"), k.T("paper.col.hours"), k.T("paper.col.note")}}
		for _, e := range of {
			note := e.NoteIn(k.Lang)
			if e.Source != "" {
				note = strings.TrimSpace(note + " " + k.T("paper.dir.source", e.Source))
			}
			rows = append(rows, []string{e.Name, orBlank(e.Phone), e.Email, e.Hours, note})
		}
		table(b, rows)
	}
	fmt.Fprintf(b, "## %s\n\n", k.T("paper.section.members"))
	if len(k.Members) == 0 {
		fmt.Fprintf(b, "%s\n\n", k.T("paper.members.none"))
		return
	}
	rows := [][]string{{k.T("paper.col.name"), k.T("paper.col.id"), k.T("paper.col.roles"), k.T("paper.col.phone"), k.T("paper.col.email")}}
	for _, m := range k.Members {
		rows = append(rows, []string{crisis.Escape(m.Name), "@" + m.ID, strings.Join(k.rolesOf(m.ID), ", "), orBlank(m.Phone), orBlank(m.Email)})
	}
	table(b, rows)
}

// rolesOf are the crisis roles a member holds.
func (k *Kit) rolesOf(member string) []string {
	var out []string
	for _, r := range k.Roles {
		if r.MemberID == member {
			out = append(out, r.Role)
		}
	}
	return out
}

// member is a member by id, or one with only that id when unknown.
func (k *Kit) member(id string) crisis.Member {
	for _, m := range k.Members {
		if m.ID == id {
			return m
		}
	}
	return crisis.Member{ID: id}
}

// board is the board as it stands: who holds which role, the services and
// their workarounds, the tasks under way with their owner and due time.
func (k *Kit) board(b *strings.Builder) {
	fmt.Fprintf(b, "# %s\n\n", k.T("paper.section.board", k.time(k.Now)))
	fmt.Fprintf(b, "## %s\n\n", k.T("paper.col.roles"))
	if len(k.Roles) == 0 {
		fmt.Fprintf(b, "%s\n\n", k.T("paper.board.noroles"))
	} else {
		rows := [][]string{{k.T("paper.col.role"), k.T("paper.col.holder"), k.T("paper.col.phone"), k.T("paper.col.email")}}
		for _, r := range k.Roles {
			m := k.member(r.MemberID)
			rows = append(rows, []string{r.Role, m.Label(), orBlank(m.Phone), m.Email})
		}
		table(b, rows)
	}
	fmt.Fprintf(b, "## %s\n\n", k.T("paper.board.services"))
	if len(k.Services) == 0 {
		fmt.Fprintf(b, "%s\n\n", k.T("paper.board.noservices"))
	} else {
		rows := [][]string{{k.T("paper.col.service"), k.T("paper.col.status"), k.T("paper.col.workaround")}}
		for _, s := range k.Services {
			rows = append(rows, []string{s.Name, k.T("service." + s.Status), s.Workaround})
		}
		table(b, rows)
	}
	fmt.Fprintf(b, "## %s\n\n", k.T("paper.board.tasks"))
	rows := [][]string{{k.T("paper.col.task"), k.T("paper.col.owner"), k.T("paper.col.due"), k.T("paper.col.state")}}
	for _, t := range k.Tasks {
		if !t.Active() {
			continue
		}
		owner := ""
		switch {
		case t.Owner != "":
			owner = k.member(t.Owner).Label()
		case t.Role != "":
			owner = k.T("paper.board.waiting", t.Role)
		}
		due := ""
		if !t.Due.IsZero() {
			due = k.time(t.Due)
			if k.Now.After(t.Due) {
				due = k.T("paper.board.overdue", due)
			}
		}
		state := k.T("state." + string(t.State))
		if t.State == crisis.TaskBlocked && t.BlockReason != "" {
			state += " — " + t.BlockReason
		}
		rows = append(rows, []string{t.Ref() + " " + t.Title, owner, due, state})
	}
	if len(rows) == 1 {
		fmt.Fprintf(b, "%s\n\n", k.T("paper.board.notasks"))
		return
	}
	table(b, rows)
}

// logSheets are blank pages of the crisis log, its columns in the order
// tocsin import-log reads them, the crisis number in the header that every
// page of the table repeats.
func (k *Kit) logSheets(b *strings.Builder) {
	fmt.Fprintf(b, "# %s\n\n%s\n\n", k.T("paper.section.log"), k.T("paper.log.help"))
	num := k.T("paper.log.nocrisis")
	if k.Crisis != nil {
		num = fmt.Sprint(k.Crisis.ID)
	}
	fmt.Fprintf(b, "| %s | %s | %s | %s |\n|---|---|---|---|\n", k.T("paper.log.fact"), k.T("paper.log.written"), k.T("paper.log.what", num), k.T("paper.log.who"))
	// Two lines for each time, date then hour, so each row is tall enough
	// to write on: a table cell holds no line break but the numeric
	// reference of one, which the Markdown reader resolves.
	when := "…… / …… / ………&#10;……… h ………"
	for range k.LogRows {
		fmt.Fprintf(b, "| %s | %s | | |\n", when, when)
	}
	b.WriteString("\n")
}

// table writes a pipe table, its first row the header, each cell escaped.
func table(b *strings.Builder, rows [][]string) {
	for i, row := range rows {
		cells := make([]string, len(row))
		for j, c := range row {
			cells[j] = md(c)
		}
		fmt.Fprintf(b, "| %s |\n", strings.Join(cells, " | "))
		if i == 0 {
			b.WriteString("|" + strings.Repeat("---|", len(row)) + "\n")
		}
	}
	b.WriteString("\n")
}

// mdSpecial are the characters Markdown could read as markup in a text the
// cell typed: each is written escaped, so a name shows as typed.
var mdSpecial = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "|", `\|`, "~", `\~`, "#", `\#`, "&", `\&`,
	"\r\n", " ", "\n", " ", "\r", " ",
)

// md is text the cell typed as Markdown inline text, on one line. A
// leading "-", "+" or "1." would start a list: it is escaped too.
func md(s string) string {
	s = mdSpecial.Replace(strings.TrimSpace(s))
	if s != "" && strings.ContainsRune("-+=", rune(s[0])) {
		s = `\` + s
	}
	for i := 0; i < len(s) && i < 10; i++ {
		if s[i] < '0' || s[i] > '9' {
			if i > 0 && (s[i] == '.' || s[i] == ')') {
				s = s[:i] + `\` + s[i:]
			}
			break
		}
	}
	return s
}

// orBlank is s, or a line to write it on.
func orBlank(s string) string {
	if strings.TrimSpace(s) == "" {
		return blank
	}
	return s
}
