package page

import (
	"context"
	"errors"
	"strings"

	"github.com/visual4/1crm-update/steps"
	steptext "github.com/visual4/1crm-update/steps/text"
	"github.com/visual4/1crm-update/ui/text"
)

// Failure is the content of the error page: the cause in plain words,
// the technical detail, what state the server is in, and what is safe
// next. Showing it does not touch the journal.
type Failure struct {
	Cause  string
	Detail string // what the server said, labelled; replaced when a pick here fails
	Server string // the action's server state ("" when unknown)
	Code   string // text.CauseCodes
	Stage  steps.Stage
	// Refused: the wizard itself refused (steps.Refusal): repeating the
	// same call gives the same answer, so no retry is offered.
	Refused bool
	// Retry is the failed action, run again with Arg; nil = not offered.
	Retry *Action
	Arg   Arg
	// Relogin: 1CRM rejected the login; the password (and the user) is
	// asked again for LoginURL, then Retry runs.
	Relogin        bool
	LoginURL, User string
	Journal        string // where the journal of the run is kept
	// Action is the ID of the failed action ("" when not known).
	Action string
}

// NoRetry: failures after which repeating the action is what must not
// happen: an install that stopped half-way (the instance may be partly
// updated) goes to the partner first (R13, R14), not round again.
func NoRetry(code string) bool { return code == "install_failed" || code == "install_stuck" }

// NewFailure words err of action a (nil, or a quick call: not retried).
func NewFailure(ui *UI, err error, a *Action, arg Arg) *Failure {
	t := ui.T
	cause, detail := Explain(t, err)
	fl := &Failure{Cause: cause, Detail: detail, Code: CauseCode(err), Stage: ErrStage(err)}
	if a != nil {
		fl.Action = a.ID
	}
	var ref *steps.Refusal
	fl.Refused = errors.As(err, &ref)
	if a != nil && a.Run != nil && !fl.Refused {
		fl.Retry, fl.Arg = a, arg
		// The running action's server state helps when the connection
		// failed; when 1CRM itself answered with a failure, that answer is
		// the state, and "1CRM finishes the backup" would be wrong. A
		// local disk failure or a steps diagnosis says itself what
		// happened on the server ("nothing was changed").
		switch {
		case untouched(err):
			fl.Server = t.ServerUnchanged()
		case !a.Run.StateOnlyWhileRunning && !serverAnswered[fl.Code] && fl.Code != "local_disk" && !isSpecific(err):
			fl.Server = a.Run.Server
		}
		// A refused connection in the middle of the run is a dropped
		// server, not a wrong address: it answered a moment ago.
		if fl.Code == "network_refused" && !a.Run.FirstContact {
			fl.Code = "network_dropped"
			fl.Cause = t.Cause(fl.Code)
		}
	}
	if NoRetry(fl.Code) {
		fl.Retry = nil
	}
	// A rejected login is fixed by typing the password again, not by
	// retrying with the same one.
	if fl.Code == "wrong_password" && ui.CanRelogin && fl.Retry != nil {
		fl.Relogin = true
		fl.LoginURL = ui.LiveURL
		if fl.Stage == steps.StageTest && ui.TestURL != "" {
			fl.LoginURL = ui.TestURL
		}
		if ui.LoginUser != nil {
			fl.User = ui.LoginUser(fl.Stage)
		}
	}
	if ui.JournalPath != nil {
		fl.Journal = ui.JournalPath()
	}
	return fl
}

// Reword replaces the detail after a pick on the error page failed too.
func (fl *Failure) Reword(t text.Texts, err error) { fl.Detail = ErrorLine(t, err) }

