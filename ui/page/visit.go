package page

import (
	"errors"

	"github.com/visual4/1crm-update/steps"
	steptext "github.com/visual4/1crm-update/steps/text"
	"github.com/visual4/1crm-update/ui/text"
)

// UI holds the few facts a page needs that are not in the snapshot: what
// the admin started the wizard with, and what this process can do.
type UI struct {
	T            text.Texts
	ST           steptext.Texts
	LiveURL      string
	TestURL      string
	PackageFile  string // --package: offered first on the package step
	SupportEmail string
	// CanOpenMail: a mail program can be opened on this desktop (not over SSH).
	CanOpenMail bool
	// CanOpenBrowser: a web page can be opened in the desktop's browser
	// (the same desktop; not over SSH).
	CanOpenBrowser bool
	// Demo: the simulator gets a new address on every start, so a resumed
	// run's address is not compared with the current one.
	Demo bool
	// Attach hands the wizard its instances, once after Resume/StartNew.
	Attach func() error
	// JournalPath names the journal of the run (the error page says it is kept).
	JournalPath func() string
	// LoginUser is the user name to show when a rejected login is asked
	// again; CanRelogin says asking again is possible at all.
	LoginUser  func(steps.Stage) string
	CanRelogin bool
	// Pending is the interrupted action a resumed run reconciles first
	// (W8), in words: set by "continue", cleared once connected.
	Pending string
}

// NewUI fills the language tables for lang ("de", "en").
func NewUI(lang string) *UI {
	return &UI{T: text.For(lang), ST: steptext.For(lang)}
}

// Visit is one visit of a step: what happened on it beyond the journal —
// which of the step's own actions ran, the values read when it came up,
// a refusal to show. A new visit starts whenever the step due is shown
// afresh, so nothing of an earlier visit lingers (huh forms are rebuilt too).
type Visit struct {
	Step  steps.StepID
	N, Of int

	marks map[string]bool

	Rec        steps.Path          // path: the recommended one (R7)
	Mail       steps.Mail          // refresh request, problems, finish mail
	Impact     steps.RestoreImpact // problems: what a restore costs (R15–R18)
	Start      steps.StartCheck    // time guard (W3), evaluated when shown
	ReportPath string              // done
	FinishErr  error               // done: Finish refused
	Summary    *steps.RunSummary   // resume

	// Refused is steps' reason for not taking what was typed; Kept is
	// that text, offered again for correcting instead of typing anew.
	Refused, Kept string
	// Picked is a disabled choice the admin picked anyway: its reason is
	// shown while it stays disabled (R23: the open items are counted).
	Picked string
	// Note is a line the renderer puts under the choices (mail copied …).
	Note string
	// Item is the checklist item in front of the admin; the renderer
	// keeps it (the cursor, the next open item) and answers go to it.
	Item string
}

// Has reports whether an action of this visit set mark.
func (v *Visit) Has(mark string) bool { return v.marks[mark] }

func (v *Visit) set(mark string, on bool) {
	if mark == "" {
		return
	}
	if v.marks == nil {
		v.marks = map[string]bool{}
	}
	v.marks[mark] = on
}

// Open starts a visit of step and reads what the step shows from the
// wizard: the recommended path, the mails, the start-time check, the
// restore impact; the finish step finishes the run and writes its report.
func Open(e Engine, step steps.StepID) *Visit {
	v := &Visit{Step: step}
	v.N, v.Of = e.StepNumber()
	switch step {
	case steps.StepPath:
		v.Rec = e.RecommendedPath()
	case steps.StepRefreshRequest:
		v.Mail = e.RefreshMail()
	case steps.StepTimeGuard:
		v.Start = e.StartCheck()
	case steps.StepProblems:
		v.Mail = e.ProblemMail()
		v.Impact = e.RestoreImpact()
	case steps.StepDone:
		if !e.Snapshot().Finished {
			v.FinishErr = e.Finish()
		}
		v.ReportPath = e.Snapshot().ReportPath
		if v.ReportPath == "" {
			v.ReportPath, _ = e.WriteReport()
		}
		v.Mail = e.FinishMail() // W9: built by steps from the outcome, never here
	case StepStart, StepResume:
		v.N, v.Of = 0, 0
		v.Summary = e.Unfinished()
	}
	return v
}

