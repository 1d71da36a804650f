package steps

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps/journal"
	"github.com/visual4/1crm-update/steps/text"
)

// Errors in words. The Go error chain carries English prefixes
// ("the backup failed: …", "api: HTTP 500: …", `Get "http://…": dial tcp …`)
// that must never reach German (or any) user text. words turns an error
// into a sentence of the run's language plus, for a message 1CRM showed,
// that message labelled as 1CRM's; technical keeps the chain and the
// server's page excerpt (ServerMessageError.Detail) for the report's
// technical section and the journal.

// maxDetail bounds the page excerpt kept per error (spec: Detail ≤ 2 KiB).
const maxDetail = 2048

// wordedError is what the run keeps of one error.
type wordedError struct {
	Text      string // for people, in the run's language
	Technical string // Go error chain and page excerpt, secrets redacted
}

// words describes err for the admin. serverChanged matters for journal
// write failures only (was the server already changed by the action?).
func words(tx text.Texts, err error, host string, serverChanged bool) wordedError {
	if err == nil {
		return wordedError{}
	}
	var ae *ActionError
	if errors.As(err, &ae) && ae.Text != "" {
		return wordedError{Text: ae.Text, Technical: technical(ae.Err)}
	}
	return wordedError{Text: sentence(tx, err, host, serverChanged), Technical: technical(err)}
}

// sentence is the user text of err (without the action's own prefix).
func sentence(tx text.Texts, err error, host string, serverChanged bool) string {
	if cancelled(err) {
		return tx.Interrupted()
	}
	var we *journal.WriteError
	if errors.As(err, &we) {
		return tx.JournalWriteFailed(diskKind(err), we.Dir, serverChanged)
	}
	var dwe *crmclient.DownloadWriteError
	if errors.As(err, &dwe) {
		return tx.DownloadWriteFailed(diskKind(err), dwe.Dir())
	}
	var ref *Refusal
	if errors.As(err, &ref) {
		return ref.Reason
	}
	if s := waitWords(tx, err); s != "" {
		return s
	}
	kind := tx.ErrKind(errCode(err))
	var sm *crmclient.ServerMessageError
	// (upgrade.php's "please wait" is no message about the error: the
	// install goes on in the browser.)
	if errors.As(err, &sm) && strings.TrimSpace(sm.Text) != "" && !errors.Is(err, crmclient.ErrInstallNeedsBrowser) {
		return kind + " " + tx.ServerSaid(redact(strings.TrimSpace(sm.Text)))
	}
	if nk := netKind(err); nk != "" {
		return tx.ErrNetwork(nk, host)
	}
	var apiErr *crmclient.APIError
	if errors.As(err, &apiErr) && apiErr.Message != "" && errCodeOnly(err) == text.ErrCodeHTTP {
		return kind + " " + tx.ServerSaid(redact(apiErr.Message))
	}
	return kind
}

// waitWords words the end of a long wait (issue 8 item 7): a stalled
// install, an unconfirmed backup, a lost install; "" for anything else.
func waitWords(tx text.Texts, err error) string {
	var se *crmclient.StallError
	switch {
	case errors.As(err, &se) && errors.Is(err, crmclient.ErrInstallStalled):
		return tx.InstallStalled(tx.WaitDuration(se.Waited), se.Step, se.CheckURL, se.Alive)
	case errors.As(err, &se) && errors.Is(err, crmclient.ErrBackupUnconfirmed):
		return tx.BackupUnconfirmed(tx.WaitDuration(se.Waited), se.CheckURL)
	case errors.Is(err, crmclient.ErrInstallLost):
		return tx.InstallLost()
	}
	return ""
}

func errCodeOnly(err error) string { c, _ := errCode(err); return c }

// errCode classifies the typed client errors (crmclient/errors.go).
func errCode(err error) (string, string) {
	pairs := []struct {
		target error
		code   string
	}{
		{crmclient.ErrWrongPassword, text.ErrCodeWrongPassword},
		{crmclient.ErrCaptcha, text.ErrCodeCaptcha},
		{crmclient.ErrUpgradeInProgress, text.ErrCodeUpgradeInProgress},
		{crmclient.ErrInstallNeedsBrowser, text.ErrCodeInstallNeedsBrowser},
		{crmclient.ErrRedirectedHome, text.ErrCodeRedirectedHome},
		{crmclient.ErrNotAdmin, text.ErrCodeNotAdmin},
		{crmclient.ErrSessionExpired, text.ErrCodeSessionExpired},
		{crmclient.ErrAPINotAvailable, text.ErrCodeAPINotAvailable},
		{crmclient.ErrAPICredentials, text.ErrCodeAPICredentials},
		{crmclient.ErrPlainHTTPRefused, text.ErrCodePlainHTTP},
		{crmclient.ErrNotOneCRM, text.ErrCodeNotOneCRM},
		{crmclient.ErrUpgradesDisabled, text.ErrCodeUpgradesDisabled},
		{crmclient.ErrUploadDisabled, text.ErrCodeUploadDisabled},
		{crmclient.ErrUploadNotAccepted, text.ErrCodeUploadNotAccepted},
		{crmclient.ErrNotZip, text.ErrCodeNotZip},
		{crmclient.ErrInvalidVersion, text.ErrCodeInvalidVersion},
		{crmclient.ErrEmptyTypeIDVersion, text.ErrCodeEmptyFields},
		{crmclient.ErrInvalidType, text.ErrCodeInvalidType},
		{crmclient.ErrDuplicateUpload, text.ErrCodeDuplicateUpload},
		{crmclient.ErrOutdated, text.ErrCodeOutdated},
		{crmclient.ErrPrepareFailed, text.ErrCodePrepareFailed},
		{crmclient.ErrInstallFailed, text.ErrCodeInstallFailed},
		{crmclient.ErrInstallTimeout, text.ErrCodeInstallTimeout},
		{ErrInstallStuck, text.ErrCodeInstallStuck},
		{crmclient.ErrNoNewBackup, text.ErrCodeNoNewBackup},
		{crmclient.ErrBackupFailed, text.ErrCodeBackupFailed},
		{crmclient.ErrNotPDF, text.ErrCodeNotPDF},
		{crmclient.ErrNoAPIAuth, text.ErrCodeNoAPIAuth},
		{crmclient.ErrPackageNotUploaded, text.ErrCodeNotUploaded},
		{crmclient.ErrDeleteFailed, text.ErrCodeDeleteFailed},
		{crmclient.ErrDownloadNotZip, text.ErrCodeDownloadNotZip},
		{crmclient.ErrResumeURL, text.ErrCodeResumeURL},
		{crmclient.ErrServerError, text.ErrCodeServerError},
	}
	for _, p := range pairs {
		if errors.Is(err, p.target) {
			return p.code, ""
		}
	}
	var pc *crmclient.PageChangedError
	if errors.As(err, &pc) {
		return text.ErrCodePageChanged, pc.Page
	}
	var nj *crmclient.NotJSONError
	if errors.As(err, &nj) {
		return text.ErrCodeNotJSON, ""
	}
	var apiErr *crmclient.APIError
	if errors.As(err, &apiErr) {
		return text.ErrCodeHTTP, strconv.Itoa(apiErr.Status)
	}
	return text.ErrCodeUnknown, ""
}