// FailurePage offers what is safe after fl, for the step due in s.
func FailurePage(s steps.Snapshot, ui *UI, fl *Failure) Page {
	t, st := ui.T, ui.ST
	p := Page{Step: StepFailure, Title: st.StepName(string(s.Next)), Failure: fl}
	if fl.Retry != nil {
		p.Choices = append(p.Choices, Choice{ID: "retry", Key: "r", Label: hintLabel(t.ErrorRetryHint()), Do: fl.Retry})
	}
	if CanReportProblem(s.Next, fl) {
		// R13, R14: a backup or install that failed on the server goes to
		// the partner today, with the restore options; the error itself
		// is the note.
		note := ProblemNoteFor(t, st, s, s.Next, fl.Stage, fl.Cause, fl.Detail)
		p.Choices = append(p.Choices, Choice{ID: "problem", Key: "m", Label: hintLabel(t.ErrorProblemHint()),
			Do: &Action{ID: "report problem", Then: Then{Follow: Advance},
				Call: func(ctx context.Context, e Engine, _ Arg, _ func(any)) (any, error) {
					return nil, e.ReportProblem(note)
				}}})
	}
	back := t.ErrorBackHint()
	if fl.Refused && s.Next == steps.StepPackage {
		back = t.ErrorOtherPackageHint()
	}
	if !backRepeats(s, ui, fl) {
		p.Back = &Action{ID: "back", Then: Then{Follow: Advance}}
		p.Choices = append(p.Choices, Choice{ID: "back", Key: "esc", Label: hintLabel(back), Do: p.Back})
	}
	p.Choices = append(p.Choices,
		Choice{ID: "report", Key: "b", Label: hintLabel(t.ErrorReportHint()), Role: Extra, Do: &Action{ID: "report", Then: Then{Follow: ShowReport}}},
		Choice{ID: "quit", Key: "q", Label: hintLabel(t.ErrorQuitHint()), Do: &Action{ID: "quit", Then: Then{Follow: Quit, Exit: ExitFailed}}})
	return p
}

// backRepeats: "back" shows the due step's page afresh. Where that page
// starts the failed action by itself (connecting at step 1, the preflight,
// the checks after the install) there is no earlier screen to go back to:
// Esc would only run the action again, which "r" offers under its true
// name (and a refusal would only come again). Then no "back" is offered.
func backRepeats(s steps.Snapshot, ui *UI, fl *Failure) bool {
	if fl.Action == "" {
		return false
	}
	enter := Build(s, ui, &Visit{Step: s.Next}).Enter
	return enter != nil && enter.ID == fl.Action
}

// CanReportProblem: the failure happened where the server may have been
// changed (backup, install, the checks after it) — a case for the partner.
func CanReportProblem(next steps.StepID, fl *Failure) bool {
	if fl == nil || fl.Refused {
		return false
	}
	switch next {
	case steps.StepBackup, steps.StepInstall, steps.StepSmoke:
		return true
	}
	return false
}

// hintLabel is the text of a key hint without its key ("r — …").
func hintLabel(h string) string {
	if _, after, ok := strings.Cut(h, " — "); ok {
		return after
	}
	return h
}

// isSpecific: steps worded err from what it knew (steps.ActionError.Specific).
func isSpecific(err error) bool {
	var ae *steps.ActionError
	return errors.As(err, &ae) && ae.Specific
}

// untouched: the action failed before it reached the server.
func untouched(err error) bool {
	var ae *steps.ActionError
	return errors.As(err, &ae) && ae.Untouched
}

// ProblemNoteFor is the note of a failure at step next on stage. A failed
// backup or install is already in steps' problem mail with 1CRM's own
// message (Snapshot.Errors): the note then only says that the admin
// reported it instead of retrying, so the mail does not name the error twice.
func ProblemNoteFor(t text.Texts, st steptext.Texts, snap steps.Snapshot, next steps.StepID, stage steps.Stage, cause, detail string) string {
	if next == steps.StepBackup || next == steps.StepInstall {
		for _, e := range snap.Errors {
			if e.Step == next && e.Stage == stage {
				return t.ProblemReportedInstead(st.StepName(string(next)))
			}
		}
	}
	return ProblemNote(cause, detail)
}

// ErrStage is the instance an action error is about (live when unknown).
func ErrStage(err error) steps.Stage {
	var ae *steps.ActionError
	if errors.As(err, &ae) && ae.Stage != "" {
		return ae.Stage
	}
	return steps.StageLive
}

// ProblemNote is the note a failure goes to the partner with.
func ProblemNote(cause, detail string) string {
	if detail == "" {
		return cause
	}
	return cause + " — " + detail
}
