// Package export writes the crisis record as files people can read and
// keep: the log in Markdown and CSV, the tasks, the drafts and every version
// of them, the documents (the complaint also as PDF), and the result of the
// log's hash-chain check — one folder, or one zip.
package export

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/draft"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/timeline"
)

// File is one exported file.
type File struct {
	Name    string // a slash-separated path inside the export
	Content []byte
}

// Option refines an export.
type Option func(*Options)

// WithOrg names the organisation, the author of the documents' PDFs.
func WithOrg(name string) Option { return func(o *Options) { o.Org = name } }

// Crisis gathers every file of one crisis's export.
func Crisis(ctx context.Context, s crisis.Store, crisisID int64, loc *time.Location, lang locale.Lang, opts ...Option) ([]File, error) {
	var files []File
	err := s.View(ctx, func(tx crisis.Tx) error {
		var err error
		files, err = CrisisTx(tx, crisisID, loc, lang, opts...)
		return err
	})
	return files, err
}

// CrisisTx is Crisis inside a transaction the caller holds. Beside the
// record it holds timeline.svg, the crisis as a picture (also in
// documents/, where the after-action report shows it).
func CrisisTx(tx crisis.Tx, crisisID int64, loc *time.Location, lang locale.Lang, opts ...Option) ([]File, error) {
	o := Options{Lang: lang}
	for _, opt := range opts {
		opt(&o)
	}
	var files []File
	err := func() error {
		c, err := tx.Crisis(crisisID)
		if err != nil {
			return err
		}
		entries, err := tx.Log(c.ID)
		if err != nil {
			return err
		}
		tasks, err := tx.Tasks(c.ID, crisis.TaskFilter{})
		if err != nil {
			return err
		}
		drafts, err := tx.Drafts(c.ID)
		if err != nil {
			return err
		}
		check := "ok"
		if err := crisis.VerifyChain(entries, c.LogHead); err != nil {
			check = "BROKEN: " + err.Error()
		}
		// The picture stops at the record's last entry: an export says
		// nothing of the moment it was made.
		in, err := timeline.FromRecord(tx, c.ID, time.Time{})
		if err != nil {
			return err
		}
		layout := timeline.Lay(in, lang, loc)
		o.Timeline = &layout
		var svg bytes.Buffer
		if err := timeline.WriteSVG(&svg, layout, lang); err != nil {
			return fmt.Errorf("timeline: %w", err)
		}
		files = append(files,
			File{"log.md", []byte(LogMarkdown(c, entries, loc, lang))},
			File{"log.csv", LogCSV(entries)},
			File{"tasks.md", []byte(TasksMarkdown(c, tasks, loc, lang))},
			File{"hash-chain.txt", []byte(fmt.Sprintf("crisis %d: %s\nentries: %d\nhead: %s\n", c.ID, check, len(entries), c.LogHead))},
			File{draft.TimelineImage, svg.Bytes()},
		)
		docs, err := DocumentsWith(drafts, o)
		if err != nil {
			return err
		}
		for _, d := range drafts {
			if d.Kind == crisis.DraftReport {
				files = append(files, File{"documents/" + draft.TimelineImage, svg.Bytes()})
				break
			}
		}
		for _, f := range docs {
			files = append(files, File{"documents/" + f.Name, f.Content})
		}
		for _, d := range drafts {
			versions, err := tx.DraftVersions(d.ID)
			if err != nil {
				return err
			}
			for _, v := range versions {
				name := fmt.Sprintf("drafts/%d-%s/v%d.md", d.ID, d.Kind, v.Version)
				head := fmt.Sprintf("<!-- draft %d, version %d, %s, by @%s, source: %s, state of the draft: %s -->\n",
					d.ID, v.Version, v.CreatedAt.UTC().Format(time.RFC3339), v.CreatedBy, v.Source, d.State)
				files = append(files, File{name, []byte(head + v.Body)})
			}
		}
		return nil
	}()
	return files, err
}

// Zip packs files into one archive.
func Zip(files []File) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.Create(f.Name)
		if err != nil {
			return nil, fmt.Errorf("zip %s: %w", f.Name, err)
		}
		if _, err := w.Write(f.Content); err != nil {
			return nil, fmt.Errorf("zip %s: %w", f.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("zip: %w", err)
	}
	return buf.Bytes(), nil
}

