package page

import (
	"strings"

	"github.com/visual4/1crm-update/steps"
	steptext "github.com/visual4/1crm-update/steps/text"
	"github.com/visual4/1crm-update/ui/text"
)

// PendingText turns the journal's name of an interrupted action
// ("backup:live", "install:test") into words for the resume screen (W8).
func PendingText(t text.Texts, st steptext.Texts, pending string) string {
	action, stage, _ := strings.Cut(pending, ":")
	var what string
	switch m, byHand := strings.CutPrefix(action, "manual_"); {
	case byHand:
		// An open hand-over (W8): the step is with the admin in the browser.
		what = t.PendingManual(st.ManualActionName(m))
	case action == "backup":
		what = st.StepName("backup")
	case action == "upload":
		what = t.PhaseUpload()
	case action == "prepare_confirm":
		what = t.PhaseAccept()
	case action == "install":
		what = t.PhaseInstall()
	default:
		what = st.StepName(action)
	}
	if stage != "" {
		stage = st.StageName(stage)
	}
	return t.PendingAction(what, stage)
}

// OtherInstance reports whether a resumed run belongs to another instance
// than the one the wizard was started with — resuming it would reconcile
// and continue against the wrong server (W8). The comparison is the one
// steps refuses a resume by; unknown URLs compare equal.
func OtherInstance(journalURL, nowURL string) bool {
	return !steps.SameInstance(journalURL, nowURL)
}