// netKind classifies a transport failure; "" when err is none.
func netKind(err error) string {
	var dns *net.DNSError
	var uae x509.UnknownAuthorityError
	var hne x509.HostnameError
	var cie x509.CertificateInvalidError
	var cve *tls.CertificateVerificationError
	var rhe tls.RecordHeaderError
	var ne net.Error
	var op *net.OpError
	var ue *url.Error
	switch {
	case errors.As(err, &dns):
		return text.NetDNS
	case errors.As(err, &uae), errors.As(err, &hne), errors.As(err, &cie), errors.As(err, &cve), errors.As(err, &rhe):
		return text.NetTLS
	case errors.Is(err, syscall.ECONNREFUSED):
		return text.NetRefused
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE),
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return text.NetReset
	case errors.As(err, &ne) && ne.Timeout():
		return text.NetTimeout
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return text.NetOther
	case errors.As(err, &op), errors.As(err, &ue):
		return text.NetOther
	}
	if s := err.Error(); strings.Contains(s, "tls: ") || strings.Contains(s, "x509: ") {
		return text.NetTLS
	}
	return ""
}

// transportMarkers are what Go's HTTP transport writes into its errors;
// no 1CRM page says them.
var transportMarkers = []string{
	"read tcp ", "write tcp ", "readfrom tcp ", "dial tcp ", "connection reset by peer", "broken pipe",
	"unexpected eof", "use of closed network connection", "http: server closed idle connection",
	"tls: ", "x509: ",
}

// IsTransportText reports whether a text that came back as a "message" is
// really a Go network error. The client no longer wraps a send error as
// the server's message (crmclient.Upload returns the transport error), so
// steps does not need this any more; ui/tui's error screen still asks.
func IsTransportText(s string) bool {
	l := strings.ToLower(s)
	for _, m := range transportMarkers {
		if strings.Contains(l, m) {
			return true
		}
	}
	return false
}

// uploadCutWords words an upload whose body did not reach the server in
// full (sent < total): the connection dropped, whatever the client made
// of it — not the PHP upload limit, which 1CRM only shows after it has
// read the whole body. "" when the whole body was sent and the error is
// no transport error (then the usual words apply).
func (w *Wizard) uploadCutWords(c CRM, err error, sent, total int64) string {
	if !(total > 0 && sent < total) && netKind(err) == "" {
		return ""
	}
	return w.tx.UploadCut(hostOf(c.BaseURL()), w.tx.Size(sent), w.tx.Size(total))
}

// diskKind classifies a local write failure.
func diskKind(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT), errors.Is(err, syscall.EFBIG):
		return text.DiskFull
	case errors.Is(err, syscall.EROFS):
		return text.DiskReadOnly
	case errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EPERM):
		return text.DiskDenied
	}
	return text.DiskOther
}

// technical is the error chain plus the server's page excerpt, for the
// report's technical section and the journal; secrets redacted.
func technical(err error) string {
	if err == nil {
		return ""
	}
	s := redact(err.Error())
	var sm *crmclient.ServerMessageError
	if errors.As(err, &sm) && strings.TrimSpace(sm.Detail) != "" {
		d := strings.TrimSpace(sm.Detail)
		if len(d) > maxDetail {
			cut := maxDetail
			for cut > 0 && !utf8.RuneStart(d[cut]) {
				cut--
			}
			d = d[:cut] + "…"
		}
		s += "\n" + redact(d)
	}
	return s
}

// hostOf is the host part of a base URL, for network sentences.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	return u.Host
}

// sayErr words err of a call to c for people (smoke checks, verdicts).
func sayErr(tx text.Texts, c CRM, err error) string {
	host := ""
	if c != nil {
		host = hostOf(c.BaseURL())
	}
	return sentence(tx, err, host, false)
}
