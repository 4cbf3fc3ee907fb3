package replay

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/atomicfile"
	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/draft"
	"github.com/tocsin-crisis/tocsin/internal/export"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// writeOutputs writes transcript.md, log.md, tasks.md and documents/ (with
// the crisis's timeline.svg) into
// dir (published/ is written as updates are approved). With several crises
// in the database, log.md and tasks.md hold each in turn.
func writeOutputs(ctx context.Context, s crisis.Store, dir, transcript, org string, loc *time.Location, lang locale.Lang) error {
	if err := os.MkdirAll(filepath.Join(dir, "documents"), 0o755); err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	var logs, tasks strings.Builder
	var docs []export.File
	err := s.View(ctx, func(tx crisis.Tx) error {
		crises, err := tx.Crises()
		if err != nil {
			return err
		}
		for _, c := range crises {
			entries, err := tx.Log(c.ID)
			if err != nil {
				return err
			}
			ts, err := tx.Tasks(c.ID, crisis.TaskFilter{})
			if err != nil {
				return err
			}
			logs.WriteString(export.LogMarkdown(c, entries, loc, lang) + "\n")
			tasks.WriteString(export.TasksMarkdown(c, ts, loc, lang) + "\n")
			// The documents as the export gives them: the complaint's PDF
			// names the organisation and holds the timeline, which sits
			// beside them as timeline.svg (timeline-N.svg past the first
			// crisis).
			all, err := export.CrisisTx(tx, c.ID, loc, lang, export.WithOrg(org))
			if err != nil {
				return err
			}
			for _, f := range all {
				switch {
				case f.Name == draft.TimelineImage:
					name := f.Name
					if len(crises) > 1 {
						name = fmt.Sprintf("timeline-%d.svg", c.ID)
					}
					docs = append(docs, export.File{Name: name, Content: f.Content})
				case strings.HasPrefix(f.Name, "documents/") && f.Name != "documents/"+draft.TimelineImage:
					docs = append(docs, export.File{Name: strings.TrimPrefix(f.Name, "documents/"), Content: f.Content})
				}
			}

		}
		return nil
	})
	if err != nil {
		return err
	}
	files := append([]export.File{
		{Name: "transcript.md", Content: []byte(transcript)},
		{Name: "log.md", Content: []byte(logs.String())},
		{Name: "tasks.md", Content: []byte(tasks.String())},
	}, prefixed("documents/", docs)...)
	for _, f := range files {
		if err := atomicfile.WriteFile(filepath.Join(dir, filepath.FromSlash(f.Name)), f.Content, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", f.Name, err)
		}
	}
	return nil
}

func prefixed(prefix string, files []export.File) []export.File {
	out := make([]export.File, len(files))
	for i, f := range files {
		out[i] = export.File{Name: prefix + f.Name, Content: f.Content}
	}
	return out
}
