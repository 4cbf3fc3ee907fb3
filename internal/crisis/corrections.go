package crisis

import (
	"strconv"
	"time"
)

// CorrectionKind names what a correction did to the record.
type CorrectionKind string

// Kinds of correction.
const (
	CorrectIOCRetract    CorrectionKind = "ioc_retract"    // an indicator withdrawn
	CorrectServiceRename CorrectionKind = "service_rename" // a service's name corrected
	CorrectServiceRemove CorrectionKind = "service_remove" // a service taken off the board
	CorrectFactUnset     CorrectionKind = "fact_unset"     // a fact's answer withdrawn
)

// Correction is a change made to the record after the fact. A correction
// never edits the past: the record's tables say what stands now, the log
// entry written with each correction tells it, and the correction itself
// is kept for good with what the record held before, who changed it and
// why, so documents can show the record as corrected.
type Correction struct {
	ID       int64
	CrisisID int64
	Kind     CorrectionKind
	// Object is what was corrected, as the record named it then: the
	// indicator's number, the service's or the fact's name.
	Object string
	Old    string // what the record held (an indicator's kind and value, a service's state, a fact's answer)
	New    string // what it holds now: a service's new name; "" when withdrawn
	Reason string
	At     time.Time
	By     string // member ID
}

// CustodyTransfer is a link of an evidence item's chain of custody after
// the first (the Evidence itself): the item changed hands, or place.
type CustodyTransfer struct {
	ID         int64
	CrisisID   int64
	EvidenceID int64
	Custodian  string // who holds it from now on
	Location   string // where it is kept from now on ("" when never said)
	At         time.Time
	By         string // member ID who recorded the handover
}

// CustodyLink is one hand of a chain of custody, the first included.
type CustodyLink struct {
	Custodian string
	Location  string
	At        time.Time
	By        string
}

// Chain is an evidence item's chain of custody, first hands first, from
// the item and every transfer of the crisis (those of other items are
// skipped).
func Chain(e Evidence, transfers []CustodyTransfer) []CustodyLink {
	out := []CustodyLink{{Custodian: e.Custodian, Location: e.Location, At: e.AddedAt, By: e.AddedBy}}
	for _, t := range transfers {
		if t.EvidenceID == e.ID {
			out = append(out, CustodyLink{Custodian: t.Custodian, Location: t.Location, At: t.At, By: t.By})
		}
	}
	return out
}

// WithdrawnIndicator is an indicator recorded and then retracted.
type WithdrawnIndicator struct {
	Indicator
	Retraction Correction
}

// Retracted splits a crisis's indicators into those that stand and those
// withdrawn, each with its retraction, both in the order recorded.
func Retracted(all []Indicator, corrections []Correction) (standing []Indicator, withdrawn []WithdrawnIndicator) {
	by := map[string]Correction{}
	for _, c := range corrections {
		if c.Kind == CorrectIOCRetract {
			by[c.Object] = c
		}
	}
	for _, i := range all {
		if r, ok := by[strconv.FormatInt(i.ID, 10)]; ok {
			withdrawn = append(withdrawn, WithdrawnIndicator{Indicator: i, Retraction: r})
			continue
		}
		standing = append(standing, i)
	}
	return standing, withdrawn
}

// StandingIndicators reads a crisis's indicators as corrected: those that
// stand, and those withdrawn with why.
func StandingIndicators(tx Tx, crisisID int64) ([]Indicator, []WithdrawnIndicator, error) {
	all, err := tx.Indicators(crisisID)
	if err != nil {
		return nil, nil, err
	}
	cs, err := tx.Corrections(crisisID)
	if err != nil {
		return nil, nil, err
	}
	standing, withdrawn := Retracted(all, cs)
	return standing, withdrawn, nil
}
