package tui

import (
	"crypto/x509"
	"errors"
	"net"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/widgets"
)

// failure is the error screen: cause in plain words, the technical detail,
// and what is safe next. The journal is not touched by showing it.
type failure struct {
	cause  string
	detail string
	retry  *action
}

func (m *Model) showError(err error, retry *action) tea.Cmd {
	cause, detail := m.explain(err)
	m.fail = &failure{cause: cause, detail: detail, retry: retry}
	return nil
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
		code = "network"
	}
	return code
}

func (m *Model) failView(width int) string {
	f := m.fail
	var b strings.Builder
	b.WriteString(m.s.Bad.Render(m.t.ErrorTitle()) + "\n\n")
	b.WriteString(m.s.Bold.Render(m.t.ErrorWhat()) + "\n")
	b.WriteString(widgets.Wrap(f.cause, width-2) + "\n")
	if f.detail != "" {
		b.WriteString(lines(m.s.Muted, widgets.Wrap(f.detail, width-2)) + "\n")
	}
	b.WriteString("\n" + m.s.Bold.Render(m.t.ErrorSafe()) + "\n")
	if f.retry != nil {
		b.WriteString("  " + m.t.ErrorRetryHint() + "\n")
	}
	b.WriteString("  " + m.t.ErrorBackHint() + "\n")
	b.WriteString("  " + m.t.ErrorReportHint() + "\n")
	b.WriteString("  " + m.t.ErrorQuitHint() + "\n")
	if m.o.JournalPath != nil {
		if p := m.o.JournalPath(); p != "" {
			// The path on a line of its own: a wrapped path cannot be copied.
			b.WriteString("\n" + lines(m.s.Muted, widgets.Wrap(m.t.ErrorJournalKept(""), width-2)) + "\n" + p)
		}
	}
	return b.String()
}

func (m *Model) failKey(k tea.KeyMsg) tea.Cmd {
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
	}
	return nil
}
