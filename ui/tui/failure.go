package tui

import (
	"crypto/x509"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps"
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

func (m *Model) showError(err error, retry *action) tea.Cmd {
	cause, detail := m.explain(err)
	f := &failure{cause: cause, detail: detail, retry: retry, code: CauseCode(err), stage: steps.StageLive}
	var ref *steps.Refusal
	if errors.As(err, &ref) {
		f.refused, f.retry = true, nil
	}
	var ae *steps.ActionError
	if errors.As(err, &ae) && ae.Stage != "" {
		f.stage = ae.Stage
	}
	if retry != nil {
		// The running action's server state helps when the connection
		// failed; when 1CRM itself answered with a failure, that answer is
		// the state and "1CRM finishes the backup" would be wrong.
		if !retry.stateOnlyWhileRunning && !serverAnswered[f.code] {
			f.server = retry.server
		}
		// A refused connection in the middle of the run is a dropped
		// server, not a wrong address: it answered a moment ago.
		if f.code == "network_refused" && !retry.firstContact {
			f.code = "network_dropped"
			f.cause = m.t.Cause(f.code)
		}
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

// serverAnswered are the causes where 1CRM itself reported the failure.
var serverAnswered = map[string]bool{
	"backup_failed": true, "install_failed": true, "prepare_failed": true, "upload_not_accepted": true,
	"upload_disabled": true, "bad_package": true, "invalid_version": true, "duplicate_upload": true,
	"outdated": true, "upgrades_disabled": true, "wrong_password": true, "not_admin": true,
}

// explain turns an error into a plain sentence (cause) and the technical
// text (detail). The wizard's errors are already free of secrets.
func (m *Model) explain(err error) (string, string) {
	var ref *steps.Refusal
	if errors.As(err, &ref) {
		r := ref.Reason
		if ref.Rule != "" {
			r += " (" + ref.Rule + ")"
		}
		return r, ""
	}
	return m.t.Cause(CauseCode(err)), Detail(err)
}

// Detail is the technical text of an error for a screen: whitespace
// collapsed and cut, because a server may put a whole HTML page into its
// error; the journal and the report keep the full text.
func Detail(err error) string {
	s := strings.Join(strings.Fields(err.Error()), " ")
	const max = 300
	if r := []rune(s); len(r) > max {
		s = string(r[:max-1]) + "…"
	}
	return s
}

// CauseCode sorts an error into one of text.CauseCodes, for a plain sentence.
func CauseCode(err error) string {
	detail := err.Error()
	var page *crmclient.PageChangedError
	var nj *crmclient.NotJSONError
	var ue x509.UnknownAuthorityError
	var he x509.HostnameError
	var ce *x509.CertificateInvalidError
	var ne net.Error
	code := "unknown"
	switch {
	case isCancel(err):
		code = "canceled"
	case errors.Is(err, crmclient.ErrWrongPassword):
		code = "wrong_password"
	case errors.Is(err, crmclient.ErrNotAdmin):
		code = "not_admin"
	case errors.Is(err, crmclient.ErrSessionExpired):
		code = "session_expired"
	case errors.Is(err, crmclient.ErrNotOneCRM), errors.As(err, &nj):
		code = "not_1crm"
	case errors.Is(err, crmclient.ErrPlainHTTPRefused):
		code = "plain_http"
	case errors.Is(err, crmclient.ErrUpgradesDisabled):
		code = "upgrades_disabled"
	case errors.Is(err, crmclient.ErrUploadDisabled):
		code = "upload_disabled"
	case errors.Is(err, crmclient.ErrUploadNotAccepted):
		code = "upload_not_accepted"
	case errors.Is(err, crmclient.ErrNotZip), errors.Is(err, crmclient.ErrEmptyTypeIDVersion), errors.Is(err, crmclient.ErrInvalidType):
		code = "bad_package"
	case errors.Is(err, crmclient.ErrInvalidVersion):
		code = "invalid_version"
	case errors.Is(err, crmclient.ErrDuplicateUpload):
		code = "duplicate_upload"
	case errors.Is(err, crmclient.ErrOutdated):
		code = "outdated"
	case errors.Is(err, crmclient.ErrPrepareFailed):
		code = "prepare_failed"
	case errors.Is(err, crmclient.ErrInstallFailed):
		code = "install_failed"
	case errors.Is(err, crmclient.ErrInstallTimeout):
		code = "install_timeout"
	case errors.Is(err, crmclient.ErrBackupFailed):
		code = "backup_failed"
	case errors.As(err, &page):
		code = "page_changed"
	case errors.As(err, &ue), errors.As(err, &he), errors.As(err, &ce), strings.Contains(detail, "x509:"):
		code = "tls"
	case errors.As(err, &ne):
		code = networkCode(err, ne)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		code = "network_dropped"
	}
	return code
}

// networkCode names the network failure as precisely as the error allows:
// "connection refused" and "no such host" call for different fixes.
func networkCode(err error, ne net.Error) string {
	var dns *net.DNSError
	switch {
	case errors.As(err, &dns):
		return "network_dns"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "network_refused"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return "network_dropped"
	case ne.Timeout():
		return "network_timeout"
	}
	return "network"
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
			if err := m.e.ReportProblem(ProblemNote(m.fail.cause, m.fail.detail)); err != nil {
				m.fail.detail = Detail(err)
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

// ProblemNote is the note a failure goes to the partner with.
func ProblemNote(cause, detail string) string {
	if detail == "" {
		return cause
	}
	return cause + " — " + detail
}
