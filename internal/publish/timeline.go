package publish

import (
	"bytes"
	"fmt"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
	"github.com/tocsin-crisis/tocsin/internal/timeline"
)

// publicTimeline is the picture of the crisis a resident may see: when the
// attack was detected, each service's state over time, and when each
// public update came out. The crisis log's facts, its deadlines and its
// title stay inside the cell: they hold technical detail and the
// investigation's leads, which no public update gives.
func publicTimeline(tx crisis.Tx, c crisis.Crisis, updates []Update, now time.Time) (timeline.Input, error) {
	full, err := timeline.FromRecord(tx, c.ID, now)
	if err != nil {
		return timeline.Input{}, fmt.Errorf("status page: %w", err)
	}
	in := timeline.Input{Detected: full.Detected, Closed: full.Closed, Now: now, Services: full.Services, Public: true}
	for i := len(updates) - 1; i >= 0; i-- { // oldest first
		d := updates[i].Draft
		in.Entries = append(in.Entries, timeline.Entry{
			Seq: d.ID, At: d.DecidedAt, Written: d.DecidedAt, Kind: "update",
			Text: firstLine(firstHeading(d.Current.Body)),
		})
	}
	return in, nil
}

// TimelineFile is the public timeline, beside the page.
const TimelineFile = "timeline.svg"

// timelineSVG draws the public timeline; "" when there is nothing to draw,
// else the SVG and the picture's description in words (the image's alt).
// The page links it rather than holding it: the picture weighs more than
// the page, and a phone on a poor connection fetches it only when the
// reader opens its section.
func (p Page) timelineSVG() (svg, desc string, err error) {
	if p.Timeline == nil || (len(p.Timeline.Services) == 0 && len(p.Timeline.Entries) == 0) {
		return "", "", nil
	}
	l := timeline.Lay(*p.Timeline, p.Lang, p.Loc)
	var b bytes.Buffer
	if err := timeline.WriteSVG(&b, l, p.Lang); err != nil {
		return "", "", fmt.Errorf("status page: timeline: %w", err)
	}
	return b.String(), l.Desc, nil
}

// timelineTitle names the section, in the page's language.
func (p Page) timelineTitle() string { return locale.T(p.Lang, "statuspage.timeline") }
