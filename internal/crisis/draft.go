package crisis

import "time"

// DraftKind is the kind of document a draft is.
type DraftKind string

// Draft kinds.
const (
	DraftStatus    DraftKind = "status"    // a public status update
	DraftComplaint DraftKind = "complaint" // the police complaint file
	DraftBreach    DraftKind = "breach"    // the personal-data breach notification (GDPR art. 33)
	DraftReport    DraftKind = "report"    // the after-action report
)

// DraftKinds lists the kinds in display order.
var DraftKinds = []DraftKind{DraftStatus, DraftComplaint, DraftBreach, DraftReport}

// Audiences of a status update.
var Audiences = []string{"public", "staff", "officials", "press"}

// DraftState is where a draft stands in its approval.
type DraftState string

// Draft states.
const (
	DraftProposed DraftState = "proposed"
	DraftApproved DraftState = "approved" // published, for a status update; final, for a document
	DraftRejected DraftState = "rejected"
)

// Draft is a document put up for approval. Its text is its latest version.
type Draft struct {
	ID        int64
	CrisisID  int64
	Kind      DraftKind
	Audience  string // status updates only
	State     DraftState
	TaskID    int64 // the playbook task this draft fulfils; 0 if none
	CreatedAt time.Time
	CreatedBy string
	DecidedAt time.Time
	DecidedBy string
	Reason    string // why it was rejected
	Current   DraftVersion
}

// DraftVersion is one text of a draft: the first as drafted, then each edit.
type DraftVersion struct {
	DraftID   int64
	Version   int
	Body      string // Markdown
	Flags     []Flag // what the fact check found in this text
	Source    string // "template", "llm", or "template (model: timeout)" when the model failed
	CreatedAt time.Time
	CreatedBy string
}

// Flag is something in a draft that the crisis record does not support.
type Flag struct {
	Kind  string // "time", "date", "number", "ip", "email", "url"
	Value string
}

// Public reports whether d is a status update for the public: the only
// drafts the bot publishes (public channel, status page). Staff updates
// stay in the crisis channel; officials and press updates are documents
// kept in the record and the export.
func (d Draft) Public() bool {
	return d.Kind == DraftStatus && (d.Audience == "" || d.Audience == "public")
}

// ApprovalIsAct reports whether approving d is itself the act its task asks
// for: publishing a public update is. Filing a complaint or notifying the
// CNIL happens outside, and only a member can say it was done.
func (d Draft) ApprovalIsAct() bool { return d.Public() }

// Flagged reports whether approval needs an explicit confirmation.
func (d Draft) Flagged() bool { return len(d.Current.Flags) > 0 }

// ApproverCapability is what approving (or editing, or rejecting) a draft of
// this kind takes: communications for what the public reads, legal for what
// a court or the regulator reads, the director for the after-action report.
func (k DraftKind) ApproverCapability() Capability {
	switch k {
	case DraftStatus:
		return CapComms
	case DraftComplaint, DraftBreach:
		return CapLegal
	}
	return CapDirector
}