// Options are what the documents' PDFs say beyond the drafts' text.
type Options struct {
	Org      string           // the PDFs' author
	Lang     locale.Lang      // the language of the words the PDF adds
	Timeline *timeline.Layout // drawn in the complaint's PDF; nil for none
}

// Documents renders each draft's latest version as NUMBER-KIND.md, and the
// complaint file also as NUMBER-complaint.pdf.
func Documents(drafts []crisis.Draft) ([]File, error) {
	return DocumentsWith(drafts, Options{})
}

// DocumentsWith is Documents whose PDFs name the organisation and show the
// timeline.
func DocumentsWith(drafts []crisis.Draft, o Options) ([]File, error) {
	var out []File
	for _, d := range drafts {
		base := fmt.Sprintf("%d-%s", d.ID, d.Kind)
		out = append(out, File{base + ".md", []byte(d.Current.Body)})
		if d.Kind == crisis.DraftComplaint {
			pdf, err := draft.RenderPDF(draft.PDFDoc{
				Title:    firstHeading(d.Current.Body),
				Author:   o.Org,
				Subject:  locale.T(o.Lang, "draft.kind.complaint"),
				Date:     draft.DocumentDate(d),
				Timeline: o.Timeline,
				Lang:     o.Lang,
			}, d.Current.Body)
			if err != nil {
				return nil, fmt.Errorf("complaint %d as PDF: %w", d.ID, err)
			}
			out = append(out, File{base + ".pdf", pdf})
		}
	}
	return out, nil
}

func firstHeading(md string) string {
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, "# ") {
			return strings.TrimPrefix(l, "# ")
		}
	}
	return "Tocsin"
}

// cell keeps a value on one Markdown table row.
func cell(s string) string {
	return strings.NewReplacer("|", "\\|", "\r\n", " ", "\n", " ").Replace(s)
}

// LogMarkdown renders a crisis log as a table, in the order it was written,
// with both the time of each fact and the time it was recorded.
func LogMarkdown(c crisis.Crisis, entries []crisis.LogEntry, loc *time.Location, lang locale.Lang) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", locale.T(lang, "export.log.title", c.ID, c.Title))
	b.WriteString(locale.T(lang, "export.log.head") + "\n|---|---|---|---|---|---|\n")
	for _, e := range entries {
		fmt.Fprintf(&b, "| %d | %s | %s | @%s | %s | %s |\n", e.Seq, locale.FormatTime(e.At, loc, lang),
			locale.FormatTime(e.RecordedAt, loc, lang), e.Author, e.Kind, cell(e.Text))
	}
	return b.String()
}

// LogCSV renders a crisis log for spreadsheets, with exact times and hashes.
func LogCSV(entries []crisis.LogEntry) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write([]string{"seq", "fact_time", "recorded_time", "author", "kind", "text", "prev_hash", "hash"})
	for _, e := range entries {
		_ = w.Write([]string{fmt.Sprint(e.Seq), e.At.UTC().Format(time.RFC3339Nano), e.RecordedAt.UTC().Format(time.RFC3339Nano),
			e.Author, string(e.Kind), e.Text, e.PrevHash, e.Hash})
	}
	w.Flush()
	return buf.Bytes()
}

// TasksMarkdown renders every task with its state, owner and due time.
func TasksMarkdown(c crisis.Crisis, tasks []crisis.Task, loc *time.Location, lang locale.Lang) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", locale.T(lang, "export.tasks.title", c.ID, c.Title))
	b.WriteString(locale.T(lang, "export.tasks.head") + "\n|---|---|---|---|---|---|---|\n")
	sorted := append([]crisis.Task(nil), tasks...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	for _, t := range sorted {
		owner := ""
		if t.Owner != "" {
			owner = "@" + t.Owner
		} else if t.Role != "" {
			owner = "(" + t.Role + ")"
		}
		state := locale.T(lang, "state."+string(t.State))
		if t.State == crisis.TaskBlocked {
			state += " : " + t.BlockReason
		}
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | %s | %s |\n", t.ID, t.StepID, cell(t.Title), cell(state), owner,
			locale.FormatTime(t.Due, loc, lang), locale.FormatTime(t.DoneAt, loc, lang))
	}
	return b.String()
}