// Facts is what a page is built from.
type Facts struct {
	S  steps.Snapshot
	UI *UI
	V  *Visit

	t  text.Texts
	st steptext.Texts
}

// Build returns the page of the visit for the snapshot s.
func Build(s steps.Snapshot, ui *UI, v *Visit) Page {
	f := Facts{S: s, UI: ui, V: v, t: ui.T, st: ui.ST}
	build := pages[v.Step]
	if build == nil {
		build = Facts.done
	}
	if h := s.Handover; h != nil && HandoverStep(h.Action) == v.Step {
		// The step is with the admin in the browser (issue 10, W8): its
		// page is the hand-over until it is settled or taken back.
		build = Facts.handover
	}
	p := build(f)
	p.Step = v.Step
	if p.Title == "" {
		p.Title = f.st.StepName(string(v.Step))
	}
	if v.Step != StepStart && v.Step != StepResume {
		p.N, p.Of = v.N, v.Of
	}
	// A disabled choice picked anyway says why, as long as it is disabled.
	for _, c := range p.Choices {
		if c.ID == v.Picked && c.Disabled != "" && p.Note == "" && p.Checklist == nil {
			p.Note = c.Disabled
		}
	}
	// A refusal of a choice without text (an inline one: "in the browser
	// instead" refused by W3) is said under the choices on any page.
	if v.Refused != "" && p.Note == "" && p.Checklist == nil {
		p.Note = v.Refused
	}
	return p
}

// pages is the one function per step.
var pages = map[steps.StepID]func(Facts) Page{
	StepStart:                Facts.start,
	StepResume:               Facts.resume,
	steps.StepConnect:        Facts.connect,
	steps.StepPreflight:      Facts.preflight,
	steps.StepPackage:        Facts.pkg,
	steps.StepPath:           Facts.path,
	steps.StepRefreshRequest: Facts.refresh,
	steps.StepParity:         Facts.parity,
	steps.StepTimeGuard:      Facts.timeGuard,
	steps.StepBackup:         Facts.backup,
	steps.StepInstall:        Facts.install,
	steps.StepSmoke:          Facts.smoke,
	steps.StepChecklist:      Facts.checklist,
	steps.StepGoLive:         Facts.goLive,
	steps.StepProblems:       Facts.problems,
	steps.StepDone:           Facts.done,
}

// Outcome is what a renderer does after an action returned.
type Outcome struct {
	Follow   Follow
	Chain    *Action // run this next, at once
	Exit     Exit
	Farewell string
	// Err: the action failed; the renderer shows the failure page
	// (NewFailure) with a retry of the same action where it makes sense.
	Err error
	// Reask: an inline refusal; the input opens again holding Visit.Kept.
	Reask bool
}

// Settle records what an action's result means for the visit and says
// what follows. Both renderers call it on their own goroutine, so the
// order of engine calls is the same in both.
func Settle(v *Visit, a *Action, arg Arg, err error) Outcome {
	if errors.Is(err, steps.ErrHandedOver) {
		// Not a failure: the action handed its step to the admin in the
		// browser, and the step's page now shows the hand-over.
		v.Refused, v.Kept = "", ""
		return Outcome{Follow: Stay}
	}
	if err != nil {
		var ref *steps.Refusal
		if a.Inline && errors.As(err, &ref) {
			v.Refused, v.Kept = ref.Reason, arg.Text
			return Outcome{Follow: Stay, Reask: a.Ask != nil}
		}
		return Outcome{Err: err}
	}
	v.Refused, v.Kept = "", ""
	v.set(a.Mark, true)
	v.set(a.Clear, false)
	if a.Settled != nil {
		a.Settled()
	}
	if a.Then.Chain != nil {
		return Outcome{Follow: Stay, Chain: a.Then.Chain}
	}
	return Outcome{Follow: a.Then.Follow, Exit: a.Then.Exit, Farewell: a.Then.Farewell}
}
