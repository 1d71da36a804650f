package tui

import (
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/steps"
	steptext "github.com/visual4/1crm-update/steps/text"
	"github.com/visual4/1crm-update/ui/text"
	"github.com/visual4/1crm-update/ui/widgets"
)

// failure is the error screen: cause in plain words, the technical detail,
// what state the server is in, and what is safe next. The journal is not
// touched by showing it.
type failure struct {
	cause  string
	detail string
	server string // the action's server state ("" when unknown)
	retry  *action
	// refused: the wizard itself refused (steps.Refusal) — repeating the
	// same call gives the same answer, so no retry is offered.
	refused bool
	code    string
	stage   steps.Stage
	login   *loginForm // asks the password again after a rejected login
	scroll  scroller
}

// NoRetry: failures after which repeating the action is what must not
// happen: an install that stopped half-way (the instance may be partly
// updated) goes to the partner first (R13, R14), not round again.
func NoRetry(code string) bool { return code == "install_failed" || code == "install_stuck" }

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

func (m *Model) showError(err error, retry *action) tea.Cmd {
	cause, detail := m.explain(err)
	f := &failure{cause: cause, detail: detail, retry: retry, code: CauseCode(err), stage: ErrStage(err)}
	var ref *steps.Refusal
	if errors.As(err, &ref) {
		f.refused, f.retry = true, nil
	}
	if retry != nil {
		// The running action's server state helps when the connection
		// failed; when 1CRM itself answered with a failure, that answer is
		// the state and "1CRM finishes the backup" would be wrong.
		// A local disk failure or a steps diagnosis says itself what
		// happened on the server ("nothing was changed"): "1CRM finishes
		// the backup" would claim a backup that never started.
		switch {
		case untouched(err):
			f.server = m.t.ServerUnchanged()
		case !retry.stateOnlyWhileRunning && !serverAnswered[f.code] && f.code != "local_disk" && !isSpecific(err):
			f.server = retry.server
		}
		// A refused connection in the middle of the run is a dropped
		// server, not a wrong address: it answered a moment ago.
		if f.code == "network_refused" && !retry.firstContact {
			f.code = "network_dropped"
			f.cause = m.t.Cause(f.code)
		}
	}
	if NoRetry(f.code) {
		f.retry = nil
	}
	m.fail = f
	// A rejected login is fixed by typing the password again, not by
	// retrying with the same one (the known gap of the first version).
	if f.code == "wrong_password" && m.o.Relogin != nil && retry != nil {
		f.login = newLoginForm(m, f.stage)
		return f.login.form.Init()
	}
	return nil
}

// failView draws the error screen in room lines: what happened (scrolls
// with PgUp/PgDn when a server put a long text into its error) above what
// is safe to do now and where the journal is, which always stay in view.
func (m *Model) failView(width, room int) string {
	f := m.fail
	var top strings.Builder
	top.WriteString(m.s.Bad.Render(m.t.ErrorTitle()) + "\n\n")
	top.WriteString(m.s.Bold.Render(m.t.ErrorWhat()) + "\n")
	top.WriteString(widgets.Wrap(f.cause, width-2) + "\n")
	if f.detail != "" {
		top.WriteString(lines(m.s.Muted, widgets.Wrap(f.detail, width-2)) + "\n")
	}
	if f.server != "" && f.login == nil {
		label := m.t.ErrorServerState()
		top.WriteString("\n" + m.s.Bold.Render(label) + strings.TrimPrefix(widgets.Wrap(label+" "+f.server, width-2), label) + "\n")
	}
	if f.login != nil {
		return top.String() + "\n" + f.login.form.View()
	}
	var b strings.Builder
	b.WriteString(m.s.Bold.Render(m.t.ErrorSafe()) + "\n")
	if f.retry != nil {
		b.WriteString("  " + m.t.ErrorRetryHint() + "\n")
	}
	if m.canReportProblem() {
		b.WriteString("  " + m.t.ErrorProblemHint() + "\n")
	}
	if f.refused && m.e.Next() == steps.StepPackage {
		b.WriteString("  " + m.t.ErrorOtherPackageHint() + "\n")
	} else {
		b.WriteString("  " + m.t.ErrorBackHint() + "\n")
	}
	b.WriteString("  " + m.t.ErrorReportHint() + "\n")
	b.WriteString("  " + m.t.ErrorQuitHint())
	if m.o.JournalPath != nil {
		if p := m.o.JournalPath(); p != "" {
			// The path on a line of its own: a wrapped path cannot be copied.
			b.WriteString("\n\n" + lines(m.s.Muted, widgets.Wrap(m.t.ErrorJournalKept(""), width-2)) + "\n" + p)
		}
	}
	bottom := b.String()
	return f.scroll.window(m, top.String(), room-countLines(bottom)-1) + "\n\n" + bottom
}

func (m *Model) failKey(k tea.KeyMsg) tea.Cmd {
	if m.fail.login != nil {
		return m.loginKey(k)
	}
	if m.fail.scroll.handle(k) {
		return nil
	}
	switch k.String() {
	case "r":
		if m.fail.retry != nil {
			a := *m.fail.retry
			return m.start(a)
		}
	case "esc":
		m.fail = nil
		return m.advance()
	case "b":
		m.fail = nil
		m.scr = &reportScreen{text: m.e.Report(), prev: m.scr}
		return m.scr.init(m)
	case "q":
		m.exit = ExitFailed
		return tea.Quit
	case "m":
		if m.canReportProblem() {
			// R13, R14: a backup or install that failed on the server goes
			// to the partner today, with the restore options; the error
			// itself is the note.
			if err := m.e.ReportProblem(m.problemNote()); err != nil {
				m.fail.detail = ErrorLine(m.t, err)
				return nil
			}
			return m.advance()
		}
	}
	return nil
}

// canReportProblem: the failure happened where the server may have been
// changed (backup, install, the checks after it) — a case for the partner.
func (m *Model) canReportProblem() bool {
	if m.fail == nil || m.fail.refused {
		return false
	}
	switch m.e.Next() {
	case steps.StepBackup, steps.StepInstall, steps.StepSmoke:
		return true
	}
	return false
}

// problemNote is the note a failure goes to the partner with (R13, R14).
func (m *Model) problemNote() string {
	m.refresh()
	return ProblemNoteFor(m.t, m.st, m.snap, m.e.Next(), m.fail.stage, m.fail.cause, m.fail.detail)
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
